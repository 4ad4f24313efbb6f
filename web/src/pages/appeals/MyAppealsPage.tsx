import { EditOutlined } from '@ant-design/icons';
import type { AppealChannel } from '@f2f/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Input, Pagination, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealListItem } from '../../api/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AppealStatusTag, formatDateTime, useCategoryName, useChannelName } from './appealUi.tsx';
import './appeals.css';

const PAGE_SIZE = 10;

/** 我的诉求: the enterprise's appeals from every channel; cards on a phone, a table on a wider screen. */
export default function MyAppealsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  const narrow = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string>();
  const [searchText, setSearchText] = useState('');

  const appeals = useQuery({
    queryKey: [...keys.appeals, 'list', 'mine', { q, page }],
    queryFn: () => unwrap(api.GET('/api/appeals', { params: { query: { q, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const items = appeals.data?.items ?? [];
  const total = appeals.data?.total ?? 0;

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
      render: (title: string) => <span className="cell-strong">{title}</span>,
    },
    { title: t('appeal.category'), dataIndex: 'category', render: (code: string) => categoryName(code) },
    {
      title: t('appeal.channel'),
      dataIndex: 'channel',
      render: (channel: AppealChannel) => channelName(channel),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (_, appeal) => <AppealStatusTag status={appeal.status} />,
    },
    {
      title: t('appeal.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
  ];

  const cards = (
    <ul className="appeal-cards">
      {items.map((appeal) => (
        <li key={appeal.id} className="appeal-card">
          <Link to={`/appeals/${appeal.id}`} className="appeal-card-title">
            {appeal.title}
          </Link>
          <div className="appeal-card-meta">
            <AppealStatusTag status={appeal.status} />
            <span className="muted">{appeal.number}</span>
          </div>
          <dl className="appeal-card-facts">
            <div>
              <dt>{t('appeal.category')}</dt>
              <dd>{categoryName(appeal.category)}</dd>
            </div>
            <div>
              <dt>{t('appeal.channel')}</dt>
              <dd>{channelName(appeal.channel)}</dd>
            </div>
            <div>
              <dt>{t('appeal.submittedAt')}</dt>
              <dd>{formatDateTime(appeal.submittedAt)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <PageHeader
        title={t('menu.myAppeals')}
        description={t('myAppeals.description')}
        extra={
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/appeals/submit')}>
            {t('menu.submitAppeal')}
          </Button>
        }
      />
      <search className="my-search" aria-label={t('pool.filters')}>
        <label htmlFor="my-appeals-q" className="visually-hidden">
          {t('pool.search')}
        </label>
        <Input.Search
          id="my-appeals-q"
          allowClear
          value={searchText}
          placeholder={t('pool.search.placeholder')}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => {
            setQ(value.trim() || undefined);
            setPage(1);
          }}
          enterButton={t('common.search')}
        />
      </search>
      {appeals.isLoading ? (
        <PageSpin />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={q ? t('myAppeals.noMatch') : t('myAppeals.empty')}>
            {q ? null : (
              <Button type="primary" onClick={() => navigate('/appeals/submit')}>
                {t('menu.submitAppeal')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : narrow ? (
        <>
          {cards}
          <Pagination
            className="cards-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={total}
            onChange={setPage}
            showTotal={(count) => t('common.total', { total: count })}
            simple
          />
        </>
      ) : (
        <Card>
          <Table<AppealListItem>
            rowKey="id"
            size="middle"
            loading={appeals.isFetching}
            columns={columns}
            dataSource={items}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total,
              showSizeChanger: false,
              showTotal: (count) => t('common.total', { total: count }),
              onChange: setPage,
            }}
          />
        </Card>
      )}
    </>
  );
}
