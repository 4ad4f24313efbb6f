import { PlusOutlined } from '@ant-design/icons';
import { taskForcePositionLabels, taskForcePositions } from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { keys, useRegions } from '../../../api/queries.ts';
import type { TaskForceMember } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { useSignedIn } from '../../../auth/session.tsx';
import { RegionSelect } from '../../../components/OrgSelects.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { MemberModal } from './MemberModal.tsx';

/** The standing members of a region's "7+N" task force, by position. */
export default function TaskForcePage() {
  const { t, label } = useI18n();
  const session = useSignedIn();
  const [regionId, setRegionId] = useState(session.person.regionId);
  const [editing, setEditing] = useState<{ member: TaskForceMember | null } | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const regions = useRegions();
  const regionName = regions.data?.find((region) => region.id === regionId)?.name ?? '';

  const taskForce = useQuery({
    queryKey: keys.taskForce(regionId),
    queryFn: () => unwrap(api.GET('/api/org/task-force', { params: { query: { regionId } } })),
  });

  const remove = useMutation({
    mutationFn: (member: TaskForceMember) =>
      unwrap(api.DELETE('/api/org/task-force/{id}', { params: { path: { id: member.id } } })),
    onSuccess: () => message.success(t('taskForce.removed')),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.taskForce(regionId) }),
  });

  const members = taskForce.data?.members ?? [];

  const columns: TableColumnsType<TaskForceMember> = [
    {
      title: t('taskForce.personName'),
      dataIndex: 'personName',
      width: 120,
      render: (name: string) => <span className="cell-strong">{name}</span>,
    },
    { title: t('taskForce.title'), dataIndex: 'title', width: '32%' },
    {
      title: t('taskForce.unit'),
      dataIndex: 'unitName',
      responsive: ['md'],
      width: '30%',
      render: (name: string | null) => name ?? '',
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', responsive: ['lg'], width: 90 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, member) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            aria-label={`${t('common.edit')} ${member.personName}`}
            onClick={() => setEditing({ member })}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('taskForce.remove.confirm', { name: member.personName })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(member).catch(() => undefined)}
          >
            <Button
              type="link"
              size="small"
              danger
              aria-label={`${t('taskForce.remove')} ${member.personName}`}
            >
              {t('taskForce.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.taskForce')}
        description={t('taskForce.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ member: null })}>
            {t('taskForce.add')}
          </Button>
        }
      />
      <Card className="section-card">
        <div className="task-force-summary">
          <div className="filter-field">
            <label htmlFor="task-force-region">{t('taskForce.region')}</label>
            <RegionSelect
              id="task-force-region"
              value={regionId}
              onChange={setRegionId}
              style={{ minWidth: 200 }}
            />
          </div>
          <Statistic
            title={t('taskForce.standingUnits')}
            value={taskForce.data?.standingUnitCount ?? 0}
            suffix={<span className="statistic-suffix">+ N</span>}
            loading={taskForce.isLoading}
          />
          <Statistic
            title={t('taskForce.memberCount')}
            value={members.length}
            loading={taskForce.isLoading}
          />
        </div>
        <Typography.Paragraph className="muted task-force-help">
          {t('taskForce.standingUnits.help', { region: regionName })}
        </Typography.Paragraph>
      </Card>
      {!taskForce.isLoading && members.length === 0 ? (
        <Card>
          <Empty description={t('taskForce.empty')} />
        </Card>
      ) : null}
      {taskForcePositions.map((position) => {
        const group = members.filter((member) => member.position === position);
        if (group.length === 0) return null;

        return (
          <Card key={position} className="section-card">
            <Typography.Title level={2} className="section-title">
              {label(taskForcePositionLabels[position])}
              <span className="muted section-count">{t('common.count', { count: group.length })}</span>
            </Typography.Title>
            <Table<TaskForceMember>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={group}
              pagination={false}
              scroll={{ x: 560 }}
            />
          </Card>
        );
      })}
      <MemberModal
        open={editing !== null}
        regionId={regionId}
        member={editing?.member ?? null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
