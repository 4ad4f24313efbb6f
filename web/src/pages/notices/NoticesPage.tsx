import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Pagination, Segmented, Spin, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { type Notice, useMarkRead, useMayFollow, useNotices } from './noticeApi.ts';
import './notices.css';

const PAGE_SIZE = 20;

/** 站内通知: my in-system notices, newest first; opening one marks it read. */
export default function NoticesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unread = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const notices = useNotices({ unread, page, pageSize: PAGE_SIZE });
  const markRead = useMarkRead();
  const mayFollow = useMayFollow();

  const update = (next: { unread: boolean; page: number }) => {
    const search = new URLSearchParams();
    if (next.unread) search.set('unread', 'true');
    if (next.page > 1) search.set('page', String(next.page));
    setParams(search, { replace: true });
  };

  const open = async (notice: Notice) => {
    if (!notice.readAt) await markRead.mutateAsync(notice.id).catch(() => undefined);
    if (notice.link) navigate(notice.link);
  };

  const data = notices.data;
  const items = data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('menu.notices')}
        description={
          data ? t('notices.summary', { total: data.total, unread: data.unread }) : t('notices.description')
        }
      />
      <Card>
        <div className="notices-filter">
          <Segmented<'all' | 'unread'>
            aria-label={t('notices.filter')}
            value={unread ? 'unread' : 'all'}
            onChange={(value) => update({ unread: value === 'unread', page: 1 })}
            options={[
              { value: 'all', label: t('notices.all') },
              { value: 'unread', label: t('notices.unreadOnly') },
            ]}
          />
        </div>
        <Spin spinning={notices.isFetching}>
          {items.length === 0 && !notices.isLoading ? (
            <Empty description={unread ? t('notices.noneUnread') : t('notices.none')} />
          ) : (
            <ul className="notice-list">
              {items.map((notice) => (
                <li key={notice.id} className={notice.readAt ? 'notice-item' : 'notice-item notice-unread'}>
                  <div className="notice-head">
                    <span className="notice-title">{notice.title}</span>
                    {notice.readAt ? null : <Tag className="notice-unread-tag">{t('notices.unread')}</Tag>}
                    <span className="muted notice-time">{formatDateTime(notice.createdAt)}</span>
                  </div>
                  <p className="notice-body">{notice.body}</p>
                  <div className="notice-actions">
                    {mayFollow(notice.link) ? (
                      <Button
                        size="small"
                        type="primary"
                        icon={<RightOutlined />}
                        onClick={() => void open(notice)}
                      >
                        {t('notices.open')}
                      </Button>
                    ) : null}
                    {notice.readAt ? (
                      <span className="muted cell-small">
                        {t('notices.readAt', { at: formatDateTime(notice.readAt) })}
                      </span>
                    ) : (
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        loading={markRead.isPending && markRead.variables === notice.id}
                        onClick={() => markRead.mutate(notice.id)}
                        aria-label={t('notices.markRead.of', { title: notice.title })}
                      >
                        {t('notices.markRead')}
                      </Button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Spin>
        {data && data.total > PAGE_SIZE ? (
          <Pagination
            className="cards-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            showSizeChanger={false}
            onChange={(next) => update({ unread, page: next })}
          />
        ) : null}
      </Card>
    </>
  );
}
