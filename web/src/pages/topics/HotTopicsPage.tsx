import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Grid, Result, Row, Spin, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { useRegions } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useAtCity, useSignedIn } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import { type ChartItem, CountChart } from '../dashboard/charts.tsx';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { type AppealLinkParams, poolHref } from '../dashboard/links.ts';
import { PeriodFilter, RegionFilter } from '../dashboard/PeriodFilter.tsx';
import { usePeriodParams } from '../dashboard/period.ts';
import '../dashboard/dashboard.css';
import './topics.css';

type HotTopics = paths['/api/dashboard/hot-topics']['get']['responses'][200]['content']['application/json'];
type Query = NonNullable<paths['/api/dashboard/hot-topics']['get']['parameters']['query']>;

/** One row of either table: a word or a category with its trend. */
interface TrendRow {
  key: string;
  rank: number;
  name: string;
  count: number;
  previousCount: number;
  change: number;
  changeRate: number | null;
  href: string | null;
}

type Preset = 'month' | 'quarter' | 'last3' | 'year';
const presets: readonly Preset[] = ['month', 'last3', 'quarter', 'year'];

/** The trend of a row: an arrow and the change, with words for screen readers. */
function Trend({ row }: { row: TrendRow }) {
  const { t, locale } = useI18n();
  if (row.previousCount === 0 && row.count > 0) {
    return <span className="trend trend-up">{t('hotTopics.trend.new')}</span>;
  }
  const rate =
    row.changeRate === null
      ? ''
      : `（${new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', {
          style: 'percent',
          maximumFractionDigits: 1,
          signDisplay: 'exceptZero',
        }).format(row.changeRate)}）`;
  const [className, icon, words, shown] =
    row.change > 0
      ? [
          'trend-up',
          <ArrowUpOutlined key="icon" />,
          t('hotTopics.trend.up', { change: row.change }),
          `+${row.change}${rate}`,
        ]
      : row.change < 0
        ? [
            'trend-down',
            <ArrowDownOutlined key="icon" />,
            t('hotTopics.trend.down', { change: -row.change }),
            `${row.change}${rate}`,
          ]
        : ['trend-flat', <MinusOutlined key="icon" />, t('hotTopics.trend.flat'), '0'];
  // The arrow and the figure for the eye, the words for a screen reader.
  return (
    <span className={`trend ${className}`}>
      <span aria-hidden>
        {icon} {shown}
      </span>
      <span className="visually-hidden">{words}</span>
    </span>
  );
}

function TrendTable({ rows, nameTitle, label }: { rows: TrendRow[]; nameTitle: string; label: string }) {
  const { t } = useI18n();
  const columns: TableColumnsType<TrendRow> = [
    { title: t('hotTopics.col.rank'), dataIndex: 'rank', key: 'rank', width: 64, align: 'right' },
    {
      title: nameTitle,
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) =>
        row.href ? (
          <Link to={row.href} aria-label={t('hotTopics.open', { name, count: row.count })}>
            {name}
          </Link>
        ) : (
          name
        ),
    },
    { title: t('hotTopics.col.count'), dataIndex: 'count', key: 'count', align: 'right' },
    { title: t('hotTopics.col.previous'), dataIndex: 'previousCount', key: 'previous', align: 'right' },
    { title: t('hotTopics.col.trend'), key: 'trend', render: (_value, row) => <Trend row={row} /> },
  ];
  return (
    <Table<TrendRow>
      aria-label={label}
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
    />
  );
}

/** 统计分析 / 热点问题: the words and categories appeals mention most in a period, and how they moved. */
export default function HotTopicsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const atCity = useAtCity();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const { params, from, to, update } = usePeriodParams('last3');
  const regions = useRegions();
  const choosesRegion = atCity === true;
  const poolRoute = routeOf('/appeals');
  const mayOpenPool = poolRoute ? canOpen(poolRoute, session.roles) : false;

  const regionId = choosesRegion ? (params.get('regionId') ?? undefined) : undefined;
  const query: Query = { from, to, limit: 20, ...(regionId && { regionId }) };

  const topics = useQuery({
    queryKey: ['hot-topics', query],
    queryFn: () => unwrap(api.GET('/api/dashboard/hot-topics', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data: HotTopics | undefined = topics.data;

  const tables = useMemo(() => {
    if (!data) return null;
    const href = (link: AppealLinkParams) => (mayOpenPool ? poolHref(link) : null);
    const words: TrendRow[] = data.words.map((w, i) => ({
      key: w.word,
      rank: i + 1,
      name: w.word,
      count: w.count,
      previousCount: w.previousCount,
      change: w.change,
      changeRate: w.changeRate,
      href: href(w.appeals),
    }));
    const categories: TrendRow[] = data.categories.map((c, i) => ({
      key: c.code,
      rank: i + 1,
      name: c.name,
      count: c.count,
      previousCount: c.previousCount,
      change: c.change,
      changeRate: c.changeRate,
      href: href(c.appeals),
    }));
    const chart: ChartItem[] = words.map((w) => ({ key: w.key, name: w.name, count: w.count, href: w.href }));
    return { words, categories, chart };
  }, [data, mayOpenPool]);

  const regionName = regionId ? regions.data?.find((region) => region.id === regionId)?.name : undefined;
  const scope = choosesRegion ? (regionName ?? t('dashboard.region.all')) : session.person.regionName;

  return (
    <>
      <PageHeader
        title={t('menu.hotTopics')}
        description={t('hotTopics.description', { scope })}
        extra={
          <ExportButton
            download={() =>
              saveDownload(
                api.GET('/api/dashboard/hot-topics/export.xlsx', { params: { query }, parseAs: 'blob' }),
                'hot-topics.xlsx',
              )
            }
          >
            {t('hotTopics.export')}
          </ExportButton>
        }
      />
      <Card className="section-card">
        <search className="filter-bar dashboard-filters" aria-label={t('dashboard.filters')}>
          <PeriodFilter
            idPrefix="topics"
            presets={presets}
            presetLabel={(preset) => t(`hotTopics.preset.${preset}`)}
            from={from}
            to={to}
            onChange={update}
          />
          {choosesRegion ? (
            <RegionFilter
              idPrefix="topics"
              value={regionId}
              onChange={(value) => update({ regionId: value })}
            />
          ) : null}
        </search>
      </Card>

      {topics.isError && !data ? (
        <Card>
          <Result
            status="warning"
            title={t('dashboard.error')}
            subTitle={topics.error instanceof Error ? topics.error.message : undefined}
          />
        </Card>
      ) : null}

      <Spin spinning={topics.isFetching} delay={200}>
        {data && tables ? (
          <>
            <p className="muted topics-summary">
              {t('hotTopics.summary', {
                from: data.from,
                to: data.to,
                count: data.appealCount,
                previousFrom: data.previousFrom,
                previousTo: data.previousTo,
                previousCount: data.previousAppealCount,
              })}
            </p>
            {data.appealCount === 0 && data.previousAppealCount === 0 ? (
              <Card>
                <Empty description={t('dashboard.empty')} />
              </Card>
            ) : (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <CountChart
                    id="hot-words"
                    title={t('hotTopics.chart.words')}
                    kind="bar"
                    items={tables.chart}
                    narrow={narrow}
                  />
                </Col>
                <Col xs={24} xl={12}>
                  <Card
                    className="dashboard-card"
                    title={
                      <h2 id="hot-words-trend" className="dashboard-card-title">
                        {t('hotTopics.words')}
                      </h2>
                    }
                  >
                    <TrendTable
                      rows={tables.words}
                      nameTitle={t('hotTopics.col.word')}
                      label={t('hotTopics.words')}
                    />
                  </Card>
                </Col>
                <Col xs={24}>
                  <Card
                    className="dashboard-card"
                    title={
                      <h2 id="hot-categories" className="dashboard-card-title">
                        {t('hotTopics.categories')}
                      </h2>
                    }
                  >
                    <TrendTable
                      rows={tables.categories}
                      nameTitle={t('hotTopics.col.category')}
                      label={t('hotTopics.categories')}
                    />
                  </Card>
                </Col>
              </Row>
            )}
          </>
        ) : null}
      </Spin>
    </>
  );
}
