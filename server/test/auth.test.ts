import { errorCatalog } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed/heyuan.ts';
import { auditAfter, countRows, expectError, lastAuditSeq, personId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

const START = '2025-06-02T02:00:00.000Z';

/** A sign-in attempt from a given address, without the harness's success check. */
function attempt(
  app: FastifyInstance,
  username: string,
  password: string,
  options: { ip?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: options.headers ?? {},
  });
}

function sessionFrom(response: Awaited<ReturnType<typeof attempt>>, username: string): Session {
  const cookie = response.cookies.find((c) => c.name === 'f2f_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `f2f_session=${cookie.value}`, csrfToken: response.json().csrfToken, username };
}

describe('sign-in and sessions', async () => {
  // The login rate limit has its own test below; here it must not get in the way.
  const { app, ctx, clock } = await createTestApp({ now: START, config: { loginRateLimitPerMinute: 1000 } });
  const nrUnitId = await unitId(ctx, '河源市自然资源局');

  async function createPerson(username: string, password = 'Start1234'): Promise<string> {
    const admin = await login(app, 'admin');
    const response = await call(app, admin, 'POST', '/api/org/people', {
      username,
      name: `测试${username}`,
      unitId: nrUnitId,
      roles: ['handler'],
      password,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().id;
  }

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict, Path=/, and records the address', async () => {
    const before = await lastAuditSeq(ctx);
    const response = await attempt(app, 'admin', DEMO_PASSWORD, { ip: '198.51.100.7' });
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^f2f_session=[A-Za-z0-9_-]{40,};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    const body = response.json();
    expect(body.roles).toEqual(['admin']);
    expect(body.person.username).toBe('admin');
    expect(body.mustChangePassword).toBe(false);
    expect(typeof body.csrfToken).toBe('string');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(24);
    // The session lasts sessionMaxHours (168) from now.
    expect(body.expiresAt).toBe(new Date(Date.parse(START) + 168 * 3_600_000).toISOString());
    // The CSRF token is not the session token.
    expect(header).not.toContain(body.csrfToken);

    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'auth.login',
      entityType: 'person',
      entityId: body.person.id,
      actorId: body.person.id,
      ip: '198.51.100.7',
    });
    const session = sessionFrom(response, 'admin');
    expect((await call(app, session, 'GET', '/api/auth/session')).json().person.id).toBe(body.person.id);
  });

  it('refuses a wrong password and an unknown user with the same answer, in Chinese or English, and records both', async () => {
    const before = await lastAuditSeq(ctx);
    const wrong = await attempt(app, 'leader', 'Wrong-password-1', { ip: '198.51.100.8' });
    const unknown = await attempt(app, 'nobody-here', 'Wrong-password-1', { ip: '198.51.100.9' });
    expectError(wrong, 'auth.invalid_credentials');
    expect(wrong.json().message).toBe('用户名或密码错误');
    // Nobody learns from the answer whether the username exists.
    expect({ status: unknown.statusCode, body: unknown.json() }).toEqual({
      status: wrong.statusCode,
      body: wrong.json(),
    });
    expect(wrong.cookies).toHaveLength(0);

    const english = await attempt(app, 'leader', 'Wrong-password-1', {
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(401);
    expect(english.json()).toMatchObject({
      code: 'auth.invalid_credentials',
      message: errorCatalog['auth.invalid_credentials'].en,
    });
    const englishUnknown = await attempt(app, 'nobody-here', 'x', {
      headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' },
    });
    expect(englishUnknown.json()).toEqual(english.json());

    const rows = await auditAfter(ctx, before);
    expect(rows.map((r) => [r.action, (r.after as { reason: string }).reason])).toEqual([
      ['auth.login_failed', 'wrong_password'],
      ['auth.login_failed', 'unknown_user'],
      ['auth.login_failed', 'wrong_password'],
      ['auth.login_failed', 'unknown_user'],
    ]);
    expect(rows[0]).toMatchObject({ ip: '198.51.100.8', entityId: await personId(ctx, 'leader') });
    expect(rows[1]).toMatchObject({ ip: '198.51.100.9', entityId: null, actorId: null });
    expect(rows[1]?.after).toMatchObject({ username: 'nobody-here' });
    // The failed attempts of 'leader' are counted towards a lock-out; a success resets them.
    expect((await attempt(app, 'leader', DEMO_PASSWORD)).statusCode).toBe(200);
    const leader = await ctx.db
      .selectFrom('people')
      .select('failedLogins')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    expect(leader.failedLogins).toBe(0);
  });

  it('locks an account after 5 failures, even against the right password, until the lock minutes pass', async () => {
    const id = await personId(ctx, 'collector');
    for (let i = 1; i <= 4; i += 1) {
      expectError(await attempt(app, 'collector', `Wrong-${i}-password`), 'auth.invalid_credentials');
    }
    const fifth = await attempt(app, 'collector', 'Wrong-5-password', { ip: '198.51.100.10' });
    const body = expectError(fifth, 'auth.account_locked');
    const lockedUntil = new Date(clock.now().getTime() + 15 * 60_000).toISOString();
    expect(body.details).toEqual({ lockedUntil });

    const before = await lastAuditSeq(ctx);
    expectError(
      await attempt(app, 'collector', DEMO_PASSWORD, { ip: '198.51.100.11' }),
      'auth.account_locked',
    );
    const [refused] = await auditAfter(ctx, before);
    expect(refused).toMatchObject({ action: 'auth.login_failed', entityId: id, ip: '198.51.100.11' });
    expect(refused?.after).toMatchObject({ reason: 'locked' });

    clock.advanceMinutes(14);
    expectError(await attempt(app, 'collector', DEMO_PASSWORD), 'auth.account_locked');
    clock.advanceMinutes(1);
    expect((await attempt(app, 'collector', DEMO_PASSWORD)).statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('people')
      .select(['failedLogins', 'lockedUntil'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('lets an administrator unlock a locked account at once', async () => {
    const id = await personId(ctx, 'publicity');
    for (let i = 1; i <= 5; i += 1) await attempt(app, 'publicity', `Wrong-${i}-password`);
    expectError(await attempt(app, 'publicity', DEMO_PASSWORD), 'auth.account_locked');

    const admin = await login(app, 'admin');
    expect((await call(app, admin, 'GET', `/api/org/people/${id}`)).json().locked).toBe(true);
    const before = await lastAuditSeq(ctx);
    const unlocked = await call(app, admin, 'POST', `/api/org/people/${id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ id, locked: false });
    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'org.person.unlock', entityId: id });
    expect(rows[0]?.before).toMatchObject({ locked: true });
    expect(rows[0]?.after).toMatchObject({ locked: false });

    expect((await attempt(app, 'publicity', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const session = await login(app, 'govoffice');
    const sessionsBefore = await countRows(ctx, 'sessions');
    const before = await lastAuditSeq(ctx);
    const response = await call(app, session, 'POST', '/api/auth/logout');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    // The browser is told to drop the cookie.
    expect(String(response.headers['set-cookie'])).toMatch(/^f2f_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await countRows(ctx, 'sessions')).toBe(sessionsBefore - 1);
    expectError(await call(app, session, 'GET', '/api/auth/session'), 'auth.unauthenticated');
    expectError(await call(app, session, 'GET', '/api/org/regions'), 'auth.unauthenticated');
    const rows = await auditAfter(ctx, before);
    expect(rows.map((r) => r.action)).toEqual(['auth.logout']);
    expect(rows[0]?.entityId).toBe(await personId(ctx, 'govoffice'));
  });

  it('ends a session after 480 idle minutes, while activity keeps it alive', async () => {
    const session = await login(app, 'office');
    clock.advanceMinutes(479);
    expect((await call(app, session, 'GET', '/api/auth/session')).statusCode).toBe(200);
    // Activity 479 minutes ago counts from the last request, not from the sign-in.
    clock.advanceMinutes(479);
    expect((await call(app, session, 'GET', '/api/auth/session')).statusCode).toBe(200);
    clock.advanceMinutes(481);
    const expired = await call(app, session, 'GET', '/api/auth/session');
    expectError(expired, 'auth.unauthenticated');
    expect(String(expired.headers['set-cookie'])).toMatch(/^f2f_session=;/);
    // The expired session is gone from the database, not merely refused.
    const left = await ctx.db
      .selectFrom('sessions as s')
      .innerJoin('people as p', 'p.id', 's.personId')
      .select('s.id')
      .where('p.username', '=', 'office')
      .execute();
    expect(left).toHaveLength(0);
  });

  it('ends even an active session after 168 hours', async () => {
    const session = await login(app, 'handler');
    for (let elapsed = 400; elapsed < 168 * 60; elapsed += 400) {
      clock.advanceMinutes(400);
      expect((await call(app, session, 'GET', '/api/org/regions')).statusCode, `${elapsed} min`).toBe(200);
    }
    clock.advanceMinutes(400);
    expectError(await call(app, session, 'GET', '/api/org/regions'), 'auth.unauthenticated');
  });

  it('makes a person created by an administrator change the password before anything else', async () => {
    const id = await createPerson('firstlogin');
    const response = await attempt(app, 'firstlogin', 'Start1234');
    expect(response.statusCode).toBe(200);
    expect(response.json().mustChangePassword).toBe(true);
    const session = sessionFrom(response, 'firstlogin');

    for (const url of ['/api/org/regions', '/api/org/units', '/api/calendar/years']) {
      expectError(await call(app, session, 'GET', url), 'auth.password_change_required');
    }
    // /api/auth/* stays open: the session, the profile and the password change itself.
    expect((await call(app, session, 'GET', '/api/auth/session')).json().mustChangePassword).toBe(true);
    const profile = await call(app, session, 'PATCH', '/api/auth/profile', { phone: '0762-3388123' });
    expect(profile.statusCode).toBe(200);
    expect(profile.json().person.phone).toBe('0762-3388123');

    const changed = await call(app, session, 'POST', '/api/auth/password', {
      currentPassword: 'Start1234',
      newPassword: 'Heyuan2025x',
    });
    expect(changed.statusCode).toBe(200);
    expect((await call(app, session, 'GET', '/api/org/regions')).statusCode).toBe(200);
    expect((await call(app, session, 'GET', '/api/auth/session')).json().mustChangePassword).toBe(false);
    const row = await ctx.db
      .selectFrom('people')
      .select('mustChangePassword')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.mustChangePassword).toBe(0);
  });

  it('changes a password: checks the current one and the strength, ends the other sessions', async () => {
    const id = await createPerson('changer', 'Start1234');
    const first = sessionFrom(await attempt(app, 'changer', 'Start1234'), 'changer');
    const second = sessionFrom(await attempt(app, 'changer', 'Start1234'), 'changer');

    const before = await lastAuditSeq(ctx);
    const hashBefore = (
      await ctx.db.selectFrom('people').select('passwordHash').where('id', '=', id).executeTakeFirstOrThrow()
    ).passwordHash;
    const change = (currentPassword: string, newPassword: string) =>
      call(app, first, 'POST', '/api/auth/password', { currentPassword, newPassword });

    expectError(await change('Not-the-password1', 'Better2025x'), 'auth.wrong_password');
    for (const weak of ['short1', 'abcdefghij', '1234567890', '        ']) {
      expectError(await change('Start1234', weak), 'auth.weak_password');
    }
    expectError(await change('Start1234', 'Start1234'), 'auth.password_reused');
    // The refusals changed nothing and recorded nothing.
    expect(await auditAfter(ctx, before)).toEqual([]);
    const hashAfterRefusals = (
      await ctx.db.selectFrom('people').select('passwordHash').where('id', '=', id).executeTakeFirstOrThrow()
    ).passwordHash;
    expect(hashAfterRefusals).toBe(hashBefore);
    expect((await call(app, second, 'GET', '/api/auth/session')).statusCode).toBe(200);

    const ok = await change('Start1234', 'Better2025x');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    const rows = await auditAfter(ctx, before);
    expect(rows.map((r) => [r.action, r.entityId])).toEqual([['auth.password_change', id]]);
    // The session that changed it goes on; the other one ends.
    expect((await call(app, first, 'GET', '/api/auth/session')).statusCode).toBe(200);
    expectError(await call(app, second, 'GET', '/api/auth/session'), 'auth.unauthenticated');
    // The old password no longer works; the new one does.
    expectError(await attempt(app, 'changer', 'Start1234'), 'auth.invalid_credentials');
    expect((await attempt(app, 'changer', 'Better2025x')).statusCode).toBe(200);
  });

  it('refuses a disabled person at sign-in and ends their sessions', async () => {
    const id = await personId(ctx, 'supervisor');
    const session = await login(app, 'supervisor');
    const admin = await login(app, 'admin');
    const person = (await call(app, admin, 'GET', `/api/org/people/${id}`)).json();
    const disabled = await call(app, admin, 'PATCH', `/api/org/people/${id}`, {
      active: false,
      version: person.version,
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    expectError(await call(app, session, 'GET', '/api/auth/session'), 'auth.unauthenticated');

    const before = await lastAuditSeq(ctx);
    const refused = await attempt(app, 'supervisor', DEMO_PASSWORD, { ip: '198.51.100.12' });
    expectError(refused, 'auth.account_disabled');
    expect(refused.cookies).toHaveLength(0);
    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login_failed', entityId: id, ip: '198.51.100.12' });
    expect(rows[0]?.after).toMatchObject({ reason: 'disabled' });
    const sessions = await ctx.db.selectFrom('sessions').select('id').where('personId', '=', id).execute();
    expect(sessions).toHaveLength(0);
  });

  it('ends the sessions of a person whose roles change', async () => {
    const id = await personId(ctx, 'unitleader');
    const session = await login(app, 'unitleader');
    const admin = await login(app, 'admin');
    const person = (await call(app, admin, 'GET', `/api/org/people/${id}`)).json();
    const updated = await call(app, admin, 'PATCH', `/api/org/people/${id}`, {
      roles: ['unitLeader', 'handler'],
      version: person.version,
    });
    expect(updated.json().roles).toEqual(['handler', 'unitLeader']);
    expectError(await call(app, session, 'GET', '/api/auth/session'), 'auth.unauthenticated');
    const again = await login(app, 'unitleader');
    expect((await call(app, again, 'GET', '/api/auth/session')).json().roles).toEqual([
      'handler',
      'unitLeader',
    ]);
  });
});

describe('the sign-in rate limit', async () => {
  const { app } = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });

  it('answers 429 request.rate_limited after the configured attempts per minute from one address', async () => {
    for (let i = 0; i < 3; i += 1) {
      expectError(await attempt(app, 'nobody-here', 'Wrong-password-1'), 'auth.invalid_credentials');
    }
    // The fourth attempt is refused before the password is even looked at, right or wrong.
    const limited = await attempt(app, 'admin', DEMO_PASSWORD);
    expectError(limited, 'request.rate_limited');
    expect(limited.cookies).toHaveLength(0);
    const english = await attempt(app, 'admin', DEMO_PASSWORD, { headers: { 'accept-language': 'en' } });
    expect(english.json()).toEqual({
      code: 'request.rate_limited',
      message: errorCatalog['request.rate_limited'].en,
    });
    // Other routes are not limited.
    expect((await app.inject({ method: 'GET', url: '/api/settings/public' })).statusCode).toBe(200);
  });
});

describe('the sign-in rate limit behind no trusted proxy', async () => {
  const { app } = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });

  it('counts the socket address, so a forged X-Forwarded-For does not get past it', async () => {
    for (let i = 0; i < 3; i += 1) {
      const forged = { 'x-forwarded-for': `198.51.100.${i + 1}` };
      expectError(
        await attempt(app, 'nobody-here', 'Wrong-password-1', { ip: '203.0.113.9', headers: forged }),
        'auth.invalid_credentials',
      );
    }
    const fourth = await attempt(app, 'nobody-here', 'Wrong-password-1', {
      ip: '203.0.113.9',
      headers: { 'x-forwarded-for': '198.51.100.77' },
    });
    expectError(fourth, 'request.rate_limited');
  });
});
