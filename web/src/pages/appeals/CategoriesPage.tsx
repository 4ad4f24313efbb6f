import { PlusOutlined } from '@ant-design/icons';
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
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys, useCategories } from '../../api/queries.ts';
import type { AppealCategory } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import './appeals.css';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
}

function CategoryDrawer({
  open,
  category,
  onClose,
}: {
  open: boolean;
  category: AppealCategory | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open or another category
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(category ?? { sortOrder: 100 });
  }, [open, category?.code]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const body = {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        sortOrder: values.sortOrder,
      };
      if (!category) {
        return unwrap(
          api.POST('/api/appeal-categories', { body: { ...body, code: values.code.trim(), active: true } }),
        );
      }
      // PUT replaces every field (an absent `active` means true) and carries no version: read the
      // current state right before writing, so that renaming does not undo a deactivation just made.
      const current = await unwrap(
        api.GET('/api/appeal-categories', { params: { query: { includeInactive: 'true' } } }),
      );
      const active = current.find((item) => item.code === category.code)?.active ?? category.active;
      return unwrap(
        api.PUT('/api/appeal-categories/{code}', {
          params: { path: { code: category.code } },
          body: { ...body, active },
        }),
      );
    },
    onSuccess: async () => {
      message.success(category ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: keys.categories });
      onClose();
    },
    onError: (error) => showError(error, { form, fields: { 'appeal.category_code_taken': 'code' } }),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={category ? t('categories.edit.title', { name: category.nameZh }) : t('categories.create.title')}
      size={screens.sm ? 480 : '100%'}
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
          label={t('categories.code')}
          name="code"
          extra={category ? t('categories.code.fixed') : t('categories.code.help')}
          rules={[
            { required: true, whitespace: true },
            { pattern: /^[a-zA-Z][a-zA-Z0-9]{1,29}$/, message: t('categories.code.pattern') },
          ]}
        >
          <Input disabled={Boolean(category)} maxLength={30} autoComplete="off" className="code-text" />
        </Form.Item>
        <Form.Item
          label={t('categories.nameZh')}
          name="nameZh"
          rules={[{ required: true, whitespace: true, max: 20 }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          label={t('categories.nameEn')}
          name="nameEn"
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input maxLength={40} lang="en" />
        </Form.Item>
        <Form.Item label={t('common.sortOrder')} name="sortOrder" rules={[{ required: true }]}>
          <InputNumber controls={false} min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 诉求类别: the categories appeals are filed under; deactivated ones stay on old appeals. */
export default function CategoriesPage() {
  const { t } = useI18n();
  const categories = useCategories(true);
  const [editing, setEditing] = useState<{ code: string | null } | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const setActive = useMutation({
    mutationFn: (category: AppealCategory) =>
      unwrap(
        api.PUT('/api/appeal-categories/{code}', {
          params: { path: { code: category.code } },
          body: {
            nameZh: category.nameZh,
            nameEn: category.nameEn,
            sortOrder: category.sortOrder,
            active: !category.active,
          },
        }),
      ),
    onSuccess: (category) =>
      message.success(category.active ? t('categories.activated') : t('categories.deactivated')),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.categories }),
  });

  // City-wide configuration: a county's administrator reads it (the server refuses changes).
  const mayEdit = useAtCity() === true;

  const columns: TableColumnsType<AppealCategory> = [
    {
      title: t('categories.nameZh'),
      dataIndex: 'nameZh',
      render: (name: string) => <span className="cell-strong">{name}</span>,
    },
    { title: t('categories.nameEn'), dataIndex: 'nameEn', responsive: ['sm'] },
    {
      title: t('categories.code'),
      dataIndex: 'code',
      responsive: ['md'],
      render: (code: string) => <code>{code}</code>,
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', responsive: ['md'] },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) => <StatusTag active={active} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      hidden: !mayEdit,
      render: (_, category) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            aria-label={`${t('common.edit')} ${category.nameZh}`}
            onClick={() => {
              setEditing({ code: category.code });
              setDrawerOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={
              category.active
                ? t('categories.deactivate.confirm', { name: category.nameZh })
                : t('categories.activate.confirm', { name: category.nameZh })
            }
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync(category).catch(() => undefined)}
          >
            <Button
              type="link"
              size="small"
              danger={category.active}
              aria-label={`${category.active ? t('categories.deactivate') : t('categories.activate')} ${category.nameZh}`}
            >
              {category.active ? t('categories.deactivate') : t('categories.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editingCategory = editing?.code
    ? ((categories.data ?? []).find((category) => category.code === editing.code) ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={t('menu.categories')}
        description={t('categories.description')}
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
              {t('categories.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Table<AppealCategory>
          rowKey="code"
          size="middle"
          loading={categories.isFetching}
          columns={columns}
          dataSource={categories.data ?? []}
          pagination={false}
        />
      </Card>
      <CategoryDrawer open={drawerOpen} category={editingCategory} onClose={() => setDrawerOpen(false)} />
    </>
  );
}
