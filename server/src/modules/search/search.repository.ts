import { type RawBuilder, sql } from 'kysely';
import type { DialectName, Executor } from '../../db/database.ts';
import { recordAppealTopics, topicTables } from '../topics/topics.repository.ts';
import { fts5Match, indexTokens, type QueryTerm, queryTerms, tsQuery, tsVectorLiteral } from './tokens.ts';

/** The text the full-text index holds for an appeal. */
export function appealSearchText(appeal: { title: string; content: string }, enterpriseName: string): string {
  return `${appeal.title}\n${appeal.content}\n${enterpriseName}`;
}

/** Tables that hold only what can be rebuilt from others (the index, the hot topics): backups leave them out. */
export function isDerivedTable(name: string): boolean {
  return name === 'appeal_search' || name.startsWith('appeal_search_') || topicTables.includes(name);
}

/** Rebuilds the whole index from the appeals, e.g. after a restore. Works with or without the camel-case plugin. */
export async function rebuildAppealIndex(db: Executor, dialect: DialectName, batch = 500): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const { rows } = await sql<{ seq: number | string; title: string; content: string; name: string }>`
      select a.seq, a.title, a.content, e.name
      from appeals a join enterprises e on e.id = a.enterprise_id
      where a.seq > ${after} order by a.seq limit ${batch}`.execute(db);
    if (rows.length === 0) return count;
    for (const row of rows) {
      const seq = Number(row.seq);
      await writeIndexEntry(db, dialect, seq, appealSearchText(row, row.name));
      after = seq;
      count += 1;
    }
  }
}

async function writeIndexEntry(db: Executor, dialect: DialectName, seq: number, text: string): Promise<void> {
  const tokens = indexTokens(text);
  if (dialect === 'postgres') {
    await sql`insert into appeal_search (seq, tokens) values (${seq}, ${tsVectorLiteral(tokens)}::tsvector)
      on conflict (seq) do update set tokens = excluded.tokens`.execute(db);
  } else {
    await sql`delete from appeal_search where rowid = ${seq}`.execute(db);
    await sql`insert into appeal_search (rowid, tokens) values (${seq}, ${tokens.join(' ')})`.execute(db);
  }
}

/**
 * Adds the index entries of appeals that have none yet, many rows per INSERT (bulk loads such as the
 * benchmark's data). The hot-topic counts are not touched: rebuild them afterwards (rebuildTopicStats).
 */
export async function addIndexEntries(
  db: Executor,
  dialect: DialectName,
  entries: readonly { seq: number; text: string }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 200) {
    const values = entries.slice(i, i + 200).map(({ seq, text }) => {
      const tokens = indexTokens(text);
      return dialect === 'postgres'
        ? sql`(${seq}, ${tsVectorLiteral(tokens)}::tsvector)`
        : sql`(${seq}, ${tokens.join(' ')})`;
    });
    if (dialect === 'postgres') {
      await sql`insert into appeal_search (seq, tokens) values ${sql.join(values)}`.execute(db);
    } else {
      await sql`insert into appeal_search (rowid, tokens) values ${sql.join(values)}`.execute(db);
    }
  }
}

/** Writes (or rewrites) one appeal's entry in the full-text index. */
export async function indexAppeal(
  db: Executor,
  dialect: DialectName,
  appealId: string,
  text: string,
): Promise<void> {
  const { rows } = await sql<{
    seq: number | string;
    region: string;
    submitted: string;
    title: string;
    content: string;
  }>`select seq, region_id as region, submitted_at as submitted, title, content from appeals
    where id = ${appealId}`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`indexAppeal: no appeal ${appealId}`);
  await writeIndexEntry(db, dialect, Number(row.seq), text);
  // The hot-topic counts follow the same writes as the index: creation and every edit (migration 0013).
  await recordAppealTopics(db, {
    seq: Number(row.seq),
    regionId: row.region,
    submittedAt: row.submitted,
    title: row.title,
    content: row.content,
  });
}

/**
 * The seq numbers of appeals matching a query, as a subquery for `where a.seq in (…)`; null when the
 * query has nothing searchable. `mode: 'any'` matches any term, `'all'` every term.
 */
export function matchingAppealSeqs(
  dialect: DialectName,
  terms: QueryTerm[],
  mode: 'all' | 'any' = 'all',
): RawBuilder<{ seq: number }> | null {
  if (terms.length === 0) return null;
  if (dialect === 'postgres') {
    return sql<{
      seq: number;
    }>`select seq from appeal_search where tokens @@ ${tsQuery(terms, mode === 'all' ? '&' : '|')}::tsquery`;
  }
  return sql<{
    seq: number;
  }>`select rowid from appeal_search where appeal_search match ${fts5Match(terms, mode === 'all' ? 'AND' : 'OR')}`;
}

/**
 * How many index entries match the terms (every term), counted up to `cap + 1`: the list says "more than cap"
 * beyond. On SQLite, FTS5 reads the matches in order and stops there. PostgreSQL's GIN index first builds the
 * bitmap of every candidate, intersecting the posting lists of a phrase's character pairs: at a million appeals,
 * 15-27 ms for a phrase in one appeal in ten, however few of its matches are needed. Its planner does not know
 * better, because it multiplies the pairs' frequencies (it expected 1,800 matches instead of 95,600), so it never
 * chooses to read the newest entries and check each (0.7 µs an entry). For a phrase this does, when it pays: it
 * checks the newest `probe` entries, and if at least one in `scan / probe` matched (where reading wins over the
 * index, by the figures above), reads the newest `scan` entries newest first until it has `cap + 1`. Otherwise (a
 * rarer phrase, or one common only lately) it counts in the index as before, after the probe's fraction of a
 * millisecond. A single pair the planner estimates right, and reads the table for when the pair is common.
 */
export async function countMatchesUpTo(
  db: Executor,
  dialect: DialectName,
  terms: QueryTerm[],
  cap: number,
  { probe = 1024, scan = 16_384 }: { probe?: number; scan?: number } = {},
): Promise<number> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from (select rowid from appeal_search
      where appeal_search match ${fts5Match(terms)} limit ${cap + 1})`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }
  const query = tsQuery(terms);
  const phrase = terms.some((term) => term.tokens.length > 1);
  if (phrase) {
    const counted = await countNewestMatches(db, query, cap, probe, scan);
    if (counted > cap) return counted;
  }
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select seq from appeal_search
    where tokens @@ ${query}::tsquery limit ${cap + 1}) m`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** countMatchesUpTo's reading of the newest entries on PostgreSQL: cap + 1 if they hold that many, else 0. */
async function countNewestMatches(
  db: Executor,
  query: string,
  cap: number,
  probe: number,
  scan: number,
): Promise<number> {
  const newest = await sql<{ hi: number | string | null }>`select max(seq) as hi from appeal_search`.execute(
    db,
  );
  const hi = Number(newest.rows[0]?.hi ?? 0);
  // ts_match_vq is the @@ operator as a function: no index answers it, so the planner reads the seq range.
  const probed = await sql<{ n: number | string }>`select count(*) as n from appeal_search
    where seq > ${hi - probe} and ts_match_vq(tokens, ${query}::tsquery)`.execute(db);
  if (Number(probed.rows[0]?.n ?? 0) * scan >= (cap + 1) * probe) {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from (select seq from appeal_search
      where seq > ${hi - scan} and ts_match_vq(tokens, ${query}::tsquery) order by seq desc limit ${cap + 1}) m`.execute(
      db,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > cap) return n;
  }
  return 0;
}

/**
 * For each term on its own, the ids of the `perTerm` most recent appeals that contain it (newest first
 * through the index, as the search sorted by time does), merged without repeats. Cost grows with the terms
 * asked for, not with how many appeals hold a common word: ranking every match of an OR of a dozen words
 * took seconds at a million appeals.
 */
export async function recentMatchesPerTerm(
  db: Executor,
  dialect: DialectName,
  terms: QueryTerm[],
  perTerm: number,
): Promise<string[]> {
  const ids = new Set<string>();
  for (const term of terms) {
    const { rows } =
      dialect === 'postgres'
        ? await sql<{ id: string }>`select a.id from appeal_search s join appeals a on a.seq = s.seq
            where s.tokens @@ ${tsQuery([term])}::tsquery order by s.seq desc limit ${perTerm}`.execute(db)
        : await sql<{ id: string }>`select a.id from
            (select rowid as seq from appeal_search where appeal_search match ${fts5Match([term])}
              order by rowid desc limit ${perTerm}) m
            join appeals a on a.seq = m.seq`.execute(db);
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

export { queryTerms };
