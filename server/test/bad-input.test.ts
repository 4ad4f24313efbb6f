import type { ErrorCode } from '@f2f/contract';
import { errorCatalog } from '@f2f/contract';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { countRows, expectError, personId, regionId, unitId } from './helpers.ts';
import { createTestApp, login } from './test-app.ts';

describe('bad input', async () => {
  // A small body limit, so that "too large" needs only a few kilobytes.
  const { app, ctx } = await createTestApp({ config: { bodyLimitBytes: 4096 } });
  const admin = await login(app, 'admin');
  const cityId = await regionId(ctx, '河源市');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const handlerId = await personId(ctx, 'handler');
  const signedIn = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };

  /** Row counts of every table the routes below could write. */
  async function snapshot() {
    return {
      units: await countRows(ctx, 'units'),
      people: await countRows(ctx, 'people'),
      personRoles: await countRows(ctx, 'personRoles'),
      taskForce: await countRows(ctx, 'taskForceMembers'),
      calendarYears: await countRows(ctx, 'calendarYears'),
      calendarDays: await countRows(ctx, 'calendarDays'),
      sessions: await countRows(ctx, 'sessions'),
      audit: await countRows(ctx, 'auditLog'),
    };
  }

  /** Sends a raw request as the administrator; asserts the error answer and that nothing was written. */
  async function refused(
    code: ErrorCode,
    request: { method: InjectOptions['method']; url: string; body?: string | object; contentType?: string },
  ): Promise<Record<string, unknown>> {
    const before = await snapshot();
    const headers: Record<string, string> = { ...signedIn };
    if (request.contentType) headers['content-type'] = request.contentType;
    const response: LightMyRequestResponse = await app.inject({
      method: request.method,
      url: request.url,
      headers,
      ...(request.body !== undefined && { payload: request.body }),
    });
    const body = expectError(response, code);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(body).not.toHaveProperty('requestId');
    expect(await snapshot()).toEqual(before);
    return body;
  }

  function fields(body: Record<string, unknown>): string[] {
    return (body.details as { field: string }[]).map((d) => d.field).sort();
  }

  const validUnit = { name: '河源市输入测试局', type: 'department', regionId: cityId };

  it('refuses wrong types field by field', async () => {
    const body = await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: { name: 123, type: 'department', regionId: cityId, isCollector: 'yes', sortOrder: '10' },
    });
    expect(fields(body)).toEqual(['body.isCollector', 'body.name', 'body.sortOrder']);
    for (const detail of body.details as { message: string }[]) expect(detail.message).toBeTruthy();

    await refused('request.invalid', {
      method: 'PATCH',
      url: `/api/org/units/${nrId}`,
      body: { shortName: '改名', version: '1' },
    });
    await refused('request.invalid', {
      method: 'PATCH',
      url: `/api/org/people/${handlerId}`,
      body: { active: 'false', version: 1 },
    });
  });

  it('refuses missing fields, naming them', async () => {
    const body = await refused('request.invalid', { method: 'POST', url: '/api/org/units', body: {} });
    expect(fields(body)).toEqual(['body.name', 'body.regionId', 'body.type']);
    const person = await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/people',
      body: { username: 'no.password', name: '无密码', unitId: nrId, roles: ['handler'] },
    });
    expect(fields(person)).toEqual(['body.password']);
    // A version is required to change anything.
    const noVersion = await refused('request.invalid', {
      method: 'PATCH',
      url: `/api/org/units/${nrId}`,
      body: { shortName: '改名' },
    });
    expect(fields(noVersion)).toEqual(['body.version']);
  });

  it('refuses unknown enum values', async () => {
    const unit = await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: { ...validUnit, type: 'foo' },
    });
    expect(fields(unit)).toEqual(['body.type']);
    const person = await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/people',
      body: {
        username: 'the.king',
        name: '国王',
        unitId: nrId,
        roles: ['handler', 'king'],
        password: 'Start1234',
      },
    });
    expect(fields(person)).toEqual(['body.roles.1']);
    await refused('request.invalid', {
      method: 'PATCH',
      url: `/api/org/people/${handlerId}`,
      body: { roles: ['king'], version: 1 },
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/task-force',
      body: { regionId: cityId, position: 'emperor', personName: '某人', title: '某职' },
    });
    await refused('request.invalid', { method: 'GET', url: '/api/org/units?type=foo' });
    await refused('request.invalid', { method: 'GET', url: '/api/org/people?role=king' });
  });

  it('refuses values out of range: empty, too long, badly formed', async () => {
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: { ...validUnit, name: ' ' },
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: { ...validUnit, name: '局'.repeat(61) },
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/people',
      body: { username: 'bad name!', name: '坏名', unitId: nrId, roles: ['handler'], password: 'Start1234' },
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/people',
      body: { username: 'no.roles', name: '无角色', unitId: nrId, roles: [], password: 'Start1234' },
    });
    await refused('request.invalid', {
      method: 'PATCH',
      url: '/api/auth/profile',
      body: { email: 'not-an-email' },
    });
    await refused('request.invalid', {
      method: 'PATCH',
      url: '/api/auth/profile',
      body: { phone: 'call me' },
    });
    await refused('request.invalid', { method: 'GET', url: `/api/org/people/${'x'.repeat(65)}` });
    await refused('request.invalid', { method: 'GET', url: '/api/org/people?pageSize=0' });
    await refused('request.invalid', { method: 'GET', url: '/api/org/people?pageSize=abc' });
    await refused('request.invalid', { method: 'GET', url: '/api/audit?pageSize=201' });
  });

  it('refuses malformed JSON and an empty JSON body', async () => {
    const body = await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: '{"name": "河源市',
      contentType: 'application/json',
    });
    expect(body.message).toBe(errorCatalog['request.invalid'].zh);
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: '',
      contentType: 'application/json',
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: '[1, 2]',
      contentType: 'application/json',
    });
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: 'null',
      contentType: 'application/json',
    });
  });

  it('refuses an oversized body with 413 request.body_too_large', async () => {
    const big = JSON.stringify({ ...validUnit, shortName: '大'.repeat(3000) });
    expect(Buffer.byteLength(big)).toBeGreaterThan(4096);
    await refused('request.body_too_large', {
      method: 'POST',
      url: '/api/org/units',
      body: big,
      contentType: 'application/json',
    });
    // Before signing in, too: the limit does not wait for the session check.
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(5000) }),
    });
    expectError(response, 'request.body_too_large');
  });

  it('refuses a body that is not JSON with 415, or 400 for plain text', async () => {
    await refused('request.unsupported_media_type', {
      method: 'POST',
      url: '/api/org/units',
      body: '<unit><name>河源市输入测试局</name></unit>',
      contentType: 'application/xml',
    });
    await refused('request.unsupported_media_type', {
      method: 'POST',
      url: '/api/org/units',
      body: `name=x&type=department&regionId=${cityId}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    // Fastify reads text/plain as a string; the schema then refuses it.
    await refused('request.invalid', {
      method: 'POST',
      url: '/api/org/units',
      body: JSON.stringify(validUnit),
      contentType: 'text/plain',
    });
  });

  it('refuses malformed date strings', async () => {
    await refused('calendar.date_invalid', {
      method: 'GET',
      url: '/api/calendar/shift?date=2025-02-30&days=1',
    });
    await refused('calendar.date_invalid', { method: 'GET', url: '/api/calendar/day?date=2025/10/01' });
    await refused('calendar.date_invalid', {
      method: 'GET',
      url: '/api/calendar/between?from=2025-10-01&to=soon',
    });
    for (const bad of ['garbage', '2025-13-45', '2025-07-15 03:00', '2025-07-15T03:00:00+08:00x']) {
      const body = await refused('request.invalid', {
        method: 'GET',
        url: `/api/audit?from=${encodeURIComponent(bad)}`,
      });
      expect(fields(body)).toEqual(['querystring.from']);
    }
    await refused('request.invalid', { method: 'GET', url: '/api/audit?to=yesterday' });
    await refused('request.invalid', {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      body: { days: [{ date: '2027-02-30', isOffDay: true, name: '春节' }] },
    });
    await refused('request.invalid', {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      body: { days: [{ date: '27-2-3', isOffDay: true, name: '春节' }] },
    });
  });

  it('answers in English on request, with the same code', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { ...signedIn, 'accept-language': 'en-US,en;q=0.9' },
      payload: { ...validUnit, type: 'foo' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'request.invalid', message: 'The request is invalid' });
  });

  it('answers an unknown /api route with 404 request.not_found', async () => {
    await refused('request.not_found', { method: 'GET', url: '/api/no-such-thing' });
    await refused('request.not_found', { method: 'DELETE', url: '/api/org/units' });
  });

  it('writes when the same request is valid (the snapshot does see writes)', async () => {
    const before = await snapshot();
    const response = await app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: signedIn,
      payload: validUnit,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await snapshot()).toEqual({ ...before, units: before.units + 1, audit: before.audit + 1 });
  });

  it('answers a server fault with 500 server.internal and the request id to quote', async () => {
    // A real fault, not a mock: the settings table disappears under the running server.
    await sql`alter table settings rename to settings_gone`.execute(ctx.db);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/settings/public' });
      const body = expectError(response, 'server.internal');
      expect(body.requestId).toBe(response.headers['x-request-id']);
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      // Nothing about the fault itself leaks to the client.
      expect(JSON.stringify(body)).not.toMatch(/settings|sql|table/i);
    } finally {
      await sql`alter table settings_gone rename to settings`.execute(ctx.db);
    }
    expect((await app.inject({ method: 'GET', url: '/api/settings/public' })).statusCode).toBe(200);
  });
});
