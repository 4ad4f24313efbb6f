import {
  dissatisfactionReasonLabels,
  dissatisfactionReasons,
  ratingStatusLabels,
  ratingValueLabels,
} from '@f2f/contract';
import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { DissatisfactionReason, Rating, RatingValue } from './ratingsApi.ts';

/** The name of a dissatisfaction reason; an unknown code shows as it is. */
export function useReasonName(): (reason: string) => string {
  const { label } = useI18n();
  return (reason) => {
    const known = (dissatisfactionReasons as readonly string[]).includes(reason);
    return known ? label(dissatisfactionReasonLabels[reason as DissatisfactionReason]) : reason;
  };
}

export function RatingValueTag({ value }: { value: RatingValue }) {
  const { label } = useI18n();
  return <Tag className={`rating-value rating-value-${value}`}>{label(ratingValueLabels[value])}</Tag>;
}

export function RatingStatusTag({ status }: { status: Rating['status'] }) {
  const { label } = useI18n();
  return <Tag className={`rating-status rating-status-${status}`}>{label(ratingStatusLabels[status])}</Tag>;
}
