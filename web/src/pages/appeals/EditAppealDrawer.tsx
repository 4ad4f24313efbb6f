import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Grid, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CategorySelect } from './appealUi.tsx';

interface Values {
  title: string;
  category: string;
  content: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
}

/** Edits title, category and content; the timeline keeps the old values. */
export function EditAppealDrawer({ open, appeal, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [conflict, setConflict] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ title: appeal.title, category: appeal.category, content: appeal.content });
    setConflict(false);
  }, [open]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      // Only what changed; the version guards against overwriting someone else's edit.
      const body: { title?: string; category?: string; content?: string; version: number } = {
        version: appeal.version,
      };
      if (values.title.trim() !== appeal.title) body.title = values.title.trim();
      if (values.category !== appeal.category) body.category = values.category;
      if (values.content.trim() !== appeal.content) body.content = values.content.trim();
      return unwrap(api.PATCH('/api/appeals/{id}', { params: { path: { id: appeal.id } }, body }));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.appeal(appeal.id), saved);
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: keys.appeals });
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: keys.appeal(appeal.id) });
        return;
      }
      showError(error, { form, fields: { 'appeal.unknown_category': 'category' } });
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('appeal.edit.title', { number: appeal.number })}
      size={screens.sm ? 640 : '100%'}
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
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            form.setFieldsValue({ title: appeal.title, category: appeal.category, content: appeal.content });
            setConflict(false);
          }}
        />
      ) : null}
      <p className="muted">{t('appeal.edit.help')}</p>
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('appeal.title')}
          name="title"
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 100 },
          ]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item label={t('appeal.category')} name="category" rules={[{ required: true }]}>
          <CategorySelect />
        </Form.Item>
        <Form.Item
          label={t('appeal.content')}
          name="content"
          rules={[
            { required: true, whitespace: true },
            { min: 10, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
