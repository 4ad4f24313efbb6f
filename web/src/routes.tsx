import {
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HomeOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Role } from '@f2f/contract';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { MessageKey } from './i18n/messages.ts';

/**
 * Every page of the interface: its path, who may open it, and its menu label.
 * The side menu, the home page's quick links and the access check are all built from this table.
 * The server enforces the same roles; this table only keeps people away from pages they cannot use.
 */
export interface AppRoute {
  path: string;
  /** Menu label and page title. */
  labelKey: MessageKey;
  /** One line for the home page's quick links. */
  descriptionKey?: MessageKey;
  /** 'public': no sign-in; 'authenticated': anyone signed in; otherwise these roles only. */
  access: 'public' | 'authenticated' | readonly Role[];
  /** 'app': inside the layout with header and menu; 'bare': a page of its own. */
  layout: 'app' | 'bare';
  /** The menu group the page is listed in; pages without one are not in the menu. */
  menu?: 'main' | 'admin';
  icon?: ReactNode;
  page: LazyExoticComponent<ComponentType>;
}

export const menuGroups: { key: 'main' | 'admin'; labelKey: MessageKey }[] = [
  { key: 'main', labelKey: 'menu.group.main' },
  { key: 'admin', labelKey: 'menu.group.admin' },
];

export const appRoutes: AppRoute[] = [
  {
    path: '/login',
    labelKey: 'menu.signIn',
    access: 'public',
    layout: 'bare',
    page: lazy(() => import('./pages/SignInPage.tsx')),
  },
  {
    path: '/change-password',
    labelKey: 'menu.changePassword',
    access: 'authenticated',
    layout: 'bare',
    page: lazy(() => import('./pages/account/ForcedPasswordPage.tsx')),
  },
  {
    path: '/',
    labelKey: 'menu.home',
    access: 'authenticated',
    layout: 'app',
    menu: 'main',
    icon: <HomeOutlined />,
    page: lazy(() => import('./pages/HomePage.tsx')),
  },
  {
    path: '/account',
    labelKey: 'menu.account',
    descriptionKey: 'menu.account.description',
    access: 'authenticated',
    layout: 'app',
    menu: 'main',
    icon: <UserOutlined />,
    page: lazy(() => import('./pages/account/AccountPage.tsx')),
  },
  {
    path: '/admin/units',
    labelKey: 'menu.units',
    descriptionKey: 'menu.units.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <ClusterOutlined />,
    page: lazy(() => import('./pages/admin/units/UnitsPage.tsx')),
  },
  {
    path: '/admin/people',
    labelKey: 'menu.people',
    descriptionKey: 'menu.people.description',
    access: ['admin', 'unitLeader'],
    layout: 'app',
    menu: 'admin',
    icon: <TeamOutlined />,
    page: lazy(() => import('./pages/admin/people/PeoplePage.tsx')),
  },
  {
    path: '/admin/task-force',
    labelKey: 'menu.taskForce',
    descriptionKey: 'menu.taskForce.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <UsergroupAddOutlined />,
    page: lazy(() => import('./pages/admin/task-force/TaskForcePage.tsx')),
  },
  {
    path: '/admin/calendar',
    labelKey: 'menu.calendar',
    descriptionKey: 'menu.calendar.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <CalendarOutlined />,
    page: lazy(() => import('./pages/admin/calendar/CalendarPage.tsx')),
  },
  {
    path: '/admin/audit',
    labelKey: 'menu.audit',
    descriptionKey: 'menu.audit.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <AuditOutlined />,
    page: lazy(() => import('./pages/admin/audit/AuditPage.tsx')),
  },
];

export function canOpen(route: AppRoute, roles: readonly Role[]): boolean {
  if (route.access === 'public' || route.access === 'authenticated') return true;
  return route.access.some((role) => roles.includes(role));
}

/** The menu pages a person with these roles may open, in menu order. */
export function menuRoutes(roles: readonly Role[]): AppRoute[] {
  return appRoutes.filter((route) => route.menu && canOpen(route, roles));
}

export function routeOf(path: string): AppRoute | undefined {
  return appRoutes.find((route) => route.path === path);
}
