import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Supervision (督查/督办): warnings raised by the sweep, the escalation ladder's steps, notice numbering.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per warning ever raised; the unique key makes the sweep raise each one once, even with
  // several server instances sweeping at the same time.
  await db.schema
    .createTable('supervision_warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('against', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_warnings_once', ['assignment_id', 'kind', 'against'])
    .execute();
  await db.schema
    .createIndex('supervision_warnings_appeal_idx')
    .on('supervision_warnings')
    .column('appeal_id')
    .execute();

  await db.schema
    .createTable('supervision_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('answer_due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('people.id'))
    .addColumn('answered_at', 'text')
    .addColumn('document_number', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_actions_assignment_idx')
    .on('supervision_actions')
    .columns(['assignment_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('supervision_actions_appeal_idx')
    .on('supervision_actions')
    .column('appeal_id')
    .execute();

  // 督办单 numbers: one counter per issuer code and year, e.g. 河督办〔2026〕3号.
  await db.schema
    .createTable('supervision_counters')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_counters_pk', ['prefix', 'year'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
