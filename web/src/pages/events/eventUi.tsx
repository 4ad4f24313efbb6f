import { type EventStatus, eventKindLabels, eventStatuses, eventStatusLabels } from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useHandlingTiers } from '../../api/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { EventDetail, EventSummary } from './eventTypes.ts';

export const ISO_DATE = 'YYYY-MM-DD';

/** A document number as GB/T 9704-2012 writes it, e.g. 河府办〔2025〕12号 (the server checks the same). */
export const DOCUMENT_NUMBER = /^[\p{Script=Han}A-Za-z]+〔[1-9]\d{3}〕[1-9]\d*号$/u;

/** How far along the cycle a status is (0 = drafting). */
export function statusIndex(status: EventStatus): number {
  return eventStatuses.indexOf(status);
}

/** The event has reached (or passed) this status. */
export function reached(event: Pick<EventSummary, 'status'>, status: EventStatus): boolean {
  return statusIndex(event.status) >= statusIndex(status);
}

export function EventStatusTag({ status }: { status: EventStatus }) {
  const { label } = useI18n();
  return <Tag className={`event-status event-status-${status}`}>{label(eventStatusLabels[status])}</Tag>;
}

export function useEventKindName(): (kind: EventSummary['kind']) => string {
  const { label } = useI18n();
  return (kind) => label(eventKindLabels[kind]);
}

/**
 * How the catalogue's deadline stands: working days left while drafting (a warning from 2 days, red once
 * overdue), and the late flag once submitted after it.
 */
export function CatalogueDueNote({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const left = event.workingDaysToDue;
  let note: ReactNode = null;
  if (event.status === 'drafting' && left !== null) {
    if (left < 0) {
      note = <Tag className="due-tag due-overdue">{t('event.due.overdue', { days: -left })}</Tag>;
    } else if (left === 0) {
      note = <Tag className="due-tag due-warning">{t('event.due.today')}</Tag>;
    } else if (left <= 2) {
      note = <Tag className="due-tag due-warning">{t('event.due.left', { days: left })}</Tag>;
    } else {
      note = <span className="muted">{t('event.due.left', { days: left })}</span>;
    }
  }
  return (
    <span className="due-line">
      <span>{event.catalogueDueDate}</span>
      {note}
      {event.catalogueLate ? <Tag className="due-tag due-overdue">{t('event.late')}</Tag> : null}
    </span>
  );
}

/** Whether a date is a working day on the city's calendar, for date pickers' hints. */
export function useDayInfo(date: string | null | undefined) {
  return useQuery({
    queryKey: ['calendar', 'day', date],
    queryFn: () => unwrap(api.GET('/api/calendar/day', { params: { query: { date: date ?? '' } } })),
    enabled: Boolean(date),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * A line under a date picker: the weekday and whether the day is a working day. A weekend or a holiday
 * is a warning (the server refuses it anyway); an unknown year says the calendar does not cover it.
 */
export function WorkdayHint({ date }: { date: string | null | undefined }) {
  const { t } = useI18n();
  const day = useDayInfo(date);
  if (!date) return null;
  const weekday = dayjs(date).format('dddd');
  if (day.isError) return <span className="workday-hint muted">{t('event.day.unknown')}</span>;
  if (!day.data) return <span className="workday-hint muted">{weekday}</span>;
  const info = day.data;
  if (info.isWorkday) {
    return (
      <span className="workday-hint workday-ok">
        {info.kind === 'makeUpWorkday'
          ? t('event.day.makeUp', { weekday, name: info.name ?? '' })
          : t('event.day.workday', { weekday })}
      </span>
    );
  }
  return (
    <span className="workday-hint workday-not" role="alert">
      {info.kind === 'holiday'
        ? t('event.day.holiday', { weekday, name: info.name ?? '' })
        : t('event.day.weekend', { weekday })}
    </span>
  );
}

/** Dates before `after` (today by default, inclusive) cannot be picked. */
export function notAfter(after = dayjs()) {
  return (day: dayjs.Dayjs) => !day.isAfter(after, 'day');
}

/** The name of a handling tier in the interface language (deactivated tiers too). */
export function useTierName(): (code: string) => string {
  const { locale } = useI18n();
  const tiers = useHandlingTiers(true);
  const data = tiers.data;
  return useCallback(
    (code: string) => {
      const tier = data?.find((item) => item.code === code);
      if (!tier) return code;
      return locale === 'en' ? tier.nameEn : tier.nameZh;
    },
    [data, locale],
  );
}
