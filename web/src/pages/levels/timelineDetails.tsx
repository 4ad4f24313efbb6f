import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

function asText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Labels of the timeline kinds written by county ↔ city moves. */
export const levelKindKeys: Record<string, MessageKey> = {
  escalated: 'timeline.escalated',
  handedDown: 'timeline.handedDown',
};

/** From which level to which, and why (the reason is hidden from the enterprise by the server). */
export function useLevelDetails(): (entry: TimelineEntry) => ReactNode {
  const { t } = useI18n();
  return (entry) => {
    if (entry.kind !== 'escalated' && entry.kind !== 'handedDown') return null;
    const data =
      typeof entry.data === 'object' && entry.data !== null ? (entry.data as Record<string, unknown>) : {};
    const from = asText(data.fromRegionName);
    const to = asText(data.toRegionName);
    const reason = asText(data.reason);
    return (
      <>
        {from && to ? <div className="timeline-detail">{t('levels.fromTo', { from, to })}</div> : null}
        {reason ? <div className="timeline-detail pre-wrap">{t('levels.reasonLine', { reason })}</div> : null}
      </>
    );
  };
}
