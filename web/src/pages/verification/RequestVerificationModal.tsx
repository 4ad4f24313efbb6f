import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';
import { useWorkdaysFromToday } from './verificationUi.tsx';

interface Values {
  unitIds: string[];
  question: string;
  workingDays: number;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
}

/** 征求核实意见: asks one or more units to verify the appeal, each within N working days. */
export function RequestVerificationModal({ open, appeal, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const workingDays = Form.useWatch('workingDays', form);
  const dueDate = useWorkdaysFromToday(open ? workingDays : null);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/verification-requests', {
          params: { path: { id: appeal.id } },
          body: {
            unitIds: values.unitIds,
            question: values.question.trim(),
            workingDays: values.workingDays,
          },
        }),
      ),
    done: (values) => t('requestForm.done', { count: values.unitIds.length }),
    fields: { 'verification.unit_repeated': 'unitIds', 'org.unit_not_found': 'unitIds' },
  });

  return (
    <Modal
      open={open}
      title={t('requestForm.title', { number: appeal.number })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ unitIds: [], workingDays: 3 }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label={t('requestForm.units')}
          name="unitIds"
          extra={t('requestForm.units.help')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <UnitsSelect maxCount={20} />
        </Form.Item>
        <Form.Item
          label={t('request.question')}
          name="question"
          extra={t('requestForm.question.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 2000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          label={t('requestForm.workingDays')}
          name="workingDays"
          extra={
            dueDate && typeof workingDays === 'number'
              ? t('requestForm.due', { date: dueDate, days: workingDays })
              : undefined
          }
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
