import { ArrowLeftOutlined } from '@ant-design/icons';
import type { AppealChannel } from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealListItem } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AppealStatusTag, formatDateTime, useCategoryName, useChannelName } from './appealUi.tsx';
import './appeals.css';

/** A common issue and its appeals; the office can take an appeal out of it. */
export default function CommonIssueDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { roles } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  // DELETE /api/common-issues/:id/appeals/:appealId is the office's; the server checks each appeal.
  const mayRemove = roles.includes('taskForceOffice');

  const issue = useQuery({
    queryKey: [...keys.commonIssues, id],
    queryFn: () => unwrap(api.GET('/api/common-issues/{id}', { params: { path: { id } } })),
  });

  const remove = useMutation({
    mutationFn: (appeal: AppealListItem) =>
      unwrap(
        api.DELETE('/api/common-issues/{id}/appeals/{appealId}', {
          params: { path: { id, appealId: appeal.id } },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...keys.commonIssues, id], updated);
      message.success(t('issue.removed'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.commonIssues }),
        queryClient.invalidateQueries({ queryKey: keys.appeals }),
      ]);
    },
    onError: (error) => showError(error),
  });

  if (issue.isLoading) return <PageSpin />;
  if (!issue.data) {
    const missing = isApiError(issue.error, 'commonIssue.not_found');
    return (
      <>
        <PageHeader title={t('menu.commonIssue')} />
        <Result
          status={missing ? '404' : 'warning'}
          title={<h2 className="result-title">{missing ? t('issue.notFound') : t('error.unexpected')}</h2>}
          extra={
            <Button type="primary" onClick={() => navigate('/common-issues')}>
              {t('common.back')}
            </Button>
          }
        />
      </>
    );
  }
  const detail = issue.data;

  const columns: TableColumnsType<AppealListItem> = [
    {
      title: t('appeal.number'),
      dataIndex: 'number',
      render: (number: string, appeal) => (
        <Link to={`/appeals/${appeal.id}`} className="nowrap">
          {number}
        </Link>
      ),
    },
    {
      title: t('appeal.title'),
      dataIndex: 'title',
      minWidth: 160,
      render: (title: string, appeal) => (
        <div>
          <div className="cell-strong">{title}</div>
          <div className="muted cell-small">{appeal.enterpriseName}</div>
        </div>
      ),
    },
    { title: t('appeal.region'), dataIndex: 'regionName', responsive: ['md'] },
    {
      title: t('appeal.category'),
      dataIndex: 'category',
      responsive: ['sm'],
      render: (code: string) => categoryName(code),
    },
    {
      title: t('appeal.channel'),
      dataIndex: 'channel',
      responsive: ['lg'],
      render: (channel: AppealChannel) => channelName(channel),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (_, appeal) => <AppealStatusTag status={appeal.status} />,
    },
  ];
  if (mayRemove) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, appeal) => (
        <Popconfirm
          title={t('issue.remove.confirm', { number: appeal.number, title: detail.title })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutateAsync(appeal).catch(() => undefined)}
        >
          <Button
            type="link"
            size="small"
            danger
            aria-label={`${t('issue.remove')} ${appeal.number}`}
            loading={remove.isPending && remove.variables?.id === appeal.id}
          >
            {t('issue.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={detail.title}
        description={t('issue.detail.description')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/common-issues')}>
            {t('menu.commonIssues')}
          </Button>
        }
      />
      <Card className="section-card">
        <Typography.Title level={2} className="section-title">
          {t('issue.basics')}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('issue.appeals')}>{detail.appealCount}</Descriptions.Item>
          <Descriptions.Item label={t('issue.createdBy')}>
            {detail.createdByName ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('issue.createdAt')}>
            {formatDateTime(detail.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('issue.description')} span="filled">
            <span className="pre-wrap">{detail.description ?? t('common.none')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="section-card">
        <Typography.Title level={2} className="section-title">
          {t('issue.appeals')}
          <span className="section-count muted">{detail.appeals.length}</span>
        </Typography.Title>
        <Table<AppealListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={detail.appeals}
          scroll={detail.appeals.length > 0 ? { x: 520 } : undefined}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
    </>
  );
}
