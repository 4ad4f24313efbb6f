import { RedoOutlined, SendOutlined } from '@ant-design/icons';
import {
  type OutboxChannel,
  type OutboxStatus,
  outboxChannelLabels,
  outboxChannels,
  outboxStatuses,
  outboxStatusLabels,
} from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import type { paths } from '../../../api/schema.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../appeals/appealUi.tsx';
import './outbox.css';

type OutboxPage = paths['/api/admin/outbox']['get']['responses'][200]['content']['application/json'];
type Message = OutboxPage['items'][number];

const PAGE_SIZE = 20;

/** 消息投递: the outbox — what went out by e-mail, SMS, WeCom and webhook, what failed and why; retry. */
export default function OutboxPage() {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [channel, setChannel] = useState<OutboxChannel | undefined>(undefined);
  const [page, setPage] = useState(1);

  const outbox = useQuery({
    queryKey: ['outbox', { status, channel, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/admin/outbox', { params: { query: { status, channel, page, pageSize: PAGE_SIZE } } }),
      ),
  });
  const failures = useQuery({
    queryKey: ['outbox', 'failed-count'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/admin/outbox', { params: { query: { status: 'failed', pageSize: 1 } } })))
        .total,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['outbox'] });

  const retry = useMutation({
    mutationFn: (row: Message) =>
      unwrap(api.POST('/api/admin/outbox/{id}/retry', { params: { path: { id: row.id } } })),
    onSuccess: () => message.success(t('outbox.retried')),
    onError: (error) => showError(error),
    // Not awaited: the button stops spinning as soon as the server has answered.
    onSettled: () => void refresh(),
  });

  const deliver = useMutation({
    mutationFn: () => unwrap(api.POST('/api/admin/sweeps/outbox')),
    onSuccess: (result) => message.success(t('outbox.delivered', result)),
    onError: (error) => showError(error),
    // Not awaited: the button stops spinning as soon as the server has answered.
    onSettled: () => void refresh(),
  });

  const columns: TableColumnsType<Message> = [
    {
      title: t('outbox.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
    {
      title: t('outbox.channel'),
      dataIndex: 'channel',
      render: (value: OutboxChannel) => label(outboxChannelLabels[value]),
    },
    {
      title: t('outbox.recipient'),
      key: 'recipient',
      render: (_, row) => (
        <div>
          <div className="cell-strong">{row.personName ?? row.apiKeyName ?? ''}</div>
          <div className="cell-small break-all">{row.recipient}</div>
        </div>
      ),
    },
    { title: t('outbox.subject'), dataIndex: 'subject', responsive: ['lg'] },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (value: OutboxStatus) => (
        <Tag className={`outbox-status outbox-${value}`}>{label(outboxStatusLabels[value])}</Tag>
      ),
    },
    {
      title: t('outbox.attempts'),
      key: 'attempts',
      responsive: ['sm'],
      render: (_, row) => `${row.attempts} / ${row.maxAttempts}`,
    },
    {
      title: t('outbox.when'),
      key: 'when',
      responsive: ['md'],
      render: (_, row) => (
        <span className="nowrap">
          {row.sentAt
            ? formatDateTime(row.sentAt)
            : row.status === 'failed'
              ? ''
              : formatDateTime(row.nextAttemptAt)}
        </span>
      ),
    },
    {
      title: t('outbox.error'),
      dataIndex: 'lastError',
      render: (error: string | null) =>
        error ? <span className="outbox-error break-all">{error}</span> : null,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        row.status === 'failed' || row.status === 'pending' ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retry.isPending && retry.variables?.id === row.id}
            onClick={() => retry.mutate(row)}
            aria-label={t('outbox.retry.of', { subject: row.subject })}
          >
            {t('outbox.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.outbox')}
        description={t('outbox.description')}
        extra={
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={deliver.isPending}
            onClick={() => deliver.mutate()}
          >
            {t('outbox.deliverNow')}
          </Button>
        }
      />
      <Card>
        <div className="outbox-filters">
          <Select<OutboxStatus | 'all'>
            aria-label={t('outbox.filter.status')}
            value={status ?? 'all'}
            onChange={(value) => {
              setStatus(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('outbox.allStatuses') },
              ...outboxStatuses.map((value) => ({ value, label: label(outboxStatusLabels[value]) })),
            ]}
            popupMatchSelectWidth={false}
          />
          <Select<OutboxChannel | 'all'>
            aria-label={t('outbox.filter.channel')}
            value={channel ?? 'all'}
            onChange={(value) => {
              setChannel(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('outbox.allChannels') },
              ...outboxChannels.map((value) => ({ value, label: label(outboxChannelLabels[value]) })),
            ]}
            popupMatchSelectWidth={false}
          />
          {failures.data ? (
            <Button
              danger
              type="link"
              onClick={() => {
                setStatus('failed');
                setPage(1);
              }}
            >
              {t('outbox.failedAlert', { count: failures.data })}
            </Button>
          ) : null}
        </div>
        <Table<Message>
          rowKey="id"
          size="middle"
          loading={outbox.isFetching}
          columns={columns}
          dataSource={outbox.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: outbox.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
        />
      </Card>
    </>
  );
}
