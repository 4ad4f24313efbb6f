import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Shown in place of a page the signed-in person's roles do not allow. */
export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <Result
        status="403"
        subTitle={t('forbidden.detail')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </>
  );
}
