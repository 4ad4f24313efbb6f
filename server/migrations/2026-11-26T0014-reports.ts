import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Periodic summary reports generated on a schedule: one row per kind (month or quarter), period and region.
// The unique key is the guard of the job: every instance tries to insert the same row, only one insert takes,
// and only that instance stores the file and sends the notices. The .docx itself lives in the attachments
// store (DATA_DIR/attachments, storage_key), which backups already carry; the database keeps text only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_kind_period_region_key', ['kind', 'period', 'region_id'])
    .execute();
  await db.schema
    .createIndex('reports_region_created_idx')
    .on('reports')
    .columns(['region_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
