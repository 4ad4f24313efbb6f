import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The leaders' dashboard reads counts kept up to date by database triggers instead of a GROUP BY over
// every appeal on each request (issue: evaluation and reports). Three aggregates, each a count `n` per
// combination of its dimensions; a row whose count fell to 0 stays (harmless, every reader sums `n`).
//   appeal_stats      per appeal, one row per dimension: county (region_id), month, dimension, value, where
//                     dimension is status, channel, category, tier ('' = none) or reopen ('reopened' when
//                     reopened at least once, else 'closed' when closed, else ''). Every dashboard figure is a
//                     one-dimension breakdown of a county and period, so this stays a few thousand rows however
//                     many appeals there are (one row per combination of all dimensions would grow with them).
//   assignment_stats  per assignment: its appeal's county and month, lead unit, status, closed on time
//   rating_stats      per rating: its appeal's county and month, status, value ('' = none), excluded_from_score
// assignment_stats and rating_stats take the county and month of the appeal when their own row changes: an appeal's
// region_id and submitted_at never change once it exists (appeals.service edits title, content and category only).
// `month` is the month of the appeal's submitted_at in China Standard Time (UTC+8, no daylight saving: the
// city time zone Asia/Shanghai all year), so that it agrees with the city dates of GET /api/appeals' from/to.
// "On time": the assignment is closed and the city date of closed_at is not after its due date.
// Backups leave these tables out (backup.ts); a restore's inserts into appeals, assignments and ratings
// fire the triggers and rebuild them.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type Dialect = 'sqlite' | 'postgres';

interface Aggregate {
  table: string;
  source: string;
  /** Columns of the source whose change can move a row to another combination. */
  watched: string[];
  /** The aggregate's columns. */
  columns: string[];
  /** The rows one source row counts in: for each, the SQL of every column (`$` is `new` or `old`). */
  rows: (dialect: Dialect) => string[][];
}

/** Month (YYYY-MM) and date (YYYY-MM-DD) of an ISO instant held as text, in UTC+8. */
function cityMonth(dialect: Dialect, instant: string): string {
  return dialect === 'postgres'
    ? `to_char((((${instant})::timestamptz at time zone 'UTC') + interval '8 hours'), 'YYYY-MM')`
    : `strftime('%Y-%m', ${instant}, '+8 hours')`;
}
function cityDate(dialect: Dialect, instant: string): string {
  return dialect === 'postgres'
    ? `to_char((((${instant})::timestamptz at time zone 'UTC') + interval '8 hours'), 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', ${instant}, '+8 hours')`;
}

const fromAppeal = (column: string) => `(select a.${column} from appeals a where a.id = $.appeal_id)`;

const appealDimensions: [string, string][] = [
  ['status', '$.status'],
  ['channel', '$.channel'],
  ['category', '$.category'],
  ['tier', `coalesce($.tier_code, '')`],
  [
    'reopen',
    `case when $.reopen_round > 0 then 'reopened' when $.status = 'closed' then 'closed' else '' end`,
  ],
];

const aggregates: Aggregate[] = [
  {
    table: 'appeal_stats',
    source: 'appeals',
    watched: ['region_id', 'submitted_at', 'status', 'channel', 'category', 'tier_code', 'reopen_round'],
    columns: ['region_id', 'month', 'dimension', 'value'],
    rows: (d) =>
      appealDimensions.map(([dimension, value]) => [
        '$.region_id',
        cityMonth(d, '$.submitted_at'),
        `'${dimension}'`,
        value,
      ]),
  },
  {
    table: 'assignment_stats',
    source: 'assignments',
    watched: ['appeal_id', 'lead_unit_id', 'status', 'due_date', 'closed_at'],
    columns: ['region_id', 'month', 'lead_unit_id', 'status', 'on_time'],
    rows: (d) => [
      [
        fromAppeal('region_id'),
        cityMonth(d, fromAppeal('submitted_at')),
        '$.lead_unit_id',
        '$.status',
        `case when $.status = 'closed' and $.closed_at is not null and ${cityDate(d, '$.closed_at')} <= $.due_date then 1 else 0 end`,
      ],
    ],
  },
  {
    table: 'rating_stats',
    source: 'ratings',
    watched: ['appeal_id', 'status', 'value', 'excluded_from_score'],
    columns: ['region_id', 'month', 'status', 'value', 'excluded_from_score'],
    rows: (d) => [
      [
        fromAppeal('region_id'),
        cityMonth(d, fromAppeal('submitted_at')),
        '$.status',
        `coalesce($.value, '')`,
        '$.excluded_from_score',
      ],
    ],
  },
];

const integerColumns = new Set(['on_time', 'excluded_from_score']);

const forRow = (exprs: string[], row: 'new' | 'old') => exprs.map((e) => e.replaceAll('$.', `${row}.`));

function increment(agg: Aggregate, exprs: string[], dialect: Dialect): string {
  const columns = agg.columns.join(', ');
  return `insert into ${agg.table} (${columns}, n) values (${forRow(exprs, 'new').join(', ')}, 1)
    on conflict (${columns}) do update set n = ${dialect === 'postgres' ? `${agg.table}.` : ''}n + 1;`;
}

function decrement(agg: Aggregate, exprs: string[]): string {
  const values = forRow(exprs, 'old');
  return `update ${agg.table} set n = n - 1 where ${agg.columns.map((c, i) => `${c} = ${values[i]}`).join(' and ')};`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect: Dialect = isPostgres(db) ? 'postgres' : 'sqlite';

  for (const agg of aggregates) {
    const rows = agg.rows(dialect);
    let table: CreateTableBuilder<string, string> = db.schema.createTable(agg.table);
    for (const column of agg.columns) {
      table = table.addColumn(column, integerColumns.has(column) ? 'integer' : 'text', (c) => c.notNull());
    }
    await table
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${agg.table}_pk`, agg.columns)
      .execute();
    // The dashboard filters on month and county.
    await db.schema
      .createIndex(`${agg.table}_month_idx`)
      .on(agg.table)
      .columns(['month', 'region_id'])
      .execute();

    const decrements = rows.map((r) => decrement(agg, r)).join('\n');
    const increments = rows.map((r) => increment(agg, r, dialect)).join('\n');
    if (dialect === 'postgres') {
      const changed = agg.watched.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
      await sql
        .raw(`create function ${agg.table}_apply() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' and not (${changed}) then return null; end if;
          if tg_op in ('UPDATE', 'DELETE') then ${decrements} end if;
          if tg_op in ('INSERT', 'UPDATE') then ${increments} end if;
          return null;
        end $$`)
        .execute(db);
      await sql
        .raw(`create trigger ${agg.table}_maintain after insert or delete or update of ${agg.watched.join(', ')}
        on ${agg.source} for each row execute function ${agg.table}_apply()`)
        .execute(db);
    } else {
      const changed = agg.watched.map((c) => `old.${c} is not new.${c}`).join(' or ');
      await sql
        .raw(`create trigger ${agg.table}_insert after insert on ${agg.source} begin ${increments} end`)
        .execute(db);
      await sql
        .raw(`create trigger ${agg.table}_delete after delete on ${agg.source} begin ${decrements} end`)
        .execute(db);
      await sql
        .raw(`create trigger ${agg.table}_update after update of ${agg.watched.join(', ')} on ${agg.source}
        when ${changed} begin ${decrements} ${increments} end`)
        .execute(db);
    }

    // Backfill from the rows already there.
    for (const exprs of rows) {
      const values = exprs.map((e) => e.replaceAll('$.', 's.'));
      await sql
        .raw(`insert into ${agg.table} (${agg.columns.join(', ')}, n)
          select ${values.map((e, i) => `${e} as ${agg.columns[i]}`).join(', ')}, count(*)
          from ${agg.source} s group by ${values.map((_, i) => String(i + 1)).join(', ')}`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const dialect: Dialect = isPostgres(db) ? 'postgres' : 'sqlite';
  for (const agg of [...aggregates].reverse()) {
    if (dialect === 'postgres') {
      await sql.raw(`drop trigger if exists ${agg.table}_maintain on ${agg.source}`).execute(db);
      await sql.raw(`drop function if exists ${agg.table}_apply()`).execute(db);
    } else {
      for (const suffix of ['insert', 'delete', 'update']) {
        await sql.raw(`drop trigger if exists ${agg.table}_${suffix}`).execute(db);
      }
    }
    await db.schema.dropTable(agg.table).execute();
  }
}
