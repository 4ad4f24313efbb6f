import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link } from 'react-router';
import { usePublicSettings } from '../api/queries.ts';
import { useSession, useSignedIn } from '../auth/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { NoticeBell } from '../pages/notices/NoticeBell.tsx';

interface Props {
  mobile: boolean;
  collapsed: boolean;
  onToggleMenu: () => void;
}

export function AppHeader({ mobile, collapsed, onToggleMenu }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { signOut } = useSession();
  const settings = usePublicSettings();

  let toggleLabel = t('layout.openMenu');
  let toggleIcon = <MenuOutlined />;
  if (!mobile) {
    toggleLabel = collapsed ? t('layout.expandMenu') : t('layout.collapseMenu');
    toggleIcon = collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />;
  }

  return (
    <div className={mobile ? 'app-header app-header-mobile' : 'app-header'}>
      <Button
        type="text"
        className="header-button"
        icon={toggleIcon}
        aria-label={toggleLabel}
        aria-expanded={mobile ? undefined : !collapsed}
        onClick={onToggleMenu}
      />
      <Link to="/" className="app-title">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span className="app-title-text">{settings.data?.productName ?? t('app.name')}</span>
      </Link>
      <div className="header-right">
        {mobile ? null : (
          <span className="header-person">
            <span className="header-person-name">{session.person.name}</span>
            <span className="header-person-org">{session.person.orgName}</span>
          </span>
        )}
        <NoticeBell />
        <LanguageSwitch type="text" className="header-button" compact={mobile} />
        <Button
          type="text"
          className="header-button"
          icon={<LogoutOutlined />}
          aria-label={mobile ? t('layout.signOut') : undefined}
          onClick={() => void signOut()}
        >
          {mobile ? null : t('layout.signOut')}
        </Button>
      </div>
    </div>
  );
}
