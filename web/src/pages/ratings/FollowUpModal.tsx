import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ContactWay } from '../handling/handlingApi.ts';
import { ContactWaySelect } from '../handling/handlingUi.tsx';
import { useRatingsAction } from './ratingsApi.ts';

interface Values {
  date: Dayjs | null;
  way: ContactWay;
  outcome: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
}

/** 记录回访: the office's visit to the enterprise after closure — when, how, and what it said. */
export function FollowUpModal({ open, appeal, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ date: dayjs(), way: 'phone' });
  }, [open]);

  const mutation = useRatingsAction<Values>({
    appealId: appeal.id,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/follow-ups', {
          params: { path: { id: appeal.id } },
          body: {
            date: (values.date ?? dayjs()).format('YYYY-MM-DD'),
            way: values.way,
            outcome: values.outcome.trim(),
          },
        }),
      ),
    done: () => t('followUpForm.done'),
    fields: { 'request.invalid': 'date' },
  });

  return (
    <Modal
      open={open}
      title={t('followUpForm.title', { number: appeal.number })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <div className="form-row">
          <Form.Item label={t('followUpForm.date')} name="date" rules={[{ required: true }]}>
            <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label={t('followUpForm.way')} name="way" rules={[{ required: true }]}>
            <ContactWaySelect />
          </Form.Item>
        </div>
        <Form.Item
          label={t('followUpForm.outcome')}
          name="outcome"
          extra={t('followUpForm.outcome.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
