import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { CalendarYear } from '../../../api/types.ts';
import { useAtCity } from '../../../auth/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { NewYearModal } from './NewYearModal.tsx';
import { WorkdayCalculator } from './WorkdayCalculator.tsx';
import { YearDetail } from './YearDetail.tsx';
import { YearEditor } from './YearEditor.tsx';

/** The working-day calendar: which years it knows, each year's arrangement, and a calculator. */
export default function CalendarPage() {
  const { t } = useI18n();
  const years = useQuery({
    queryKey: keys.calendarYears,
    queryFn: () => unwrap(api.GET('/api/calendar/years')),
  });
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ year: number; isNew: boolean } | null>(null);
  const [choosingYear, setChoosingYear] = useState(false);
  // The holiday arrangement is the city's to keep; a county's administrator only reads it.
  const mayEdit = useAtCity() === true;
  const known = (years.data ?? []).map((year) => year.year);
  const currentYear = dayjs().year();
  const shown = selected ?? (known.includes(currentYear) ? currentYear : (known.at(-1) ?? null));

  const allColumns: TableColumnsType<CalendarYear> = [
    {
      title: t('calendar.year'),
      dataIndex: 'year',
      render: (year: number) => (
        <Button
          type="link"
          className="year-link"
          aria-pressed={year === shown}
          aria-label={t('calendar.showYear', { year })}
          onClick={() => setSelected(year)}
        >
          {year}
        </Button>
      ),
    },
    { title: t('calendar.holidayCount'), dataIndex: 'holidayCount' },
    { title: t('calendar.makeUpCount'), dataIndex: 'makeUpWorkdayCount' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      ellipsis: { showTitle: true },
      render: (source: string | null) => source ?? '',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, year) => (
        <Button
          type="link"
          size="small"
          aria-label={t('calendar.editYear', { year: year.year })}
          onClick={() => setEditing({ year: year.year, isNew: false })}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  const columns = mayEdit ? allColumns : allColumns.filter((column) => column.key !== 'actions');

  return (
    <>
      <PageHeader
        title={t('menu.calendar')}
        description={t('calendar.description')}
        extra={
          mayEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setChoosingYear(true)}>
              {t('calendar.addYear')}
            </Button>
          ) : null
        }
      />
      <div className="calendar-layout">
        <Card className="calendar-years">
          <Typography.Title level={2} className="section-title">
            {t('calendar.years')}
          </Typography.Title>
          <Table<CalendarYear>
            rowKey="year"
            size="small"
            loading={years.isLoading}
            columns={columns}
            dataSource={years.data ?? []}
            pagination={false}
            rowClassName={(year) => (year.year === shown ? 'row-selected' : '')}
          />
        </Card>
        <Card className="calendar-detail">
          {shown === null ? (
            <Empty description={t('calendar.noYears')} />
          ) : (
            <YearDetail
              year={shown}
              onEdit={mayEdit ? () => setEditing({ year: shown, isNew: false }) : undefined}
            />
          )}
        </Card>
        <Card className="calendar-calculator">
          <WorkdayCalculator />
        </Card>
      </div>
      <NewYearModal
        open={choosingYear}
        knownYears={known}
        onClose={() => setChoosingYear(false)}
        onChoose={(year) => {
          setChoosingYear(false);
          setEditing({ year, isNew: true });
        }}
      />
      <YearEditor
        year={editing?.year ?? null}
        isNew={editing?.isNew ?? false}
        onClose={() => setEditing(null)}
        onSaved={(year) => {
          setEditing(null);
          setSelected(year);
        }}
      />
    </>
  );
}
