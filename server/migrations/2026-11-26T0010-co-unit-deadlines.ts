import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A co-unit's own sub-deadline for its input (协办意见), set when the assignment is made; null for the lead
// unit's row and for assignments made before this migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assignment_units').addColumn('due_date', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assignment_units').dropColumn('due_date').execute();
}
