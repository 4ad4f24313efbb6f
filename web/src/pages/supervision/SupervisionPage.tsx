import { DownloadOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity, useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import {
  downloadNotice,
  type SupervisionLevel,
  type SupervisionSettings,
  type SupervisionWorkspace,
  supervisionKeys,
  useSupervisionAction,
  useSupervisionSettings,
  useWorkspace,
  type WorkspaceItem,
} from './supervisionApi.ts';
import { LEVELS, LevelTag, useLevelName, WarningTag } from './supervisionUi.tsx';
import './supervision.css';

interface IssueValues {
  level: SupervisionLevel;
  note: string;
  answerWorkingDays: number;
}

/** One step of the ladder: the next level preselected, never one below the highest taken. */
function IssueModal({
  item,
  settings,
  onClose,
}: {
  item: WorkspaceItem | null;
  settings: SupervisionSettings | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const levelName = useLevelName();
  const [form] = Form.useForm<IssueValues>();
  const lowest = item?.highestLevel ? LEVELS.indexOf(item.highestLevel) : 0;

  useEffect(() => {
    if (!item) return;
    const level = item.nextLevel ?? item.highestLevel ?? 'reminder';
    form.setFieldsValue({
      level,
      note: '',
      answerWorkingDays: settings?.answerWorkingDays[level] ?? 5,
    });
  }, [item, form, settings]);

  const mutation = useSupervisionAction<IssueValues>({
    form,
    fields: { 'request.invalid': 'note' },
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/supervision/actions', {
          body: {
            assignmentId: item?.assignmentId ?? '',
            level: values.level,
            note: values.note.trim(),
            answerWorkingDays: values.answerWorkingDays,
          },
        }),
      ),
    done: (values) => t('supervision.issue.done', { level: levelName(values.level) }),
  });

  return (
    <Modal
      open={item !== null}
      title={item ? t('supervision.issue.title', { title: item.appealTitle }) : ''}
      okText={t('supervision.issue.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<IssueValues> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('supervision.issue.level')}
          name="level"
          extra={
            item?.highestLevel
              ? t('supervision.issue.levelHelp', { level: levelName(item.highestLevel) })
              : undefined
          }
          rules={[{ required: true }]}
        >
          <Select<SupervisionLevel>
            options={LEVELS.slice(lowest).map((level) => ({ value: level, label: levelName(level) }))}
            onChange={(level) =>
              form.setFieldValue('answerWorkingDays', settings?.answerWorkingDays[level] ?? 5)
            }
          />
        </Form.Item>
        <Form.Item
          label={t('supervision.issue.note')}
          name="note"
          extra={t('supervision.issue.noteHelp')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('supervision.issue.days')} name="answerWorkingDays" rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeButton({ item }: { item: WorkspaceItem }) {
  const { t } = useI18n();
  const showError = useShowError();
  const download = useMutation({
    mutationFn: () =>
      item.latestNotice
        ? downloadNotice(item.latestNotice.id, `督办单-${item.appealNumber}.docx`)
        : Promise.resolve(),
    onError: (error) => showError(error),
  });
  if (!item.latestNotice) return null;
  return (
    <Button
      icon={<FileWordOutlined />}
      loading={download.isPending}
      onClick={() => download.mutate()}
      aria-label={t('supervision.downloadFor', { number: item.appealNumber })}
    >
      {t('supervision.download')}
    </Button>
  );
}

function GroupCard({ title, groups }: { title: string; groups: SupervisionWorkspace['byUnit'] }) {
  const { t } = useI18n();
  return (
    <Card
      title={
        <Typography.Title level={2} className="section-title">
          {title}
        </Typography.Title>
      }
    >
      {groups.length === 0 ? (
        <span className="muted">{t('common.none')}</span>
      ) : (
        <ul className="supervision-group-list">
          {groups.map((group) => (
            <li key={group.id}>
              <span>{group.name}</span>
              <span>
                <span className="supervision-count-red">{t('supervision.red', { n: group.red })}</span>{' '}
                <span className="supervision-count-yellow">
                  {t('supervision.yellow', { n: group.yellow })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type SettingsValues = SupervisionSettings;

/** The thresholds: read by all of the page's readers, changed by the city's supervision office. */
function SettingsCard({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const levelName = useLevelName();
  const settings = useSupervisionSettings();
  const [form] = Form.useForm<SettingsValues>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (values: SettingsValues) => unwrap(api.PUT('/api/supervision/settings', { body: values })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(supervisionKeys.settings, saved);
      message.success(t('supervision.settings.saved'));
      await queryClient.invalidateQueries({ queryKey: supervisionKeys.workspace });
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Card
      className="supervision-settings"
      title={
        <Typography.Title level={2} className="section-title">
          {t('supervision.settings.title')}
        </Typography.Title>
      }
    >
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(values) => save.mutate(values)}
      >
        <div className="supervision-answer-days">
          <Form.Item
            label={t('supervision.settings.dueSoon')}
            name="dueSoonWorkingDays"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={30} precision={0} />
          </Form.Item>
          <Form.Item
            label={t('supervision.settings.stale')}
            name="staleWorkingDays"
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
          <Form.Item
            label={t('supervision.settings.returned')}
            name="returnedMoreThan"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={20} precision={0} />
          </Form.Item>
          <Form.Item
            label={t('supervision.settings.prefix')}
            name="noticeNumberPrefix"
            rules={[{ required: true }]}
          >
            <Input maxLength={12} />
          </Form.Item>
        </div>
        <fieldset className="supervision-answer-days">
          <legend>{t('supervision.settings.answerDays')}</legend>
          {LEVELS.map((level) => (
            <Form.Item
              key={level}
              label={levelName(level)}
              name={['answerWorkingDays', level]}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={60} precision={0} />
            </Form.Item>
          ))}
        </fieldset>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('supervision.settings.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

/**
 * 督查督办: every open assignment of the region that is overdue or at risk, with its warnings, the
 * highest step taken and any step awaiting an answer; counts by unit and county; one-click next step.
 */
export default function SupervisionPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const atCity = useAtCity() === true;
  const levelName = useLevelName();
  const workspace = useWorkspace();
  const settings = useSupervisionSettings();
  const [target, setTarget] = useState<WorkspaceItem | null>(null);
  const data = workspace.data;
  const showError = useShowError();
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/supervision/workspace/export.xlsx', { parseAs: 'blob' }),
        'supervision.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const columns: ColumnsType<WorkspaceItem> = [
    {
      title: t('supervision.col.appeal'),
      key: 'appeal',
      render: (_, item) => (
        <>
          <Link to={`/appeals/${item.appealId}`}>{item.appealTitle}</Link>
          <div className="muted">{item.appealNumber}</div>
        </>
      ),
    },
    { title: t('supervision.col.leadUnit'), dataIndex: 'leadUnitName', key: 'unit' },
    { title: t('supervision.col.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('supervision.col.due'),
      key: 'due',
      render: (_, item) => (
        <>
          <div>{item.dueDate}</div>
          {item.workingDaysLeft !== null ? (
            <div className={item.workingDaysLeft < 0 ? 'supervision-late' : 'muted'}>
              {t('supervision.left', { days: item.workingDaysLeft })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('supervision.col.warnings'),
      key: 'warnings',
      render: (_, item) => item.warnings.map((w) => <WarningTag key={w.kind} warning={w} />),
    },
    {
      title: t('supervision.col.level'),
      key: 'level',
      render: (_, item) => (item.highestLevel ? <LevelTag level={item.highestLevel} /> : t('common.none')),
    },
    {
      title: t('supervision.col.open'),
      key: 'open',
      render: (_, item) =>
        item.openAction ? (
          <span className={item.openAction.late ? 'supervision-late' : undefined}>
            {t('supervision.openAnswer', {
              level: levelName(item.openAction.level),
              date: item.openAction.answerDueDate,
            })}
            {item.openAction.late ? ` ${t('supervision.late')}` : ''}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('supervision.col.actions'),
      key: 'actions',
      render: (_, item) => (
        <div className="supervision-actions">
          {data?.canIssue ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => setTarget(item)}
              aria-label={t('supervision.nextFor', {
                number: item.appealNumber,
                level: levelName(item.nextLevel ?? item.highestLevel ?? 'reminder'),
              })}
            >
              {levelName(item.nextLevel ?? item.highestLevel ?? 'reminder')}
            </Button>
          ) : null}
          <NoticeButton item={item} />
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.supervision')}
        description={t('supervision.description')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
          >
            {t('supervision.export')}
          </Button>
        }
      />
      {workspace.isLoading || !data ? (
        <PageSpin />
      ) : (
        <>
          <div className="supervision-groups">
            <GroupCard title={t('supervision.byUnit')} groups={data.byUnit} />
            <GroupCard title={t('supervision.byRegion')} groups={data.byRegion} />
          </div>
          <Card className="supervision-table">
            {data.items.length === 0 ? (
              <Empty description={t('supervision.empty')} />
            ) : (
              <Table<WorkspaceItem>
                rowKey="assignmentId"
                columns={columns}
                dataSource={data.items}
                pagination={false}
                scroll={{ x: 'max-content' }}
                aria-label={t('supervision.tableLabel')}
              />
            )}
          </Card>
        </>
      )}
      <SettingsCard editable={roles.includes('supervisionOffice') && atCity} />
      <IssueModal item={target} settings={settings.data} onClose={() => setTarget(null)} />
    </>
  );
}
