import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useHandlingAction } from './handlingApi.ts';

interface Values {
  text: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
  title: string;
  label: string;
  help: string;
  /** A warning above the field: who reads the text, what happens next. */
  notice?: string;
  okText: string;
  danger?: boolean;
  min: number;
  max: number;
  send: (text: string, version: number) => Promise<AppealDetail>;
  done: string;
}

/** One text and a button: 退回 (a reason), 退回重办 (a reason), 协办意见 (the co-unit's input). */
export function TextActionModal({
  open,
  appeal,
  onClose,
  title,
  label,
  help,
  notice,
  okText,
  danger = false,
  min,
  max,
  send,
  done,
}: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) => send(values.text.trim(), version),
    done: () => done,
    fields: { 'request.invalid': 'text' },
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      {notice ? <Alert className="form-alert" type="warning" showIcon title={notice} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={label}
          name="text"
          extra={help}
          rules={[
            { required: true, whitespace: true },
            { min, max },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={max} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
