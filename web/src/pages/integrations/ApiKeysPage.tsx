import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { type AppealChannel, appealChannels } from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys, useUnits } from '../../api/queries.ts';
import type { ApiKey, CreatedApiKey } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ChannelSelect, formatDateTime, useChannelName } from '../appeals/appealUi.tsx';
import '../appeals/appeals.css';

/** A platform's appeals come through some channel other than the enterprise's own online form. */
const KEY_CHANNELS = appealChannels.filter((channel) => channel !== 'online');

interface Values {
  name: string;
  channel: Exclude<AppealChannel, 'online'>;
  unitId: string;
  webhookUrl?: string;
}

function CreateKeyDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const screens = Grid.useBreakpoint();
  const units = useUnits();
  const collectingUnits = (units.data ?? []).filter((unit) => unit.isCollector);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/admin/api-keys', {
          body: {
            name: values.name.trim(),
            channel: values.channel,
            unitId: values.unitId,
            webhookUrl: values.webhookUrl?.trim() || null,
          },
        }),
      ),
    onSuccess: async (key) => {
      await queryClient.invalidateQueries({ queryKey: keys.apiKeys });
      onCreated(key);
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('apiKeys.create.title')}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('apiKeys.create.submit')}
          </Button>
        </div>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'yueshangtong' }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          label={t('apiKeys.name')}
          name="name"
          extra={t('apiKeys.name.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 60 },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          label={t('apiKeys.channel')}
          name="channel"
          extra={t('apiKeys.channel.help')}
          rules={[{ required: true }]}
        >
          <ChannelSelect channels={KEY_CHANNELS} />
        </Form.Item>
        <Form.Item
          label={t('apiKeys.unit')}
          name="unitId"
          extra={t('apiKeys.unit.help')}
          rules={[{ required: true }]}
        >
          <Select<string>
            loading={units.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={collectingUnits.map((unit) => ({ value: unit.id, label: unit.name }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item
          label={t('apiKeys.webhook')}
          name="webhookUrl"
          extra={t('apiKeys.webhook.help')}
          rules={[{ type: 'url', message: t('apiKeys.webhook.invalid') }, { max: 300 }]}
        >
          <Input inputMode="url" maxLength={300} placeholder="https://" lang="en" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The secret, shown once, with a copy button and a warning. */
function SecretModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('apiKeys.copied'));
    } catch {
      message.warning(t('apiKeys.copyFailed'));
    }
  };
  return (
    <Modal
      open={created !== null}
      title={t('apiKeys.secret.title', { name: created?.name ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.secret.done')}
        </Button>
      }
      destroyOnHidden
    >
      {created ? (
        <>
          <Alert type="warning" showIcon className="form-alert" title={t('apiKeys.secret.warning')} />
          <div className="secret-field">
            <label htmlFor="api-key-id">{t('apiKeys.keyId')}</label>
            <div className="secret-row">
              <Input id="api-key-id" readOnly value={created.keyId} className="code-text" />
              <Button icon={<CopyOutlined />} onClick={() => void copy(created.keyId)}>
                {t('apiKeys.copyKeyId')}
              </Button>
            </div>
          </div>
          <div className="secret-field">
            <label htmlFor="api-key-secret">{t('apiKeys.secret')}</label>
            <div className="secret-row">
              <Input id="api-key-secret" readOnly value={created.secret} className="code-text" />
              <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy(created.secret)}>
                {t('apiKeys.copySecret')}
              </Button>
            </div>
          </div>
          <p className="muted">
            {t('apiKeys.secret.docs')} <a href="/api/docs">/api/docs</a>
          </p>
        </>
      ) : null}
    </Modal>
  );
}

/** 平台接入: API keys of other platforms (such as 粤商通) that send appeals in. */
export default function ApiKeysPage() {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const channelName = useChannelName();

  const apiKeys = useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => unwrap(api.GET('/api/admin/api-keys')),
  });

  const revoke = useMutation({
    mutationFn: (key: ApiKey) =>
      unwrap(api.POST('/api/admin/api-keys/{id}/revoke', { params: { path: { id: key.id } } })),
    onSuccess: (key) => message.success(t('apiKeys.revoked', { name: key.name })),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });

  const columns: TableColumnsType<ApiKey> = [
    {
      title: t('apiKeys.name'),
      dataIndex: 'name',
      render: (name: string, key) => (
        <div>
          <div className="cell-strong">{name}</div>
          <code className="cell-small key-id">{key.keyId}</code>
        </div>
      ),
    },
    {
      title: t('apiKeys.channel'),
      dataIndex: 'channel',
      responsive: ['sm'],
      render: (channel: AppealChannel) => channelName(channel),
    },
    { title: t('apiKeys.unit'), dataIndex: 'unitName', responsive: ['md'] },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) => <StatusTag active={active} />,
    },
    {
      title: t('apiKeys.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['lg'],
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: ['md'],
      render: (at: string | null) =>
        at ? <span className="nowrap">{formatDateTime(at)}</span> : t('apiKeys.neverUsed'),
    },
    {
      title: t('apiKeys.webhook'),
      dataIndex: 'webhookUrl',
      responsive: ['xl'],
      render: (url: string | null) => (url ? <span className="break-all">{url}</span> : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        key.active ? (
          <Popconfirm
            title={t('apiKeys.revoke.confirm', { name: key.name })}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(key).catch(() => undefined)}
          >
            <Button type="link" size="small" danger aria-label={`${t('apiKeys.revoke')} ${key.name}`}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.apiKeys')}
        description={t('apiKeys.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Card>
        <Table<ApiKey>
          rowKey="id"
          size="middle"
          loading={apiKeys.isFetching}
          columns={columns}
          dataSource={apiKeys.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
      <CreateKeyDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
