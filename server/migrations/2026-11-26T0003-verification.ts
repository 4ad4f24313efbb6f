import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Verification, handling tiers, consultation and assignments (issue: verification and events).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handling_tiers')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('deadline_working_days', 'integer', (c) => c.notNull())
    .addColumn('categories_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .alterTable('appeals')
    .addColumn('tier_code', 'text', (c) => c.references('handling_tiers.code'))
    .execute();
  await db.schema.alterTable('appeals').addColumn('assessment', 'text').execute();
  await db.schema.alterTable('appeals').addColumn('decision_reason', 'text').execute();

  await db.schema
    .createTable('verification_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('people.id'))
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('verification_requests_unit_idx')
    .on('verification_requests')
    .columns(['unit_id', 'status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('verification_requests_appeal_idx')
    .on('verification_requests')
    .columns(['appeal_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('unit_ids_json', 'text', (c) => c.notNull())
    .addColumn('statements_json', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultations_appeal_idx')
    .on('consultations')
    .columns(['appeal_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('original_due_date', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.references('people.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    // pending → accepted → reported → closed; or returned by the lead unit.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accept_due_date', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('people.id'))
    .addColumn('return_reason', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('assignments_status_due_idx')
    .on('assignments')
    .columns(['status', 'due_date'])
    .execute();
  await db.schema.createIndex('assignments_appeal_idx').on('assignments').column('appeal_id').execute();

  // Every unit on an assignment (lead and co-units): what lets a unit see the appeal.
  await db.schema
    .createTable('assignment_units')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_units_pk', ['assignment_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('assignment_units_unit_idx')
    .on('assignment_units')
    .columns(['unit_id', 'appeal_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
