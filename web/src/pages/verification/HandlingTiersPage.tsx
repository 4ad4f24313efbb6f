import { PlusOutlined } from '@ant-design/icons';
import { type TierRoute, tierRouteLabels, tierRoutes } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys, useCategories, useHandlingTiers } from '../../api/queries.ts';
import type { HandlingTier } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCategoryName } from '../appeals/appealUi.tsx';
import { TierRouteTag } from './verificationUi.tsx';
import '../appeals/appeals.css';
import './verification.css';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  route: TierRoute;
  deadlineWorkingDays: number;
  categories: string[];
  description?: string | null;
  sortOrder: number;
}

/** Every category, deactivated ones marked (a tier may still name one). */
function CategoriesSelect(props: { id?: string; value?: string[]; onChange?: (value: string[]) => void }) {
  const { t, locale } = useI18n();
  const categories = useCategories(true);
  const options = (categories.data ?? [])
    .filter((category) => category.active || props.value?.includes(category.code))
    .map((category) => {
      const name = locale === 'en' ? category.nameEn : category.nameZh;
      return {
        value: category.code,
        label: category.active ? name : t('tiers.inactiveCategory', { name }),
      };
    });
  return (
    <Select<string[]>
      mode="multiple"
      loading={categories.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      {...props}
    />
  );
}

function TierDrawer({
  open,
  tier,
  onClose,
}: {
  open: boolean;
  tier: HandlingTier | null;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open or another tier
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      tier ?? { route: 'singleUnit', deadlineWorkingDays: 10, categories: [], sortOrder: 100 },
    );
  }, [open, tier?.code]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        route: values.route,
        deadlineWorkingDays: values.deadlineWorkingDays,
        categories: values.categories,
        description: values.description?.trim() || null,
        sortOrder: values.sortOrder,
      };
      if (!tier) {
        return unwrap(
          api.POST('/api/handling-tiers', { body: { ...body, code: values.code.trim(), active: true } }),
        );
      }
      // Only the fields sent change: an edit never touches `active` (no undoing a deactivation).
      return unwrap(api.PUT('/api/handling-tiers/{code}', { params: { path: { code: tier.code } }, body }));
    },
    onSuccess: async () => {
      message.success(tier ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: keys.tiers });
      onClose();
    },
    onError: (error) =>
      showError(error, {
        form,
        fields: { 'tier.code_taken': 'code', 'appeal.unknown_category': 'categories' },
      }),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={tier ? t('tiers.edit.title', { name: tier.nameZh }) : t('tiers.create.title')}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('tiers.code')}
          name="code"
          extra={tier ? t('tiers.code.fixed') : t('tiers.code.help')}
          rules={[
            { required: true, whitespace: true },
            { pattern: /^[a-zA-Z][a-zA-Z0-9]{1,29}$/, message: t('tiers.code.pattern') },
          ]}
        >
          <Input disabled={Boolean(tier)} maxLength={30} autoComplete="off" className="code-text" />
        </Form.Item>
        <Form.Item
          label={t('tiers.nameZh')}
          name="nameZh"
          rules={[{ required: true, whitespace: true, max: 30 }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          label={t('tiers.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} lang="en" />
        </Form.Item>
        <Form.Item label={t('tiers.route')} name="route" rules={[{ required: true }]}>
          <Select<TierRoute>
            options={tierRoutes.map((route) => ({ value: route, label: label(tierRouteLabels[route]) }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item
          label={t('tiers.deadline.label')}
          name="deadlineWorkingDays"
          extra={t('tiers.deadline.help')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={250} precision={0} />
        </Form.Item>
        <Form.Item label={t('tiers.categories')} name="categories" extra={t('tiers.categories.help')}>
          <CategoriesSelect />
        </Form.Item>
        <Form.Item label={t('tiers.text')} name="description" rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label={t('common.sortOrder')} name="sortOrder" rules={[{ required: true }]}>
          <InputNumber controls={false} min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 分级办理标准: the tiers an appeal is handled by, with their route and deadline in working days. */
export default function HandlingTiersPage() {
  const { t } = useI18n();
  const tiers = useHandlingTiers(true);
  const categoryName = useCategoryName();
  const [editing, setEditing] = useState<{ code: string | null } | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const setActive = useMutation({
    mutationFn: (tier: HandlingTier) =>
      unwrap(
        api.PUT('/api/handling-tiers/{code}', {
          params: { path: { code: tier.code } },
          body: { active: !tier.active },
        }),
      ),
    onSuccess: (tier) => message.success(tier.active ? t('tiers.activated') : t('tiers.deactivated')),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tiers }),
  });

  // City-wide configuration: a county's administrator reads it (the server refuses changes).
  const mayEdit = useAtCity() === true;

  const columns: TableColumnsType<HandlingTier> = [
    {
      title: t('tiers.name'),
      dataIndex: 'nameZh',
      render: (name: string, tier) => (
        <div>
          <div className="cell-strong">{name}</div>
          <div className="muted cell-small" lang="en">
            {tier.nameEn}
          </div>
        </div>
      ),
    },
    {
      title: t('tiers.route'),
      dataIndex: 'route',
      responsive: ['sm'],
      render: (route: TierRoute) => <TierRouteTag route={route} />,
    },
    {
      title: t('tiers.deadline'),
      dataIndex: 'deadlineWorkingDays',
      render: (days: number) => <span className="nowrap">{t('tiers.days', { days })}</span>,
    },
    {
      title: t('tiers.categories'),
      dataIndex: 'categories',
      responsive: ['lg'],
      render: (codes: string[]) =>
        codes.length > 0
          ? codes.map((code) => (
              <Tag key={code} className="tier-category">
                {categoryName(code)}
              </Tag>
            ))
          : t('common.none'),
    },
    {
      title: t('tiers.code'),
      dataIndex: 'code',
      responsive: ['xl'],
      render: (code: string) => <code>{code}</code>,
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', responsive: ['xl'] },
    {
      title: t('common.status'),
      dataIndex: 'active',
      responsive: ['md'],
      render: (active: boolean) => <StatusTag active={active} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      hidden: !mayEdit,
      render: (_, tier) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            aria-label={`${t('common.edit')} ${tier.nameZh}`}
            onClick={() => {
              setEditing({ code: tier.code });
              setDrawerOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={
              tier.active
                ? t('tiers.deactivate.confirm', { name: tier.nameZh })
                : t('tiers.activate.confirm', { name: tier.nameZh })
            }
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync(tier).catch(() => undefined)}
          >
            <Button
              type="link"
              size="small"
              danger={tier.active}
              aria-label={`${tier.active ? t('tiers.deactivate') : t('tiers.activate')} ${tier.nameZh}`}
            >
              {tier.active ? t('tiers.deactivate') : t('tiers.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editingTier = editing?.code
    ? ((tiers.data ?? []).find((tier) => tier.code === editing.code) ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={t('menu.tiers')}
        description={t('tiers.description')}
        extra={
          mayEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing({ code: null });
                setDrawerOpen(true);
              }}
            >
              {t('tiers.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div className="table-scroll">
          <Table<HandlingTier>
            rowKey="code"
            size="middle"
            loading={tiers.isFetching}
            columns={columns}
            dataSource={tiers.data ?? []}
            pagination={false}
          />
        </div>
      </Card>
      <TierDrawer open={drawerOpen} tier={editingTier} onClose={() => setDrawerOpen(false)} />
    </>
  );
}
