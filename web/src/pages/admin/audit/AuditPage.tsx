import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../../../api/client.ts';
import { saveDownload } from '../../../api/download.ts';
import { keys } from '../../../api/queries.ts';
import type { AuditEntry, AuditQuery, AuditVerifyResult } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { PersonSelect } from '../../../components/OrgSelects.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { AuditChange } from './AuditChange.tsx';

interface Filter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** Dates are local (the city's) days: from the start of `from` up to the end of `to`. */
function toQuery(filter: Filter): Omit<AuditQuery, 'page' | 'pageSize'> {
  return {
    action: filter.action?.trim() || undefined,
    entityType: filter.entityType?.trim() || undefined,
    entityId: filter.entityId?.trim() || undefined,
    actorId: filter.actorId || undefined,
    from: filter.from ? filter.from.startOf('day').toISOString() : undefined,
    to: filter.to ? filter.to.add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

function VerifyOutcome({ result, error }: { result: AuditVerifyResult | undefined; error: unknown }) {
  const { t } = useI18n();
  if (error) {
    const text = error instanceof ApiError && error.message ? error.message : t('error.unexpected');
    return (
      <Alert
        type="error"
        showIcon
        title={t('audit.verify.broken')}
        description={text}
        className="form-alert"
      />
    );
  }
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        className="form-alert"
        title={t('audit.verify.ok', { count: result.checked })}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      title={t('audit.verify.broken')}
      description={t('audit.verify.brokenAt', {
        seq: result.firstBadSeq ?? '?',
        reason: result.reason ?? '',
        count: result.checked,
      })}
    />
  );
}

export default function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Omit<AuditQuery, 'page' | 'pageSize'>>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });

  const entries = useQuery({
    queryKey: [...keys.audit, filter, page],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query: { ...filter, ...page } } })),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
  const showError = useShowError();
  // The filters applied to the list, every row.
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/audit/export.xlsx', { params: { query: filter }, parseAs: 'blob' }),
        'audit.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, responsive: ['md'] },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (at: string) => <span className="nowrap">{dayjs(at).format('YYYY-MM-DD HH:mm:ss')}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (name: string | null) =>
        name ? <span className="nowrap">{name}</span> : <span className="muted">{t('audit.system')}</span>,
    },
    { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <code>{action}</code> },
    {
      title: t('audit.entity'),
      key: 'entity',
      responsive: ['sm'],
      render: (_, entry) =>
        entry.entityType ? (
          <span>
            {entry.entityType}
            {entry.entityId ? <span className="muted cell-small entity-id"> {entry.entityId}</span> : null}
          </span>
        ) : null,
    },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['lg'], render: (ip: string | null) => ip ?? '' },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.audit')}
        description={t('audit.description')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('audit.export')}
            </Button>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              {t('audit.verify')}
            </Button>
          </Space>
        }
      />
      <VerifyOutcome result={verify.data} error={verify.error} />
      <Card>
        <Form<Filter>
          form={form}
          name="audit-filter"
          layout="vertical"
          className="audit-filter"
          onFinish={(values) => {
            setFilter(toQuery(values));
            setPage((current) => ({ ...current, page: 1 }));
          }}
        >
          <Form.Item label={t('audit.action')} name="action" extra={t('audit.action.help')}>
            <Input allowClear placeholder="auth." />
          </Form.Item>
          <Form.Item label={t('audit.entityType')} name="entityType">
            <Input allowClear placeholder="person" />
          </Form.Item>
          <Form.Item label={t('audit.entityId')} name="entityId">
            <Input allowClear />
          </Form.Item>
          <Form.Item label={t('audit.actor')} name="actorId">
            <PersonSelect allowClear placeholder={t('people.search')} />
          </Form.Item>
          <Form.Item label={t('audit.from')} name="from">
            <DatePicker className="full-width" />
          </Form.Item>
          <Form.Item label={t('audit.to')} name="to">
            <DatePicker className="full-width" />
          </Form.Item>
          <Form.Item
            className="audit-filter-buttons"
            label={<span className="visually-hidden">{t('common.search')}</span>}
          >
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({});
                setPage((current) => ({ ...current, page: 1 }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          loading={entries.isFetching}
          columns={columns}
          dataSource={entries.data?.items ?? []}
          scroll={{ x: 760 }}
          expandable={{
            columnTitle: <span className="visually-hidden">{t('audit.details')}</span>,
            expandedRowRender: (entry) => <AuditChange entry={entry} />,
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (next) => setPage((current) => ({ ...current, page: next })),
          }}
        />
      </Card>
    </>
  );
}
