import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../appeals/appealUi.tsx';
import type { EventDetail, HistoryEntry } from './eventTypes.ts';

const kindKeys: Record<string, MessageKey> = {
  created: 'event.history.created',
  edited: 'event.history.edited',
  itemsAdded: 'event.history.itemsAdded',
  itemRemoved: 'event.history.itemRemoved',
  catalogueSubmitted: 'event.history.catalogueSubmitted',
  proposalRecorded: 'event.history.proposalRecorded',
  catalogueApproved: 'event.history.catalogueApproved',
  catalogueReopened: 'event.history.catalogueReopened',
  noticeIssued: 'event.history.noticeIssued',
  opinionsCompiled: 'event.history.opinionsCompiled',
  opinionsEdited: 'event.history.opinionsEdited',
  opinionsApproved: 'event.history.opinionsApproved',
};

/** A value of the entry's data object by key. */
function field(data: unknown, key: string): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return (data as Record<string, unknown>)[key];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** The lines that say what an entry changed, in words. */
function useDetailLines(event: EventDetail): (entry: HistoryEntry) => string[] {
  const { t } = useI18n();
  const numberOf = (itemId: unknown) =>
    event.items.find((item) => item.id === itemId)?.appealNumber ?? t('event.history.removedItem');
  return (entry) => {
    const data = entry.data;
    switch (entry.kind) {
      case 'created':
        return [
          t('event.history.dates', {
            date: text(field(data, 'date')),
            due: text(field(data, 'catalogueDueDate')),
          }),
        ];
      case 'edited': {
        const lines: string[] = [];
        if (field(data, 'title') !== undefined)
          lines.push(t('event.history.title', { value: text(field(data, 'title')) }));
        if (field(data, 'date') !== undefined)
          lines.push(
            t('event.history.dates', {
              date: text(field(data, 'date')),
              due: text(field(data, 'catalogueDueDate')),
            }),
          );
        if (field(data, 'venue') !== undefined)
          lines.push(t('event.history.venue', { value: text(field(data, 'venue')) }));
        return lines;
      }
      case 'itemsAdded':
        return [t('event.history.count', { count: text(field(data, 'count')) })];
      case 'itemRemoved':
        return [text(field(data, 'appealNumber'))];
      case 'catalogueSubmitted':
        return [
          t('event.history.count', { count: text(field(data, 'items')) }),
          ...(field(data, 'late') === true ? [t('event.late')] : []),
        ];
      case 'proposalRecorded':
        return [`${numberOf(field(data, 'itemId'))}：${text(field(data, 'proposal'))}`];
      case 'catalogueApproved':
        return [t('event.revision.value', { revision: text(field(data, 'revision')) })];
      case 'catalogueReopened':
        return [t('event.history.reason', { reason: text(field(data, 'reason')) })];
      case 'noticeIssued':
        return [
          t('event.history.notice', {
            number: text(field(data, 'noticeNumber')),
            count: text(field(data, 'recipients')),
          }),
        ];
      case 'opinionsCompiled':
        return [text(field(data, 'opinionsNumber'))];
      case 'opinionsEdited': {
        if (field(data, 'itemId') !== undefined) {
          return [t('event.history.rulingEdited', { number: numberOf(field(data, 'itemId')) })];
        }
        const before = field(data, 'before');
        const after = field(data, 'after');
        const lines: string[] = [];
        if (text(field(before, 'opinionsNumber')) !== text(field(after, 'opinionsNumber')))
          lines.push(
            t('event.history.numberChanged', {
              from: text(field(before, 'opinionsNumber')),
              to: text(field(after, 'opinionsNumber')),
            }),
          );
        if (text(field(before, 'preface')) !== text(field(after, 'preface')))
          lines.push(t('event.history.prefaceChanged'));
        return lines;
      }
      case 'opinionsApproved':
        return [
          t('event.history.assigned', {
            count: text(field(data, 'assignments')),
            recipients: text(field(data, 'recipients')),
          }),
        ];
      default:
        return [];
    }
  };
}

/** 历史: everything that happened to the event, oldest first. */
export function HistoryTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const linesOf = useDetailLines(event);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title" className="tab-title">
        {t('event.tab.history')}
      </h2>
      <ol className="appeal-timeline event-history">
        {event.history.map((entry, index) => {
          const key = kindKeys[entry.kind];
          return (
            // History entries have no id; their order never changes.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <li key={index} className="timeline-entry">
              <div className="timeline-head">
                <span className="timeline-kind">{key ? t(key) : entry.kind}</span>
                <span className="muted timeline-meta">
                  {entry.actorName ?? t('common.none')} · {formatDateTime(entry.at)}
                </span>
              </div>
              {linesOf(entry).map((line) => (
                <div key={line} className="timeline-detail pre-wrap">
                  {line}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
