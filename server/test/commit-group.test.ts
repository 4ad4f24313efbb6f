import { describe, expect, it } from 'vitest';
import { systemMeta, transact } from '../src/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.repository.ts';
import { createTestApp } from './test-app.ts';

describe('changes that run side by side (committed together on SQLite)', () => {
  it('keeps each change all or nothing, and answers each only once it is committed', async () => {
    const { ctx, config } = await createTestApp();
    // A second connection sees only what is committed.
    const observer = openDatabase({
      databaseUrl: config.databaseUrl,
      sqliteFile: config.sqliteFile,
      cacheMiB: 1,
    });
    // A row that one change will try to insert again.
    await ctx.db
      .insertInto('settings')
      .values({ key: 'group-taken', valueJson: '{}', updatedAt: '2025-06-02T02:00:00.000Z' })
      .execute();
    const committedWhenAnswered: Record<number, boolean> = {};
    const changes = Array.from({ length: 12 }, (_, i) =>
      transact(ctx, systemMeta, async (tx) => {
        await tx.trx
          .insertInto('settings')
          .values({ key: `group-${i}`, valueJson: '{}', updatedAt: tx.now })
          .execute();
        await tx.audit({ action: 'test.change', entityType: 'setting', entityId: `group-${i}` });
        // A change that fails in its own code after writing, and one that the database refuses.
        if (i === 4) throw new Error('change 4 fails');
        if (i === 7) {
          await tx.trx
            .insertInto('settings')
            .values({ key: 'group-taken', valueJson: '{}', updatedAt: tx.now })
            .execute();
        }
        return i;
      }).then(async (value) => {
        const row = await observer.db
          .selectFrom('settings')
          .select('key')
          .where('key', '=', `group-${i}`)
          .executeTakeFirst();
        committedWhenAnswered[i] = row !== undefined;
        return value;
      }),
    );
    const results = await Promise.allSettled(changes);
    await observer.close();

    const failed = [4, 7];
    expect(results.map((r) => r.status)).toEqual(
      results.map((_, i) => (failed.includes(i) ? 'rejected' : 'fulfilled')),
    );
    expect(String((results[4] as PromiseRejectedResult).reason)).toContain('change 4 fails');
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([
      0, 1, 2, 3, 5, 6, 8, 9, 10, 11,
    ]);
    // Every answered change was already visible to another connection when its caller heard of it.
    expect(
      Object.keys(committedWhenAnswered)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 5, 6, 8, 9, 10, 11]);
    expect(Object.values(committedWhenAnswered).every(Boolean)).toBe(true);

    const kept = await ctx.db
      .selectFrom('settings')
      .select('key')
      .where('key', 'like', 'group-%')
      .where('key', '!=', 'group-taken')
      .execute();
    expect(kept.map((r) => r.key).sort()).toEqual(
      [0, 1, 2, 3, 5, 6, 8, 9, 10, 11].map((i) => `group-${i}`).sort(),
    );
    const audited = await ctx.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'test.change')
      .execute();
    expect(audited.map((r) => r.entityId).sort()).toEqual(kept.map((r) => r.key).sort());
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });
});
