import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { CalendarDay } from '../../../api/types.ts';
import { PageSpin } from '../../../components/PageSpin.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { MonthGrid } from './MonthGrid.tsx';

const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

export function DayKindTag({ isOffDay }: { isOffDay: boolean }) {
  const { t } = useI18n();
  return isOffDay ? (
    <Tag className="kind-tag kind-holiday">{t('calendar.kind.holiday')}</Tag>
  ) : (
    <Tag className="kind-tag kind-makeup">{t('calendar.kind.makeUp')}</Tag>
  );
}

/** A year's arrangement as a list and as twelve month grids. */
export function YearDetail({ year, onEdit }: { year: number; onEdit?: () => void }) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: keys.calendarYear(year),
    queryFn: () => unwrap(api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
  });
  const byDate = useMemo(
    () => new Map((detail.data?.days ?? []).map((day) => [day.date, day])),
    [detail.data],
  );

  if (detail.isLoading || !detail.data) return <PageSpin />;

  const columns: TableColumnsType<CalendarDay> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      render: (date: string) => <span className="nowrap">{date}</span>,
    },
    { title: t('calendar.weekday'), key: 'weekday', render: (_, day) => dayjs(day.date).format('dddd') },
    { title: t('calendar.name'), dataIndex: 'name' },
    {
      title: t('calendar.kind'),
      dataIndex: 'isOffDay',
      render: (isOffDay: boolean) => <DayKindTag isOffDay={isOffDay} />,
    },
  ];

  return (
    <div>
      <div className="year-detail-head">
        <Typography.Title level={2} className="section-title">
          {t('calendar.year.title', { year })}
        </Typography.Title>
        {onEdit ? (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('calendar.editYear', { year })}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph className="muted year-source">
        {t('calendar.sourceLine', { source: detail.data.source ?? t('common.none') })}
        <br />
        {t('calendar.updatedLine', { at: dayjs(detail.data.updatedAt).format('YYYY-MM-DD HH:mm') })}
      </Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'list',
            label: t('calendar.view.list'),
            children: (
              <Table<CalendarDay>
                rowKey="date"
                size="small"
                columns={columns}
                dataSource={detail.data.days}
                pagination={false}
              />
            ),
          },
          {
            key: 'months',
            label: t('calendar.view.months'),
            children: (
              <>
                <div className="calendar-legend">
                  <span className="legend-item">
                    <span className="legend-swatch cal-holiday">{t('calendar.mark.holiday')}</span>
                    {t('calendar.kind.holiday')}
                  </span>
                  <span className="legend-item">
                    <span className="legend-swatch cal-makeup">{t('calendar.mark.makeUp')}</span>
                    {t('calendar.kind.makeUp')}
                  </span>
                  <span className="legend-item">
                    <span className="legend-swatch cal-weekend">6</span>
                    {t('calendar.kind.weekend')}
                  </span>
                </div>
                <div className="month-grids">
                  {MONTHS.map((month) => (
                    <MonthGrid key={month} year={year} month={month} days={byDate} />
                  ))}
                </div>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
