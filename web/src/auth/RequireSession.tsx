import { Button, Result } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSpin } from '../components/PageSpin.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useSession } from './session.tsx';

/** Lets only signed-in people through; a person who must change the password goes there first. */
export function RequireSession() {
  const { session, error, refresh } = useSession();
  const location = useLocation();
  const { t } = useI18n();

  if (session === undefined) {
    if (!error) return <PageSpin fullScreen />;
    return (
      <main className="centered-page">
        <Result
          status="warning"
          icon={null}
          title={<h1 className="result-title">{t('error.serverDown.title')}</h1>}
          subTitle={t('error.serverDown.detail')}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              {t('common.retry')}
            </Button>
          }
        />
      </main>
    );
  }
  if (session === null) {
    const next = location.pathname + location.search;
    const target = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  if (session.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <Outlet />;
}
