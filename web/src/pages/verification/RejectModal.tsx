import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';

interface Values {
  reason: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** Unanswered verification requests, withdrawn with the decision. */
  openRequests: number;
  onClose: () => void;
}

/** 不予受理: the reason is what the enterprise reads. */
export function RejectModal({ open, appeal, openRequests, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/reject', {
          params: { path: { id: appeal.id } },
          body: { reason: values.reason.trim(), version },
        }),
      ),
    done: () => t('rejectForm.done'),
  });

  return (
    <Modal
      open={open}
      title={t('rejectForm.title', { number: appeal.number })}
      okText={t('action.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Alert className="form-alert" type="warning" showIcon title={t('rejectForm.notice')} />
      {openRequests > 0 ? <p>{t('verify.withdrawOpen', { count: openRequests })}</p> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('rejectForm.reason')}
          name="reason"
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 2000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
