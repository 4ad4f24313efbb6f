import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInZone } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { XLSX } from './ledger-workbook.ts';
import type { SheetJob, SheetWorkerData, SheetWorkerMessage } from './sheet-worker.entry.ts';

/**
 * Long exports (the ledger of every appeal) run in a worker thread with its own database connection, so
 * that reading a million rows and building and compressing their XML never holds up the requests the main
 * thread answers: SQLite is synchronous, and on one thread every other request waited for each page.
 * The worker posts the file a chunk at a time and sends the next only when the response has taken the
 * last one (back-pressure from the client down to the database reads).
 *
 * An in-memory SQLite database cannot be opened twice: then the export runs on the main thread
 * (`inProcess`), as before.
 */

/** The worker is TypeScript, like the server: a small module registers tsx's loader in it first. */
const bootstrap = new URL('./sheet-worker.bootstrap.mjs', import.meta.url);
const entry = new URL('./sheet-worker.entry.ts', import.meta.url).href;

export function canUseWorker(ctx: Pick<AppContext, 'config'>): boolean {
  return ctx.config.databaseUrl !== null || ctx.config.sqliteFile !== ':memory:';
}

/**
 * Answers with the workbook the worker builds. The worker's first page is read before any header is sent,
 * so that a failing query still answers with an error; `beforeSend` runs then (the audit row).
 */
export async function sendSheetFromWorker(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  file: { name: string; job: SheetJob; beforeSend: () => Promise<void> },
): Promise<FastifyReply> {
  const data: SheetWorkerData = {
    entry,
    config: ctx.config,
    now: ctx.clock.now().toISOString(),
    job: file.job,
  };
  const worker = new Worker(bootstrap, { workerData: data });
  let ready: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  let finished = false;
  const out = new Readable({
    highWaterMark: 1 << 20,
    read() {
      worker.postMessage('more');
    },
    destroy(error, callback) {
      // The client went away (or the export failed): stop the worker and its reads.
      if (!finished) void worker.terminate();
      callback(error);
    },
  });
  const fail = (error: Error) => {
    failed(error);
    if (!out.destroyed) out.destroy(error);
  };
  worker.on('message', (message: SheetWorkerMessage) => {
    switch (message.type) {
      case 'ready':
        ready();
        break;
      case 'chunk':
        out.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
        break;
      case 'done':
        finished = true;
        out.push(null);
        void worker.terminate();
        break;
      case 'error':
        request.log.error({ err: message.message }, `${file.name} export failed`);
        fail(message.code ? new AppError(message.code, message.details) : new Error(message.message));
        void worker.terminate();
        break;
    }
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => {
    if (!finished && code !== 0) fail(new Error(`${file.name} export stopped (exit code ${code})`));
  });
  try {
    await started;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  await file.beforeSend();
  const day = dateInZone(ctx.clock.now(), ctx.config.timeZone).replaceAll('-', '');
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition(`${file.name}-${day}.xlsx`))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out);
}
