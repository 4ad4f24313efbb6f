import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { CommonIssueDetail } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface Values {
  title: string;
  description?: string;
}

interface Props {
  open: boolean;
  /** The appeals to group: at least two. */
  appeals: readonly { id: string; number: string; title: string }[];
  onClose: () => void;
  onCreated: (issue: CommonIssueDetail) => void;
}

/** 归并为共性问题: a new common issue over several appeals (each keeps its own reply duty). */
export function CreateIssueModal({ open, appeals, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/common-issues', {
          body: {
            title: values.title.trim(),
            description: values.description?.trim() || null,
            appealIds: appeals.map((appeal) => appeal.id),
          },
        }),
      ),
    onSuccess: async (issue) => {
      message.success(t('issue.created', { count: issue.appeals.length }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.appeals }),
        queryClient.invalidateQueries({ queryKey: keys.commonIssues }),
      ]);
      onCreated(issue);
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Modal
      open={open}
      title={t('issue.create.title')}
      okText={t('issue.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <p>{t('issue.create.help', { count: appeals.length })}</p>
      <ul className="compact-list">
        {appeals.map((appeal) => (
          <li key={appeal.id}>
            <span className="muted">{appeal.number}</span> {appeal.title}
          </li>
        ))}
      </ul>
      <Form<Values> form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
        <Form.Item
          label={t('issue.title')}
          name="title"
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 100 },
          ]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item label={t('issue.description')} name="description" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
