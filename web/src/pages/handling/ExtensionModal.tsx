import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useHandlingAction } from './handlingApi.ts';

interface Values {
  newDueDate: Dayjs | null;
  reason: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** The deadline now; the new one must be a working day after it. */
  dueDate: string | undefined;
  onClose: () => void;
}

/** 申请延期: before the deadline, a later working day and why; the office approves or refuses. */
export function ExtensionModal({ open, appeal, dueDate, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/extension', {
          params: { path: { id: appeal.id } },
          body: {
            newDueDate: values.newDueDate ? values.newDueDate.format('YYYY-MM-DD') : '',
            reason: values.reason.trim(),
          },
        }),
      ),
    done: (values) =>
      t('extensionForm.done', { date: values.newDueDate ? values.newDueDate.format('YYYY-MM-DD') : '' }),
    fields: {
      'handling.extension_date_invalid': 'newDueDate',
      'calendar.year_unknown': 'newDueDate',
    },
  });

  return (
    <Modal
      open={open}
      title={t('extensionForm.title', { number: appeal.number })}
      okText={t('extensionForm.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('extensionForm.newDueDate')}
          name="newDueDate"
          extra={dueDate ? t('extensionForm.newDueDate.help', { date: dueDate }) : undefined}
          rules={[{ required: true }]}
        >
          <DatePicker
            disabledDate={(day) =>
              dueDate ? !day.isAfter(dayjs(dueDate), 'day') : !day.isAfter(dayjs(), 'day')
            }
          />
        </Form.Item>
        <Form.Item
          label={t('extensionForm.reason')}
          name="reason"
          extra={t('extensionForm.reason.help')}
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
