import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashAuditRow } from '../src/modules/audit/audit.repository.ts';
import { countRows, expectError, regionId } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

interface Entry {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

describe('the audit trail', async () => {
  const { app, ctx, clock } = await createTestApp({ now: '2025-06-02T02:00:00.000Z' });
  const cityId = await regionId(ctx, '河源市');

  // A few changes on different days (signing in again each day: the session would have expired).
  let admin = await login(app, 'admin');
  const first = await call(app, admin, 'POST', '/api/org/units', {
    name: '河源市审计测试一局',
    type: 'department',
    regionId: cityId,
  });
  clock.set('2025-07-15T03:00:00.000Z');
  admin = await login(app, 'admin');
  const second = await call(app, admin, 'POST', '/api/org/units', {
    name: '河源市审计测试二局',
    type: 'department',
    regionId: cityId,
  });
  await call(app, admin, 'PATCH', `/api/org/units/${second.json().id}`, { sortOrder: 7, version: 1 });
  clock.set('2025-08-01T09:30:00.000Z');
  admin = await login(app, 'admin');
  await call(app, admin, 'PATCH', '/api/auth/profile', { email: 'admin@heyuan.example.cn' });
  await login(app, 'office');
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'office', password: 'wrong1x' },
  });

  async function browse(query: string): Promise<{ items: Entry[]; total: number }> {
    const response = await call(app, admin, 'GET', `/api/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function verify() {
    const response = await call(app, admin, 'GET', '/api/audit/verify');
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('verifies the chain after several changes', async () => {
    expect(first.statusCode).toBe(200);
    expect(await verify()).toEqual({
      ok: true,
      checked: await countRows(ctx, 'auditLog'),
      firstBadSeq: null,
      reason: null,
    });
  });

  it('lists newest first, in pages', async () => {
    const all = await browse('pageSize=200');
    expect(all.total).toBe(await countRows(ctx, 'auditLog'));
    const seqs = all.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const page2 = await browse('pageSize=2&page=2');
    expect(page2.items.map((e) => e.seq)).toEqual(seqs.slice(2, 4));
    expect(page2.total).toBe(all.total);
  });

  it('filters by action prefix, exact action, entity and actor', async () => {
    const auth = await browse('action=auth.&pageSize=200');
    const authRows = await ctx.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', 'like', 'auth.%')
      .execute();
    expect(auth.total).toBe(authRows.length);
    expect(auth.items.map((e) => e.action).sort()).toEqual(
      [
        'auth.login',
        'auth.login',
        'auth.login',
        'auth.login',
        'auth.login_failed',
        'auth.profile_update',
      ].sort(),
    );

    const creates = await browse('action=org.unit.create');
    expect(creates.items.map((e) => (e.after as { name: string }).name)).toEqual([
      '河源市审计测试二局',
      '河源市审计测试一局',
    ]);
    // A prefix needs its trailing dot: "org.unit" alone is an exact action and matches nothing.
    expect((await browse('action=org.unit')).total).toBe(0);

    const units = await browse('entityType=unit');
    expect(units.items.map((e) => e.action)).toEqual([
      'org.unit.update',
      'org.unit.create',
      'org.unit.create',
    ]);
    const one = await browse(`entityType=unit&entityId=${second.json().id}`);
    expect(one.items.map((e) => e.action)).toEqual(['org.unit.update', 'org.unit.create']);
    expect(one.items[0]?.before).toMatchObject({ sortOrder: 1000, version: 1 });
    expect(one.items[0]?.after).toMatchObject({ sortOrder: 7, version: 2 });

    const adminId = one.items[0]?.actorId as string;
    const byAdmin = await browse(`actorId=${adminId}&pageSize=200`);
    expect(byAdmin.items.length).toBeGreaterThanOrEqual(5);
    expect(byAdmin.items.every((e) => e.actorId === adminId)).toBe(true);
  });

  it('filters by a date range (from inclusive, to exclusive), as dates or instants', async () => {
    const july15 = await browse('from=2025-07-15&to=2025-07-16');
    expect(july15.items.map((e) => e.action)).toEqual(['org.unit.update', 'org.unit.create', 'auth.login']);
    expect(july15.items.every((e) => e.at === '2025-07-15T03:00:00.000Z')).toBe(true);
    expect((await browse('from=2025-07-15T03:00:00.000Z&to=2025-07-15T03:00:00.001Z')).total).toBe(3);
    expect((await browse('from=2025-07-15T03:00:00.001Z&to=2025-07-16')).total).toBe(0);
    // An instant without milliseconds means the same instant.
    expect((await browse('from=2025-07-15T03:00:00Z&to=2025-07-15T03:00:01Z')).total).toBe(3);
    expect((await browse('to=2025-07-15T03:00:00.000Z&action=org.unit.create')).total).toBe(1);
    const august = await browse('from=2025-08-01&to=2025-08-02');
    expect(august.items.map((e) => e.action)).toEqual([
      'auth.login_failed',
      'auth.login',
      'auth.profile_update',
      'auth.login',
    ]);
  });

  it('is for administrators only', async () => {
    for (const username of ['office', 'supervisor', 'unitleader']) {
      const session = await login(app, username);
      expectError(await call(app, session, 'GET', '/api/audit'), 'auth.forbidden');
      expectError(await call(app, session, 'GET', '/api/audit/verify'), 'auth.forbidden');
    }
    expectError(await call(app, null, 'GET', '/api/audit/verify'), 'auth.unauthenticated');
  });

  describe('against tampering', () => {
    let target: { seq: number; afterJson: string | null };

    it('is append-only in the database itself', async () => {
      const rows = await ctx.db.selectFrom('auditLog').select(['seq', 'afterJson']).orderBy('seq').execute();
      // A row in the middle: the first unit's creation.
      const found = rows.find((r) => r.afterJson?.includes('河源市审计测试一局'));
      if (!found) throw new Error('no audit row for the first unit');
      target = { seq: Number(found.seq), afterJson: found.afterJson };
      expect(target.seq).toBeLessThan(Number(rows.at(-1)?.seq));

      await expect(
        sql`update audit_log set after_json = ${'{"name":"篡改"}'} where seq = ${target.seq}`.execute(ctx.db),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = ${target.seq}`.execute(ctx.db)).rejects.toThrow(
        /append-only/,
      );
      const still = await ctx.db
        .selectFrom('auditLog')
        .select('afterJson')
        .where('seq', '=', target.seq)
        .executeTakeFirstOrThrow();
      expect(still.afterJson).toBe(target.afterJson);
      expect((await verify()).ok).toBe(true);
    });

    it('shows an edited row once someone with database access drops the trigger', async () => {
      // Simulates an operator with direct database access bypassing the append-only rule.
      if (ctx.dialect === 'postgres')
        await sql`drop trigger audit_log_no_change on audit_log`.execute(ctx.db);
      else await sql`drop trigger audit_log_no_update`.execute(ctx.db);

      const forged = (target.afterJson ?? '').replace('河源市审计测试一局', '河源市篡改局');
      expect(forged).not.toBe(target.afterJson);
      await sql`update audit_log set after_json = ${forged} where seq = ${target.seq}`.execute(ctx.db);
      const before = await ctx.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('seq', '<', target.seq)
        .executeTakeFirstOrThrow();
      expect(await verify()).toEqual({
        ok: false,
        checked: Number(before.n),
        firstBadSeq: target.seq,
        reason: 'content does not match its hash (the row was altered)',
      });
    });

    it('shows an edited row whose own hash was recomputed, at the next row', async () => {
      const row = await ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '=', target.seq)
        .executeTakeFirstOrThrow();
      await sql`update audit_log set hash = ${hashAuditRow(row)} where seq = ${target.seq}`.execute(ctx.db);
      const next = await ctx.db
        .selectFrom('auditLog')
        .select('seq')
        .where('seq', '>', target.seq)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirstOrThrow();
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBadSeq: Number(next.seq) });
      expect(result.reason).toMatch(/previous-hash mismatch/);
    });

    it('verifies again once the row is put back exactly', async () => {
      const original = await ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '=', target.seq)
        .executeTakeFirstOrThrow();
      const restored = { ...original, afterJson: target.afterJson };
      await sql`update audit_log set after_json = ${target.afterJson}, hash = ${hashAuditRow(restored)}
        where seq = ${target.seq}`.execute(ctx.db);
      expect((await verify()).ok).toBe(true);
    });

    it('shows a deleted row in the middle', async () => {
      if (ctx.dialect === 'sqlite') await sql`drop trigger audit_log_no_delete`.execute(ctx.db);
      const next = await ctx.db
        .selectFrom('auditLog')
        .select('seq')
        .where('seq', '>', target.seq)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirstOrThrow();
      const count = await countRows(ctx, 'auditLog');
      await sql`delete from audit_log where seq = ${target.seq}`.execute(ctx.db);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBadSeq: Number(next.seq) });
      expect(result.reason).toMatch(/previous-hash mismatch/);
      // The trail can still be browsed; the break is reported, not hidden.
      expect((await browse('pageSize=1')).total).toBe(count - 1);
    });
  });
});

describe('the audit trail across regions', async () => {
  const { app } = await createTestApp();

  it('is read and verified by a city administrator only, not by a county one', async () => {
    const county = await login(app, 'countyadmin');
    expectError(await call(app, county, 'GET', '/api/audit'), 'org.out_of_scope');
    expectError(await call(app, county, 'GET', '/api/audit/verify'), 'org.out_of_scope');
    const city = await login(app, 'admin');
    expect((await call(app, city, 'GET', '/api/audit')).statusCode).toBe(200);
  });
});
