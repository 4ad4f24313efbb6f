import { randomUUID } from 'node:crypto';
import type { Role } from '@f2f/contract';
import { roles } from '@f2f/contract';
import { describe, expect, it } from 'vitest';
import type { Access } from '../src/plugins/auth.ts';
import { countRows, expectError, lastAuditSeq, regionId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

/**
 * Who may call what, reviewed by hand. Widening a route's access must change this table too,
 * so that it is a deliberate decision and not a slip in a route file.
 */
/** Everyone in the appeal flow may call the appeal readers; the policy then filters rows. */
const appealReaders: Role[] = [
  'enterprise',
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'handler',
  'unitLeader',
];
const issueReaders: Role[] = ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'];
/** The register, each in their region scope; an enterprise account reads only its own enterprise by id. */
const enterpriseReaders: Role[] = [
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'admin',
];

const expectedAccess: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /api/settings/public': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'authenticated',
  'GET /api/auth/session': 'authenticated',
  'POST /api/auth/password': 'authenticated',
  'PATCH /api/auth/profile': 'authenticated',
  'GET /api/org/regions': 'authenticated',
  'GET /api/org/units': 'authenticated',
  'POST /api/org/units': ['admin'],
  'PATCH /api/org/units/:id': ['admin'],
  'GET /api/org/people': ['admin', 'unitLeader'],
  'GET /api/org/people/export.xlsx': ['admin', 'unitLeader'],
  'GET /api/org/people/:id': ['admin', 'unitLeader'],
  'POST /api/org/people': ['admin'],
  'PATCH /api/org/people/:id': ['admin'],
  'POST /api/org/people/:id/reset-password': ['admin'],
  'POST /api/org/people/:id/unlock': ['admin'],
  'GET /api/org/task-force': 'authenticated',
  'POST /api/org/task-force': ['admin'],
  'PUT /api/org/task-force/:id': ['admin'],
  'DELETE /api/org/task-force/:id': ['admin'],
  'GET /api/admin/jobs': ['admin'],
  'POST /api/admin/jobs/:name/run': ['admin'],
  'GET /api/calendar/years': 'authenticated',
  'GET /api/calendar/years/:year': 'authenticated',
  'PUT /api/calendar/years/:year': ['admin'],
  'GET /api/calendar/shift': 'authenticated',
  'GET /api/calendar/between': 'authenticated',
  'GET /api/calendar/day': 'authenticated',
  'GET /api/audit': ['admin'],
  'GET /api/audit/verify': ['admin'],
  'GET /api/audit/export.xlsx': ['admin'],
  'GET /api/appeal-categories': 'authenticated',
  'POST /api/appeal-categories': ['admin'],
  'PUT /api/appeal-categories/:code': ['admin'],
  'GET /api/appeals': appealReaders,
  'GET /api/dashboard': [
    'leader',
    'governmentOffice',
    'supervisionOffice',
    'taskForceOffice',
    'handler',
    'unitLeader',
  ],
  'GET /api/dashboard/rankings': ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'],
  'GET /api/dashboard/rankings/export.xlsx': [
    'leader',
    'governmentOffice',
    'supervisionOffice',
    'taskForceOffice',
  ],
  'GET /api/dashboard/hot-topics': ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'],
  'GET /api/dashboard/hot-topics/export.xlsx': [
    'leader',
    'governmentOffice',
    'supervisionOffice',
    'taskForceOffice',
  ],
  'GET /api/reports/summary.docx': ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'],
  'GET /api/reports': ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'],
  'GET /api/reports/:id/download': ['leader', 'governmentOffice', 'supervisionOffice', 'taskForceOffice'],
  'GET /api/appeals/:id': appealReaders,
  'POST /api/appeals/submit': ['enterprise'],
  'POST /api/appeals': ['collector', 'taskForceOffice'],
  'POST /api/exchanges': ['collector', 'taskForceOffice'],
  'PATCH /api/appeals/:id': ['enterprise', 'collector', 'taskForceOffice'],
  'GET /api/appeals/:id/similar': ['taskForceOffice', 'collector'],
  'GET /api/appeals/:id/levels': issueReaders,
  'POST /api/appeals/:id/escalate': ['taskForceOffice'],
  'POST /api/appeals/:id/hand-down': ['taskForceOffice'],
  'POST /api/appeals/similar-preview': ['enterprise', 'collector', 'taskForceOffice'],
  'GET /api/common-issues': issueReaders,
  'GET /api/common-issues/export.xlsx': issueReaders,
  'GET /api/common-issues/:id': issueReaders,
  'POST /api/common-issues': ['taskForceOffice'],
  'POST /api/common-issues/:id/appeals': ['taskForceOffice'],
  'DELETE /api/common-issues/:id/appeals/:appealId': ['taskForceOffice'],
  'GET /api/enterprises': enterpriseReaders,
  'GET /api/enterprises/export.xlsx': enterpriseReaders,
  'GET /api/enterprises/import-template.xlsx': ['taskForceOffice', 'admin'],
  'POST /api/enterprises/import': ['taskForceOffice', 'admin'],
  'GET /api/enterprises/:id': [...enterpriseReaders, 'enterprise'],
  'GET /api/enterprises/:id/overview': [...enterpriseReaders, 'enterprise'],
  'POST /api/enterprises': ['collector', 'taskForceOffice', 'admin'],
  'PATCH /api/enterprises/:id': ['enterprise', 'collector', 'taskForceOffice', 'admin'],
  // Attachments: uploading follows the policy's addAttachment; downloading, whoever may see the appeal.
  'POST /api/appeals/:id/attachments': ['enterprise', 'collector', 'taskForceOffice'],
  'GET /api/appeals/:id/attachments/:attachmentId': appealReaders,
  'GET /api/appeals/export.xlsx': appealReaders,
  // The ledger: the office and oversight, each in their region (as the pool).
  'GET /api/exports/ledger.xlsx': issueReaders,
  'GET /api/handling-tiers': 'authenticated',
  'POST /api/handling-tiers': ['admin'],
  'PUT /api/handling-tiers/:code': ['admin'],
  'GET /api/appeals/:id/verification': appealReaders,
  // Verification and the decision are the task-force office's; units answer what they were asked.
  'POST /api/appeals/:id/verification-requests': ['taskForceOffice'],
  'POST /api/appeals/:id/assess': ['taskForceOffice'],
  'POST /api/appeals/:id/consultations': ['taskForceOffice'],
  'POST /api/appeals/:id/reject': ['taskForceOffice'],
  'POST /api/appeals/:id/handle-directly': ['taskForceOffice'],
  'POST /api/appeals/:id/assign': ['taskForceOffice'],
  'GET /api/verification-requests': [
    'handler',
    'unitLeader',
    'taskForceOffice',
    'leader',
    'governmentOffice',
    'supervisionOffice',
  ],
  'GET /api/verification-requests/export.xlsx': [
    'handler',
    'unitLeader',
    'taskForceOffice',
    'leader',
    'governmentOffice',
    'supervisionOffice',
  ],
  'POST /api/verification-requests/:id/answer': ['handler', 'unitLeader'],
  // Events: the office drafts and records, the government office issues and edits, a leader approves.
  'GET /api/events': issueReaders,
  'GET /api/events/export.xlsx': issueReaders,
  'POST /api/events': ['taskForceOffice'],
  'GET /api/events/:id': issueReaders,
  'GET /api/events/:id/accountability': issueReaders,
  'GET /api/events/:id/accountability/export.xlsx': issueReaders,
  'PATCH /api/events/:id': ['taskForceOffice'],
  'POST /api/events/:id/items': ['taskForceOffice'],
  'PATCH /api/events/:id/items/:itemId': ['taskForceOffice'],
  'DELETE /api/events/:id/items/:itemId': ['taskForceOffice'],
  'POST /api/events/:id/submit': ['taskForceOffice'],
  'POST /api/events/:id/approve': ['leader'],
  'POST /api/events/:id/reopen': ['taskForceOffice'],
  'POST /api/events/:id/notice': ['governmentOffice'],
  'POST /api/events/:id/opinions': ['taskForceOffice'],
  'POST /api/events/:id/opinions/edit': ['governmentOffice'],
  'POST /api/events/:id/opinions/approve': ['leader'],
  'POST /api/events/:id/items/:itemId/proposal': ['leader', 'taskForceOffice'],
  'PUT /api/events/:id/items/:itemId/ruling': ['taskForceOffice', 'governmentOffice'],
  'GET /api/events/:id/catalogue.docx': issueReaders,
  'GET /api/events/:id/catalogue.xlsx': issueReaders,
  'GET /api/events/:id/notice.docx': issueReaders,
  'GET /api/events/:id/opinions.docx': issueReaders,
  // Handling: the units accept, report progress and reply; the office decides extensions and closes.
  'POST /api/appeals/:id/accept': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/return': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/progress': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/co-input': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/extension': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/extension/decide': ['taskForceOffice'],
  'POST /api/appeals/:id/report': ['handler', 'unitLeader'],
  'POST /api/appeals/:id/close': ['taskForceOffice'],
  'POST /api/appeals/:id/send-back': ['taskForceOffice'],
  'GET /api/appeals/:id/handling': appealReaders,
  'GET /api/assignments': [
    'handler',
    'unitLeader',
    'taskForceOffice',
    'leader',
    'governmentOffice',
    'supervisionOffice',
  ],
  'GET /api/assignments/export.xlsx': [
    'handler',
    'unitLeader',
    'taskForceOffice',
    'leader',
    'governmentOffice',
    'supervisionOffice',
  ],
  'GET /api/appeals/:id/ratings': appealReaders,
  'POST /api/appeals/:id/ratings/:ratingId': ['enterprise'],
  'POST /api/appeals/:id/ratings/:ratingId/explanation': ['taskForceOffice'],
  'POST /api/appeals/:id/ratings/:ratingId/explanation/decide': ['leader'],
  'POST /api/appeals/:id/reopen': ['taskForceOffice'],
  'POST /api/appeals/:id/follow-ups': ['taskForceOffice'],
  'POST /api/admin/sweeps/ratings': ['admin', 'taskForceOffice'],
  'GET /api/supervision/workspace': ['supervisionOffice', 'leader', 'taskForceOffice'],
  'GET /api/supervision/workspace/export.xlsx': ['supervisionOffice', 'leader', 'taskForceOffice'],
  'GET /api/supervision/settings': ['supervisionOffice', 'leader', 'taskForceOffice', 'admin'],
  'PUT /api/supervision/settings': ['supervisionOffice', 'admin'],
  'POST /api/supervision/actions': ['supervisionOffice'],
  'POST /api/supervision/actions/:id/answer': ['handler', 'unitLeader'],
  'GET /api/supervision/actions/:id/notice.docx': ['supervisionOffice', 'handler', 'unitLeader'],
  'GET /api/appeals/:id/supervision': appealReaders,
  'POST /api/admin/sweeps/supervision': ['admin', 'supervisionOffice'],
  'GET /api/notices': 'authenticated',
  'POST /api/notices/:id/read': 'authenticated',
  'GET /api/notification-preferences': 'authenticated',
  'PUT /api/notification-preferences': 'authenticated',
  'GET /api/admin/outbox': ['admin'],
  'POST /api/admin/outbox/:id/retry': ['admin'],
  'POST /api/admin/sweeps/outbox': ['admin'],
  'GET /api/admin/api-keys': ['admin'],
  'POST /api/admin/api-keys': ['admin'],
  'POST /api/admin/api-keys/:id/revoke': ['admin'],
  // No session: authenticated by its HMAC signature instead (see signedRoutes).
  'POST /api/intake/appeals': 'public',
};

/** Public to the session hook, but signed: without a signature everyone gets 401 integration.signature_missing. */
const signedRoutes = new Set(['POST /api/intake/appeals']);

/** One demo account per role; each holds exactly that role. */
const accountOf: Record<Role, string> = {
  admin: 'admin',
  taskForceOffice: 'office',
  leader: 'leader',
  governmentOffice: 'govoffice',
  supervisionOffice: 'supervisor',
  handler: 'handler',
  unitLeader: 'unitleader',
  collector: 'collector',
  publicity: 'publicity',
  enterprise: 'enterprise',
};

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function normalise(access: Access): Access {
  return typeof access === 'string' ? access : [...access].sort();
}

function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'authenticated' || access.includes(role);
}

describe('access control', async () => {
  // Generous login limit: this file signs in once per role and walks the login route per role.
  const { app, ctx } = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  const cityId = await regionId(ctx, '河源市');

  /** The sessions the CSRF test signs in, one per account it needs. */
  const csrfSessions = new Map<string, Session>();
  const declared = app.routeAccess.filter((r) => r.method !== 'HEAD');
  // Logout ends the session it is called with, so it is walked last.
  const walk = [...declared].sort(
    (a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'),
  );

  function placeholderUrl(url: string): string {
    const path = url
      .replace(':id', randomUUID())
      .replace(':appealId', randomUUID())
      .replace(':attachmentId', randomUUID())
      .replace(':code', 'land')
      .replace(':year', '2025');
    const query: Record<string, string> = {
      '/api/calendar/shift': 'date=2025-10-09&days=-4',
      '/api/calendar/between': 'from=2025-09-30&to=2025-10-12',
      '/api/calendar/day': 'date=2025-10-08',
      '/api/org/task-force': `regionId=${cityId}`,
      '/api/audit': 'action=auth.&page=1',
      '/api/org/people': 'page=1&pageSize=5',
    };
    return query[url] ? `${path}?${query[url]}` : path;
  }

  it('declares exactly the reviewed access on every route', () => {
    const actual = Object.fromEntries(declared.map((r) => [`${r.method} ${r.url}`, normalise(r.access)]));
    const expected = Object.fromEntries(
      Object.entries(expectedAccess).map(([key, access]) => [key, normalise(access)]),
    );
    expect(actual).toEqual(expected);
    // Every /api route the app serves (besides the documentation UI) is in the table.
    const apiRoutes = declared.filter((r) => r.url.startsWith('/api')).length;
    expect(apiRoutes).toBe(Object.keys(expectedAccess).filter((k) => k.includes(' /api')).length);
  });

  it('gives HEAD routes the access of their GET', () => {
    const heads = app.routeAccess.filter((r) => r.method === 'HEAD');
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) {
      const get = declared.find((r) => r.method === 'GET' && r.url === head.url);
      expect(get?.access).toEqual(head.access);
    }
  });

  it('answers a mutation without or with a wrong CSRF header with 403 auth.csrf_invalid and writes nothing', async () => {
    const admin = await login(app, 'admin');
    csrfSessions.set('admin', admin);
    const auditBefore = await lastAuditSeq(ctx);
    const unitsBefore = await countRows(ctx, 'units');
    const mutations = declared.filter((r) => MUTATIONS.has(r.method) && r.access !== 'public');
    expect(mutations.length).toBeGreaterThanOrEqual(12);
    for (const route of mutations) {
      // Someone the route admits, so that only the missing or wrong token can be the reason for 403.
      const account =
        route.access === 'authenticated' || route.access.includes('admin')
          ? 'admin'
          : accountOf[route.access[0] as Role];
      const session = csrfSessions.get(account) ?? (await login(app, account));
      csrfSessions.set(account, session);
      for (const csrf of [undefined, 'not-the-token', '']) {
        const headers: Record<string, string> = { cookie: session.cookie };
        if (csrf !== undefined) headers['x-csrf-token'] = csrf;
        const response = await app.inject({
          method: route.method as 'POST',
          url: placeholderUrl(route.url),
          headers,
          payload: { name: '河源市测试单位', type: 'department', regionId: cityId },
        });
        expectError(response, 'auth.csrf_invalid');
      }
    }
    // Another person's token does not do either.
    const other = csrfSessions.get('office') ?? (await login(app, 'office'));
    csrfSessions.set('office', other);
    const wrongOwner = await app.inject({
      method: 'PATCH',
      url: '/api/auth/profile',
      headers: { cookie: admin.cookie, 'x-csrf-token': other.csrfToken },
      payload: { phone: '0762-1234567' },
    });
    expectError(wrongOwner, 'auth.csrf_invalid');
    expect(await countRows(ctx, 'units')).toBe(unitsBefore);
    // Only the sign-ins were recorded; the refused mutations wrote nothing.
    const after = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('seq', '>', auditBefore)
      .execute();
    expect(after.map((r) => r.action)).toEqual(Array(csrfSessions.size - 1).fill('auth.login'));
    // The admin's session survived the refused logout.
    expect((await call(app, admin, 'GET', '/api/auth/session')).statusCode).toBe(200);
  });

  const sessions = new Map<Role, Session>();

  it('refuses nobody on every non-public route, and every role the route does not allow', async () => {
    for (const role of roles) {
      const session = await login(app, accountOf[role]);
      const info = await call(app, session, 'GET', '/api/auth/session');
      // The account holds exactly the role it stands for, or the walk would prove less than it claims.
      expect(info.json().roles).toEqual([role]);
      sessions.set(role, session);
    }
    const actors: (Role | null)[] = [null, ...roles];
    let checked = 0;
    for (const route of walk) {
      for (const role of actors) {
        const session = role === null ? null : (sessions.get(role) as Session);
        const response = await call(
          app,
          session,
          route.method as 'GET',
          placeholderUrl(route.url),
          MUTATIONS.has(route.method) ? {} : undefined,
        );
        const label = `${route.method} ${route.url} as ${role ?? 'nobody'}: ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (signedRoutes.has(`${route.method} ${route.url}`)) {
          expect(response.statusCode, label).toBe(401);
          expect(response.json().code, label).toBe('integration.signature_missing');
        } else if (allows(route.access, role)) {
          expect([401, 403], label).not.toContain(response.statusCode);
          expect(response.statusCode, label).toBeLessThan(500);
        } else if (role === null) {
          expect(response.statusCode, label).toBe(401);
          expect(response.json().code, label).toBe('auth.unauthenticated');
        } else {
          expect(response.statusCode, label).toBe(403);
          expect(response.json().code, label).toBe('auth.forbidden');
        }
        checked += 1;
      }
    }
    expect(checked).toBe(walk.length * (roles.length + 1));
  });

  it('ended every walked session with the logout at the end of the walk', async () => {
    expect(walk.at(-1)?.url).toBe('/api/auth/logout');
    expect(sessions.size).toBe(roles.length);
    for (const session of sessions.values()) {
      expectError(await call(app, session, 'GET', '/api/auth/session'), 'auth.unauthenticated');
    }
    // Only the sessions of the CSRF test remain.
    expect(await countRows(ctx, 'sessions')).toBe(csrfSessions.size);
  });
});
