import { ArrowLeftOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { appealStatusLabels, ratingValueLabels, supervisionLevelLabels } from '@f2f/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Statistic, Table, type TableColumnsType, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../appeals/appealUi.tsx';
import './accountability.css';

type Accountability =
  paths['/api/events/{id}/accountability']['get']['responses'][200]['content']['application/json'];
type Item = Accountability['items'][number];

/** 事项落实情况（一页看全）: every catalogue item of an event and where it stands now, printable on one page. */
export default function AccountabilityPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const view = useQuery({
    queryKey: ['events', 'one', id, 'accountability'],
    queryFn: () => unwrap(api.GET('/api/events/{id}/accountability', { params: { path: { id } } })),
  });
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/events/{id}/accountability/export.xlsx', { params: { path: { id } }, parseAs: 'blob' }),
        'accountability.xlsx',
      ),
    onError: (error) => showError(error),
  });

  if (view.isPending) return <PageSpin />;
  if (view.isError) {
    const notFound = isApiError(view.error) && view.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? t('event.notFound') : t('dashboard.error')}
        extra={
          <Button type="primary" onClick={() => navigate('/events')}>
            {t('event.backToList')}
          </Button>
        }
      />
    );
  }
  const data = view.data;

  const columns: TableColumnsType<Item> = [
    { title: t('accountability.col.index'), key: 'index', width: 48, render: (_v, _item, i) => i + 1 },
    {
      title: t('accountability.col.appeal'),
      key: 'appeal',
      render: (_v, item) => (
        <>
          <Link to={`/appeals/${item.appealId}`}>{item.appealNumber}</Link>
          <div>{item.title}</div>
          <div className="muted">{item.enterpriseName}</div>
        </>
      ),
    },
    {
      title: t('accountability.col.ruling'),
      dataIndex: 'ruling',
      key: 'ruling',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('accountability.col.units'),
      key: 'units',
      render: (_v, item) => (
        <>
          <div>{item.leadUnitName ?? '—'}</div>
          {item.coUnitNames.length > 0 ? (
            <div className="muted">
              {t('accountability.coUnits')}：{item.coUnitNames.join('、')}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('accountability.col.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('accountability.col.status'),
      key: 'status',
      render: (_v, item) => (
        <>
          <div>{label(appealStatusLabels[item.status])}</div>
          {item.onTime === true ? <Tag color="green">{t('accountability.onTime')}</Tag> : null}
          {item.overdue ? (
            <Tag color="red">{t('accountability.overdueDays', { days: item.daysOverdue })}</Tag>
          ) : null}
        </>
      ),
    },
    {
      title: t('accountability.col.lastProgress'),
      key: 'lastProgress',
      render: (_v, item) =>
        item.lastProgress ? (
          <>
            <div className="muted">{formatDate(item.lastProgress.at)}</div>
            <div>{item.lastProgress.content}</div>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('accountability.col.supervision'),
      key: 'supervision',
      render: (_v, item) =>
        item.supervisionLevel ? label(supervisionLevelLabels[item.supervisionLevel]) : '—',
    },
    {
      title: t('accountability.col.rating'),
      key: 'rating',
      render: (_v, item) => (item.rating ? label(ratingValueLabels[item.rating]) : '—'),
    },
  ];

  const counts: [string, number][] = [
    [t('accountability.count.total'), data.counts.total],
    [t('accountability.count.closed'), data.counts.closed],
    [t('accountability.count.closedOnTime'), data.counts.closedOnTime],
    [t('accountability.count.overdue'), data.counts.overdue],
    [t('accountability.count.supervised'), data.counts.supervised],
  ];

  return (
    <div className="accountability">
      <PageHeader
        title={t('accountability.title', { title: data.title })}
        description={t('accountability.description', {
          date: data.date,
          region: data.regionName,
          today: data.today,
        })}
        extra={
          <span className="no-print">
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/events/${id}`)}>
              {t('accountability.back')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('accountability.print')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('hotTopics.export')}
            </Button>
          </span>
        }
      />
      <Card className="section-card accountability-counts">
        <ul aria-label={t('accountability.counts')}>
          {counts.map(([title, value]) => (
            <li key={title}>
              <Statistic title={title} value={value} />
            </li>
          ))}
        </ul>
      </Card>
      <Card className="section-card">
        <Table<Item>
          aria-label={t('accountability.items')}
          rowKey="itemId"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={data.items}
          rowClassName={(item) => (item.overdue ? 'accountability-overdue' : '')}
        />
      </Card>
    </div>
  );
}
