import { Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Active / inactive (and locked, for people) with colours that keep 4.5:1 contrast. */
export function StatusTag({ active, locked = false }: { active: boolean; locked?: boolean }) {
  const { t } = useI18n();
  if (locked) return <Tag className="status-tag status-locked">{t('status.locked')}</Tag>;
  return active ? (
    <Tag className="status-tag status-active">{t('status.active')}</Tag>
  ) : (
    <Tag className="status-tag status-inactive">{t('status.inactive')}</Tag>
  );
}
