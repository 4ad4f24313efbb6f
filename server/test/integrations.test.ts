import { createHmac } from 'node:crypto';
import { creditCodeCheckCharacter, type ErrorCode } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

interface Key {
  id: string;
  keyId: string;
  secret: string;
}

/** A valid credit code ending in the given digits (the check character computed). */
function creditCode(tail: string): string {
  const first17 = `91441625MA5${tail.padStart(6, '0')}`;
  return first17 + (creditCodeCheckCharacter(first17) as string);
}

function appealBody(overrides: Record<string, unknown> = {}) {
  return {
    enterprise: { creditCode: creditCode('100001'), name: '东源县对接测试有限公司', regionCode: '441625' },
    title: '申请协调解决用地指标',
    content: '我司扩产项目已完成备案，目前缺少工业用地指标，恳请协调加快办理。',
    category: 'land',
    externalId: 'YST-0001',
    ...overrides,
  };
}

describe('intake API for other platforms', async () => {
  const { app, ctx, clock } = await createTestApp();
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const npcId = await unitId(ctx, '河源市人大常委会办公室');
  const dongyuanId = await regionId(ctx, '东源县');

  async function issueKey(name = '粤商通', unit = npcId): Promise<Key> {
    const response = await call(app, admin, 'POST', '/api/admin/api-keys', {
      name,
      channel: 'yueshangtong',
      unitId: unit,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  interface SendOptions {
    timestamp?: number | string;
    idempotencyKey?: string | null;
    signature?: string;
    secret?: string;
    omit?: 'x-api-key' | 'x-timestamp' | 'x-signature';
    keyId?: string;
    cookie?: string;
  }

  /** A signed intake request, exactly as a platform sends it. */
  function send(key: Key, body: unknown, options: SendOptions = {}): Promise<LightMyRequestResponse> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(options.timestamp ?? nowSeconds());
    const signature =
      options.signature ??
      createHmac('sha256', options.secret ?? key.secret)
        .update(`${timestamp}\n${raw}`)
        .digest('hex');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-api-key': options.keyId ?? key.keyId,
      'x-timestamp': timestamp,
      'x-signature': signature,
    };
    if (options.idempotencyKey !== null)
      headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
    if (options.omit) delete headers[options.omit];
    if (options.cookie) headers.cookie = options.cookie;
    return app.inject({ method: 'POST', url: '/api/intake/appeals', headers, payload: raw });
  }

  async function snapshot() {
    return {
      appeals: await countRows(ctx, 'appeals'),
      enterprises: await countRows(ctx, 'enterprises'),
      timeline: await countRows(ctx, 'appealTimeline'),
      audit: await countRows(ctx, 'auditLog'),
      signatures: await countRows(ctx, 'apiSignatures'),
      idempotency: await countRows(ctx, 'apiIdempotency'),
    };
  }

  async function refused(code: ErrorCode, request: () => Promise<LightMyRequestResponse>) {
    const before = await snapshot();
    const response = await request();
    expectError(response, code);
    expect(await snapshot()).toEqual(before);
    return response;
  }

  describe('API keys', () => {
    it('issues a key bound to a channel and a unit, shows the secret once, and audits it without the secret', async () => {
      const seq = await lastAuditSeq(ctx);
      const response = await call(app, admin, 'POST', '/api/admin/api-keys', {
        name: '粤商通',
        channel: 'yueshangtong',
        unitId: npcId,
        webhookUrl: 'https://yst.example.gov.cn/hooks/f2f',
      });
      expect(response.statusCode).toBe(200);
      const key = response.json();
      expect(key).toMatchObject({
        name: '粤商通',
        channel: 'yueshangtong',
        unitId: npcId,
        unitName: '河源市人大常委会办公室',
        active: true,
        lastUsedAt: null,
        webhookUrl: 'https://yst.example.gov.cn/hooks/f2f',
      });
      // 32 random bytes, base64url.
      expect(key.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.secret, 'base64url')).toHaveLength(32);
      expect(key.keyId).toMatch(/^f2f_[A-Za-z0-9_-]+$/);

      const list = await call(app, admin, 'GET', '/api/admin/api-keys');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(key.secret);
      const listed = list.json().find((k: { id: string }) => k.id === key.id);
      expect(listed).not.toHaveProperty('secret');
      expect(listed.keyId).toBe(key.keyId);

      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => a.action)).toEqual(['integration.apiKey.create']);
      expect(JSON.stringify(audit[0]?.after)).not.toContain(key.secret);
      expect(audit[0]?.entityId).toBe(key.id);
    });

    it('refuses the online channel, an unknown unit and a unit outside a county administrator’s scope', async () => {
      const before = await countRows(ctx, 'apiKeys');
      expectError(
        await call(app, admin, 'POST', '/api/admin/api-keys', {
          name: '门户',
          channel: 'online',
          unitId: npcId,
        }),
        'request.invalid',
      );
      expectError(
        await call(app, admin, 'POST', '/api/admin/api-keys', {
          name: '门户',
          channel: 'phone',
          unitId: crypto.randomUUID(),
        }),
        'org.unit_not_found',
      );
      const countyAdmin = await login(app, 'countyadmin');
      expectError(
        await call(app, countyAdmin, 'POST', '/api/admin/api-keys', {
          name: '县热线',
          channel: 'phone',
          unitId: npcId,
        }),
        'org.out_of_scope',
      );
      expect(await countRows(ctx, 'apiKeys')).toBe(before);
      // The county administrator lists only keys of county units, and cannot revoke a city key.
      const cityKey = await issueKey('市级平台');
      expect((await call(app, countyAdmin, 'GET', '/api/admin/api-keys')).json()).toEqual([]);
      expectError(
        await call(app, countyAdmin, 'POST', `/api/admin/api-keys/${cityKey.id}/revoke`),
        'integration.api_key_not_found',
      );
    });

    it('revokes a key at once, audited; its requests are refused from then on', async () => {
      const key = await issueKey('即将停用的平台');
      expect((await send(key, appealBody({ externalId: 'R-1' }))).statusCode).toBe(200);
      const seq = await lastAuditSeq(ctx);
      const revoked = await call(app, admin, 'POST', `/api/admin/api-keys/${key.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: key.id, active: false });
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => [a.action, a.entityId, a.after])).toEqual([
        ['integration.apiKey.revoke', key.id, { active: false }],
      ]);
      await refused('integration.key_invalid', () => send(key, appealBody({ externalId: 'R-2' })));
      // Revoking again changes nothing and records nothing.
      const again = await call(app, admin, 'POST', `/api/admin/api-keys/${key.id}/revoke`);
      expect(again.json().active).toBe(false);
      expect(await lastAuditSeq(ctx)).toBe(audit[0]?.seq);
      expectError(
        await call(app, admin, 'POST', `/api/admin/api-keys/${crypto.randomUUID()}/revoke`),
        'integration.api_key_not_found',
      );
    });
  });

  describe('signed intake', async () => {
    const key = await issueKey();

    it('creates an appeal in the office’s pool with the key’s channel and unit, registering the enterprise', async () => {
      const collector = await login(app, 'collector');
      const seq = await lastAuditSeq(ctx);
      const body = appealBody({
        enterprise: {
          creditCode: creditCode('200001'),
          name: '东源县对接测试有限公司',
          regionCode: '441625',
        },
      });
      const response = await send(key, body, { idempotencyKey: 'first-appeal' });
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json();
      expect(result).toMatchObject({ status: 'pooled', replayedFromIdempotencyKey: false });
      expect(result.number).toMatch(/^HY-2025-\d{5}$/);

      const pool = await call(app, office, 'GET', '/api/appeals?channel=yueshangtong&pageSize=200');
      const item = pool.json().items.find((a: { id: string }) => a.id === result.id);
      expect(item).toMatchObject({
        number: result.number,
        channel: 'yueshangtong',
        collectingUnitId: npcId,
        collectingUnitName: '河源市人大常委会办公室',
        enterpriseName: '东源县对接测试有限公司',
        regionId: dongyuanId,
        status: 'pooled',
      });
      // The collecting unit sees what its channel brought in, too.
      expect((await call(app, collector, 'GET', `/api/appeals/${result.id}`)).statusCode).toBe(200);

      const row = await ctx.db
        .selectFrom('appeals')
        .select(['apiKeyId', 'externalId', 'recordedBy', 'enterpriseId'])
        .where('id', '=', result.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        apiKeyId: key.id,
        externalId: 'YST-0001',
        recordedBy: null,
        enterpriseId: result.enterpriseId,
      });
      const enterprise = await ctx.db
        .selectFrom('enterprises')
        .select(['name', 'creditCode', 'regionId'])
        .where('id', '=', result.enterpriseId)
        .executeTakeFirstOrThrow();
      expect(enterprise).toEqual({
        name: '东源县对接测试有限公司',
        creditCode: body.enterprise.creditCode,
        regionId: dongyuanId,
      });

      // The key is the actor of every audit row; the enterprise registration is audited too.
      const audit = await auditAfter(ctx, seq);
      expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'appeal.create']);
      for (const entry of audit) expect(entry.actorId).toBe(key.id);
      const names = await ctx.db.selectFrom('auditLog').select('actorName').where('seq', '>', seq).execute();
      expect(names.map((n) => n.actorName)).toEqual(Array(2).fill(`粤商通（API ${key.keyId}）`));

      const used = await ctx.db
        .selectFrom('apiKeys')
        .select('lastUsedAt')
        .where('id', '=', key.id)
        .executeTakeFirstOrThrow();
      expect(used.lastUsedAt).toBe(clock.now().toISOString());
    });

    it('finds a registered enterprise by its credit code and registers a new one in the key’s region by default', async () => {
      const demo = await ctx.db
        .selectFrom('enterprises')
        .select(['id', 'creditCode'])
        .orderBy('createdAt')
        .executeTakeFirstOrThrow();
      const before = await countRows(ctx, 'enterprises');
      const known = await send(
        key,
        appealBody({ enterprise: { creditCode: demo.creditCode.toLowerCase(), name: '别的名字' } }),
      );
      expect(known.statusCode, known.body).toBe(200);
      expect(known.json().enterpriseId).toBe(demo.id);
      expect(await countRows(ctx, 'enterprises')).toBe(before);

      const fresh = await send(
        key,
        appealBody({ enterprise: { creditCode: creditCode('100002'), name: '市级默认区域企业' } }),
      );
      expect(fresh.statusCode, fresh.body).toBe(200);
      const unit = await ctx.db
        .selectFrom('units')
        .select('regionId')
        .where('id', '=', npcId)
        .executeTakeFirstOrThrow();
      const created = await ctx.db
        .selectFrom('enterprises')
        .select('regionId')
        .where('id', '=', fresh.json().enterpriseId)
        .executeTakeFirstOrThrow();
      expect(created.regionId).toBe(unit.regionId);
    });

    it('refuses a request missing any signature header', async () => {
      for (const omit of ['x-api-key', 'x-timestamp', 'x-signature'] as const) {
        await refused('integration.signature_missing', () => send(key, appealBody(), { omit }));
      }
      // A signed-in browser session does not stand in for a signature.
      await refused('integration.signature_missing', () =>
        send(key, appealBody(), { omit: 'x-signature', cookie: office.cookie }),
      );
    });

    it('refuses an unknown key', async () => {
      await refused('integration.key_invalid', () => send(key, appealBody(), { keyId: 'f2f_unknown' }));
    });

    it('refuses a wrong signature: another secret, or a body changed after signing', async () => {
      await refused('integration.signature_invalid', () =>
        send(key, appealBody(), { secret: 'not-the-secret' }),
      );
      const timestamp = nowSeconds();
      const signed = createHmac('sha256', key.secret)
        .update(`${timestamp}\n${JSON.stringify(appealBody())}`)
        .digest('hex');
      await refused('integration.signature_invalid', () =>
        send(key, appealBody({ title: '被篡改的标题内容' }), { timestamp, signature: signed }),
      );
      await refused('integration.signature_invalid', () => send(key, appealBody(), { signature: 'abc' }));
    });

    it('refuses a timestamp more than 300 seconds away, either way, and accepts one just inside', async () => {
      for (const skew of [-301, 301, -3600]) {
        await refused('integration.timestamp_out_of_window', () =>
          send(key, appealBody(), { timestamp: nowSeconds() + skew }),
        );
      }
      await refused('integration.timestamp_out_of_window', () =>
        send(key, appealBody(), { timestamp: 'yesterday' }),
      );
      const inside = await send(key, appealBody({ externalId: 'W-1' }), { timestamp: nowSeconds() - 299 });
      expect(inside.statusCode, inside.body).toBe(200);
    });

    it('refuses a request that reaches the server after the window, by the server’s clock', async () => {
      const timestamp = nowSeconds();
      clock.advanceMinutes(6);
      await refused('integration.timestamp_out_of_window', () => send(key, appealBody(), { timestamp }));
    });

    it('requires an Idempotency-Key, JSON, and a valid body, after the signature', async () => {
      await refused('integration.idempotency_key_missing', () =>
        send(key, appealBody(), { idempotencyKey: null }),
      );
      await refused('request.invalid', () => send(key, '{"title": "not json'));
      await refused('request.invalid', () => send(key, appealBody({ title: '短' })));
      await refused('request.invalid', () =>
        send(key, appealBody({ enterprise: { creditCode: '91441625MA5100001X', name: '校验位错误企业' } })),
      );
      await refused('request.invalid', () =>
        send(
          key,
          appealBody({
            enterprise: { creditCode: creditCode('100003'), name: '未知区域企业', regionCode: '999999' },
          }),
        ),
      );
      await refused('request.invalid', () => send(key, appealBody(), { idempotencyKey: 'x'.repeat(101) }));
    });

    it('writes nothing at all when the appeal fails: no enterprise, no signature, no idempotency row', async () => {
      const body = appealBody({
        enterprise: { creditCode: creditCode('100004'), name: '不应登记的企业' },
        category: 'noSuchCategory',
      });
      await refused('appeal.unknown_category', () => send(key, body, { idempotencyKey: 'will-fail' }));
      // Fixed, the same Idempotency-Key goes through.
      const fixed = await send(key, { ...body, category: 'finance' }, { idempotencyKey: 'will-fail' });
      expect(fixed.statusCode, fixed.body).toBe(200);
    });

    it('refuses the exact same signed request a second time (replay), even with another Idempotency-Key', async () => {
      const body = appealBody({ externalId: 'REPLAY-1' });
      const timestamp = nowSeconds();
      const first = await send(key, body, { timestamp, idempotencyKey: 'replay-1' });
      expect(first.statusCode).toBe(200);
      await refused('integration.replayed', () => send(key, body, { timestamp, idempotencyKey: 'replay-1' }));
      await refused('integration.replayed', () => send(key, body, { timestamp, idempotencyKey: 'replay-2' }));
      // The same signature in upper case is the same signature.
      const upper = createHmac('sha256', key.secret)
        .update(`${timestamp}\n${JSON.stringify(body)}`)
        .digest('hex')
        .toUpperCase();
      await refused('integration.replayed', () =>
        send(key, body, { timestamp, signature: upper, idempotencyKey: 'replay-3' }),
      );
    });

    it('answers a retry (signed anew) with the original appeal and creates nothing', async () => {
      const body = appealBody({ externalId: 'RETRY-1' });
      const first = await send(key, body, { idempotencyKey: 'retry-1' });
      expect(first.statusCode).toBe(200);
      clock.advanceMinutes(1);
      const before = await snapshot();
      const retry = await send(key, body, { idempotencyKey: 'retry-1' });
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.json()).toEqual({ ...first.json(), replayedFromIdempotencyKey: true });
      const after = await snapshot();
      // Only the new signature is remembered (so that this retry cannot be replayed either).
      expect(after).toEqual({ ...before, signatures: before.signatures + 1 });
    });

    it('refuses the same Idempotency-Key with a different body', async () => {
      const first = await send(key, appealBody({ externalId: 'MISMATCH-1' }), {
        idempotencyKey: 'mismatch-1',
      });
      expect(first.statusCode).toBe(200);
      await refused('integration.idempotency_mismatch', () =>
        send(key, appealBody({ externalId: 'MISMATCH-2' }), { idempotencyKey: 'mismatch-1' }),
      );
    });

    it('keeps Idempotency-Keys apart per API key', async () => {
      const other = await issueKey('另一个平台');
      const a = await send(key, appealBody({ externalId: 'SHARED' }), { idempotencyKey: 'shared-key' });
      const b = await send(other, appealBody({ externalId: 'SHARED' }), { idempotencyKey: 'shared-key' });
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect(b.json().id).not.toBe(a.json().id);
      expect(b.json().replayedFromIdempotencyKey).toBe(false);
    });

    it('creates one appeal for concurrent requests with the same Idempotency-Key', async () => {
      const body = appealBody({
        externalId: 'CONCURRENT',
        enterprise: { creditCode: creditCode('100005'), name: '并发测试企业' },
      });
      const before = await snapshot();
      const base = nowSeconds();
      const responses = await Promise.all(
        [0, 1, 2, 3, 4].map((i) => send(key, body, { timestamp: base - i, idempotencyKey: 'concurrent-1' })),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
      expect(responses.filter((r) => !r.json().replayedFromIdempotencyKey)).toHaveLength(1);
      const after = await snapshot();
      expect(after.appeals).toBe(before.appeals + 1);
      expect(after.enterprises).toBe(before.enterprises + 1);
      expect(after.signatures).toBe(before.signatures + 5);
    });

    it('forgets signatures once their timestamps can no longer pass the window', async () => {
      expect(await countRows(ctx, 'apiSignatures')).toBeGreaterThan(0);
      clock.advanceMinutes(11);
      const response = await send(key, appealBody({ externalId: 'PRUNE' }));
      expect(response.statusCode).toBe(200);
      const rows = await ctx.db.selectFrom('apiSignatures').select('seenAt').execute();
      expect(rows.map((r) => r.seenAt)).toEqual([clock.now().toISOString()]);
    });

    it('documents the route, its security scheme and a worked example that really works', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const operation = doc.paths['/api/intake/appeals'].post;
      expect(operation.security).toEqual([{ intakeApiKey: [], intakeTimestamp: [], intakeSignature: [] }]);
      for (const scheme of ['intakeApiKey', 'intakeTimestamp', 'intakeSignature']) {
        expect(doc.components.securitySchemes[scheme]).toMatchObject({ type: 'apiKey', in: 'header' });
      }
      expect(operation.description).toContain("createHmac('sha256', SECRET)");
      expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
      const example = operation.requestBody.content['application/json'].schema.example;
      const response = await send(key, example);
      expect(response.statusCode, response.body).toBe(200);
    });
  });
});

describe('intake rate limit', async () => {
  const { app, ctx, clock } = await createTestApp({ config: { intakeRateLimitPerMinute: 3 } });
  const admin = await login(app, 'admin');
  const npcId = await unitId(ctx, '河源市人大常委会办公室');

  async function issue(name: string): Promise<Key> {
    const response = await call(app, admin, 'POST', '/api/admin/api-keys', {
      name,
      channel: 'yueshangtong',
      unitId: npcId,
    });
    return response.json();
  }

  function send(key: Key, externalId: string) {
    const raw = JSON.stringify(appealBody({ externalId }));
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const signature = createHmac('sha256', key.secret).update(`${timestamp}\n${raw}`).digest('hex');
    return app.inject({
      method: 'POST',
      url: '/api/intake/appeals',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key.keyId,
        'x-timestamp': timestamp,
        'x-signature': signature,
        'idempotency-key': externalId,
      },
      payload: raw,
    });
  }

  it('limits requests per key, not across keys', async () => {
    const busy = await issue('高频平台');
    const quiet = await issue('低频平台');
    for (const n of [1, 2, 3]) expect((await send(busy, `B-${n}`)).statusCode).toBe(200);
    const before = await countRows(ctx, 'appeals');
    expectError(await send(busy, 'B-4'), 'request.rate_limited');
    expect(await countRows(ctx, 'appeals')).toBe(before);
    expect((await send(quiet, 'Q-1')).statusCode).toBe(200);
  });
});
