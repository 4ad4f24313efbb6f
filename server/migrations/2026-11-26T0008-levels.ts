import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// County ↔ city: the level whose office runs an appeal now, and every move between levels.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // Nullable on SQLite only because ALTER TABLE cannot add a NOT NULL reference there; every write sets it,
  // and on PostgreSQL the column is made NOT NULL once filled.
  await db.schema
    .alterTable('appeals')
    .addColumn('handling_region_id', 'text', (c) => c.references('regions.id'))
    .execute();
  // Where an appeal starts: the enterprise's county when that county has its own task-force office,
  // otherwise the city (the same rule as createAppealInTx).
  await sql`
    update appeals set handling_region_id = case
      when exists (
        select 1 from units u
        where u.region_id = appeals.region_id and u.type = 'taskForceOffice' and u.active = 1
      ) then region_id
      else coalesce((select r.parent_id from regions r where r.id = appeals.region_id), region_id)
    end
  `.execute(db);
  if (isPostgres(db)) {
    await sql`alter table appeals alter column handling_region_id set not null`.execute(db);
  }
  await db.schema
    .createIndex('appeals_handling_region_idx')
    .on('appeals')
    .columns(['handling_region_id', 'status'])
    .execute();

  await db.schema
    .createTable('appeal_level_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('from_region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('to_region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('moved_by', 'text', (c) => c.references('people.id'))
    .addColumn('moved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_level_moves_appeal_idx')
    .on('appeal_level_moves')
    .columns(['appeal_id', 'moved_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
