import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The enterprise register, appeals and their intake (issue: enterprises and appeals).

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  for (const [name, type] of [
    ['industry', 'text'],
    ['address', 'text'],
    ['legal_representative', 'text'],
    ['scale', 'text'],
  ] as const) {
    await db.schema.alterTable('enterprises').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('enterprises')
    .addColumn('is_project', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('enterprises_name_idx').on('enterprises').column('name').execute();

  await db.schema
    .createTable('enterprise_tags')
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_tags_pk', ['enterprise_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('enterprise_tags_tag_idx')
    .on('enterprise_tags')
    .columns(['tag', 'enterprise_id'])
    .execute();

  await db.schema
    .createTable('enterprise_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('enterprise_contacts_ent_idx')
    .on('enterprise_contacts')
    .column('enterprise_id')
    .execute();

  await db.schema
    .createTable('enterprise_stages')
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text')
    .addColumn('actual_date', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('enterprise_stages_pk', ['enterprise_id', 'stage'])
    .execute();

  await db.schema
    .createTable('appeal_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // A meeting or contact (phone, breakfast, dinner, visit) where appeals were raised: the lightweight
  // event of the normalised exchange. The events work extends this table with the quarterly events.
  await db.schema
    .createTable('exchanges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('notes', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('host_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('common_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('webhook_url', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A compact, increasing number per appeal: the full-text index's row id, and a stable order.
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.notNull().unique().generatedByDefaultAsIdentity() : c.notNull().unique(),
    )
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().references('appeal_categories.code'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('collecting_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('people.id'))
    .addColumn('exchange_id', 'text', (c) => c.references('exchanges.id'))
    .addColumn('common_issue_id', 'text', (c) => c.references('common_issues.id'))
    .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const [name, columns] of [
    ['appeals_submitted_idx', ['submitted_at']],
    ['appeals_enterprise_idx', ['enterprise_id', 'submitted_at']],
    ['appeals_region_idx', ['region_id', 'submitted_at']],
    ['appeals_status_idx', ['status', 'submitted_at']],
    ['appeals_collecting_unit_idx', ['collecting_unit_id', 'submitted_at']],
    ['appeals_category_idx', ['category', 'submitted_at']],
    ['appeals_channel_idx', ['channel', 'submitted_at']],
    ['appeals_common_issue_idx', ['common_issue_id']],
    ['appeals_exchange_idx', ['exchange_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('appeals')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('appeal_counters')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('appeal_counters_pk', ['prefix', 'year'])
    .execute();

  await db.schema
    .createTable('appeal_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('appeal_timeline_appeal_idx')
    .on('appeal_timeline')
    .columns(['appeal_id', 'at'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_appeal_idx').on('attachments').column('appeal_id').execute();

  await db.schema
    .createTable('api_idempotency')
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('appeal_id', 'text', (c) => c.notNull().references('appeals.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_idempotency_pk', ['api_key_id', 'idempotency_key'])
    .execute();

  // Signatures already accepted, kept for the replay window so a captured request cannot be sent twice.
  await db.schema
    .createTable('api_signatures')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_signatures_seen_idx').on('api_signatures').column('seen_at').execute();

  // Full-text index over appeals: the application writes CJK bigrams (and ASCII words) as tokens, so that
  // two-character words such as 用地 are found through the index on both databases.
  if (pg) {
    await db.schema
      .createTable('appeal_search')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('tokens', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index appeal_search_tokens_idx on appeal_search using gin (tokens)`.execute(db);
  } else {
    // Contentless: the tokens are only indexed, never stored twice; the row id is the appeal's seq.
    await sql`create virtual table appeal_search using fts5(tokens, content = '', contentless_delete = 1, tokenize = 'unicode61')`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone; restore a backup instead.');
}
