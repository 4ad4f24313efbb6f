import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

type Data = Record<string, unknown>;

function asRecord(value: unknown): Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Labels of the timeline kinds written by handling: acceptance, notes, extensions, reply, review. */
export const handlingKindKeys: Record<string, MessageKey> = {
  accepted: 'timeline.accepted',
  returned: 'timeline.returned',
  progress: 'timeline.progress',
  contacted: 'timeline.contacted',
  coInput: 'timeline.coInput',
  extensionRequested: 'timeline.extensionRequested',
  extensionApproved: 'timeline.extensionApproved',
  extensionRefused: 'timeline.extensionRefused',
  completionReported: 'timeline.completionReported',
  sentBack: 'timeline.sentBack',
  closed: 'timeline.closed',
};

/**
 * A readable summary of a handling entry's data, or null for other kinds. The enterprise gets the
 * units' working notes without their data (the server blanks it): only the label shows then.
 */
export function useHandlingDetails(): (entry: TimelineEntry) => ReactNode {
  const { t } = useI18n();

  const line = (key: string, text: ReactNode) => (
    <div key={key} className="timeline-detail">
      {text}
    </div>
  );
  const text = (key: string, value: string | null, format?: MessageKey) =>
    value ? line(key, <span className="pre-wrap">{format ? t(format, { text: value }) : value}</span>) : null;
  const late = (data: Data, key: MessageKey) =>
    data.late === true ? line('late', <span className="request-overdue">{t(key)}</span>) : null;

  return (entry) => {
    const data = asRecord(entry.data);
    switch (entry.kind) {
      case 'accepted':
        return late(data, 'timeline.acceptedLate');
      case 'returned': {
        const count = typeof data.returnCount === 'number' ? data.returnCount : null;
        return (
          <>
            {text('reason', asString(data.reason), 'timeline.reason')}
            {count !== null && count > 1 ? line('count', t('timeline.returnCount', { count })) : null}
          </>
        );
      }
      case 'progress':
      case 'contacted':
      case 'coInput':
        return text('content', asString(data.content));
      case 'extensionRequested': {
        const date = asString(data.requestedDueDate);
        return (
          <>
            {date ? line('date', t('timeline.extensionTo', { date })) : null}
            {text('reason', asString(data.reason), 'timeline.reason')}
          </>
        );
      }
      case 'extensionApproved':
      case 'extensionRefused': {
        const date = asString(data.dueDate);
        const key = entry.kind === 'extensionApproved' ? 'timeline.deadlineNow' : 'timeline.deadlineKept';
        return (
          <>
            {date ? line('date', t(key, { date })) : null}
            {text('note', asString(data.note), 'timeline.note')}
          </>
        );
      }
      case 'completionReported':
        return late(data, 'timeline.reportedLate');
      case 'sentBack':
        return text('reason', asString(data.reason), 'timeline.reason');
      default:
        return null;
    }
  };
}
