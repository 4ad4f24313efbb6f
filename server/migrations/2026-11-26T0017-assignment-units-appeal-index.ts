import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The units involved in an appeal (its detail page, the pool's permission facts) are read by appeal id; the
// only index on assignment_units led with the unit, so each read skipped through every unit's entries
// (0.22 ms of a 2 ms detail request at a million appeals).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('assignment_units_appeal_idx')
    .on('assignment_units')
    .columns(['appeal_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assignment_units_appeal_idx').execute();
}
