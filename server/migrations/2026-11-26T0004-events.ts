import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Face-to-Face events: catalogue, approval, notice, rulings, opinions document; in-system notices.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('catalogue_due_date', 'text', (c) => c.notNull())
    .addColumn('catalogue_submitted_at', 'text')
    .addColumn('catalogue_late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('catalogue_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('catalogue_approved_at', 'text')
    .addColumn('catalogue_approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('leaders_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notice_number', 'text')
    .addColumn('notice_issued_at', 'text')
    .addColumn('opinions_preface', 'text')
    .addColumn('opinions_number', 'text')
    .addColumn('opinions_approved_at', 'text')
    .addColumn('opinions_approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('events_region_date_idx').on('events').columns(['region_id', 'date']).execute();

  await db.schema
    .createTable('catalogue_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('proposed_handling', 'text', (c) => c.notNull())
    .addColumn('unit_ids_json', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('catalogue_items_event_idx')
    .on('catalogue_items')
    .columns(['event_id', 'sort_order'])
    .execute();
  // An appeal is on at most one catalogue.
  await db.schema
    .createIndex('catalogue_items_appeal_uq')
    .on('catalogue_items')
    .column('appeal_id')
    .unique()
    .execute();

  await db.schema
    .createTable('rulings')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('catalogue_items.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('co_unit_ids_json', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // The event's own history: submissions, approvals, reopenings, notice, every edit of the opinions.
  await db.schema
    .createTable('event_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('event_history_event_idx')
    .on('event_history')
    .columns(['event_id', 'at'])
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notices_person_idx')
    .on('notices')
    .columns(['person_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations only go forward; restore a backup instead.');
}
