import { type TierRoute, tierRouteLabels, verificationRequestStatusLabels } from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useHandlingTiers } from '../../api/queries.ts';
import type { HandlingTier, VerificationRequest } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type RequestStatus = VerificationRequest['status'];

/** The name of a tier in the interface language; every tier, deactivated ones too (old appeals keep theirs). */
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

/** A tier by code, deactivated ones too. */
export function useTier(code: string | null | undefined): HandlingTier | undefined {
  const tiers = useHandlingTiers(true);
  return code ? tiers.data?.find((tier) => tier.code === code) : undefined;
}

/** Active tiers, in their order; value is the tier code. */
export function TierSelect(props: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { locale, t } = useI18n();
  const tiers = useHandlingTiers();
  const options = (tiers.data ?? [])
    .filter((tier) => tier.active)
    .map((tier) => ({
      value: tier.code,
      label: `${locale === 'en' ? tier.nameEn : tier.nameZh}（${t('tiers.days', { days: tier.deadlineWorkingDays })}）`,
    }));
  return (
    <Select<string>
      loading={tiers.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

export function TierRouteTag({ route }: { route: TierRoute }) {
  const { label } = useI18n();
  return <Tag className={`tier-route tier-route-${route}`}>{label(tierRouteLabels[route])}</Tag>;
}

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { label } = useI18n();
  return (
    <Tag className={`request-status request-status-${status}`}>
      {label(verificationRequestStatusLabels[status])}
    </Tag>
  );
}

/** Due date with what is left of it, or how late it is (red). */
export function RequestDue({ request }: { request: VerificationRequest }) {
  const { t } = useI18n();
  const left = request.workingDaysLeft;
  let note: string | null = null;
  if (request.overdue) {
    note = left !== null && left < 0 ? t('request.overdue', { days: -left }) : t('request.overdueShort');
  } else if (request.status === 'open' && left !== null) {
    note = left === 0 ? t('request.dueToday') : t('request.daysLeft', { days: left });
  }
  return (
    <span className="request-due">
      <span>{t('request.due', { date: request.dueDate })}</span>
      {note ? (
        <span className={request.overdue ? 'request-overdue' : 'muted request-left'}>{note}</span>
      ) : null}
    </span>
  );
}

/** Today on the browser's calendar, YYYY-MM-DD. */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** The date `days` working days after today (GET /api/calendar/shift), or undefined while unknown. */
export function useWorkdaysFromToday(days: number | null | undefined): string | undefined {
  const date = todayIso();
  const valid = typeof days === 'number' && Number.isInteger(days) && days > 0 && days <= 1000;
  const shifted = useQuery({
    queryKey: ['calendar', 'shift', date, days],
    queryFn: () =>
      unwrap(api.GET('/api/calendar/shift', { params: { query: { date, days: Number(days) } } })),
    enabled: valid,
    staleTime: 10 * 60_000,
  });
  return valid ? shifted.data?.date : undefined;
}
