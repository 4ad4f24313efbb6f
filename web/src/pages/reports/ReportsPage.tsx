import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { reportPeriodKindLabels, reportPeriodKinds } from '@f2f/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Radio, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity, useSignedIn } from '../../auth/session.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import '../dashboard/dashboard.css';

type Query = paths['/api/reports/summary.docx']['get']['parameters']['query'];
type StoredReport =
  paths['/api/reports']['get']['responses'][200]['content']['application/json']['items'][number];
type Kind = (typeof reportPeriodKinds)[number];

const MONTH = 'YYYY-MM';
const quarterOf = (d: Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

/** 统计分析 / 定期报告: the Word summary of a month, quarter or range on demand, and the ones made on schedule. */
export default function ReportsPage() {
  const { t, label } = useI18n();
  const session = useSignedIn();
  const atCity = useAtCity();
  const showError = useShowError();
  // By default the last finished month and quarter.
  const lastMonth = dayjs().subtract(1, 'month').startOf('month');
  const lastQuarter = dayjs()
    .month(Math.floor(dayjs().month() / 3) * 3)
    .subtract(3, 'month')
    .startOf('month');
  const [kind, setKind] = useState<Kind>('quarter');
  const [month, setMonth] = useState<Dayjs>(lastMonth);
  const [quarter, setQuarter] = useState<Dayjs>(lastQuarter);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([lastMonth.subtract(2, 'month'), lastMonth]);
  const [regionId, setRegionId] = useState<string | undefined>(undefined);

  const query: Query = {
    period: kind,
    ...(kind === 'month' && { month: month.format(MONTH) }),
    ...(kind === 'quarter' && { quarter: quarterOf(quarter) }),
    ...(kind === 'range' && { from: range[0].format(MONTH), to: range[1].format(MONTH) }),
    ...(atCity && regionId && { regionId }),
  };
  const generate = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/reports/summary.docx', { params: { query }, parseAs: 'blob' }),
        'report.docx',
      ),
    onError: (error) => showError(error),
  });

  const reports = useQuery({
    queryKey: ['reports'],
    queryFn: () => unwrap(api.GET('/api/reports')),
  });
  const download = useMutation({
    mutationFn: (report: StoredReport) =>
      saveDownload(
        api.GET('/api/reports/{id}/download', { params: { path: { id: report.id } }, parseAs: 'blob' }),
        report.fileName,
      ),
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<StoredReport> = [
    { title: t('reports.col.title'), dataIndex: 'title', key: 'title' },
    {
      title: t('reports.col.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (value: StoredReport['kind']) => label(reportPeriodKindLabels[value]),
    },
    { title: t('reports.col.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('reports.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('reports.col.download'),
      key: 'download',
      render: (_value, report) => (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={download.isPending && download.variables?.id === report.id}
          onClick={() => download.mutate(report)}
          aria-label={t('reports.downloadOne', { name: report.fileName })}
        >
          {t('reports.download')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.reports')} description={t('reports.description')} />
      <Card
        className="section-card"
        title={<h2 className="dashboard-card-title">{t('reports.generate.title')}</h2>}
      >
        <search className="filter-bar dashboard-filters" aria-label={t('reports.generate.title')}>
          <div className="filter-field">
            <span id="report-kind-label" className="filter-label">
              {t('reports.kind')}
            </span>
            <Radio.Group
              aria-labelledby="report-kind-label"
              optionType="button"
              value={kind}
              onChange={(event) => setKind(event.target.value as Kind)}
              options={reportPeriodKinds.map((k) => ({ value: k, label: label(reportPeriodKindLabels[k]) }))}
            />
          </div>
          {kind === 'month' ? (
            <div className="filter-field">
              <label htmlFor="report-month">{t('reports.month')}</label>
              <DatePicker
                id="report-month"
                picker="month"
                allowClear={false}
                value={month}
                onChange={(value) => value && setMonth(value)}
              />
            </div>
          ) : null}
          {kind === 'quarter' ? (
            <div className="filter-field">
              <label htmlFor="report-quarter">{t('reports.quarter')}</label>
              <DatePicker
                id="report-quarter"
                picker="quarter"
                allowClear={false}
                value={quarter}
                onChange={(value) => value && setQuarter(value)}
              />
            </div>
          ) : null}
          {kind === 'range' ? (
            <div className="filter-field">
              <label htmlFor="report-from">{t('dashboard.period')}</label>
              <label htmlFor="report-to" className="visually-hidden">
                {t('dashboard.period.to')}
              </label>
              <DatePicker.RangePicker
                picker="month"
                id={{ start: 'report-from', end: 'report-to' }}
                allowClear={false}
                value={range}
                placeholder={[t('dashboard.period.from'), t('dashboard.period.to')]}
                onChange={(values) => {
                  const [a, b] = values ?? [];
                  if (a && b) setRange([a, b]);
                }}
              />
            </div>
          ) : null}
          {atCity ? (
            <div className="filter-field">
              <label htmlFor="report-region">{t('dashboard.region')}</label>
              <RegionSelect
                id="report-region"
                allowClear
                placeholder={t('dashboard.region.all')}
                value={regionId}
                onChange={(value) => setRegionId(value)}
              />
            </div>
          ) : atCity === false ? (
            <p className="muted">{t('reports.countyScope', { region: session.person.regionName })}</p>
          ) : null}
          <div className="filter-field">
            <Button
              type="primary"
              icon={<FileWordOutlined />}
              loading={generate.isPending}
              onClick={() => generate.mutate()}
            >
              {t('reports.generate')}
            </Button>
          </div>
        </search>
      </Card>
      <Card title={<h2 className="dashboard-card-title">{t('reports.stored.title')}</h2>}>
        <p className="muted">{t('reports.stored.description')}</p>
        <Table<StoredReport>
          aria-label={t('reports.stored.title')}
          rowKey="id"
          size="small"
          loading={reports.isLoading}
          columns={columns}
          dataSource={reports.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
    </>
  );
}
