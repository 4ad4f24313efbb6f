import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';

/** The jobs the server schedules (server/src/jobs/jobs.ts); an unknown one shows its identifier. */
const jobNames: Record<string, MessageKey> = {
  ratings: 'jobs.name.ratings',
  outbox: 'jobs.name.outbox',
  supervision: 'jobs.name.supervision',
  catalogueReminders: 'jobs.name.catalogueReminders',
  summaryReports: 'jobs.name.summaryReports',
  searchIndex: 'jobs.name.searchIndex',
};

interface Job {
  name: string;
  everyMs: number;
}

/** 定时任务: the sweeps every server runs on its own (each is idempotent), and a button to run one now. */
export default function JobsPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { message } = App.useApp();
  const [results, setResults] = useState<Record<string, Record<string, number>>>({});
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: () => unwrap(api.GET('/api/admin/jobs')),
  });
  const run = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/admin/jobs/{name}/run', { params: { path: { name } } })),
    onSuccess: (ran) => {
      setResults((previous) => ({ ...previous, [ran.name]: ran.result }));
      message.success(t('jobs.ran', { name: jobName(ran.name) }));
    },
    onError: (error) => showError(error),
  });

  function jobName(name: string): string {
    const key = jobNames[name];
    return key ? t(key) : name;
  }

  const columns: TableColumnsType<Job> = [
    {
      title: t('jobs.job'),
      dataIndex: 'name',
      render: (name: string) => (
        <>
          <div className="cell-strong">{jobName(name)}</div>
          <code className="muted">{name}</code>
        </>
      ),
    },
    {
      title: t('jobs.every'),
      dataIndex: 'everyMs',
      render: (everyMs: number) =>
        everyMs >= 60_000
          ? t('jobs.everyMinutes', { n: Math.round(everyMs / 60_000) })
          : t('jobs.everySeconds', { n: Math.round(everyMs / 1000) }),
    },
    {
      title: t('jobs.lastRun'),
      key: 'result',
      render: (_, job) => {
        const result = results[job.name];
        if (!result) return <span className="muted">{t('common.none')}</span>;
        const parts = Object.entries(result).map(([key, n]) => `${key} ${n}`);
        return parts.length > 0 ? parts.join(' · ') : t('jobs.nothing');
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, job) => (
        <Button
          icon={<PlayCircleOutlined />}
          aria-label={`${t('jobs.run')} ${jobName(job.name)}`}
          loading={run.isPending && run.variables === job.name}
          onClick={() => run.mutate(job.name)}
        >
          {t('jobs.run')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.jobs')} description={t('jobs.description')} />
      <Card>
        <Table<Job>
          rowKey="name"
          size="middle"
          loading={jobs.isFetching}
          columns={columns}
          dataSource={jobs.data ?? []}
          pagination={false}
        />
      </Card>
    </>
  );
}
