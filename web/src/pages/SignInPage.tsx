import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client.ts';
import { usePublicSettings } from '../api/queries.ts';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { PageSpin } from '../components/PageSpin.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface SignInForm {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function SignInPage() {
  const { t } = useI18n();
  const { session, accept } = useSession();
  const settings = usePublicSettings();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const productName = settings.data?.productName ?? t('app.name');

  useEffect(() => {
    document.title = `${t('signIn.title')} - ${productName}`;
  }, [t, productName]);

  const signIn = useMutation({
    mutationFn: (values: SignInForm) => unwrap(api.POST('/api/auth/login', { body: values })),
    onSuccess: (answer) => {
      accept(answer);
      navigate(answer.mustChangePassword ? '/change-password' : next, { replace: true });
    },
  });

  if (session === undefined) return <PageSpin fullScreen />;
  if (session && !signIn.isPending)
    return <Navigate to={session.mustChangePassword ? '/change-password' : next} replace />;

  let problem: string | null = null;
  if (signIn.error) {
    problem =
      signIn.error instanceof ApiError && signIn.error.message
        ? signIn.error.message
        : t(
            signIn.error instanceof ApiError && signIn.error.status === 0
              ? 'error.network'
              : 'error.unexpected',
          );
  }

  return (
    <main className="sign-in-page">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Card className="sign-in-card">
        <div className="sign-in-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={1} className="sign-in-title">
            {productName}
          </Typography.Title>
          <Typography.Paragraph className="sign-in-subtitle">{t('signIn.subtitle')}</Typography.Paragraph>
        </div>
        {problem ? <Alert type="error" showIcon title={problem} className="sign-in-alert" /> : null}
        <Form<SignInForm>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => signIn.mutate(values)}
          disabled={signIn.isPending}
        >
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('signIn.username.required') }]}
          >
            <Input prefix={<UserOutlined aria-hidden="true" />} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.password.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden="true" />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
        </Form>
        {settings.data?.demo ? (
          <Alert
            className="sign-in-demo"
            type="info"
            role="note"
            title={t('signIn.demoHint', { password: 'Heyuan@2024' })}
          />
        ) : null}
      </Card>
    </main>
  );
}
