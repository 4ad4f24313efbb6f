import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { VerificationRequest } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface Values {
  answer: string;
}

/** The asked unit's answer to one open verification request (handler or unit leader of that unit). */
export function AnswerForm({ request }: { request: VerificationRequest }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const answer = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/verification-requests/{id}/answer', {
          params: { path: { id: request.id } },
          body: { answer: values.answer.trim() },
        }),
      ),
    onSuccess: async () => {
      message.success(t('request.answered'));
      form.resetFields();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.verificationRequests }),
        queryClient.invalidateQueries({ queryKey: keys.appeal(request.appealId) }),
      ]);
    },
    onError: async (error) => {
      showError(error, { form });
      // Answered or withdrawn meanwhile: show it as it is now.
      await queryClient.invalidateQueries({ queryKey: keys.verificationRequests });
    },
  });

  return (
    <Form<Values>
      form={form}
      // Several forms on one page: the name keeps the fields' ids apart.
      name={`answer-${request.id}`}
      layout="vertical"
      className="answer-form"
      aria-label={t('request.answer.of', { number: request.appealNumber })}
      onFinish={(values) => answer.mutate(values)}
    >
      <Form.Item
        label={t('request.answer')}
        name="answer"
        extra={t('request.answer.help')}
        rules={[
          { required: true, whitespace: true },
          { min: 4, max: 5000 },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={answer.isPending}>
        {t('request.answer.submit')}
      </Button>
    </Form>
  );
}
