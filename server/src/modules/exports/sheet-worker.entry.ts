import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode } from '@f2f/contract';
import type { Config } from '../../config.ts';
import type { Actor } from '../../context.ts';
import { openDatabase } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { Calendar } from '../calendar/calendar.service.ts';
import type { AppealExportQuery } from './appeal-export.ts';
import { ledgerColumns, ledgerPages } from './ledger-export.ts';
import type { SheetCell } from './ledger-workbook.ts';
import { writeSheet } from './ledger-workbook.ts';

/**
 * The worker side of sheet-worker.ts: opens its own connection to the database, reads the pages and builds
 * the workbook, and posts the file to the main thread a chunk at a time, each chunk only after the main
 * thread has asked for one (so that a slow client slows the export instead of filling memory).
 */

export interface SheetJob {
  kind: 'ledger';
  actor: Actor;
  query: AppealExportQuery;
}

export interface SheetWorkerData {
  /** This module's URL, which sheet-worker.bootstrap.mjs imports once tsx is registered. */
  entry: string;
  config: Config;
  /** The request's instant (ISO): the export's "now", as the main thread's clock said. */
  now: string;
  job: SheetJob;
}

/** Messages from the worker: the first page was read (headers may go), a chunk, the end, or a failure. */
export type SheetWorkerMessage =
  | { type: 'ready' }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done'; rows: number }
  | { type: 'error'; message: string; code: ErrorCode | null; details: unknown };

const port = parentPort;
if (!port) throw new Error('sheet-worker.entry.ts runs in a worker thread only');
const { config, now, job } = workerData as SheetWorkerData;
const post = (message: SheetWorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

// Credits: each 'more' from the main thread lets one chunk go.
let credits = 0;
let waiting: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message !== 'more') return;
  if (waiting) {
    const go = waiting;
    waiting = null;
    go();
  } else {
    credits += 1;
  }
});

const out = new Writable({
  highWaterMark: 1 << 20,
  write(chunk: Buffer, _encoding, callback) {
    const data = new Uint8Array(chunk.byteLength);
    data.set(chunk);
    post({ type: 'chunk', data }, [data.buffer]);
    if (credits > 0) {
      credits -= 1;
      callback();
    } else {
      waiting = () => callback();
    }
  },
});

async function run(): Promise<void> {
  // An export reads each page once: a small page cache keeps the worker's memory down.
  const handle = openDatabase({ ...config, cacheMiB: 8 });
  try {
    const calendar = new Calendar();
    await calendar.load(handle.db);
    const at = new Date(now);
    const ctx = { db: handle.db, dialect: handle.dialect, config, calendar, clock: { now: () => at } };
    const pages = ledgerPages(ctx, job.actor, job.query);
    const first = await pages.next();
    post({ type: 'ready' });
    async function* all(): AsyncGenerator<Record<string, SheetCell>[]> {
      if (!first.done) yield first.value;
      yield* pages;
    }
    const rows = await writeSheet(ctx, '诉求台账', ledgerColumns, all(), out);
    if (!out.writableFinished) await new Promise<void>((resolve) => out.once('finish', () => resolve()));
    post({ type: 'done', rows });
  } finally {
    await handle.close();
  }
}

run().catch((error: unknown) => {
  post({
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    // An AppError (a refused filter, say) answers as it would on the main thread.
    code: error instanceof AppError ? error.code : null,
    details: error instanceof AppError ? error.details : null,
  });
});
