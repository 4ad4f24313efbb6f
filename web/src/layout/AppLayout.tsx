import { Drawer, Grid, Layout } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSignedIn } from '../auth/session.tsx';
import { PageSpin } from '../components/PageSpin.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppHeader } from './AppHeader.tsx';
import { SideMenu } from './SideMenu.tsx';

const COLLAPSED_KEY = 'f2f.menuCollapsed';

/** Header, side menu (a drawer on a phone) and the page. */
export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const { t } = useI18n();
  const session = useSignedIn();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === 'true');
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A phone's menu closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const toggle = () => {
    if (mobile) {
      setDrawerOpen(true);
      return;
    }
    const next = !collapsed;
    setCollapsed(next);
    localStorage.setItem(COLLAPSED_KEY, String(next));
  };

  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <Layout.Header className="app-header-bar">
        <AppHeader mobile={mobile} collapsed={collapsed} onToggleMenu={toggle} />
      </Layout.Header>
      <Layout>
        {mobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('layout.menu')}
            size={280}
            className="menu-drawer"
          >
            <div className="drawer-person">
              <div className="drawer-person-name">{session.person.name}</div>
              <div className="drawer-person-org">{session.person.orgName}</div>
            </div>
            <nav aria-label={t('layout.menu')}>
              <SideMenu />
            </nav>
          </Drawer>
        ) : (
          <Layout.Sider
            className="app-sider"
            width={220}
            collapsedWidth={64}
            collapsed={collapsed}
            trigger={null}
          >
            <nav aria-label={t('layout.menu')}>
              <SideMenu collapsed={collapsed} />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content id="main" className="app-content" tabIndex={-1}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
