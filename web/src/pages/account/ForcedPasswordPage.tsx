import { Alert, Button, Card, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useSession, useSignedIn } from '../../auth/session.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** A page of its own for the first sign-in or after a reset: nothing else works until the password is new. */
export default function ForcedPasswordPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { refresh, signOut } = useSession();
  const navigate = useNavigate();

  useEffect(() => {
    document.title = t('forcedPassword.title');
  }, [t]);

  return (
    <main className="sign-in-page">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Card className="sign-in-card">
        <Typography.Title level={1} className="sign-in-title">
          {t('forcedPassword.title')}
        </Typography.Title>
        <Typography.Paragraph className="sign-in-subtitle forced-who">
          {t('forcedPassword.who', { name: session.person.name, username: session.person.username })}
        </Typography.Paragraph>
        {session.mustChangePassword ? (
          <Alert
            type="warning"
            showIcon
            title={t('forcedPassword.reason')}
            role="note"
            className="sign-in-alert"
          />
        ) : null}
        <ChangePasswordForm
          onChanged={async () => {
            await refresh();
            navigate('/', { replace: true });
          }}
        />
        <Button type="link" className="forced-sign-out" onClick={() => void signOut()}>
          {t('layout.signOut')}
        </Button>
      </Card>
    </main>
  );
}
