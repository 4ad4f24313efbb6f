import { Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function PageSpin({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={fullScreen ? 'page-spin page-spin-full' : 'page-spin'} role="status">
      <Spin />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
