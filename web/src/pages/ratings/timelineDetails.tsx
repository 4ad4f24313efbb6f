import { contactWayLabels, contactWays, ratingValueLabels, ratingValues } from '@f2f/contract';
import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useReasonName } from './ratingsUi.tsx';

type Data = Record<string, unknown>;

function asRecord(value: unknown): Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Labels of the timeline kinds written by ratings: the rating, reopening, explanation, follow-up. */
export const ratingKindKeys: Record<string, MessageKey> = {
  rated: 'timeline.rated',
  reopened: 'timeline.reopened',
  explained: 'timeline.explained',
  explanationApproved: 'timeline.explanationApproved',
  explanationRefused: 'timeline.explanationRefused',
  followedUp: 'timeline.followedUp',
};

/** A readable summary of a ratings entry's data, or null for other kinds. */
export function useRatingDetails(): (entry: TimelineEntry) => ReactNode {
  const { t, label } = useI18n();
  const reasonName = useReasonName();

  const line = (key: string, text: ReactNode) => (
    <div key={key} className="timeline-detail">
      {text}
    </div>
  );

  return (entry) => {
    const data = asRecord(entry.data);
    switch (entry.kind) {
      case 'rated': {
        const unit = asString(data.unitName);
        const value = oneOf(ratingValues, data.value);
        const reason = asString(data.reason);
        if (!unit || !value) return null;
        return (
          <>
            {line('value', t('timeline.rating', { unit, value: label(ratingValueLabels[value]) }))}
            {reason ? line('reason', t('ratings.reasonLine', { text: reasonName(reason) })) : null}
          </>
        );
      }
      case 'reopened': {
        const round = typeof data.round === 'number' ? data.round : null;
        const date = asString(data.dueDate);
        return round !== null && date ? line('round', t('timeline.reopenRound', { round, date })) : null;
      }
      case 'followedUp': {
        const date = asString(data.date);
        const way = oneOf(contactWays, data.way);
        const outcome = asString(data.outcome);
        return (
          <>
            {date && way
              ? line('line', t('followUps.line', { date, way: label(contactWayLabels[way]) }))
              : null}
            {outcome ? line('outcome', <span className="pre-wrap">{outcome}</span>) : null}
          </>
        );
      }
      default:
        return null;
    }
  };
}
