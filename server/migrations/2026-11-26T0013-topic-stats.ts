import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { appealTopicWords, cityMonthOf } from '../src/modules/topics/topics.ts';

// Frozen: never edit a migration that has shipped; add a new one.
// Hot topics (热点问题): the most frequent words of a period without segmenting every appeal on each
// request. Two tables, kept by the application in the transaction that writes an appeal's search entry
// (search.repository indexAppeal → topics.repository recordAppealTopics), because segmentation happens in
// TypeScript (jieba), not in SQL:
//   appeal_topics  one row per appeal (by seq): its county, its month and the words it counts under
//                  (a JSON array), so that an edit or a delete takes back exactly what was counted;
//   topic_stats    per county (the enterprise's region_id), month (of submitted_at, UTC+8, as appeal_stats)
//                  and word: in how many appeals the word is one of the topic words (document frequency).
// A delete of an appeal (no route does it; direct deletes happen in tests and maintenance) takes its words
// back by a trigger. The backfill below imports the extraction itself rather than a copy of it, so that
// what it writes equals what the application writes; a later change of the word list comes with a new
// migration calling the rebuild. Backups leave both tables out; a restore rebuilds them.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const BATCH = 500;
/** Rows per multi-row INSERT: four parameters each, well under both databases' limits. */
const ROWS_PER_INSERT = 250;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('topic_stats')
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_stats_pk', ['region_id', 'month', 'word'])
    .execute();
  // The hot topics read a period (months), for the city or one county.
  await db.schema
    .createIndex('topic_stats_month_idx')
    .on('topic_stats')
    .columns(['month', 'region_id'])
    .execute();
  await db.schema
    .createTable('appeal_topics')
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .execute();

  if (pg) {
    await sql`create function appeal_topics_forget() returns trigger language plpgsql as $$
      begin
        update topic_stats s set n = s.n - 1
          from appeal_topics t, jsonb_array_elements_text(t.words::jsonb) w(word)
          where t.seq = old.seq and s.region_id = t.region_id and s.month = t.month and s.word = w.word;
        delete from appeal_topics where seq = old.seq;
        return null;
      end $$`.execute(db);
    await sql`create trigger appeal_topics_forget after delete on appeals
      for each row execute function appeal_topics_forget()`.execute(db);
  } else {
    await sql`create trigger appeal_topics_forget after delete on appeals begin
      update topic_stats set n = n - 1
        where region_id = (select region_id from appeal_topics where seq = old.seq)
          and month = (select month from appeal_topics where seq = old.seq)
          and word in (select j.value from appeal_topics t, json_each(t.words) j where t.seq = old.seq);
      delete from appeal_topics where seq = old.seq;
    end`.execute(db);
  }

  // Backfill, a batch of appeals at a time (keyset on seq).
  let after = 0;
  for (;;) {
    const { rows } = await sql<{
      seq: number | string;
      region: string;
      submitted: string;
      title: string;
      content: string;
    }>`select seq, region_id as region, submitted_at as submitted, title, content from appeals
      where seq > ${after} order by seq limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
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
    }
    for (let i = 0; i < topics.length; i += ROWS_PER_INSERT) {
      const values = topics
        .slice(i, i + ROWS_PER_INSERT)
        .map((t) => sql`(${t[0]}, ${t[1]}, ${t[2]}, ${t[3]})`);
      await sql`insert into appeal_topics (seq, region_id, month, words) values ${sql.join(values)}`.execute(
        db,
      );
    }
    const all = [...counts.values()];
    for (let i = 0; i < all.length; i += ROWS_PER_INSERT) {
      const values = all.slice(i, i + ROWS_PER_INSERT).map((c) => sql`(${c[0]}, ${c[1]}, ${c[2]}, ${c[3]})`);
      await sql`insert into topic_stats (region_id, month, word, n) values ${sql.join(values)}
        on conflict (region_id, month, word) do update set n = topic_stats.n + excluded.n`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists appeal_topics_forget on appeals`.execute(db);
    await sql`drop function if exists appeal_topics_forget()`.execute(db);
  } else {
    await sql`drop trigger if exists appeal_topics_forget`.execute(db);
  }
  await db.schema.dropTable('appeal_topics').execute();
  await db.schema.dropTable('topic_stats').execute();
}
