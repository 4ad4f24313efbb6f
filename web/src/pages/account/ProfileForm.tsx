import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import type { Session } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface Values {
  phone: string;
  email: string;
}

export const PHONE = /^[0-9+\-() ]{5,20}$/;

/** My phone and e-mail; everything else about me is kept by an administrator. */
export function ProfileForm({ session }: { session: Session }) {
  const { t } = useI18n();
  const { accept } = useSession();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();

  const save = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.PATCH('/api/auth/profile', {
          body: { phone: values.phone.trim() || null, email: values.email.trim() || null },
        }),
      ),
    onSuccess: (answer) => {
      accept(answer);
      message.success(t('common.saved'));
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="narrow-form"
      initialValues={{ phone: session.person.phone ?? '', email: session.person.email ?? '' }}
      onFinish={(values) => save.mutate(values)}
      disabled={save.isPending}
    >
      <Form.Item
        label={t('person.phone')}
        name="phone"
        rules={[{ pattern: PHONE, message: t('person.phone.invalid') }]}
      >
        <Input autoComplete="tel" inputMode="tel" />
      </Form.Item>
      <Form.Item
        label={t('person.email')}
        name="email"
        rules={[{ type: 'email', message: t('person.email.invalid') }]}
      >
        <Input autoComplete="email" inputMode="email" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('profile.save')}
      </Button>
    </Form>
  );
}
