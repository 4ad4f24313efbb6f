import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';
import type { PreparingDatabase } from './statement-cache.ts';

/**
 * Reads off the main thread on SQLite. better-sqlite3 is synchronous: every query ran on the thread that
 * answers the requests, so under load each request waited for all the queries before it, and while a
 * transaction held the one connection, every read waited for its commit. Now a few worker threads each hold
 * a read-only connection to the same file and answer the queries that only read; in WAL mode they read side
 * by side with each other and with the writer, each statement seeing the last commit. What writes (and
 * everything inside a transaction) still runs on the main thread's connection, one after another.
 *
 * A read outside a transaction sees what is committed, as before: a change is committed before its request
 * is answered (db/commit-group.ts), so whoever asks next sees it. What changes is that a read no longer
 * waits for a transaction in progress; it sees the state before it, as a second connection would.
 *
 * An in-memory database cannot be opened twice: it keeps to the main thread.
 */

/** Plain JavaScript, loaded without tsx (sqlite-reader.entry.mjs says why). */
const readerEntry = new URL('./sqlite-reader.entry.mjs', import.meta.url);

export interface ReaderData {
  file: string;
  cacheMiB: number;
}

export interface ReaderRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReaderResponse =
  | { id: number; rows: unknown[]; blobs: boolean }
  | { id: number; error: { message: string; code: string | null } };

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** A few reader threads; each query goes to the one with the fewest queries waiting. */
export class SqliteReaders {
  private readonly readers: Reader[] = [];
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly file: string,
    count: number,
    private readonly cacheMiB: number,
  ) {
    for (let i = 0; i < count; i += 1) this.readers.push(this.spawn());
  }

  private spawn(): Reader {
    const data: ReaderData = { file: this.file, cacheMiB: this.cacheMiB };
    const worker = new Worker(readerEntry, { workerData: data });
    const reader: Reader = { worker, pending: new Map() };
    // An idle reader does not keep the process alive; one with a query in flight does.
    worker.unref();
    worker.on('message', (message: ReaderResponse) => {
      const waiting = reader.pending.get(message.id);
      if (!waiting) return;
      reader.pending.delete(message.id);
      if (reader.pending.size === 0) worker.unref();
      if ('error' in message) waiting.reject(readerError(message.error));
      else waiting.resolve(message.blobs ? message.rows.map(withBuffers) : message.rows);
    });
    const lost = (error: Error) => {
      for (const waiting of reader.pending.values()) waiting.reject(error);
      reader.pending.clear();
      if (this.closing) return;
      // A reader that died (out of memory, say) is replaced; the queries it held fail with its error.
      const index = this.readers.indexOf(reader);
      if (index >= 0) this.readers[index] = this.spawn();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`SQLite reader thread exited (${code})`)));
    return reader;
  }

  /** The rows of a read-only statement, from the least busy reader. */
  run(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closing) return Promise.reject(new Error('SQLite readers are closed'));
    let reader = this.readers[0] as Reader;
    for (const candidate of this.readers)
      if (candidate.pending.size < reader.pending.size) reader = candidate;
    const id = this.nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      if (reader.pending.size === 0) reader.worker.ref();
      reader.pending.set(id, { resolve, reject });
      reader.worker.postMessage({ id, sql, parameters } satisfies ReaderRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
  }
}

function readerError(error: { message: string; code: string | null }): Error {
  // The same class and code as the same query's error on the main thread.
  return error.code ? new SQLite.SqliteError(error.message, error.code) : new Error(error.message);
}

/** Blobs cross the thread as Uint8Arrays: made Buffers again, as better-sqlite3 returns them. */
function withBuffers(row: unknown): unknown {
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value))
      record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return record;
}

/** Whether a query only reads (and so may run on a reader): a SELECT that SQLite itself calls read-only. */
function readsOnly(writer: PreparingDatabase, query: CompiledQuery): boolean {
  // Transaction control and pragmas are read-only to SQLite too, but belong to the writer's connection.
  if (!/^\s*(select|with)\b/i.test(query.sql)) return false;
  const statement = writer.prepare(query.sql);
  return statement.reader && statement.readonly;
}

/** One statement on the writer's connection, as Kysely's SQLite driver runs it. */
function executeOnWriter<R>(writer: PreparingDatabase, query: CompiledQuery): QueryResult<R> {
  const statement = writer.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** The writer's connection is one: whoever writes (or runs a transaction) holds it, the others wait. */
class WriterLock {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise<void>((resolve) => {
      this.release = resolve;
    });
  }

  unlock(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

class RoutingConnection implements DatabaseConnection {
  /** Inside a transaction: every statement goes to the writer, which this connection holds. */
  holdsWriter = false;

  constructor(private readonly driver: ReadingDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, readers, lock } = this.driver;
    if (this.holdsWriter) return executeOnWriter<R>(writer, query);
    if (readsOnly(writer, query)) return { rows: (await readers.run(query.sql, query.parameters)) as R[] };
    await lock.lock();
    try {
      return executeOnWriter<R>(writer, query);
    } finally {
      lock.unlock();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { writer, lock } = this.driver;
    // Streams (rare, and long) read on the writer's connection, which they hold to the end.
    if (!this.holdsWriter) await lock.lock();
    try {
      const statement = writer.prepare(query.sql);
      for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
    } finally {
      if (!this.holdsWriter) lock.unlock();
    }
  }
}

class ReadingDriver implements Driver {
  readonly lock = new WriterLock();

  constructor(
    readonly writer: PreparingDatabase,
    readonly readers: SqliteReaders,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutingConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routing = connection as RoutingConnection;
    await this.lock.lock();
    routing.holdsWriter = true;
    executeOnWriter(this.writer, CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const routing = connection as RoutingConnection;
    if (!routing.holdsWriter) return;
    routing.holdsWriter = false;
    this.lock.unlock();
  }

  async destroy(): Promise<void> {
    await this.readers.close();
    this.writer.close();
  }
}

/** Kysely's SQLite dialect, with reads sent to the reader threads. */
export class ReadingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writer: PreparingDatabase,
    private readonly readers: SqliteReaders,
  ) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return new ReadingDriver(this.writer, this.readers);
  }
}
