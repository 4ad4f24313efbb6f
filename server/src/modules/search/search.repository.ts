import { type RawBuilder, sql } from 'kysely';
import type { DialectName, Executor } from '../../db/database.ts';
import { fts5Match, indexTokens, type QueryTerm, queryTerms, tsQuery, tsVectorLiteral } from './tokens.ts';

/** The text the full-text index holds for an appeal. */
export function appealSearchText(appeal: { title: string; content: string }, enterpriseName: string): string {
  return `${appeal.title}\n${appeal.content}\n${enterpriseName}`;
}

/** Tables that hold only what can be rebuilt from others (the index): backups leave them out. */
export function isDerivedTable(name: string): boolean {
  return name === 'appeal_search' || name.startsWith('appeal_search_');
}

/** Rebuilds the whole index from the appeals, e.g. after a restore. Works with or without the camel-case plugin. */
export async function rebuildAppealIndex(db: Executor, dialect: DialectName, batch = 500): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const { rows } = await sql<Record<string, string>>`select a.id, a.title, a.content, e.name
      from appeals a join enterprises e on e.id = a.enterprise_id
      where a.id > ${after} order by a.id limit ${batch}`.execute(db);
    if (rows.length === 0) return count;
    for (const row of rows) {
      const id = row.id as string;
      await indexAppeal(
        db,
        dialect,
        id,
        appealSearchText({ title: row.title ?? '', content: row.content ?? '' }, row.name ?? ''),
      );
      after = id;
      count += 1;
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
  const tokens = indexTokens(text);
  await sql`delete from appeal_search where appeal_id = ${appealId}`.execute(db);
  if (dialect === 'postgres') {
    await sql`insert into appeal_search (appeal_id, tokens) values (${appealId}, ${tsVectorLiteral(tokens)}::tsvector)`.execute(
      db,
    );
  } else {
    await sql`insert into appeal_search (appeal_id, tokens) values (${appealId}, ${tokens.join(' ')})`.execute(
      db,
    );
  }
}

/**
 * The ids of appeals matching a query, as a subquery for `where id in (…)`; null when the query has
 * nothing searchable. `mode: 'any'` matches any term (similar-appeal candidates), `'all'` every term.
 */
export function matchingAppealIds(
  dialect: DialectName,
  terms: QueryTerm[],
  mode: 'all' | 'any' = 'all',
): RawBuilder<{ appealId: string }> | null {
  if (terms.length === 0) return null;
  if (dialect === 'postgres') {
    return sql<{
      appealId: string;
    }>`select appeal_id from appeal_search where tokens @@ ${tsQuery(terms, mode === 'all' ? '&' : '|')}::tsquery`;
  }
  return sql<{
    appealId: string;
  }>`select appeal_id from appeal_search where appeal_search match ${fts5Match(terms, mode === 'all' ? 'AND' : 'OR')}`;
}

/** The best `limit` matches of any of the terms, ranked by relevance (bm25 / ts_rank). */
export async function rankedMatches(
  db: Executor,
  dialect: DialectName,
  terms: QueryTerm[],
  limit: number,
): Promise<string[]> {
  if (terms.length === 0) return [];
  if (dialect === 'postgres') {
    const query = tsQuery(terms, '|');
    const { rows } = await sql<{ appealId: string }>`select appeal_id from appeal_search
      where tokens @@ ${query}::tsquery
      order by ts_rank(tokens, ${query}::tsquery) desc limit ${limit}`.execute(db);
    return rows.map((r) => r.appealId);
  }
  const { rows } = await sql<{ appealId: string }>`select appeal_id from appeal_search
    where appeal_search match ${fts5Match(terms, 'OR')} order by bm25(appeal_search) limit ${limit}`.execute(
    db,
  );
  return rows.map((r) => r.appealId);
}

export { queryTerms };
