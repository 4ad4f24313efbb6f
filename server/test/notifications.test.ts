import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { creditCodeCheckCharacter } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/app.ts';
import { systemMeta, transact } from '../src/context.ts';
import { sendNotices } from '../src/modules/notices/notices.service.ts';
import { deliverOutbox, LEASE_MS } from '../src/modules/notifications/delivery.ts';
import { expectError, personId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

// ---------------------------------------------------------------------------------------------
// The outside world: an SMTP server, and one HTTP server playing the SMS and WeCom gateways and a
// platform's webhook receiver.

interface Mail {
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')),
    );
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < unfolded.length; i += 1) {
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A single-part text e-mail as nodemailer writes it. */
function parseMail(raw: string, to: string[]): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? null;
  const encoding = (header('Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : body;
  return { to, subject: decodeHeader(header('Subject') ?? ''), text, messageId: header('X-F2F-Message-Id') };
}

const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      mails.push(
        parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((r) => r.address),
        ),
      );
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** What each path answers; 200 unless a test says otherwise. */
const answers = new Map<string, number>();
const gateway = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const path = request.url ?? '/';
    received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    response.statusCode = answers.get(path) ?? 200;
    response.end(response.statusCode === 200 ? 'ok' : 'gateway down');
  });
});
await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

const receivedAt = (path: string) => received.filter((r) => r.path === path);
const gatewayBodies = (path: string) =>
  receivedAt(path).map(
    (r) => JSON.parse(r.body) as { messageId: string; to: string; subject: string; text: string },
  );

function creditCode(tail: string): string {
  const first17 = `91441625MA5${tail.padStart(6, '0')}`;
  return first17 + (creditCodeCheckCharacter(first17) as string);
}

describe('notifications: outbox, preferences, delivery and webhooks', async () => {
  // Monday 2 March 2026, 10:00 in Heyuan: a plain working day.
  const t = await createTestApp({
    now: '2026-03-02T02:00:00.000Z',
    config: {
      sessionIdleMinutes: 60 * 24 * 365,
      sessionMaxHours: 24 * 365,
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      mailFrom: '面对面平台 <noreply@heyuan.example>',
      smsGatewayUrl: `${base}/sms`,
      smsGatewayToken: 'sms-token',
      wecomGatewayUrl: `${base}/wecom`,
      wecomGatewayToken: null,
      outboxMaxAttempts: 3,
      outboxRetryBaseSeconds: 60,
    },
  });
  const { app, ctx, clock } = t;
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const enterpriseId = await personId(ctx, 'enterprise');
  const handlerId = await personId(ctx, 'handler');
  const officeId = await personId(ctx, 'office');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const npcId = await unitId(ctx, '河源市人大常委会办公室');

  // Whatever the demo's own history put in the outbox is not this file's business.
  await ctx.db.deleteFrom('outboxMessages').execute();

  const outboxRows = () => ctx.db.selectFrom('outboxMessages').selectAll().orderBy('id').execute();
  const notice = (kind: string, title: string) => ({
    kind,
    title,
    body: `${title}，请及时处理。`,
    link: '/notices',
  });
  const send = (ids: string[], kind: string, title: string) =>
    transact(ctx, systemMeta, (tx) => sendNotices(tx, ids, notice(kind, title)));

  json(
    await call(app, enterprise, 'PATCH', '/api/auth/profile', {
      email: 'li.chunming@example.com',
      phone: '13800138000',
    }),
  );
  json(await call(app, handler, 'PATCH', '/api/auth/profile', { email: 'huang@nr.heyuan.example' }));

  interface Prefs {
    preferences: { kind: string; channel: string; enabled: boolean; chosen: boolean }[];
    addresses: { email: string | null; sms: string | null; wecom: string | null };
  }
  const pick = (prefs: Prefs, kind: string) =>
    Object.fromEntries(prefs.preferences.filter((p) => p.kind === kind).map((p) => [p.channel, p.enabled]));

  it('has defaults: e-mail when there is an address, SMS for deadline notices, WeCom for government staff', async () => {
    const mine = json<Prefs>(await call(app, enterprise, 'GET', '/api/notification-preferences'));
    expect(mine.addresses).toEqual({ email: 'li.chunming@example.com', sms: '13800138000', wecom: null });
    expect(pick(mine, 'ratingRequested')).toEqual({ email: true, sms: false, wecom: false });
    expect(pick(mine, 'ratingReminder')).toEqual({ email: true, sms: true, wecom: false });
    expect(mine.preferences.every((p) => !p.chosen)).toBe(true);
    const staff = json<Prefs>(await call(app, handler, 'GET', '/api/notification-preferences'));
    expect(staff.addresses).toEqual({ email: 'huang@nr.heyuan.example', sms: null, wecom: 'handler' });
    expect(pick(staff, 'opinionsApproved')).toEqual({ email: true, sms: false, wecom: true });
  });

  it('writes one outbox row per person and channel in the transaction of the notice, and sends nothing then', async () => {
    await send([enterpriseId, handlerId, officeId], 'catalogueApproved', '已审定：测试清单');
    const rows = await outboxRows();
    expect(rows.map((r) => [r.personId, r.channel, r.recipient, r.status]).sort()).toEqual(
      [
        [enterpriseId, 'email', 'li.chunming@example.com', 'pending'],
        [handlerId, 'email', 'huang@nr.heyuan.example', 'pending'],
        [handlerId, 'wecom', 'handler', 'pending'],
        // The office has no e-mail address or phone: only WeCom.
        [officeId, 'wecom', 'office', 'pending'],
      ].sort(),
    );
    expect(rows.every((r) => r.nextAttemptAt === clock.now().toISOString())).toBe(true);
    expect(mails).toEqual([]);
    expect(received).toEqual([]);
  });

  it('delivers e-mail through SMTP and WeCom through the gateway, once', async () => {
    const result = await deliverOutbox(ctx);
    expect(result).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(mails.map((m) => [m.to, m.subject]).sort()).toEqual(
      [
        [['li.chunming@example.com'], '已审定：测试清单'],
        [['huang@nr.heyuan.example'], '已审定：测试清单'],
      ].sort(),
    );
    expect(mails[0]?.text).toContain('已审定：测试清单，请及时处理。');
    expect(mails[0]?.text).toContain('/notices');
    const rows = await outboxRows();
    expect(mails.map((m) => m.messageId).sort()).toEqual(
      rows
        .filter((r) => r.channel === 'email')
        .map((r) => r.id)
        .sort(),
    );
    const wecom = gatewayBodies('/wecom');
    expect(wecom.map((m) => m.to).sort()).toEqual(['handler', 'office']);
    expect(wecom[0]?.text).toContain('已审定：测试清单，请及时处理。');
    // No token configured for WeCom: no Authorization header.
    expect(receivedAt('/wecom')[0]?.headers.authorization).toBeUndefined();
    expect(rows.every((r) => r.status === 'sent' && r.sentAt === clock.now().toISOString())).toBe(true);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(mails).toHaveLength(2);
  });

  it('lets a person choose, and their choice decides who gets what', async () => {
    expectError(
      await call(app, enterprise, 'PUT', '/api/notification-preferences', {
        preferences: [{ kind: 'noSuchKind', channel: 'sms', enabled: true }],
      }),
      'request.invalid',
    );
    const updated = json<Prefs>(
      await call(app, enterprise, 'PUT', '/api/notification-preferences', {
        preferences: [
          { kind: 'ratingRequested', channel: 'sms', enabled: true },
          { kind: 'ratingRequested', channel: 'email', enabled: false },
        ],
      }),
    );
    expect(pick(updated, 'ratingRequested')).toEqual({ email: false, sms: true, wecom: false });
    expect(
      updated.preferences
        .filter((p) => p.chosen)
        .map((p) => `${p.kind}:${p.channel}`)
        .sort(),
    ).toEqual(['ratingRequested:email', 'ratingRequested:sms']);
    json(
      await call(app, handler, 'PUT', '/api/notification-preferences', {
        preferences: [{ kind: 'ratingRequested', channel: 'wecom', enabled: false }],
      }),
    );
    // Someone else's choices are untouched.
    expect(
      pick(json<Prefs>(await call(app, office, 'GET', '/api/notification-preferences')), 'ratingRequested'),
    ).toEqual({
      email: true,
      sms: false,
      wecom: true,
    });

    await ctx.db.deleteFrom('outboxMessages').execute();
    await send([enterpriseId, handlerId], 'ratingRequested', '请评价：测试诉求');
    expect((await outboxRows()).map((r) => [r.personId, r.channel]).sort()).toEqual(
      [
        [enterpriseId, 'sms'],
        [handlerId, 'email'],
      ].sort(),
    );
    received.length = 0;
    expect(await deliverOutbox(ctx)).toEqual({ sent: 2, retried: 0, failed: 0 });
    const sms = gatewayBodies('/sms');
    expect(sms.map((m) => [m.to, m.subject])).toEqual([['13800138000', '请评价：测试诉求']]);
    expect(receivedAt('/sms')[0]?.headers.authorization).toBe('Bearer sms-token');
  });

  it('also reaches people from a real change: closing an appeal asks the enterprise by SMS to rate', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    const act = async (s: Session, id: string, path: string, body: unknown) =>
      json<{ id: string; version: number; status: string }>(
        await call(app, s, 'POST', `/api/appeals/${id}/${path}`, body),
      );
    const appeal = json<{ id: string; version: number }>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title: '厂房消防验收进度咨询',
        content: '厂房消防验收进度较慢，请协调加快。',
        category: 'land',
      }),
    );
    let current = await act(office, appeal.id, 'handle-directly', {
      tierCode: 'single',
      version: appeal.version,
    });
    current = await act(office, appeal.id, 'assign', {
      leadUnitId: nrId,
      coUnitIds: [],
      measures: '协调办理',
      version: current.version,
    });
    current = await act(handler, appeal.id, 'accept', { version: current.version });
    current = await act(handler, appeal.id, 'report', {
      reply: '已协调消防部门完成验收。',
      version: current.version,
    });
    current = await act(office, appeal.id, 'close', { version: current.version });
    expect(current.status).toBe('closed');
    const rows = await outboxRows();
    expect(rows.map((r) => [r.personId, r.channel, r.kind])).toEqual([
      [enterpriseId, 'sms', 'ratingRequested'],
    ]);
    await deliverOutbox(ctx);
    expect(gatewayBodies('/sms').map((m) => m.subject)).toEqual(['请评价：厂房消防验收进度咨询']);
  });

  it('holds a deadline notice created on a holiday until 09:00 of the next working day', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    // Saturday 3 October 2026, 10:00 in Heyuan: the National Day holiday (1–7 October); Thursday the 8th is a working day.
    clock.set('2026-10-03T02:00:00.000Z');
    await send([enterpriseId], 'ratingReminder', '提醒：请评价');
    await send([enterpriseId], 'catalogueApproved', '已审定：假期中的清单');
    const rows = await outboxRows();
    const reminder = rows.filter((r) => r.kind === 'ratingReminder');
    expect(reminder.map((r) => [r.channel, r.nextAttemptAt]).sort()).toEqual([
      ['email', '2026-10-08T01:00:00.000Z'],
      ['sms', '2026-10-08T01:00:00.000Z'],
    ]);
    // Not a deadline notice: it goes at once, holiday or not.
    expect(rows.filter((r) => r.kind === 'catalogueApproved').map((r) => r.nextAttemptAt)).toEqual([
      '2026-10-03T02:00:00.000Z',
    ]);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, retried: 0, failed: 0 });
    clock.set('2026-10-08T00:59:59.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.set('2026-10-08T01:00:00.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(gatewayBodies('/sms').map((m) => m.subject)).toEqual(['提醒：请评价']);
  });

  it('retries with backoff, fails after the last attempt, shows it to the administrator, and retries on demand', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    clock.set('2026-03-03T02:00:00.000Z');
    answers.set('/sms', 503);
    await send([enterpriseId], 'ratingReminder', '提醒：网关故障中的短信');
    const [row] = (await outboxRows()).filter((r) => r.channel === 'sms');
    const sms = async () =>
      ctx.db
        .selectFrom('outboxMessages')
        .selectAll()
        .where('id', '=', row?.id as string)
        .executeTakeFirstOrThrow();

    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, retried: 1, failed: 0 });
    let state = await sms();
    expect([state.status, state.attempts, state.nextAttemptAt]).toEqual([
      'pending',
      1,
      '2026-03-03T02:01:00.000Z',
    ]);
    expect(state.lastError).toContain('HTTP 503');
    // Not due yet: nothing happens.
    clock.set('2026-03-03T02:00:59.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.set('2026-03-03T02:01:00.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 1, failed: 0 });
    state = await sms();
    expect([state.status, state.attempts, state.nextAttemptAt]).toEqual([
      'pending',
      2,
      '2026-03-03T02:03:00.000Z',
    ]);
    clock.set('2026-03-03T02:03:00.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 1 });
    state = await sms();
    expect([state.status, state.attempts]).toEqual(['failed', 3]);
    expect(receivedAt('/sms')).toHaveLength(3);
    clock.set('2026-03-03T03:00:00.000Z');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });

    // The administrator sees it, with the error.
    const failed = json<{
      items: { id: string; status: string; lastError: string; attempts: number; personName: string }[];
      total: number;
    }>(await call(app, admin, 'GET', '/api/admin/outbox?status=failed'));
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({
      id: row?.id,
      status: 'failed',
      attempts: 3,
      personName: '李春明',
    });
    expect(failed.items[0]?.lastError).toContain('HTTP 503');
    const byChannel = json<{ total: number }>(
      await call(app, admin, 'GET', '/api/admin/outbox?channel=email'),
    );
    expect(byChannel.total).toBe(1);
    expectError(await call(app, office, 'GET', '/api/admin/outbox'), 'auth.forbidden');

    // A sent message cannot be retried; an unknown one is not found.
    const sentId = (await outboxRows()).find((r) => r.status === 'sent')?.id as string;
    expectError(await call(app, admin, 'POST', `/api/admin/outbox/${sentId}/retry`), 'outbox.not_retryable');
    expectError(
      await call(app, admin, 'POST', '/api/admin/outbox/0190c0de-0000-7000-8000-000000000000/retry'),
      'outbox.not_found',
    );

    answers.delete('/sms');
    const retried = json<{ status: string; attempts: number }>(
      await call(app, admin, 'POST', `/api/admin/outbox/${row?.id}/retry`),
    );
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'outbox.retry', entityId: row?.id });
    const swept = json<{ sent: number }>(await call(app, admin, 'POST', '/api/admin/sweeps/outbox'));
    expect(swept.sent).toBe(1);
    state = await sms();
    expect([state.status, state.attempts, state.lastError]).toEqual(['sent', 1, null]);
    expect(receivedAt('/sms')).toHaveLength(4);
  });

  it('delivers a message whose delivery crashed (claimed, lease expired) exactly once', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    clock.set('2026-03-04T02:00:00.000Z');
    await send([officeId], 'catalogueSubmitted', '请审定：崩溃测试');
    const [row] = await outboxRows();
    // What a delivery run does before sending; then its process dies.
    const lease = new Date(clock.now().getTime() + LEASE_MS).toISOString();
    await ctx.db
      .updateTable('outboxMessages')
      .set({ status: 'sending', lockedUntil: lease, attempts: 1 })
      .where('id', '=', row?.id as string)
      .execute();
    // While the lease runs, nobody else touches it.
    clock.advanceMinutes(4);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advanceMinutes(2);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(gatewayBodies('/wecom').map((m) => m.messageId)).toEqual([row?.id]);
    const after = await ctx.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('id', '=', row?.id as string)
      .executeTakeFirstOrThrow();
    expect([after.status, after.attempts, after.lockedUntil]).toEqual(['sent', 2, null]);
  });

  it('sends each message once when two instances deliver at the same time', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    const others: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const row = await ctx.db
        .selectFrom('people')
        .selectAll()
        .where('username', '=', 'handler')
        .executeTakeFirstOrThrow();
      const id = `0190c0de-0000-7000-8000-${String(i).padStart(12, '0')}`;
      await ctx.db
        .insertInto('people')
        .values({ ...row, id, username: `wecom${i}`, email: null, phone: null })
        .execute();
      others.push(id);
    }
    await send(others, 'catalogueApproved', '已审定：并发投递');
    expect(await outboxRows()).toHaveLength(12);
    // A second server instance: its own connection pool (PostgreSQL) or its own handle on the file (SQLite).
    const second = await createContext(t.config, { clock, prepareDatabase: false });
    try {
      const [a, b] = await Promise.all([deliverOutbox(ctx), deliverOutbox(second)]);
      expect(a.sent + b.sent).toBe(12);
      expect(a.retried + a.failed + b.retried + b.failed).toBe(0);
    } finally {
      await second.handle.close();
    }
    const ids = gatewayBodies('/wecom').map((m) => m.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('saves nothing of a change that fails: no notice, no outbox row', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    const noticesBefore = await ctx.db
      .selectFrom('notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      transact(ctx, systemMeta, async (tx) => {
        await sendNotices(tx, [enterpriseId, handlerId], notice('catalogueApproved', '不会发出的通知'));
        throw new Error('the change fails after the notice');
      }),
    ).rejects.toThrow('the change fails after the notice');
    expect(await outboxRows()).toEqual([]);
    const noticesAfter = await ctx.db
      .selectFrom('notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(noticesAfter.n)).toBe(Number(noticesBefore.n));
  });

  it('sends signed webhooks to the platform on every status change of the appeals it submitted', async () => {
    await ctx.db.deleteFrom('outboxMessages').execute();
    received.length = 0;
    clock.set('2026-03-05T02:00:00.000Z');
    const key = json<{ id: string; keyId: string; secret: string }>(
      await call(app, admin, 'POST', '/api/admin/api-keys', {
        name: '粤商通回调测试',
        channel: 'yueshangtong',
        unitId: npcId,
        webhookUrl: `${base}/hook`,
      }),
    );
    const raw = JSON.stringify({
      enterprise: { creditCode: creditCode('700001'), name: '东源县回调测试有限公司', regionCode: '441625' },
      title: '申请协调解决用地指标',
      content: '我司扩产项目已完成备案，目前缺少工业用地指标，恳请协调加快办理。',
      category: 'land',
      externalId: 'YST-HOOK-1',
    });
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const intake = await app.inject({
      method: 'POST',
      url: '/api/intake/appeals',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key.keyId,
        'x-timestamp': timestamp,
        'x-signature': createHmac('sha256', key.secret).update(`${timestamp}\n${raw}`).digest('hex'),
        'idempotency-key': 'hook-1',
      },
      payload: raw,
    });
    const appeal = json<{ id: string; number: string }>(intake);
    // Submitted: the platform knows that from the answer; no webhook.
    expect(await outboxRows()).toEqual([]);

    const detail = json<{ version: number }>(await call(app, office, 'GET', `/api/appeals/${appeal.id}`));
    // An assessment keeps the status: no webhook.
    const assessed = json<{ version: number; status: string }>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '情况属实，需自然资源局协调。',
        tierCode: 'single',
        version: detail.version,
      }),
    );
    expect(assessed.status).toBe('pooled');
    expect(await outboxRows()).toEqual([]);
    const direct = json<{ version: number }>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/handle-directly`, {
        tierCode: 'single',
        version: assessed.version,
      }),
    );
    json(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assign`, {
        leadUnitId: nrId,
        coUnitIds: [],
        measures: '协调办理',
        version: direct.version,
      }),
    );
    const rows = await outboxRows();
    expect(rows.map((r) => [r.channel, r.recipient, r.apiKeyId, r.appealId])).toEqual([
      ['webhook', `${base}/hook`, key.id, appeal.id],
      ['webhook', `${base}/hook`, key.id, appeal.id],
    ]);

    // The receiver is down at first: retried, with the same delivery id and body.
    answers.set('/hook', 500);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 2, failed: 0 });
    answers.delete('/hook');
    clock.advanceMinutes(1);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 2, retried: 0, failed: 0 });
    const hooks = receivedAt('/hook');
    expect(hooks).toHaveLength(4);
    const verified = hooks.map((hook) => {
      const ts = hook.headers['x-f2f-timestamp'] as string;
      const expected = createHmac('sha256', key.secret).update(`${ts}\n${hook.body}`).digest();
      const given = Buffer.from(hook.headers['x-f2f-signature'] as string, 'hex');
      expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
      expect(hook.headers['x-f2f-event']).toBe('appeal.statusChanged');
      expect(hook.headers['content-type']).toContain('application/json');
      const body = JSON.parse(hook.body) as {
        id: string;
        appeal: { number: string; externalId: string; status: string; previousStatus: string };
      };
      expect(hook.headers['x-f2f-delivery']).toBe(body.id);
      return body;
    });
    // A wrong secret does not verify.
    const first = hooks[0] as Received;
    expect(
      createHmac('sha256', 'not-the-secret')
        .update(`${first.headers['x-f2f-timestamp']}\n${first.body}`)
        .digest('hex'),
    ).not.toBe(first.headers['x-f2f-signature']);
    const delivered = verified.slice(2);
    expect(
      delivered.map((b) => [b.appeal.number, b.appeal.externalId, b.appeal.previousStatus, b.appeal.status]),
    ).toEqual([
      [appeal.number, 'YST-HOOK-1', 'pooled', 'toAssign'],
      [appeal.number, 'YST-HOOK-1', 'toAssign', 'assigned'],
    ]);
    // The retry carried the same delivery ids: the platform de-duplicates by them.
    expect(
      verified
        .slice(0, 2)
        .map((b) => b.id)
        .sort(),
    ).toEqual(delivered.map((b) => b.id).sort());

    // A revoked key gets nothing more; the message fails at once.
    const current = json<{ version: number }>(await call(app, handler, 'GET', `/api/appeals/${appeal.id}`));
    json(await call(app, handler, 'POST', `/api/appeals/${appeal.id}/accept`, { version: current.version }));
    json(await call(app, admin, 'POST', `/api/admin/api-keys/${key.id}/revoke`));
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retried: 0, failed: 1 });
    const last = (await outboxRows()).at(-1);
    expect([last?.status, last?.lastError]).toEqual(['failed', 'API key revoked']);
    expect(receivedAt('/hook')).toHaveLength(4);
  });
});
