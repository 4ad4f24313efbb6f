import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { LEVELS, useLevelName } from './supervisionUi.tsx';

/** Labels of the timeline kinds written by supervision. */
export const supervisionKindKeys: Record<string, MessageKey> = {
  supervised: 'timeline.supervised',
  supervisionAnswered: 'timeline.supervisionAnswered',
};

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A readable summary of a supervision entry's data, or null for other kinds. */
export function useSupervisionDetails(): (entry: TimelineEntry) => ReactNode {
  const { t } = useI18n();
  const levelName = useLevelName();
  return (entry) => {
    const data = asRecord(entry.data);
    const level = LEVELS.find((l) => l === data.level);
    if (!level) return null;
    switch (entry.kind) {
      case 'supervised':
        return (
          <div className="timeline-detail">
            {t('supervision.timeline.supervised', {
              level: levelName(level),
              unit: typeof data.unitName === 'string' ? data.unitName : '',
              date: typeof data.answerDueDate === 'string' ? data.answerDueDate : '',
            })}
            {typeof data.documentNumber === 'string' ? `（${data.documentNumber}）` : ''}
          </div>
        );
      case 'supervisionAnswered':
        return (
          <div className="timeline-detail">
            {t(data.late === true ? 'supervision.timeline.answeredLate' : 'supervision.timeline.answered', {
              level: levelName(level),
            })}
          </div>
        );
      default:
        return null;
    }
  };
}
