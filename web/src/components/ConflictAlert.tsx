import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Someone else saved this record first (409 request.conflict). The latest version has been
 * loaded; saving again overwrites it with the form's values, or the form can take the latest ones.
 */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      className="form-alert"
      title={t('conflict.title')}
      description={t('conflict.detail')}
      action={
        <Button size="small" onClick={onReload}>
          {t('conflict.reload')}
        </Button>
      }
    />
  );
}
