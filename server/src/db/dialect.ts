import { sql } from 'kysely';
import type { DialectName, Trx } from './database.ts';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else stays in the SQL both speak.
 */

/** Serialises writers of a hash chain (the audit log) inside the current transaction. */
export async function lockChain(trx: Trx, dialect: DialectName, key: number): Promise<void> {
  // SQLite runs one write transaction at a time already; PostgreSQL needs an explicit lock so that
  // two transactions never read the same previous hash.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Case-insensitive "contains" for short filters (names, usernames). */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const boolToInt = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const intToBool = (value: number): boolean => value === 1;
