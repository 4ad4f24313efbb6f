import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealDetail, CommonIssueDetail, SimilarAppeal } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface Values {
  mode: 'existing' | 'new';
  issueId?: string;
  title?: string;
  description?: string;
  others?: string[];
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** Similar appeals not yet grouped, offered as companions for a new common issue. */
  similar: readonly SimilarAppeal[];
  onClose: () => void;
  onDone: (issue: CommonIssueDetail) => void;
}

/** Adds one appeal to an existing common issue, or starts a new one with similar appeals. */
export function GroupAppealModal({ open, appeal, similar, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'existing';
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const issues = useQuery({
    queryKey: keys.commonIssues,
    queryFn: () => unwrap(api.GET('/api/common-issues')),
    enabled: open,
  });

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const candidates = similar.filter((item) => item.appeal.commonIssueId === null);

  const save = useMutation({
    mutationFn: (values: Values) => {
      if (values.mode === 'existing') {
        return unwrap(
          api.POST('/api/common-issues/{id}/appeals', {
            params: { path: { id: values.issueId ?? '' } },
            body: { appealIds: [appeal.id] },
          }),
        );
      }
      return unwrap(
        api.POST('/api/common-issues', {
          body: {
            title: values.title?.trim() ?? '',
            description: values.description?.trim() || null,
            appealIds: [appeal.id, ...(values.others ?? [])],
          },
        }),
      );
    },
    onSuccess: async (issue) => {
      message.success(t('issue.grouped', { title: issue.title }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.appeals }),
        queryClient.invalidateQueries({ queryKey: keys.commonIssues }),
      ]);
      onDone(issue);
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Modal
      open={open}
      title={t('issue.add.title', { number: appeal.number })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'existing', others: [] }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item label={t('issue.add.mode')} name="mode">
          <Radio.Group
            options={[
              { value: 'existing', label: t('issue.add.existing') },
              { value: 'new', label: t('issue.add.new') },
            ]}
          />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item label={t('issue.add.pick')} name="issueId" rules={[{ required: true }]}>
            <Select<string>
              loading={issues.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(issues.data ?? []).map((issue) => ({
                value: issue.id,
                label: `${issue.title}（${t('issue.appealCount', { count: issue.appealCount })}）`,
              }))}
              notFoundContent={t('issue.none')}
            />
          </Form.Item>
        ) : (
          <>
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
            <Form.Item
              label={t('issue.add.others')}
              name="others"
              extra={candidates.length === 0 ? t('issue.add.noCandidates') : t('issue.add.othersHelp')}
              // A validator, not `required`: antd would put aria-required on the group's <div>, where it is not allowed.
              rules={[
                {
                  validator: (_, value: string[] | undefined) =>
                    value && value.length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('issue.add.needOther'))),
                },
              ]}
            >
              <Checkbox.Group
                className="vertical-checks"
                options={candidates.map((item) => ({
                  value: item.appeal.id,
                  label: `${item.appeal.number} ${item.appeal.title}（${item.appeal.enterpriseName}）`,
                }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
