import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CoffeeOutlined,
  DashboardOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileWordOutlined,
  FireOutlined,
  FormOutlined,
  FundViewOutlined,
  HomeOutlined,
  InboxOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
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
  /** Only for people of the city itself: the server refuses it to a county's administrator. */
  cityOnly?: boolean;
  /** 'app': inside the layout with header and menu; 'bare': a page of its own. */
  layout: 'app' | 'bare';
  /** The menu group the page is listed in; pages without one are not in the menu. */
  menu?: MenuGroup;
  /** Who finds the page in the menu, when fewer than those who may open it (others reach it by links). */
  menuRoles?: readonly Role[];
  icon?: ReactNode;
  page: LazyExoticComponent<ComponentType>;
}

export type MenuGroup = 'main' | 'dashboard' | 'appeals' | 'admin';

export const menuGroups: { key: MenuGroup; labelKey: MessageKey }[] = [
  { key: 'main', labelKey: 'menu.group.main' },
  { key: 'dashboard', labelKey: 'menu.group.dashboard' },
  { key: 'appeals', labelKey: 'menu.group.appeals' },
  { key: 'admin', labelKey: 'menu.group.admin' },
];

/** Who takes part in the appeal flow (GET /api/appeals); each sees only what the server lets them. */
const APPEAL_READERS: readonly Role[] = [
  'enterprise',
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'handler',
  'unitLeader',
];
/** The pool: the office, and those who oversee it (read only). */
const POOL_READERS: readonly Role[] = ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'];
const RECORDERS: readonly Role[] = ['collector', 'taskForceOffice'];
/**
 * The dashboard (GET /api/dashboard): the city's or a county's figures for leaders, the offices and oversight;
 * a unit's own work for its handlers and leader.
 */
const DASHBOARD_READERS: readonly Role[] = [...POOL_READERS, 'handler', 'unitLeader'];
/** Verification requests (GET /api/verification-requests): the units asked, and the office and oversight. */
const REQUEST_READERS: readonly Role[] = ['handler', 'unitLeader', ...POOL_READERS];
/** The enterprise register (GET /api/enterprises). */
const REGISTER_READERS: readonly Role[] = [
  'taskForceOffice',
  'collector',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'admin',
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
    path: '/notices',
    labelKey: 'menu.notices',
    descriptionKey: 'menu.notices.description',
    access: 'authenticated',
    layout: 'app',
    menu: 'main',
    icon: <BellOutlined />,
    page: lazy(() => import('./pages/notices/NoticesPage.tsx')),
  },
  // Face-to-Face events (GET /api/events): the office, and those who oversee it, as for the pool.
  {
    path: '/events',
    labelKey: 'menu.events',
    descriptionKey: 'menu.events.description',
    access: POOL_READERS,
    layout: 'app',
    menu: 'main',
    icon: <ScheduleOutlined />,
    page: lazy(() => import('./pages/events/EventsPage.tsx')),
  },
  {
    path: '/events/:id',
    labelKey: 'menu.event',
    access: POOL_READERS,
    layout: 'app',
    page: lazy(() => import('./pages/events/EventPage.tsx')),
  },
  {
    // The clerk's full-width screen during the event, without the menu.
    path: '/events/:id/rulings',
    labelKey: 'menu.rulings',
    access: POOL_READERS,
    layout: 'bare',
    page: lazy(() => import('./pages/events/RulingsPage.tsx')),
  },
  {
    // 事项落实情况: one printable page of an event's items and where each stands.
    path: '/events/:id/accountability',
    labelKey: 'menu.accountability',
    access: POOL_READERS,
    layout: 'app',
    page: lazy(() => import('./pages/events/AccountabilityPage.tsx')),
  },
  // 统计分析: the pages of the 'dashboard' menu group (rankings, hot topics, reports join it here, in menu order).
  {
    path: '/dashboard',
    labelKey: 'menu.dashboard',
    descriptionKey: 'menu.dashboard.description',
    access: DASHBOARD_READERS,
    layout: 'app',
    menu: 'dashboard',
    icon: <DashboardOutlined />,
    page: lazy(() => import('./pages/dashboard/DashboardPage.tsx')),
  },
  {
    // GET /api/dashboard/hot-topics: the overseers only (a unit's staff have no hot topics of their own).
    path: '/dashboard/hot-topics',
    labelKey: 'menu.hotTopics',
    descriptionKey: 'menu.hotTopics.description',
    access: POOL_READERS,
    layout: 'app',
    menu: 'dashboard',
    icon: <FireOutlined />,
    page: lazy(() => import('./pages/topics/HotTopicsPage.tsx')),
  },
  {
    // GET /api/dashboard/rankings: the overseers only; a county's people see their county's units.
    path: '/dashboard/rankings',
    labelKey: 'menu.rankings',
    descriptionKey: 'menu.rankings.description',
    access: POOL_READERS,
    layout: 'app',
    menu: 'dashboard',
    icon: <TrophyOutlined />,
    page: lazy(() => import('./pages/rankings/RankingsPage.tsx')),
  },
  {
    // GET /api/reports/summary.docx and the stored reports: the overseers (a county's people their county).
    path: '/reports',
    labelKey: 'menu.reports',
    descriptionKey: 'menu.reports.description',
    access: POOL_READERS,
    layout: 'app',
    menu: 'dashboard',
    icon: <FileWordOutlined />,
    page: lazy(() => import('./pages/reports/ReportsPage.tsx')),
  },
  {
    path: '/appeals/mine',
    labelKey: 'menu.myAppeals',
    descriptionKey: 'menu.myAppeals.description',
    access: ['enterprise'],
    layout: 'app',
    menu: 'appeals',
    icon: <UnorderedListOutlined />,
    page: lazy(() => import('./pages/appeals/MyAppealsPage.tsx')),
  },
  {
    path: '/appeals/submit',
    labelKey: 'menu.submitAppeal',
    descriptionKey: 'menu.submitAppeal.description',
    access: ['enterprise'],
    layout: 'app',
    menu: 'appeals',
    icon: <EditOutlined />,
    page: lazy(() => import('./pages/appeals/SubmitAppealPage.tsx')),
  },
  {
    path: '/appeals',
    labelKey: 'menu.pool',
    descriptionKey: 'menu.pool.description',
    access: POOL_READERS,
    layout: 'app',
    menu: 'appeals',
    icon: <InboxOutlined />,
    page: lazy(() => import('./pages/appeals/AppealPoolPage.tsx')),
  },
  {
    path: '/appeals/record',
    labelKey: 'menu.recordAppeal',
    descriptionKey: 'menu.recordAppeal.description',
    access: RECORDERS,
    layout: 'app',
    menu: 'appeals',
    icon: <FormOutlined />,
    page: lazy(() => import('./pages/appeals/RecordAppealPage.tsx')),
  },
  {
    path: '/appeals/exchange',
    labelKey: 'menu.recordExchange',
    descriptionKey: 'menu.recordExchange.description',
    access: RECORDERS,
    layout: 'app',
    menu: 'appeals',
    icon: <CoffeeOutlined />,
    page: lazy(() => import('./pages/appeals/RecordExchangePage.tsx')),
  },
  {
    path: '/appeals/recorded',
    labelKey: 'menu.recordedAppeals',
    descriptionKey: 'menu.recordedAppeals.description',
    access: ['collector'],
    layout: 'app',
    menu: 'appeals',
    icon: <ProfileOutlined />,
    page: lazy(() => import('./pages/appeals/RecordedAppealsPage.tsx')),
  },
  {
    path: '/verification-requests',
    labelKey: 'menu.verificationRequests',
    descriptionKey: 'menu.verificationRequests.description',
    access: REQUEST_READERS,
    // The units asked find it in the menu; the office opens it from the pool.
    menuRoles: ['handler', 'unitLeader'],
    layout: 'app',
    menu: 'appeals',
    icon: <FileSearchOutlined />,
    page: lazy(() => import('./pages/verification/VerificationRequestsPage.tsx')),
  },
  // Assignments (GET /api/assignments): a unit's own as 我的办理; the region's for the office and oversight.
  {
    path: '/assignments',
    labelKey: 'menu.assignments',
    descriptionKey: 'menu.assignments.description',
    access: ['handler', 'unitLeader', ...POOL_READERS],
    menuRoles: ['handler', 'unitLeader'],
    layout: 'app',
    menu: 'appeals',
    icon: <CarryOutOutlined />,
    page: lazy(() => import('./pages/handling/AssignmentsPage.tsx')),
  },
  {
    path: '/assignments/overview',
    labelKey: 'menu.assignmentsOverview',
    descriptionKey: 'menu.assignmentsOverview.description',
    access: POOL_READERS,
    menuRoles: ['taskForceOffice', 'supervisionOffice'],
    layout: 'app',
    menu: 'appeals',
    icon: <FundViewOutlined />,
    page: lazy(() => import('./pages/handling/AssignmentsPage.tsx')),
  },
  // 督查督办 (GET /api/supervision/workspace): the supervision office acts; leaders and the office read.
  {
    path: '/supervision',
    labelKey: 'menu.supervision',
    descriptionKey: 'menu.supervision.description',
    access: ['supervisionOffice', 'leader', 'taskForceOffice'],
    menuRoles: ['supervisionOffice', 'leader'],
    layout: 'app',
    menu: 'appeals',
    icon: <AlertOutlined />,
    page: lazy(() => import('./pages/supervision/SupervisionPage.tsx')),
  },
  {
    path: '/appeals/:id',
    labelKey: 'menu.appeal',
    access: APPEAL_READERS,
    layout: 'app',
    page: lazy(() => import('./pages/appeals/AppealDetailPage.tsx')),
  },
  {
    path: '/common-issues',
    labelKey: 'menu.commonIssues',
    descriptionKey: 'menu.commonIssues.description',
    access: POOL_READERS,
    menuRoles: ['taskForceOffice'],
    layout: 'app',
    menu: 'appeals',
    icon: <PartitionOutlined />,
    page: lazy(() => import('./pages/appeals/CommonIssuesPage.tsx')),
  },
  {
    path: '/common-issues/:id',
    labelKey: 'menu.commonIssue',
    access: POOL_READERS,
    layout: 'app',
    page: lazy(() => import('./pages/appeals/CommonIssueDetailPage.tsx')),
  },
  {
    path: '/enterprises',
    labelKey: 'menu.enterprises',
    descriptionKey: 'menu.enterprises.description',
    access: REGISTER_READERS,
    layout: 'app',
    menu: 'appeals',
    icon: <BankOutlined />,
    page: lazy(() => import('./pages/enterprises/EnterprisesPage.tsx')),
  },
  {
    path: '/enterprises/:id',
    labelKey: 'menu.enterprise',
    access: [...REGISTER_READERS, 'enterprise'],
    layout: 'app',
    page: lazy(() => import('./pages/enterprises/EnterpriseOverviewPage.tsx')),
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
    path: '/admin/appeal-categories',
    labelKey: 'menu.categories',
    descriptionKey: 'menu.categories.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <TagsOutlined />,
    page: lazy(() => import('./pages/appeals/CategoriesPage.tsx')),
  },
  {
    path: '/admin/handling-tiers',
    labelKey: 'menu.tiers',
    descriptionKey: 'menu.tiers.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <OrderedListOutlined />,
    page: lazy(() => import('./pages/verification/HandlingTiersPage.tsx')),
  },
  {
    path: '/admin/api-keys',
    labelKey: 'menu.apiKeys',
    descriptionKey: 'menu.apiKeys.description',
    access: ['admin'],
    layout: 'app',
    menu: 'admin',
    icon: <ApiOutlined />,
    page: lazy(() => import('./pages/integrations/ApiKeysPage.tsx')),
  },
  {
    path: '/admin/outbox',
    labelKey: 'menu.outbox',
    descriptionKey: 'menu.outbox.description',
    access: ['admin'],
    // The outbox spans every region and holds personal addresses: the city's administrators only.
    cityOnly: true,
    layout: 'app',
    menu: 'admin',
    icon: <SendOutlined />,
    page: lazy(() => import('./pages/admin/outbox/OutboxPage.tsx')),
  },
  {
    path: '/admin/jobs',
    labelKey: 'menu.jobs',
    descriptionKey: 'menu.jobs.description',
    access: ['admin'],
    // The jobs sweep every region: the city's administrators only.
    cityOnly: true,
    layout: 'app',
    menu: 'admin',
    icon: <FieldTimeOutlined />,
    page: lazy(() => import('./pages/admin/jobs/JobsPage.tsx')),
  },
  {
    path: '/admin/audit',
    labelKey: 'menu.audit',
    descriptionKey: 'menu.audit.description',
    access: ['admin'],
    cityOnly: true,
    layout: 'app',
    menu: 'admin',
    icon: <AuditOutlined />,
    page: lazy(() => import('./pages/admin/audit/AuditPage.tsx')),
  },
];

/** `atCity`: the person belongs to the city itself, not to a county (see `cityOnly`). */
export function canOpen(route: AppRoute, roles: readonly Role[], atCity = true): boolean {
  if (route.cityOnly && !atCity) return false;
  if (route.access === 'public' || route.access === 'authenticated') return true;
  return route.access.some((role) => roles.includes(role));
}

/** The menu pages a person with these roles may open, in menu order. */
export function menuRoutes(roles: readonly Role[], atCity = true): AppRoute[] {
  return appRoutes.filter(
    (route) =>
      route.menu &&
      canOpen(route, roles, atCity) &&
      (!route.menuRoles || route.menuRoles.some((role) => roles.includes(role))),
  );
}

export function routeOf(path: string): AppRoute | undefined {
  return appRoutes.find((route) => route.path === path);
}
