import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { ReadingSqliteDialect, SqliteReaders } from './sqlite-readers.ts';
import { cachingStatements } from './statement-cache.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repository functions take this first. */
export type Executor = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  /** The raw SQLite connection (backups use its online-backup API); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; our counts and sequence numbers fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export function openDatabase(options: {
  databaseUrl: string | null;
  sqliteFile: string;
  /** SQLite's page cache in MiB (64 unless said), per connection. */
  cacheMiB?: number;
  /**
   * SQLite reader threads (sqlite-readers.ts): reads outside transactions run there, off the main thread.
   * None unless said (scripts, the export workers); the server takes SQLITE_READERS.
   */
  readers?: number;
}): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection can fail (a server restart, a dropped database): the pool discards it and
    // re-emits the error on itself, which without a listener is an uncaught exception that ends the
    // process. The next query simply opens a new connection; queries in flight get their own errors.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SQLite(options.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's 2 MiB: the indexes a request walks stay in memory at a
  // million appeals (an appeal's detail took a fifth less time).
  sqlite.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
  const writer = cachingStatements(sqlite);
  const readers =
    options.sqliteFile !== ':memory:' && (options.readers ?? 0) > 0
      ? // Each reader keeps half the writer's page cache: together they hold the pages the requests walk.
        new SqliteReaders(options.sqliteFile, options.readers ?? 0, (options.cacheMiB ?? 64) / 2)
      : null;
  const db = new Kysely<Database>({
    dialect: readers ? new ReadingSqliteDialect(writer, readers) : new SqliteDialect({ database: writer }),
    plugins,
  });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}
