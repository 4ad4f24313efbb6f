import { Card, Empty, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type ChartOption, EChart } from './EChart.tsx';

/** One bar, point or slice: its label, its count and the pool's address of its appeals (null: no link). */
export interface ChartItem {
  key: string;
  name: string;
  count: number;
  href: string | null;
}

export type ChartKind = 'column' | 'bar' | 'pie';

/** The bars' colour (6:1 against white); browser tests find the bars by it. */
export const BAR_COLOR = '#1f5fbf';
/** Slices: distinct hues, each at least 3:1 against white (WCAG 1.4.11). */
const PIE_COLORS = ['#1f5fbf', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

function chartOption(kind: ChartKind, items: readonly ChartItem[], narrow: boolean): ChartOption {
  const cursor = (item: ChartItem) => (item.href ? 'pointer' : 'default');
  if (kind === 'pie') {
    return {
      color: PIE_COLORS,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '68%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{c}', color: '#333', overflow: 'truncate', width: narrow ? 90 : 140 },
          data: items.map((item) => ({ name: item.name, value: item.count, cursor: cursor(item) })),
        },
      ],
    };
  }
  const names = items.map((item) => item.name);
  const data = items.map((item) => ({ value: item.count, cursor: cursor(item) }));
  const labelWidth = narrow ? 84 : 150;
  const category = {
    type: 'category' as const,
    data: names,
    axisTick: { alignWithLabel: true },
    // Every label where there is room; on a phone ECharts leaves out those that would overlap.
    axisLabel: {
      color: '#444',
      overflow: 'truncate' as const,
      width: labelWidth,
      interval: narrow && kind === 'column' && items.length > 6 ? ('auto' as const) : 0,
    },
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: '#444' } };
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}' },
    grid: { left: 8, right: 24, top: 16, bottom: 8 },
    xAxis:
      kind === 'bar'
        ? value
        : { ...category, axisLabel: { ...category.axisLabel, rotate: items.length > 6 ? 30 : 0 } },
    yAxis: kind === 'bar' ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        data,
        itemStyle: { color: BAR_COLOR, borderRadius: kind === 'bar' ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        barMaxWidth: 36,
        label: { show: true, position: kind === 'bar' ? 'right' : 'top', color: '#333' },
      },
    ],
  };
}

/** The height a chart needs: horizontal bars grow with their count. */
function chartHeight(kind: ChartKind, count: number): number {
  if (kind === 'bar') return Math.max(160, 36 * count + 40);
  return 280;
}

function percent(part: number, whole: number, locale: string): string {
  if (whole === 0) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(part / whole);
}

/** The figures behind a chart, as a table whose counts link to their appeals: the chart's text alternative. */
function ChartTable({ items }: { items: readonly ChartItem[] }) {
  const { t, locale } = useI18n();
  const total = items.reduce((sum, item) => sum + item.count, 0);
  const columns: TableColumnsType<ChartItem> = [
    { title: t('dashboard.table.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('dashboard.table.count'),
      dataIndex: 'count',
      key: 'count',
      align: 'right',
      render: (count: number, item) =>
        item.href ? (
          <Link to={item.href} aria-label={t('dashboard.table.open', { name: item.name, count })}>
            {count}
          </Link>
        ) : (
          count
        ),
    },
    {
      title: t('dashboard.table.share'),
      key: 'share',
      align: 'right',
      render: (_value, item) => percent(item.count, total, locale),
    },
  ];
  return (
    <Table<ChartItem>
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={[...items]}
    />
  );
}

/**
 * A card with one chart of counts and, folded under it, the same figures as a table. Clicking a bar or a
 * slice, or a count of the table, opens the pool with the appeals behind it.
 */
export function CountChart({
  id,
  title,
  kind,
  items,
  narrow,
  extra,
}: {
  id: string;
  title: string;
  kind: ChartKind;
  items: readonly ChartItem[];
  narrow: boolean;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // The table is built when unfolded: a closed <details> does not render its content, and animations started
  // in it would never finish (nor would anything waiting for them).
  const [tableShown, setTableShown] = useState(false);
  const option = useMemo(() => chartOption(kind, items, narrow), [kind, items, narrow]);
  const summary = t('dashboard.chart.summary', {
    title,
    items: items.map((item) => t('dashboard.chart.item', { name: item.name, count: item.count })).join('，'),
  });
  const headingId = `${id}-title`;
  return (
    <Card
      className="dashboard-card"
      title={
        <h2 id={headingId} className="dashboard-card-title">
          {title}
        </h2>
      }
      extra={extra}
    >
      <section aria-labelledby={headingId} data-chart={id}>
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.chart.empty')} />
        ) : (
          <>
            <EChart
              option={option}
              label={summary}
              height={chartHeight(kind, items.length)}
              onItemClick={(index) => {
                const href = items[index]?.href;
                if (href) navigate(href);
              }}
            />
            <details className="dashboard-data" onToggle={(event) => setTableShown(event.currentTarget.open)}>
              <summary>{t('dashboard.table.show')}</summary>
              {tableShown ? <ChartTable items={items} /> : null}
            </details>
          </>
        )}
      </section>
    </Card>
  );
}
