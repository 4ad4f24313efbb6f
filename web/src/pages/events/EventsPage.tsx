import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type EventStatus, eventStatuses, eventStatusLabels } from '@f2f/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CreateEventModal } from './CreateEventModal.tsx';
import { eventKeys } from './eventApi.ts';
import type { EventSummary } from './eventTypes.ts';
import { EventStatusTag, useEventKindName } from './eventUi.tsx';
import './events.css';

function statusOf(value: string | null): EventStatus | undefined {
  return eventStatuses.find((status) => status === value);
}

/** 面对面活动: the events of my region, newest first; the office creates them here. */
export default function EventsPage() {
  const { t, label } = useI18n();
  const { roles } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const kindName = useEventKindName();
  const status = statusOf(params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { status, page, pageSize: 20 };
  const mayCreate = roles.includes('taskForceOffice');

  const events = useQuery({
    queryKey: eventKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/events', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const showError = useShowError();
  // The same filter as the list, every row.
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/events/export.xlsx', { params: { query: { status } }, parseAs: 'blob' }),
        'events.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const update = (next: { status?: EventStatus; page?: number }) => {
    const search = new URLSearchParams();
    if (next.status) search.set('status', next.status);
    if (next.page && next.page > 1) search.set('page', String(next.page));
    setParams(search, { replace: true });
  };

  const columns: TableColumnsType<EventSummary> = [
    {
      title: t('event.title'),
      dataIndex: 'title',
      key: 'title',
      minWidth: 200,
      render: (title: string, event) => (
        <div>
          <Link to={`/events/${event.id}`} className="cell-strong">
            {title}
          </Link>
          <div className="muted cell-small">{kindName(event.kind)}</div>
        </div>
      ),
    },
    {
      title: t('event.date'),
      dataIndex: 'date',
      key: 'date',
      render: (date: string) => <span className="nowrap">{date}</span>,
    },
    { title: t('event.venue'), dataIndex: 'venue', key: 'venue', responsive: ['lg'] },
    { title: t('event.region'), dataIndex: 'regionName', key: 'regionName', responsive: ['xl'] },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      responsive: ['sm'],
      render: (value: EventStatus) => <EventStatusTag status={value} />,
    },
    {
      title: t('event.catalogueDue'),
      dataIndex: 'catalogueDueDate',
      key: 'catalogueDueDate',
      responsive: ['md'],
      render: (date: string) => <span className="nowrap">{date}</span>,
    },
    {
      title: t('event.itemCount'),
      dataIndex: 'itemCount',
      key: 'itemCount',
      align: 'right',
      responsive: ['md'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.events')}
        description={t('events.description')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('events.export')}
            </Button>
            {mayCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('event.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <search className="filter-bar events-filter" aria-label={t('events.filters')}>
          <div className="filter-field">
            <label htmlFor="events-status">{t('common.status')}</label>
            <Select<EventStatus>
              id="events-status"
              allowClear
              placeholder={t('common.all')}
              value={status}
              onChange={(value) => update({ status: value })}
              options={eventStatuses.map((value) => ({ value, label: label(eventStatusLabels[value]) }))}
              popupMatchSelectWidth={false}
              className="events-status-select"
            />
          </div>
        </search>
        <div className="table-scroll">
          <Table<EventSummary>
            rowKey="id"
            size="middle"
            loading={events.isFetching}
            columns={columns}
            dataSource={events.data?.items ?? []}
            locale={{ emptyText: t('events.empty') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: events.data?.total ?? 0,
              showTotal: (total) => t('common.total', { total }),
              onChange: (next) => update({ status, page: next }),
            }}
          />
        </div>
      </Card>
      {mayCreate ? (
        <CreateEventModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(event) => {
            setCreating(false);
            navigate(`/events/${event.id}`);
          }}
        />
      ) : null}
    </>
  );
}
