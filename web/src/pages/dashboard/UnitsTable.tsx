import { Card, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { DashboardData } from './DashboardPage.tsx';
import type { AppealLinkParams } from './links.ts';

type DashboardUnit = DashboardData['units'][number];
type Column = 'open' | 'closed' | 'closedOnTime' | 'overdueNow';
const countColumns: readonly Column[] = ['open', 'closed', 'closedOnTime', 'overdueNow'];

/**
 * The lead units' work: open, closed, closed on time and overdue now, each count a way to its appeals, and
 * the unit's name a way to its own dashboard (`unitHref`, for those who oversee several units).
 */
export function UnitsTable({
  units,
  href,
  unitHref,
}: {
  units: readonly DashboardUnit[];
  href: (link: AppealLinkParams | null) => string | null;
  unitHref: ((unitId: string) => string) | null;
}) {
  const { t, locale } = useI18n();
  const days = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 1 });
  const columns: TableColumnsType<DashboardUnit> = [
    {
      title: t('dashboard.unit.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, unit) =>
        unitHref ? (
          <Link to={unitHref(unit.unitId)} aria-label={t('dashboard.unit.dashboardOf', { unit: name })}>
            {name}
          </Link>
        ) : (
          name
        ),
    },
    ...countColumns.map((column) => ({
      title: t(`dashboard.unit.${column}`),
      dataIndex: column,
      key: column,
      align: 'right' as const,
      // On a phone: open and overdue, the figures to act on.
      ...(column === 'closed' || column === 'closedOnTime' ? { responsive: ['sm' as const] } : {}),
      render: (count: number, unit: DashboardUnit) => {
        const to = count > 0 ? href(unit.appeals[column]) : null;
        const text =
          column === 'overdueNow' && count > 0 ? <span className="kpi-alert">{count}</span> : count;
        return to ? (
          <Link
            to={to}
            aria-label={t('dashboard.unit.open.of', {
              unit: unit.name,
              column: t(`dashboard.unit.${column}`),
              count,
            })}
          >
            {text}
          </Link>
        ) : (
          text
        );
      },
    })),
    {
      title: t('dashboard.unit.averageDays'),
      dataIndex: 'averageWorkingDaysToClose',
      key: 'averageWorkingDaysToClose',
      align: 'right',
      responsive: ['sm'],
      render: (average: number | null) => (average === null ? t('dashboard.kpi.none') : days.format(average)),
    },
  ];
  return (
    <Card
      className="dashboard-card"
      title={
        <h2 id="units-title" className="dashboard-card-title">
          {t('dashboard.chart.units')}
        </h2>
      }
    >
      <section aria-labelledby="units-title" className="table-scroll">
        <Table<DashboardUnit>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={[...units]}
          pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        />
      </section>
    </Card>
  );
}
