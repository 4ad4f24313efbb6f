import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Radio,
  Result,
  Spin,
  Table,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { useRegions } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity, useSignedIn } from '../../auth/session.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { canOpen, routeOf } from '../../routes.tsx';
import { poolHref } from '../dashboard/links.ts';
import '../dashboard/dashboard.css';
import './rankings.css';

type Rankings = paths['/api/dashboard/rankings']['get']['responses'][200]['content']['application/json'];
type Query = NonNullable<paths['/api/dashboard/rankings']['get']['parameters']['query']>;
type RankingRow = Rankings['units'][number];
type CountFigure = keyof RankingRow['appeals'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FORMAT = 'YYYY-MM';

type Preset = 'month' | 'quarter' | 'year';
const presets: readonly Preset[] = ['month', 'quarter', 'year'];

/** A preset's first and last month, ending with the current one. */
function presetRange(preset: Preset, today: Dayjs = dayjs()): [string, string] {
  const to = today.format(FORMAT);
  switch (preset) {
    case 'month':
      return [to, to];
    case 'quarter':
      return [today.month(Math.floor(today.month() / 3) * 3).format(FORMAT), to];
    case 'year':
      return [today.month(0).format(FORMAT), to];
  }
}

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
  const [params, setParams] = useSearchParams();
  const regions = useRegions();
  const showError = useShowError();
  const choosesRegion = atCity === true;
  const poolRoute = routeOf('/appeals');
  const mayOpenPool = poolRoute ? canOpen(poolRoute, session.roles) : false;

  const [defaultFrom, defaultTo] = presetRange('quarter');
  const fromParam = params.get('from');
  const toParam = params.get('to');
  let from = fromParam && MONTH.test(fromParam) ? fromParam : defaultFrom;
  let to = toParam && MONTH.test(toParam) ? toParam : defaultTo;
  if (from > to) [from, to] = [to, from];
  const regionId = choosesRegion ? (params.get('regionId') ?? undefined) : undefined;
  const query: Query = { from, to, ...(regionId && { regionId }) };

  const rankings = useQuery({
    queryKey: ['rankings', query],
    queryFn: () => unwrap(api.GET('/api/dashboard/rankings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data: Rankings | undefined = rankings.data;
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/dashboard/rankings/export.xlsx', { params: { query }, parseAs: 'blob' }),
        'rankings.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const update = (patch: { from?: string; to?: string; regionId?: string }) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(patch)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const activePreset = presets.find((preset) => {
    const [a, b] = presetRange(preset);
    return a === from && b === to;
  });
  const presetLabel = (preset: Preset) => t(`rankings.preset.${preset}`);
  const pickerPresets = presets.map((preset) => {
    const [a, b] = presetRange(preset);
    return { label: presetLabel(preset), value: [dayjs(`${a}-01`), dayjs(`${b}-01`)] as [Dayjs, Dayjs] };
  });
  const href = (row: RankingRow, figure: CountFigure) => (mayOpenPool ? poolHref(row.appeals[figure]) : null);

  const regionName = regionId ? regions.data?.find((region) => region.id === regionId)?.name : undefined;
  const scope = choosesRegion ? (regionName ?? t('dashboard.region.all')) : session.person.regionName;

  return (
    <>
      <PageHeader
        title={t('menu.rankings')}
        description={t('rankings.description', { scope })}
        extra={
          <Button
            icon={<FileExcelOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
          >
            {t('rankings.export')}
          </Button>
        }
      />
      <Card className="section-card">
        <search className="filter-bar dashboard-filters" aria-label={t('dashboard.filters')}>
          <div className="filter-field">
            <label htmlFor="rankings-from">{t('dashboard.period')}</label>
            <label htmlFor="rankings-to" className="visually-hidden">
              {t('dashboard.period.to')}
            </label>
            <DatePicker.RangePicker
              picker="month"
              id={{ start: 'rankings-from', end: 'rankings-to' }}
              allowClear={false}
              value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
              presets={pickerPresets}
              placeholder={[t('dashboard.period.from'), t('dashboard.period.to')]}
              onChange={(values) => {
                const [a, b] = values ?? [];
                if (a && b) update({ from: a.format(FORMAT), to: b.format(FORMAT) });
              }}
            />
          </div>
          <div className="filter-field">
            <span id="rankings-presets-label" className="filter-label">
              {t('dashboard.presets')}
            </span>
            <Radio.Group
              aria-labelledby="rankings-presets-label"
              optionType="button"
              value={activePreset ?? null}
              onChange={(event) => {
                const [a, b] = presetRange(event.target.value as Preset);
                update({ from: a, to: b });
              }}
              options={presets.map((preset) => ({ value: preset, label: presetLabel(preset) }))}
            />
          </div>
          {choosesRegion ? (
            <div className="filter-field">
              <label htmlFor="rankings-region">{t('dashboard.region')}</label>
              <RegionSelect
                id="rankings-region"
                allowClear
                placeholder={t('dashboard.region.all')}
                value={regionId}
                onChange={(value) => update({ regionId: value })}
              />
            </div>
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
