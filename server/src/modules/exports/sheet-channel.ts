import fs from 'node:fs';
import os from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '@f2f/contract';
import type { Config } from '../../config.ts';
import type { Actor } from '../../context.ts';
import type { AppealExportQuery } from './appeal-export.ts';
import type { SheetCell } from './ledger-workbook.ts';
import type { XlsxColumn } from './xlsx-stream.ts';

/**
 * What passes between the main thread and the two export workers (sheet-worker.ts): the reader posts pages
 * of rows to the writer over a channel of their own, the writer posts the file to the main thread. Both
 * directions are paced by credits: the receiver answers 'more' for each message it takes.
 */

export interface SheetJob {
  kind: 'ledger';
  actor: Actor;
  query: AppealExportQuery;
}

export interface SheetReaderData {
  /** The module sheet-worker.bootstrap.mjs imports once tsx is registered. */
  entry: string;
  config: Config;
  /** The request's instant (ISO): the export's "now", as the main thread's clock said. */
  now: string;
  job: SheetJob;
  /** The reader's end of the channel to the writer. */
  pages: MessagePort;
}

export interface SheetWriterData {
  entry: string;
  now: string;
  sheet: { name: string; columns: readonly XlsxColumn[] };
  /** The writer's end of the channel from the reader. */
  pages: MessagePort;
}

/** A failure of either worker: an AppError's code and details answer as they would on the main thread. */
export interface SheetFailure {
  type: 'error';
  message: string;
  code: ErrorCode | null;
  details: unknown;
}

/** Messages from the writer: the first page was read (headers may go), a chunk, the end, or a failure. */
export type SheetWorkerMessage =
  | { type: 'ready' }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done'; rows: number }
  | SheetFailure;

/** Messages from the reader to the writer: a page of rows (each its cells in the columns' order), the end. */
export type PageMessage = { type: 'page'; rows: SheetCell[][] } | { type: 'end' } | SheetFailure;

/** Something that receives 'more' messages: a worker's parent port or a channel's end. */
interface CreditSource {
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Runs each `go` once a 'more' has come for it from `port` (`initial` are given at the start). */
export function credits(port: CreditSource, initial: number): (go: () => void) => void {
  let left = initial;
  let waiting: (() => void) | null = null;
  port.on('message', (message) => {
    if (message !== 'more') return;
    if (waiting) {
      const go = waiting;
      waiting = null;
      go();
    } else {
      left += 1;
    }
  });
  return (go) => {
    if (left > 0) {
      left -= 1;
      go();
    } else {
      waiting = go;
    }
  };
}

/**
 * Lowers the calling thread's scheduling priority (nice 10) on Linux, where each thread has its own: an
 * export then takes the cores the main thread leaves idle, and gives them back while requests are answered
 * (the appeal detail's p99 doubled while a ledger export kept both cores busy). Elsewhere, nothing.
 */
export function runBehindRequests(): void {
  try {
    // "/proc/thread-self" links to "<pid>/task/<thread id>".
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, 10);
  } catch {
    // Not Linux: the export runs at the usual priority.
  }
}
