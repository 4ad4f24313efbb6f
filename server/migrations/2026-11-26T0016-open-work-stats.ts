import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// "Overdue now" on the leaders' dashboard: the open lead assignments (pending or accepted) whose due date is
// before today. Counting them live joined every open assignment to its appeal (3.4 s at a million appeals),
// so they are kept like the aggregates of migrations 0011 and 0012:
//   open_work_stats   per open assignment: its appeal's county and month (UTC+8), the lead unit and the due
//                     date, with the count n. Only open assignments are counted, so the table holds one row
//                     per county, month, unit and due date of work still open: the dashboard sums the rows
//                     due before today (open_work_stats_due_idx), whatever today is.
// Triggers on assignments keep it: an assignment counts while its status is open; a move of appeal, unit,
// due date or status moves its count. Backups leave it out (backup.ts); a restore's inserts rebuild it.

const OPEN = `('pending', 'accepted')`;
const WATCHED = ['appeal_id', 'lead_unit_id', 'status', 'due_date'];
const COLUMNS = ['region_id', 'month', 'lead_unit_id', 'due_date'] as const;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The key of one assignment row (`row` is new, old or s): its appeal's county and city month, unit, due date. */
function key(postgres: boolean, row: string): string[] {
  const submitted = `(select a.submitted_at from appeals a where a.id = ${row}.appeal_id)`;
  const month = postgres
    ? `to_char(((${submitted})::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`
    : `strftime('%Y-%m', ${submitted}, '+8 hours')`;
  return [
    `(select a.region_id from appeals a where a.id = ${row}.appeal_id)`,
    month,
    `${row}.lead_unit_id`,
    `${row}.due_date`,
  ];
}

function increment(postgres: boolean): string {
  const own = postgres ? 'open_work_stats.' : '';
  return `insert into open_work_stats (${COLUMNS.join(', ')}, n)
    select ${key(postgres, 'new').join(', ')}, 1 where new.status in ${OPEN}
    on conflict (${COLUMNS.join(', ')}) do update set n = ${own}n + 1;`;
}

function decrement(postgres: boolean): string {
  const k = key(postgres, 'old');
  return `update open_work_stats set n = n - 1
    where ${COLUMNS.map((c, i) => `${c} = ${k[i]}`).join(' and ')} and old.status in ${OPEN};`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('open_work_stats')
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_work_stats_pk', [...COLUMNS])
    .execute();
  // "Due before today", then the period and county, with n: the sum never reads the table.
  await db.schema
    .createIndex('open_work_stats_due_idx')
    .on('open_work_stats')
    .columns(['due_date', 'month', 'region_id', 'lead_unit_id', 'n'])
    .execute();

  if (postgres) {
    const changed = WATCHED.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
    await sql
      .raw(`create function open_work_stats_apply() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' and not (${changed}) then return null; end if;
          if tg_op in ('UPDATE', 'DELETE') then ${decrement(true)} end if;
          if tg_op in ('INSERT', 'UPDATE') then ${increment(true)} end if;
          return null;
        end $$`)
      .execute(db);
    await sql
      .raw(`create trigger open_work_stats_maintain after insert or delete or update of ${WATCHED.join(', ')}
        on assignments for each row execute function open_work_stats_apply()`)
      .execute(db);
  } else {
    const changed = WATCHED.map((c) => `old.${c} is not new.${c}`).join(' or ');
    await sql
      .raw(`create trigger open_work_stats_insert after insert on assignments
        when new.status in ${OPEN} begin ${increment(false)} end`)
      .execute(db);
    await sql
      .raw(`create trigger open_work_stats_delete after delete on assignments
        when old.status in ${OPEN} begin ${decrement(false)} end`)
      .execute(db);
    await sql
      .raw(`create trigger open_work_stats_update after update of ${WATCHED.join(', ')} on assignments
        when (${changed}) and (old.status in ${OPEN} or new.status in ${OPEN})
        begin ${decrement(false)} ${increment(false)} end`)
      .execute(db);
  }

  // Backfill from the open assignments already there.
  const k = key(postgres, 's');
  await sql
    .raw(`insert into open_work_stats (${COLUMNS.join(', ')}, n)
      select ${k.map((e, i) => `${e} as ${COLUMNS[i]}`).join(', ')}, count(*)
      from assignments s where s.status in ${OPEN} group by 1, 2, 3, 4`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw('drop trigger if exists open_work_stats_maintain on assignments').execute(db);
    await sql.raw('drop function if exists open_work_stats_apply()').execute(db);
  } else {
    for (const suffix of ['insert', 'delete', 'update']) {
      await sql.raw(`drop trigger if exists open_work_stats_${suffix}`).execute(db);
    }
  }
  await db.schema.dropTable('open_work_stats').execute();
}
