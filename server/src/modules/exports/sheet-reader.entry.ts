import { workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { Calendar } from '../calendar/calendar.service.ts';
import { ledgerColumns, ledgerPages } from './ledger-export.ts';
import {
  credits,
  type PageMessage,
  runBehindRequests,
  type SheetFailure,
  type SheetReaderData,
} from './sheet-channel.ts';

/**
 * The reader of an export (sheet-worker.ts): opens its own connection to the database, reads the ledger's
 * pages and posts their rows to the writer, each row as its cells in the columns' order, at most a few pages
 * ahead of it.
 */

/** Pages the reader may read ahead of the writer. */
const PAGES_AHEAD = 3;

const { config, now, job, pages } = workerData as SheetReaderData;
runBehindRequests();

function failure(error: unknown): SheetFailure {
  return {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    // An AppError (a refused filter, say) answers as it would on the main thread.
    code: error instanceof AppError ? error.code : null,
    details: error instanceof AppError ? error.details : null,
  };
}

const take = credits(pages, PAGES_AHEAD);
const send = (message: PageMessage) =>
  new Promise<void>((resolve) => take(() => resolve(pages.postMessage(message))));
// An export reads each page once: a small page cache keeps the worker's memory down.
const handle = openDatabase({ ...config, cacheMiB: 8 });
try {
  const calendar = new Calendar();
  await calendar.load(handle.db);
  const at = new Date(now);
  const ctx = { db: handle.db, dialect: handle.dialect, config, calendar, clock: { now: () => at } };
  const keys = ledgerColumns.map((c) => c.key);
  for await (const rows of ledgerPages(ctx, job.actor, job.query)) {
    await send({ type: 'page', rows: rows.map((row) => keys.map((key) => row[key])) });
  }
  pages.postMessage({ type: 'end' } satisfies PageMessage);
} catch (error) {
  pages.postMessage(failure(error));
} finally {
  await handle.close();
}
