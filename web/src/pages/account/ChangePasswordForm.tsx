import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The same strength rule the server applies: 8+ characters with letters and digits. */
export const STRONG_PASSWORD = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

export function ChangePasswordForm({ onChanged }: { onChanged: () => void | Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) =>
      unwrap(api.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
    onSuccess: async () => {
      form.resetFields();
      message.success(t('password.changed'));
      await onChanged();
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(values) => change.mutate(values)}
      className="narrow-form"
      disabled={change.isPending}
    >
      <Form.Item
        label={t('password.current')}
        name="currentPassword"
        rules={[{ required: true, message: t('password.current.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('password.new.required') },
          { pattern: STRONG_PASSWORD, message: t('password.rule') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error(t('password.reused')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirm.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
