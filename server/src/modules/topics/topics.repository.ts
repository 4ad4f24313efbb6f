import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { appealTopicWords, cityMonthOf } from './topics.ts';

/**
 * The hot-topic aggregates (migration 0013): `appeal_topics` remembers the words each appeal counts
 * under, `topic_stats` counts appeals per county, month and word. Raw SQL over snake_case names with
 * aliases free of underscores, so that these work with or without the camel-case plugin (the restore
 * runs without it).
 */

/** Rows per multi-row INSERT: four parameters each, well under both databases' limits. */
const ROWS_PER_INSERT = 250;

/** Tables left out of backups: rebuilt from the appeals by `rebuildTopicStats`. */
export const topicTables: readonly string[] = ['topic_stats', 'appeal_topics'];

export interface TopicSource {
  seq: number;
  regionId: string;
  submittedAt: string;
  title: string;
  content: string;
}

async function addCounts(db: Executor, counts: Iterable<[string, string, string, number]>): Promise<void> {
  const all = [...counts];
  for (let i = 0; i < all.length; i += ROWS_PER_INSERT) {
    const values = all.slice(i, i + ROWS_PER_INSERT).map((c) => sql`(${c[0]}, ${c[1]}, ${c[2]}, ${c[3]})`);
    await sql`insert into topic_stats (region_id, month, word, n) values ${sql.join(values)}
      on conflict (region_id, month, word) do update set n = topic_stats.n + excluded.n`.execute(db);
  }
}

/**
 * Counts an appeal under its topic words, or moves its counts when its title or content changed: called in
 * the transaction that writes the appeal's search entry (on creation and on every edit). Does nothing
 * when the words are those already counted (an enterprise renamed, a category changed).
 */
export async function recordAppealTopics(db: Executor, appeal: TopicSource): Promise<void> {
  const words = appealTopicWords(appeal);
  const month = cityMonthOf(appeal.submittedAt);
  const json = JSON.stringify(words);
  const { rows } = await sql<{ region: string; month: string; words: string }>`
    select region_id as region, month, words from appeal_topics where seq = ${appeal.seq}`.execute(db);
  const old = rows[0];
  if (old && old.words === json && old.region === appeal.regionId && old.month === month) return;
  if (old) {
    const previous = JSON.parse(old.words) as string[];
    if (previous.length > 0) {
      await sql`update topic_stats set n = n - 1 where region_id = ${old.region} and month = ${old.month}
        and word in (${sql.join(previous)})`.execute(db);
    }
  }
  await sql`insert into appeal_topics (seq, region_id, month, words)
    values (${appeal.seq}, ${appeal.regionId}, ${month}, ${json})
    on conflict (seq) do update set region_id = excluded.region_id, month = excluded.month,
      words = excluded.words`.execute(db);
  await addCounts(
    db,
    words.map((w): [string, string, string, number] => [appeal.regionId, month, w, 1]),
  );
}

/**
 * Recounts both tables from the appeals, a batch at a time (keyset on seq), e.g. after a restore.
 * Returns the number of appeals read.
 */
export async function rebuildTopicStats(db: Executor, batch = 500): Promise<number> {
  await sql`delete from topic_stats`.execute(db);
  await sql`delete from appeal_topics`.execute(db);
  let after = 0;
  let count = 0;
  for (;;) {
    const { rows } = await sql<{
      seq: number | string;
      region: string;
      submitted: string;
      title: string;
      content: string;
    }>`select seq, region_id as region, submitted_at as submitted, title, content from appeals
      where seq > ${after} order by seq limit ${batch}`.execute(db);
    if (rows.length === 0) return count;
    const topics: [number, string, string, string][] = [];
    const counts = new Map<string, [string, string, string, number]>();
    for (const row of rows) {
      const month = cityMonthOf(row.submitted);
      const words = appealTopicWords(row);
      topics.push([Number(row.seq), row.region, month, JSON.stringify(words)]);
      for (const word of words) {
        const key = `${row.region}\u0000${month}\u0000${word}`;
        const entry = counts.get(key);
        if (entry) entry[3] += 1;
        else counts.set(key, [row.region, month, word, 1]);
      }
      after = Number(row.seq);
      count += 1;
    }
    for (let i = 0; i < topics.length; i += ROWS_PER_INSERT) {
      const values = topics
        .slice(i, i + ROWS_PER_INSERT)
        .map((t) => sql`(${t[0]}, ${t[1]}, ${t[2]}, ${t[3]})`);
      await sql`insert into appeal_topics (seq, region_id, month, words) values ${sql.join(values)}`.execute(
        db,
      );
    }
    await addCounts(db, counts.values());
  }
}
