import { type Role, roleLabels } from '@f2f/contract';
import { Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { label } = useI18n();
  return (
    <span className="role-tags">
      {roles.map((role) => (
        <Tag key={role} className="role-tag">
          {label(roleLabels[role])}
        </Tag>
      ))}
    </span>
  );
}
