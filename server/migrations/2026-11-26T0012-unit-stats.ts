import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Unit evaluation (考核) and the average working days to close, kept up to date like migration 0011's
// aggregates (the same generator, with sums beside the count `n`):
//   assignments.working_days  the working days from the city date of assigned_at to that of closed_at (after
//                     the first, up to and including the second; the working-day calendar), set when the
//                     assignment closes (handling.service) and backfilled here; null when the calendar does
//                     not know a year.
//   unit_stats        per assignment, like assignment_stats (its appeal's county and month, lead unit, status,
//                     closed on time) with three sums: reopens (assignments made by a reopen, 重办),
//                     working_days_sum and timed (closed assignments whose working days are known), so that
//                     the mean is working_days_sum / timed. A table of its own rather than new columns on
//                     assignment_stats, so that 0011 stays whole (it can be rolled back and re-run alone).
//   unit_rating_stats per rating: its appeal's county and month, the rated unit, status, value, exclusion.
//   supervision_stats per supervision step (催办, 督办单, …): its appeal's county and month, the unit, level.
// Backups leave these tables out too (backup.ts); a restore's inserts rebuild them.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type Dialect = 'sqlite' | 'postgres';

interface Aggregate {
  table: string;
  source: string;
  /** Columns of the source whose change can move a row to another combination or change a sum. */
  watched: string[];
  /** The aggregate's key columns. */
  columns: string[];
  /** Integer sums kept beside `n`: column and the SQL of one source row's share (`$` is `new` or `old`). */
  sums: [string, string][];
  /** The SQL of every key column for one source row (`$` is `new` or `old`). */
  row: (dialect: Dialect) => string[];
}

/** Month (YYYY-MM) and date (YYYY-MM-DD) of an ISO instant held as text, in UTC+8 (as in 0011). */
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

const aggregates: Aggregate[] = [
  {
    table: 'unit_stats',
    source: 'assignments',
    watched: ['appeal_id', 'lead_unit_id', 'status', 'due_date', 'closed_at', 'source', 'working_days'],
    columns: ['region_id', 'month', 'lead_unit_id', 'status', 'on_time'],
    sums: [
      ['reopens', `case when $.source = 'reopen' then 1 else 0 end`],
      ['working_days_sum', `case when $.status = 'closed' then coalesce($.working_days, 0) else 0 end`],
      ['timed', `case when $.status = 'closed' and $.working_days is not null then 1 else 0 end`],
    ],
    row: (d) => [
      fromAppeal('region_id'),
      cityMonth(d, fromAppeal('submitted_at')),
      '$.lead_unit_id',
      '$.status',
      `case when $.status = 'closed' and $.closed_at is not null and ${cityDate(d, '$.closed_at')} <= $.due_date then 1 else 0 end`,
    ],
  },
  {
    table: 'unit_rating_stats',
    source: 'ratings',
    watched: ['appeal_id', 'unit_id', 'status', 'value', 'excluded_from_score'],
    columns: ['region_id', 'month', 'unit_id', 'status', 'value', 'excluded_from_score'],
    sums: [],
    row: (d) => [
      fromAppeal('region_id'),
      cityMonth(d, fromAppeal('submitted_at')),
      '$.unit_id',
      '$.status',
      `coalesce($.value, '')`,
      '$.excluded_from_score',
    ],
  },
  {
    table: 'supervision_stats',
    source: 'supervision_actions',
    watched: ['appeal_id', 'unit_id', 'level'],
    columns: ['region_id', 'month', 'unit_id', 'level'],
    sums: [],
    row: (d) => [fromAppeal('region_id'), cityMonth(d, fromAppeal('submitted_at')), '$.unit_id', '$.level'],
  },
];

const integerColumns = new Set(['on_time', 'excluded_from_score']);

const forRow = (exprs: string[], row: 'new' | 'old') => exprs.map((e) => e.replaceAll('$.', `${row}.`));

function increment(agg: Aggregate, dialect: Dialect): string {
  const key = agg.row(dialect);
  const columns = agg.columns.join(', ');
  const own = dialect === 'postgres' ? `${agg.table}.` : '';
  const sumColumns = agg.sums.map(([c]) => `, ${c}`).join('');
  const sumValues = forRow(
    agg.sums.map(([, e]) => e),
    'new',
  )
    .map((e) => `, ${e}`)
    .join('');
  const sumUpdates = agg.sums.map(([c]) => `, ${c} = ${own}${c} + excluded.${c}`).join('');
  return `insert into ${agg.table} (${columns}, n${sumColumns}) values (${forRow(key, 'new').join(', ')}, 1${sumValues})
    on conflict (${columns}) do update set n = ${own}n + 1${sumUpdates};`;
}

function decrement(agg: Aggregate, dialect: Dialect): string {
  const key = forRow(agg.row(dialect), 'old');
  const sums = forRow(
    agg.sums.map(([, e]) => e),
    'old',
  );
  const sumUpdates = agg.sums.map(([c], i) => `, ${c} = ${c} - (${sums[i]})`).join('');
  return `update ${agg.table} set n = n - 1${sumUpdates} where ${agg.columns.map((c, i) => `${c} = ${key[i]}`).join(' and ')};`;
}

/**
 * Working days after the city date of `start` up to and including that of `end`, in SQL: weekdays counted
 * from a Monday (2000-01-03) in closed form, less the holidays that fall on a weekday, plus the make-up
 * working days that fall on a weekend (calendar_days holds only those exceptions). Null when the calendar
 * does not know either year, as the calendar refuses to guess.
 */
function workingDaysBetween(dialect: Dialect, start: string, end: string): string {
  const a = cityDate(dialect, start);
  const b = cityDate(dialect, end);
  const pg = dialect === 'postgres';
  const dayNumber = (d: string) =>
    pg ? `((${d})::date - date '2000-01-03')` : `cast(julianday(${d}) - julianday('2000-01-03') as integer)`;
  const weekdaysUpTo = (d: string) =>
    `(5 * ((${dayNumber(d)} + 1) / 7) + ${pg ? 'least' : 'min'}((${dayNumber(d)} + 1) % 7, 5))`;
  const weekend = pg ? `extract(dow from c.date::date) in (0, 6)` : `strftime('%w', c.date) in ('0', '6')`;
  const exceptions = (offDay: 0 | 1, onWeekend: boolean) =>
    `(select count(*) from calendar_days c where c.date > ${a} and c.date <= ${b} and c.is_off_day = ${offDay} and ${onWeekend ? '' : 'not '}${weekend})`;
  const known = (d: string) =>
    `exists (select 1 from calendar_years y where y.year = cast(substr(${d}, 1, 4) as integer))`;
  return `case when ${known(a)} and ${known(b)} then
    ${weekdaysUpTo(b)} - ${weekdaysUpTo(a)} - ${exceptions(1, false)} + ${exceptions(0, true)} end`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect: Dialect = isPostgres(db) ? 'postgres' : 'sqlite';

  await db.schema.alterTable('assignments').addColumn('working_days', 'integer').execute();
  await sql
    .raw(`update assignments set working_days = ${workingDaysBetween(dialect, 'assigned_at', 'closed_at')}
      where status = 'closed' and closed_at is not null`)
    .execute(db);
  // A unit's own dashboard and GET /api/appeals?leadUnitId= find a unit's assignments through it.
  await db.schema
    .createIndex('assignments_lead_unit_idx')
    .on('assignments')
    .columns(['lead_unit_id', 'status'])
    .execute();

  for (const agg of aggregates) {
    let table: CreateTableBuilder<string, string> = db.schema.createTable(agg.table);
    for (const column of agg.columns) {
      table = table.addColumn(column, integerColumns.has(column) ? 'integer' : 'text', (c) => c.notNull());
    }
    table = table.addColumn('n', 'integer', (c) => c.notNull());
    for (const [column] of agg.sums) table = table.addColumn(column, 'integer', (c) => c.notNull());
    await table.addPrimaryKeyConstraint(`${agg.table}_pk`, agg.columns).execute();
    await db.schema
      .createIndex(`${agg.table}_month_idx`)
      .on(agg.table)
      .columns(['month', 'region_id'])
      .execute();

    const decrements = decrement(agg, dialect);
    const increments = increment(agg, dialect);
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
    const keys = agg.row(dialect).map((e) => e.replaceAll('$.', 's.'));
    const sums = agg.sums.map(([column, e]) => `sum(${e.replaceAll('$.', 's.')}) as ${column}`);
    await sql
      .raw(`insert into ${agg.table} (${[...agg.columns, 'n', ...agg.sums.map(([c]) => c)].join(', ')})
        select ${[...keys.map((e, i) => `${e} as ${agg.columns[i]}`), 'count(*)', ...sums].join(', ')}
        from ${agg.source} s group by ${keys.map((_, i) => String(i + 1)).join(', ')}`)
      .execute(db);
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
  await db.schema.dropIndex('assignments_lead_unit_idx').execute();
  await db.schema.alterTable('assignments').dropColumn('working_days').execute();
}
