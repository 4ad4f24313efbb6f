import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import type { CommonIssue } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from './appealUi.tsx';
import './appeals.css';

/** 共性问题: problems shared by several appeals, as the office grouped them. */
export default function CommonIssuesPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const narrow = Grid.useBreakpoint().sm === false;
  const issues = useQuery({
    queryKey: keys.commonIssues,
    queryFn: () => unwrap(api.GET('/api/common-issues')),
  });
  const showError = useShowError();
  // The issues the search keeps, every one of them.
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/common-issues/export.xlsx', {
          params: { query: { q: search || undefined } },
          parseAs: 'blob',
        }),
        'common-issues.xlsx',
      ),
    onError: (error) => showError(error),
  });
  const rows = (issues.data ?? []).filter(
    (issue) => !search || issue.title.includes(search) || issue.description?.includes(search),
  );

  const columns: TableColumnsType<CommonIssue> = [
    {
      title: t('issue.title'),
      dataIndex: 'title',
      minWidth: 200,
      render: (title: string, issue) => (
        <div>
          <Link to={`/common-issues/${issue.id}`} className="cell-strong">
            {title}
          </Link>
          {issue.description ? (
            <div className="muted cell-small issue-description">{issue.description}</div>
          ) : null}
          {narrow ? (
            <div className="muted cell-small">
              {t('issue.appealCount', { count: issue.appealCount })} · {formatDateTime(issue.createdAt)}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('issue.appeals'), dataIndex: 'appealCount', align: 'right', width: 100, responsive: ['sm'] },
    {
      title: t('issue.createdBy'),
      dataIndex: 'createdByName',
      responsive: ['md'],
      render: (name: string | null) => name ?? '',
    },
    {
      title: t('issue.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['sm'],
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.commonIssues')}
        description={t('issues.description')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
          >
            {t('issues.export')}
          </Button>
        }
      />
      <Card>
        <search className="filter-bar" aria-label={t('pool.filters')}>
          <div className="filter-field">
            <label htmlFor="issues-search">{t('issues.search')}</label>
            <Input
              id="issues-search"
              allowClear
              value={search}
              onChange={(event) => setSearch(event.target.value.trim())}
            />
          </div>
        </search>
        <Table<CommonIssue>
          rowKey="id"
          size="middle"
          loading={issues.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Card>
    </>
  );
}
