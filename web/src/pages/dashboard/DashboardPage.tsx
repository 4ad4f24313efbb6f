import {
  type AppealChannel,
  type AppealStatus,
  appealChannelLabels,
  appealChannels,
  appealStatuses,
  appealStatusLabels,
  type Role,
} from '@f2f/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Grid, Result, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useRegions, useUnits } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useAtCity, useSignedIn } from '../../auth/session.tsx';
import { UnitSelect } from '../../components/OrgSelects.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import { formatDateTime, useCategoryName } from '../appeals/appealUi.tsx';
import { useTierName } from '../verification/verificationUi.tsx';
import { type ChartItem, CountChart } from './charts.tsx';
import { type Kpi, KpiCards } from './KpiCards.tsx';
import { type AppealLinkParams, poolHref } from './links.ts';
import { PeriodFilter, RegionFilter } from './PeriodFilter.tsx';
import { MONTH_FORMAT, usePeriodParams } from './period.ts';
import { UnitsTable } from './UnitsTable.tsx';
import './dashboard.css';

export type DashboardData = paths['/api/dashboard']['get']['responses'][200]['content']['application/json'];
type DashboardCount = DashboardData['byStatus'][number];

/** The roles that see a region's figures (the city's, or their county's); the others see their unit's work. */
const REGION_ROLES: readonly Role[] = ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'];

type Preset = 'month' | 'quarter' | 'year' | 'last12';
const presets: readonly Preset[] = ['month', 'quarter', 'year', 'last12'];

function oneDecimal(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 1 }).format(value);
}

/** The months from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let month = dayjs(`${from}-01`);
  const last = dayjs(`${to}-01`);
  while (!month.isAfter(last) && months.length < 240) {
    months.push(month.format(MONTH_FORMAT));
    month = month.add(1, 'month');
  }
  return months;
}

/** 统计分析 / 领导驾驶舱: the city's, a county's or a unit's appeals in figures and charts, each a way into the pool. */
export default function DashboardPage() {
  const { t, label, locale } = useI18n();
  const session = useSignedIn();
  const atCity = useAtCity();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const categoryName = useCategoryName();
  const tierName = useTierName();
  const { params, from, to, update } = usePeriodParams('year');
  const regions = useRegions();
  const units = useUnits();

  // A unit's staff see their unit's work; the others a region's, or one unit's when they choose it.
  const unitStaff = !session.roles.some((role) => REGION_ROLES.includes(role));
  // Only the city's people choose a county; a county's are kept to theirs by the server.
  const choosesRegion = !unitStaff && atCity === true;
  // The figures open the pool, for those who may open it.
  const poolRoute = routeOf('/appeals');
  const mayOpenPool = poolRoute ? canOpen(poolRoute, session.roles) : false;

  const regionId = choosesRegion ? (params.get('regionId') ?? undefined) : undefined;
  const unitId = unitStaff ? undefined : (params.get('unitId') ?? undefined);
  const query = { from, to, ...(regionId && { regionId }), ...(unitId && { unitId }) };

  const dashboard = useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => unwrap(api.GET('/api/dashboard', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data = dashboard.data;

  const href = useCallback(
    (link: AppealLinkParams | null | undefined) => (mayOpenPool ? poolHref(link) : null),
    [mayOpenPool],
  );

  const charts = useMemo(() => {
    if (!data) return null;
    const items = (counts: readonly DashboardCount[], name: (count: DashboardCount) => string): ChartItem[] =>
      counts.map((count) => ({
        key: count.key,
        name: name(count),
        count: count.count,
        href: href(count.appeals),
      }));
    const monthName = (month: string) =>
      dayjs(`${month}-01`).format(locale === 'en' ? 'MMM YYYY' : 'YYYY年M月');
    // Every month of the period, those without appeals too, so that the axis is time.
    const byMonth = new Map(data.byMonth.map((count) => [count.key, count]));
    const months =
      data.from && data.to ? monthsBetween(data.from, data.to) : data.byMonth.map((count) => count.key);
    return {
      byMonth: months.map((month): ChartItem => {
        const count = byMonth.get(month);
        return {
          key: month,
          name: monthName(month),
          count: count?.count ?? 0,
          href: count ? href(count.appeals) : null,
        };
      }),
      byStatus: items(data.byStatus, (c) =>
        (appealStatuses as readonly string[]).includes(c.key)
          ? label(appealStatusLabels[c.key as AppealStatus])
          : c.key,
      ),
      byChannel: items(data.byChannel, (c) =>
        (appealChannels as readonly string[]).includes(c.key)
          ? label(appealChannelLabels[c.key as AppealChannel])
          : c.key,
      ),
      byCategory: items(data.byCategory, (c) => {
        const name = categoryName(c.key);
        return name === c.key ? (c.name ?? c.key) : name;
      }),
      byRegion: items(data.byRegion, (c) => c.name ?? c.key),
      byTier: items(data.byTier, (c) => {
        if (c.key === '') return t('dashboard.noTier');
        const name = tierName(c.key);
        return name === c.key ? (c.name ?? c.key) : name;
      }),
    };
  }, [data, locale, label, t, categoryName, tierName, href]);

  const kpis = useMemo((): Kpi[] => {
    if (!data) return [];
    const percent = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    const rate = (key: 'closureRate' | 'onTimeRate' | 'satisfactionRate' | 'reopenRate'): Kpi => {
      const figure = data[key];
      return {
        key,
        title: t(`dashboard.kpi.${key}`),
        help: t(`dashboard.kpi.${key}.help`),
        value: figure.rate === null ? t('dashboard.kpi.none') : percent.format(figure.rate),
        ratio: { numerator: figure.numerator, denominator: figure.denominator },
        href: href(figure.appeals),
      };
    };
    const list: Kpi[] = [
      {
        key: 'total',
        title: t('dashboard.kpi.total'),
        help: t('dashboard.kpi.total.help'),
        value: String(data.total.count),
        unit: t('dashboard.kpi.count'),
        href: href(data.total.appeals),
      },
      rate('closureRate'),
      rate('onTimeRate'),
      rate('satisfactionRate'),
      rate('reopenRate'),
    ];
    const { average, workingDays, count } = data.averageWorkingDaysToClose;
    list.push(
      {
        key: 'averageDays',
        title: t('dashboard.kpi.averageDays'),
        help: t('dashboard.kpi.averageDays.help'),
        value: average === null ? t('dashboard.kpi.none') : oneDecimal(average, locale),
        unit: average === null ? undefined : t('dashboard.kpi.days'),
        ratio: { numerator: workingDays, denominator: count },
        href: null,
      },
      {
        key: 'overdueNow',
        title: t('dashboard.kpi.overdueNow'),
        help: t('dashboard.kpi.overdueNow.help'),
        value: String(data.overdueNow),
        unit: t('dashboard.kpi.count'),
        href: data.overdueNow > 0 ? href(data.overdueNowAppeals) : null,
        alert: data.overdueNow > 0,
      },
    );
    return list;
  }, [data, locale, t, href]);

  const regionName = regions.data?.find((region) => region.id === regionId)?.name;
  const unitName = unitStaff
    ? session.person.orgName
    : unitId
      ? (units.data?.find((unit) => unit.id === unitId)?.name ?? data?.units[0]?.name)
      : undefined;
  const description = unitName
    ? t('dashboard.description.unit', { unit: unitName })
    : atCity === false
      ? t('dashboard.description.region', { region: session.person.regionName })
      : regionName
        ? t('dashboard.description.region', { region: regionName })
        : t('dashboard.description.city');

  return (
    <>
      <PageHeader title={t('menu.dashboard')} description={description} />
      <Card className="section-card">
        <search className="filter-bar dashboard-filters" aria-label={t('dashboard.filters')}>
          <PeriodFilter
            idPrefix="dashboard"
            presets={presets}
            presetLabel={(preset) => t(`dashboard.preset.${preset}`)}
            from={from}
            to={to}
            onChange={update}
          />
          {choosesRegion ? (
            <RegionFilter
              idPrefix="dashboard"
              value={regionId}
              // A unit of another county would count nothing: the unit is chosen again.
              onChange={(value) => update({ regionId: value, unitId: undefined })}
            />
          ) : (
            <div className="filter-field">
              <span className="filter-label">{t('dashboard.scope')}</span>
              <span className="dashboard-scope">
                {unitStaff ? session.person.orgName : session.person.regionName}
              </span>
            </div>
          )}
          {unitStaff ? null : (
            <div className="filter-field">
              <label htmlFor="dashboard-unit">{t('dashboard.unit')}</label>
              <UnitSelect
                id="dashboard-unit"
                allowClear
                regionId={choosesRegion ? regionId : session.person.regionId}
                placeholder={t('dashboard.unit.all')}
                value={unitId}
                onChange={(value) => update({ unitId: value })}
              />
            </div>
          )}
        </search>
      </Card>

      {dashboard.isError && !data ? (
        <Card>
          <Result
            status="warning"
            title={t('dashboard.error')}
            subTitle={dashboard.error instanceof Error ? dashboard.error.message : undefined}
          />
        </Card>
      ) : null}

      <Spin spinning={dashboard.isFetching} delay={200}>
        {data && charts ? (
          <>
            <section aria-labelledby="dashboard-kpis" className="dashboard-kpis">
              <h2 id="dashboard-kpis" className="visually-hidden">
                {t('dashboard.kpis')}
              </h2>
              <KpiCards kpis={kpis} />
              <p className="dashboard-as-of">{t('dashboard.asOf', { at: formatDateTime(data.asOf) })}</p>
            </section>
            {data.total.count === 0 ? (
              <Card>
                <Empty description={t('dashboard.empty')} />
              </Card>
            ) : (
              <>
                {mayOpenPool ? <p className="muted dashboard-hint">{t('dashboard.clickHint')}</p> : null}
                <Row gutter={[16, 16]}>
                  <Col xs={24}>
                    <CountChart
                      id="by-month"
                      title={t('dashboard.chart.byMonth')}
                      kind="column"
                      items={charts.byMonth}
                      narrow={narrow}
                    />
                  </Col>
                  <Col xs={24} lg={12}>
                    <CountChart
                      id="by-status"
                      title={t('dashboard.chart.byStatus')}
                      kind="bar"
                      items={charts.byStatus}
                      narrow={narrow}
                    />
                  </Col>
                  <Col xs={24} lg={12}>
                    <CountChart
                      id="by-channel"
                      title={t('dashboard.chart.byChannel')}
                      kind="pie"
                      items={charts.byChannel}
                      narrow={narrow}
                    />
                  </Col>
                  <Col xs={24} lg={12}>
                    <CountChart
                      id="by-category"
                      title={t('dashboard.chart.byCategory')}
                      kind="bar"
                      items={charts.byCategory}
                      narrow={narrow}
                    />
                  </Col>
                  {data.regionId === null && data.unitId === null ? (
                    <Col xs={24} lg={12}>
                      <CountChart
                        id="by-region"
                        title={t('dashboard.chart.byRegion')}
                        kind="column"
                        items={charts.byRegion}
                        narrow={narrow}
                      />
                    </Col>
                  ) : null}
                  <Col xs={24} lg={12}>
                    <CountChart
                      id="by-tier"
                      title={t('dashboard.chart.byTier')}
                      kind="pie"
                      items={charts.byTier}
                      narrow={narrow}
                    />
                  </Col>
                  <Col xs={24}>
                    <UnitsTable
                      units={data.units}
                      href={href}
                      unitHref={
                        unitStaff || data.unitId !== null
                          ? null
                          : (id) => {
                              const next = new URLSearchParams(params);
                              next.set('from', from);
                              next.set('to', to);
                              next.set('unitId', id);
                              return `/dashboard?${next.toString()}`;
                            }
                      }
                    />
                  </Col>
                </Row>
              </>
            )}
          </>
        ) : null}
      </Spin>
    </>
  );
}
