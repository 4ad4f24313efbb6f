import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Result
        status="404"
        subTitle={t('notFound.detail')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </>
  );
}
