import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Notifications: each person's choice of channels per notice kind, and the outbox that delivers
// e-mail, SMS, WeCom messages and platform webhooks with retries.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_preferences')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['person_id', 'kind', 'channel'])
    .execute();

  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
    .addColumn('appeal_id', 'text', (c) => c.references('appeals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // The delivery run's claim: what is due, oldest first.
  await db.schema
    .createIndex('outbox_messages_due_idx')
    .on('outbox_messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  // The last webhook of an appeal: which status the platform was last told.
  await db.schema
    .createIndex('outbox_messages_appeal_idx')
    .on('outbox_messages')
    .columns(['appeal_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('outbox_messages_created_idx')
    .on('outbox_messages')
    .column('created_at')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
