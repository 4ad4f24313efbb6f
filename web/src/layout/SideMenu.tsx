import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useAtCity, useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { menuGroups, menuRoutes } from '../routes.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The side menu: the route table's menu pages that the signed-in person's roles allow. */
export function SideMenu({ collapsed = false }: { collapsed?: boolean }) {
  const { roles } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const routes = menuRoutes(roles, useAtCity() === true);

  const items: MenuItem[] = menuGroups
    .map((group) => ({
      group,
      routes: routes.filter((route) => route.menu === group.key),
    }))
    .filter(({ routes }) => routes.length > 0)
    .map(({ group, routes }) => ({
      type: 'group' as const,
      key: group.key,
      label: collapsed ? null : t(group.labelKey),
      children: routes.map((route) => ({
        key: route.path,
        icon: route.icon,
        label: <Link to={route.path}>{t(route.labelKey)}</Link>,
      })),
    }));

  // The deepest menu path that the current location is in.
  const selected = routes
    .map((route) => route.path)
    .filter(
      (path) => location.pathname === path || (path !== '/' && location.pathname.startsWith(`${path}/`)),
    )
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Menu
      mode="inline"
      inlineCollapsed={collapsed}
      selectedKeys={selected}
      items={items}
      className="side-menu"
    />
  );
}
