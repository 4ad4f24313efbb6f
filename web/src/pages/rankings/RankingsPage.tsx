import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Result, Spin, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { useRegions } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useAtCity, useSignedIn } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { canOpen, routeOf } from '../../routes.tsx';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { poolHref } from '../dashboard/links.ts';
import { PeriodFilter, RegionFilter } from '../dashboard/PeriodFilter.tsx';
import { usePeriodParams } from '../dashboard/period.ts';
import '../dashboard/dashboard.css';
import './rankings.css';

type Rankings = paths['/api/dashboard/rankings']['get']['responses'][200]['content']['application/json'];
type Query = NonNullable<paths['/api/dashboard/rankings']['get']['parameters']['query']>;
type RankingRow = Rankings['units'][number];
type CountFigure = keyof RankingRow['appeals'];

type Preset = 'month' | 'quarter' | 'year';
const presets: readonly Preset[] = ['month', 'quarter', 'year'];

function RankingTable({
  rows,
  nameTitle,
  label,
  href,
}: {
  rows: readonly RankingRow[];
  nameTitle: string;
  label: string;
  href: (row: RankingRow, figure: CountFigure) => string | null;
}) {
  const { t, locale } = useI18n();
  const numberLocale = locale === 'en' ? 'en' : 'zh-CN';
  const percent = new Intl.NumberFormat(numberLocale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 2 });
  const rate = (value: number | null) => (value === null ? '—' : percent.format(value));

  const count = (
    figure: CountFigure,
    value: (row: RankingRow) => number,
    suffix?: (row: RankingRow) => string,
  ) => ({
    title: t(`rankings.col.${figure}` as MessageKey),
    key: figure,
    align: 'right' as const,
    render: (_: unknown, row: RankingRow) => {
      const n = value(row);
      const to = n > 0 ? href(row, figure) : null;
      const rest = suffix ? suffix(row) : '';
      return to ? (
        <>
          <Link
            to={to}
            aria-label={t('rankings.open', {
              name: row.name,
              figure: t(`rankings.col.${figure}` as MessageKey),
              count: n,
            })}
          >
            {n}
          </Link>
          {rest}
        </>
      ) : (
        `${n}${rest}`
      );
    },
  });
  const columns: TableColumnsType<RankingRow> = [
    {
      title: t('rankings.col.rank'),
      dataIndex: 'rank',
      key: 'rank',
      width: 64,
      align: 'right',
      fixed: 'left',
    },
    { title: nameTitle, dataIndex: 'name', key: 'name', fixed: 'left' },
    count('received', (r) => r.received),
    count('closed', (r) => r.closed),
    count('closedOnTime', (r) => r.closedOnTime),
    {
      title: t('rankings.col.onTimeRate'),
      key: 'onTimeRate',
      align: 'right',
      render: (_, r) => rate(r.onTimeRate),
    },
    {
      title: t('rankings.col.closureRate'),
      key: 'closureRate',
      align: 'right',
      render: (_, r) => rate(r.closureRate),
    },
    count(
      'satisfied',
      (r) => r.satisfied,
      (r) => ` / ${r.ratingsGiven}`,
    ),
    {
      title: t('rankings.col.satisfactionRate'),
      key: 'satisfactionRate',
      align: 'right',
      render: (_, r) => rate(r.satisfactionRate),
    },
    count('reopened', (r) => r.reopened),
    count('returned', (r) => r.returned),
    count('supervisionNotices', (r) => r.supervisionNotices),
    {
      title: t('rankings.col.averageWorkingDays'),
      key: 'averageWorkingDays',
      align: 'right',
      render: (_, r) => (r.averageWorkingDays === null ? '—' : decimal.format(r.averageWorkingDays)),
    },
    {
      title: t('rankings.col.score'),
      dataIndex: 'score',
      key: 'score',
      align: 'right',
      render: (score: number) => <strong>{decimal.format(score)}</strong>,
    },
  ];
  return (
    <Table<RankingRow>
      aria-label={label}
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={columns}
      dataSource={[...rows]}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rankings.empty')} /> }}
    />
  );
}

/** 统计分析 / 考核排名: units and counties by their score over a period, the formula beside them. */
export default function RankingsPage() {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const atCity = useAtCity();
  const { params, from, to, update } = usePeriodParams('quarter');
  const regions = useRegions();
  const choosesRegion = atCity === true;
  const poolRoute = routeOf('/appeals');
  const mayOpenPool = poolRoute ? canOpen(poolRoute, session.roles) : false;

  const regionId = choosesRegion ? (params.get('regionId') ?? undefined) : undefined;
  const query: Query = { from, to, ...(regionId && { regionId }) };

  const rankings = useQuery({
    queryKey: ['rankings', query],
    queryFn: () => unwrap(api.GET('/api/dashboard/rankings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data: Rankings | undefined = rankings.data;
  const href = (row: RankingRow, figure: CountFigure) => (mayOpenPool ? poolHref(row.appeals[figure]) : null);

  const regionName = regionId ? regions.data?.find((region) => region.id === regionId)?.name : undefined;
  const scope = choosesRegion ? (regionName ?? t('dashboard.region.all')) : session.person.regionName;

  return (
    <>
      <PageHeader
        title={t('menu.rankings')}
        description={t('rankings.description', { scope })}
        extra={
          <ExportButton
            download={() =>
              saveDownload(
                api.GET('/api/dashboard/rankings/export.xlsx', { params: { query }, parseAs: 'blob' }),
                'rankings.xlsx',
              )
            }
          >
            {t('rankings.export')}
          </ExportButton>
        }
      />
      <Card className="section-card">
        <search className="filter-bar dashboard-filters" aria-label={t('dashboard.filters')}>
          <PeriodFilter
            idPrefix="rankings"
            presets={presets}
            presetLabel={(preset) => t(`rankings.preset.${preset}`)}
            from={from}
            to={to}
            onChange={update}
          />
          {choosesRegion ? (
            <RegionFilter
              idPrefix="rankings"
              value={regionId}
              onChange={(value) => update({ regionId: value })}
            />
          ) : null}
        </search>
      </Card>

      {rankings.isError && !data ? (
        <Card>
          <Result
            status="warning"
            title={t('dashboard.error')}
            subTitle={rankings.error instanceof Error ? rankings.error.message : undefined}
          />
        </Card>
      ) : null}

      <Spin spinning={rankings.isFetching} delay={200}>
        {data ? (
          <>
            <Alert
              className="rankings-formula"
              type="info"
              showIcon
              message={<h2 className="rankings-formula-title">{t('rankings.formula')}</h2>}
              description={
                <p className="rankings-formula-text">{locale === 'en' ? data.formula.en : data.formula.zh}</p>
              }
            />
            <Card
              className="dashboard-card rankings-card"
              title={
                <h2 id="rankings-units" className="dashboard-card-title">
                  {t('rankings.units')}
                </h2>
              }
            >
              <RankingTable
                rows={data.units}
                nameTitle={t('rankings.col.unit')}
                label={t('rankings.units')}
                href={href}
              />
            </Card>
            <Card
              className="dashboard-card rankings-card"
              title={
                <h2 id="rankings-counties" className="dashboard-card-title">
                  {t('rankings.counties')}
                </h2>
              }
            >
              <RankingTable
                rows={data.counties}
                nameTitle={t('rankings.col.county')}
                label={t('rankings.counties')}
                href={href}
              />
            </Card>
          </>
        ) : null}
      </Spin>
    </>
  );
}
