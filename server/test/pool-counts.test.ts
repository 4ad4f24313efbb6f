import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.ts';
import { LIST_COUNT_CAP } from '../src/modules/appeals/appeals.repository.ts';
import {
  addIndexEntries,
  countMatchesUpTo,
  matchingAppealSeqs,
  queryTerms,
} from '../src/modules/search/search.repository.ts';
import { createTestApp, login, type Session } from './test-app.ts';

/**
 * The pool on a big table: counts stop at LIST_COUNT_CAP and say so, unless the dashboard's aggregates hold
 * the exact figure; a search sorted by time walks the full-text index newest first and gives the same page
 * as sorting every match would.
 */
interface Page {
  items: { id: string; submittedAt: string; title: string }[];
  total: number;
  totalIsLowerBound: boolean;
}

const t = await createTestApp({ now: '2026-06-15T02:00:00.000Z' });
let office: Session;
let leader: Session;
let countyOffice: Session;

function page(response: LightMyRequestResponse): Page {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

async function list(session: Session, query: string): Promise<Page> {
  return page(await t.app.inject({ url: `/api/appeals?${query}`, headers: { cookie: session.cookie } }));
}

/** The plain count of appeals matching a SQL condition, for comparison. */
async function plainCount(where: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from appeals a where ${where}`.execute(t.ctx.db);
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  await generate(t.ctx, {
    enterprises: 200,
    appeals: LIST_COUNT_CAP * 2 + 300,
    days: 180,
    until: new Date('2026-06-01T00:00:00.000Z'),
    seed: 7,
  });
  office = await login(t.app, 'office');
  leader = await login(t.app, 'leader');
  countyOffice = await login(t.app, 'countyoffice');
}, 120_000);

describe('pool counts on a big table', () => {
  it('counts every appeal exactly from the aggregates when the filter is one they hold', async () => {
    const all = await plainCount(sql`1 = 1`);
    expect(all).toBeGreaterThan(LIST_COUNT_CAP * 2);
    const whole = await list(office, 'pageSize=20');
    expect(whole).toMatchObject({ total: all, totalIsLowerBound: false });

    const region = await t.ctx.db
      .selectFrom('regions')
      .select('id')
      .where('parentId', 'is not', null)
      .executeTakeFirstOrThrow();
    const land = await plainCount(sql`a.region_id = ${region.id} and a.category = 'land'`);
    expect(await list(leader, `regionId=${region.id}&category=land`)).toMatchObject({
      total: land,
      totalIsLowerBound: false,
    });

    // Whole months: March to April 2026 in the city's time (UTC+8).
    const months = await plainCount(
      sql`a.submitted_at >= '2026-02-28T16:00:00.000Z' and a.submitted_at < '2026-04-30T16:00:00.000Z'`,
    );
    expect(months).toBeGreaterThan(0);
    expect(await list(office, 'from=2026-03-01&to=2026-04-30')).toMatchObject({
      total: months,
      totalIsLowerBound: false,
    });
  });

  it('stops counting at the cap and says "more than" when the aggregates cannot tell', async () => {
    // Two dimensions at once (status and channel) are not in the aggregates.
    const submitted = await list(office, 'status=pooled&channel=online');
    const online = await plainCount(sql`a.status = 'pooled' and a.channel = 'online'`);
    if (online > LIST_COUNT_CAP) {
      expect(submitted).toMatchObject({ total: LIST_COUNT_CAP, totalIsLowerBound: true });
    } else {
      expect(submitted).toMatchObject({ total: online, totalIsLowerBound: false });
    }

    // A day range that is not whole months is counted, up to the cap.
    const days = await plainCount(
      sql`a.submitted_at >= '2026-03-01T16:00:00.000Z' and a.submitted_at < '2026-05-30T16:00:00.000Z'`,
    );
    expect(days).toBeGreaterThan(LIST_COUNT_CAP);
    expect(await list(office, 'from=2026-03-02&to=2026-05-30')).toMatchObject({
      total: LIST_COUNT_CAP,
      totalIsLowerBound: true,
    });

    // A county's office sees its own county only: counted, never from the city-wide aggregates.
    const county = await list(countyOffice, 'pageSize=20');
    const actor = await t.ctx.db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select('u.regionId')
      .where('p.username', '=', 'countyoffice')
      .executeTakeFirstOrThrow();
    const own = await plainCount(
      sql`a.region_id = ${actor.regionId} or a.handling_region_id = ${actor.regionId}`,
    );
    expect(county.total).toBe(Math.min(own, LIST_COUNT_CAP));
    expect(county.totalIsLowerBound).toBe(own > LIST_COUNT_CAP);
  });

  it('a search sorted by time gives the newest matches first, the same page as sorting all of them', async () => {
    const term = '用地';
    const matches = await list(office, `q=${encodeURIComponent(term)}&pageSize=50&page=2`);
    expect(matches.items).toHaveLength(50);
    // The reference: every match, sorted by submission time (newest first), second page of 50.
    const matching =
      t.ctx.dialect === 'sqlite'
        ? sql`select rowid from appeal_search where appeal_search match '"用地"'`
        : sql`select seq from appeal_search where tokens @@ '用地'::tsquery`;
    const { rows } = await sql<{ id: string }>`select a.id from appeals a where a.seq in (${matching})
      order by a.submitted_at desc, a.id desc limit 50 offset 50`.execute(t.ctx.db);
    expect(rows).toHaveLength(50);
    expect(matches.items.map((i) => i.id)).toEqual(rows.map((r) => r.id));
    const times = matches.items.map((i) => i.submittedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const oldest = await list(office, `q=${encodeURIComponent(term)}&pageSize=20&order=asc`);
    const ascTimes = oldest.items.map((i) => i.submittedAt);
    expect([...ascTimes].sort()).toEqual(ascTimes);
    expect((oldest.items[0]?.submittedAt ?? '') < (matches.items[0]?.submittedAt ?? '')).toBe(true);
  });
  it('counts a search’s matches up to the cap as the index holds them, however it reads them', async () => {
    const { db, dialect } = t.ctx;
    /** The index entries holding a phrase, counted in full. */
    async function held(executor: typeof db, phrase: string): Promise<number> {
      const matching = matchingAppealSeqs(dialect, queryTerms(phrase));
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${matching}) m`.execute(
        executor,
      );
      return Number(rows[0]?.n);
    }
    // Every generated appeal holds its enterprise's 有限公司; 融资担 is in some of the finance appeals.
    const common = await held(db, '有限公司');
    const rare = await held(db, '融资担');
    expect(common).toBeGreaterThan(2000);
    expect(rare).toBeGreaterThan(0);
    expect(rare).toBeLessThan(LIST_COUNT_CAP);
    // [phrase, cap, probe, scan]. On PostgreSQL: with the first cap the newest 512 entries hold cap + 1 and are
    // read newest first; with the second the probe finds too few for the cap and the GIN index counts; 融资担 is
    // rarer than the probe asks for; the last are the defaults.
    for (const [phrase, cap, probe, scan] of [
      ['有限公司', 100, 64, 512],
      ['有限公司', 2000, 64, 512],
      ['融资担', 100, 64, 512],
      ['有限公司', LIST_COUNT_CAP, 1024, 16_384],
      ['融资担', LIST_COUNT_CAP, 1024, 16_384],
    ] as const) {
      expect(
        await countMatchesUpTo(db, dialect, queryTerms(phrase), cap, { probe, scan }),
        `${phrase} ${cap}`,
      ).toBe(Math.min(phrase === '有限公司' ? common : rare, cap + 1));
    }
    // A phrase the newest entries hold, and older ones too: the probe finds it common, the newest 512 entries
    // hold fewer than cap + 1, so the index counts them all. (Entries without appeals, in a transaction undone.)
    await db
      .transaction()
      .execute(async (trx) => {
        const newest = await sql<{ hi: number | string }>`select max(${sql.raw(
          dialect === 'sqlite' ? 'rowid' : 'seq',
        )}) as hi from appeal_search`.execute(trx);
        const hi = Number(newest.rows[0]?.hi);
        const seqs = [
          ...Array.from({ length: 40 }, (_, i) => hi + 1 + i),
          ...Array.from({ length: 30 }, (_, i) => -1 - i),
        ];
        await addIndexEntries(
          trx,
          dialect,
          seqs.map((seq) => ({ seq, text: '试验田' })),
        );
        expect(await held(trx, '试验田')).toBe(70);
        expect(await countMatchesUpTo(trx, dialect, queryTerms('试验田'), 50, { probe: 64, scan: 512 })).toBe(
          51,
        );
        expect(await countMatchesUpTo(trx, dialect, queryTerms('试验田'), 80, { probe: 64, scan: 512 })).toBe(
          70,
        );
        throw new Error('undo');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === 'undo')) throw error;
      });
    expect(await held(db, '试验田')).toBe(0);
  });

  it('a common word sorted by time gives, page after page, what sorting every match gives, with filters, for a county too', async () => {
    // Three in four generated appeals hold 企业: more than the list counts, so PostgreSQL walks them.
    const term = '企业';
    const matching =
      t.ctx.dialect === 'sqlite'
        ? sql`select rowid from appeal_search where appeal_search match '"企业"'`
        : sql`select seq from appeal_search where tokens @@ '企业'::tsquery`;
    /** Every matching appeal in seq order (entry order, which is submission order in the generated data). */
    async function reference(where: ReturnType<typeof sql>, order: 'asc' | 'desc'): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`select a.id from appeals a where a.seq in (${matching})
        and ${where} order by a.seq ${sql.raw(order)}`.execute(t.ctx.db);
      return rows.map((r) => r.id);
    }
    const all = await reference(sql`true`, 'desc');
    expect(all.length).toBeGreaterThan(LIST_COUNT_CAP);
    // Counted in the index up to the cap; a rarer word exactly.
    const bare = await list(office, `q=${encodeURIComponent(term)}&pageSize=20`);
    expect([bare.total, bare.totalIsLowerBound]).toEqual([LIST_COUNT_CAP, true]);
    const rareMatches =
      t.ctx.dialect === 'sqlite'
        ? sql`select rowid from appeal_search where appeal_search match '"用地"'`
        : sql`select seq from appeal_search where tokens @@ '用地'::tsquery`;
    const rareCount = await plainCount(sql`a.seq in (${rareMatches})`);
    expect(rareCount).toBeLessThan(LIST_COUNT_CAP);
    const rare = await list(office, `q=${encodeURIComponent('用地')}&pageSize=20`);
    expect([rare.total, rare.totalIsLowerBound]).toEqual([rareCount, false]);
    // Deep pages (past the first window of the walk on PostgreSQL, for the last one), both orders.
    for (const [pageNumber, order] of [
      [1, 'desc'],
      [7, 'desc'],
      [12, 'asc'],
    ] as const) {
      const got = await list(
        office,
        `q=${encodeURIComponent(term)}&pageSize=100&page=${pageNumber}&order=${order}`,
      );
      const expected = (order === 'desc' ? all : [...all].reverse()).slice(
        (pageNumber - 1) * 100,
        pageNumber * 100,
      );
      expect(expected).toHaveLength(100);
      expect(got.items.map((i) => i.id)).toEqual(expected);
    }
    // With a filter that leaves few matches, and past the last match.
    const closed = await reference(sql`a.status = 'closed'`, 'desc');
    expect(closed.length).toBeGreaterThan(20);
    const closedPage = await list(office, `q=${encodeURIComponent(term)}&status=closed&pageSize=20&page=2`);
    expect(closedPage.items.map((i) => i.id)).toEqual(closed.slice(20, 40));
    const beyond = await list(office, `q=${encodeURIComponent(term)}&pageSize=100&page=99`);
    expect(beyond.items).toEqual([]);
    // A county's office sees its county's matches only, in the same order.
    const county = await list(countyOffice, `q=${encodeURIComponent(term)}&pageSize=50`);
    const countyId = (
      await t.ctx.db
        .selectFrom('people as p')
        .innerJoin('units as u', 'u.id', 'p.unitId')
        .select('u.regionId')
        .where('p.username', '=', 'countyoffice')
        .executeTakeFirstOrThrow()
    ).regionId;
    const inCounty = await reference(
      sql`(a.region_id = ${countyId} or a.handling_region_id = ${countyId})`,
      'desc',
    );
    expect(county.items.length).toBeGreaterThan(0);
    expect(county.items.map((i) => i.id)).toEqual(inCounty.slice(0, 50));
  });
});
