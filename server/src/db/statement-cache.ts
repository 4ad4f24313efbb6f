import type SQLite from 'better-sqlite3';

/** What Kysely's SQLite driver and the readers (sqlite-readers.ts) need of a connection. */
export interface PreparingDatabase {
  close(): unknown;
  prepare(source: string): SQLite.Statement;
}

/**
 * Kysely prepares every query anew, and on SQLite preparing costs as much as running a primary-key
 * lookup. The same SQL text is prepared once and its statement reused (up to `size` texts, least
 * recently used dropped). A statement still being iterated (a streamed query) is not shared: the
 * second caller gets a fresh one.
 */
export function cachingStatements(sqlite: SQLite.Database, size = 1000): PreparingDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      const hit = cache.get(source);
      if (hit) {
        if (hit.busy) return sqlite.prepare(source);
        cache.delete(source);
        cache.set(source, hit);
        return hit;
      }
      const statement = sqlite.prepare(source);
      cache.set(source, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
