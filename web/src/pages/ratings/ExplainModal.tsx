import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type Rating, useRatingsAction } from './ratingsApi.ts';

interface Values {
  explanation: string;
}

interface Props {
  open: boolean;
  appealId: string;
  rating: Rating | undefined;
  onClose: () => void;
}

/** 情况说明: instead of reopening, the office explains a dissatisfied rating for a leader to decide. */
export function ExplainModal({ open, appealId, rating, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const mutation = useRatingsAction<Values>({
    appealId,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/ratings/{ratingId}/explanation', {
          params: { path: { id: appealId, ratingId: rating?.id ?? '' } },
          body: { explanation: values.explanation.trim() },
        }),
      ),
    done: () => t('explainForm.done'),
    fields: { 'request.invalid': 'explanation' },
  });

  return (
    <Modal
      open={open}
      title={t('explainForm.title', { unit: rating?.unitName ?? '' })}
      okText={t('explainForm.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Alert className="form-alert" type="info" showIcon title={t('explainForm.help')} />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('explainForm.explanation')}
          name="explanation"
          extra={t('explainForm.explanation.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 10, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
