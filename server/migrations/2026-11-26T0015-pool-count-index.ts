import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The pool counts a filter such as "category = land" from appeal_stats across every county and month
// (appeals.repository.ts aggregateCount): this index finds one dimension's value without reading the others,
// and holds n so that the sum never touches the table.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('appeal_stats_dimension_idx')
    .on('appeal_stats')
    .columns(['dimension', 'value', 'month', 'region_id', 'n'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('appeal_stats_dimension_idx').execute();
}
