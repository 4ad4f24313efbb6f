import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Handling an assignment: progress notes and contacts, co-unit input, extensions, replies and their review.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handling_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('contact_date', 'text')
    .addColumn('contact_way', 'text')
    .addColumn('contact_person', 'text')
    .addColumn('author_id', 'text', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handling_notes_appeal_idx')
    .on('handling_notes')
    .columns(['appeal_id', 'at'])
    .execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('requested_due_date', 'text', (c) => c.notNull())
    .addColumn('previous_due_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('extension_requests_appeal_idx')
    .on('extension_requests')
    .columns(['appeal_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('policy_basis', 'text')
    .addColumn('author_id', 'text', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('people.id'))
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('replies_appeal_idx').on('replies').columns(['appeal_id', 'at']).execute();

  // Satisfaction: one rating per handling unit and round; a dissatisfied one is reopened or explained.
  await db.schema
    .alterTable('appeals')
    .addColumn('reopen_round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('remind_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('value', 'text')
    .addColumn('reason', 'text')
    .addColumn('comment', 'text')
    .addColumn('rated_by', 'text', (c) => c.references('people.id'))
    .addColumn('rated_at', 'text')
    .addColumn('decision', 'text')
    .addColumn('explanation', 'text')
    .addColumn('explanation_status', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('approved_at', 'text')
    .addColumn('excluded_from_score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('ratings_appeal_idx').on('ratings').columns(['appeal_id', 'round']).execute();
  await db.schema
    .createIndex('ratings_status_idx')
    .on('ratings')
    .columns(['status', 'remind_date'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_ups_appeal_idx').on('follow_ups').column('appeal_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
