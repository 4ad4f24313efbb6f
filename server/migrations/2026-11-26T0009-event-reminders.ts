import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Catalogue due-date reminders: one row per event, kind and due date, so that a reminder goes out once
// however many instances sweep at the same time.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_reminders')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_reminders_pk', ['event_id', 'kind', 'due_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_reminders').execute();
}
