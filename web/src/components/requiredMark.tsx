import type { ReactNode } from 'react';

/**
 * antd draws the required asterisk with CSS ::before inside the <label>, so it becomes part of
 * the field's name ("* 单位名称") for screen readers and getByLabel. A render function turns that
 * off; styles.css draws the asterisk on the label's container instead, outside the label text.
 * Inputs still carry aria-required.
 */
export function requiredMark(label: ReactNode): ReactNode {
  return label;
}
