// @ts-check
// A reader thread (sqlite-readers.ts): a read-only connection to the database file that answers one query at
// a time with its rows. Plain JavaScript, unlike the server: without tsx's loader a thread costs about 10 MB
// instead of 32 (tsc checks this file through its JSDoc types).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @typedef {import('./sqlite-readers.ts').ReaderData} ReaderData */
/** @typedef {import('./sqlite-readers.ts').ReaderRequest} ReaderRequest */
/** @typedef {import('./sqlite-readers.ts').ReaderResponse} ReaderResponse */

const { file, cacheMiB } = /** @type {ReaderData} */ (workerData);
const port = parentPort;
if (!port) throw new Error('sqlite-reader.entry.mjs runs in a worker thread');

const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma(`cache_size = -${cacheMiB * 1024}`);

// Statements prepared once per SQL text, as on the main thread (statement-cache.ts); a reader only runs
// `all()`, so a statement is never busy when asked for again.
/** @type {Map<string, SQLite.Statement>} */
const statements = new Map();
const MAX_STATEMENTS = 1000;

/** @param {string} sql */
function prepare(sql) {
  let statement = statements.get(sql);
  if (statement) {
    statements.delete(sql);
  } else {
    statement = sqlite.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
  }
  statements.set(sql, statement);
  return statement;
}

port.on('message', (/** @type {ReaderRequest} */ { id, sql, parameters }) => {
  /** @type {ReaderResponse} */
  let response;
  try {
    const rows = /** @type {Record<string, unknown>[]} */ (prepare(sql).all(parameters));
    response = {
      id,
      rows,
      blobs: rows.some((row) => Object.values(row).some((value) => Buffer.isBuffer(value))),
    };
  } catch (error) {
    const code = error instanceof SQLite.SqliteError ? error.code : null;
    response = { id, error: { message: error instanceof Error ? error.message : String(error), code } };
  }
  port.postMessage(response);
});
