import { Readable } from 'node:stream';
import { MessageChannel, type ResourceLimits, Worker } from 'node:worker_threads';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInZone } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { ledgerColumns } from './ledger-export.ts';
import { type SheetColumn, XLSX } from './ledger-workbook.ts';
import type { SheetJob, SheetReaderData, SheetWorkerMessage, SheetWriterData } from './sheet-channel.ts';

/**
 * Long exports (the ledger of every appeal) run in worker threads, so that reading a million rows and
 * building and compressing their XML never holds up the requests the main thread answers: SQLite is
 * synchronous, and on one thread every other request waited for each page. Two workers share the work: a
 * reader with its own database connection posts the pages to a writer, which builds the file while the
 * reader reads on (reading and writing each took about half of the time). The writer posts the file a chunk
 * at a time and sends the next only when the response has taken the last one, and the reader stays a few
 * pages ahead of the writer at most (back-pressure from the client down to the database reads).
 *
 * An in-memory SQLite database cannot be opened twice: then the export runs on the main thread
 * (`sendSheet`), as before.
 */

/** The workers are TypeScript, like the server: a small module registers tsx's loader in each first. */
const bootstrap = new URL('./sheet-worker.bootstrap.mjs', import.meta.url);
const readerEntry = new URL('./sheet-reader.entry.ts', import.meta.url).href;
const writerEntry = new URL('./sheet-writer.entry.ts', import.meta.url).href;

/**
 * Small heaps: the pages pass through and nothing accumulates (a million-row ledger adds about 190 MB to the
 * server while it goes out, workers included). The writer's young generation is the larger: every page it
 * receives becomes garbage at once.
 */
const READER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
const WRITER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 };

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
  // Two workers joined by a channel: one reads the pages, the other writes the file.
  const { port1, port2 } = new MessageChannel();
  const now = ctx.clock.now().toISOString();
  const readerData: SheetReaderData = {
    entry: readerEntry,
    config: ctx.config,
    now,
    job: file.job,
    pages: port1,
  };
  const reader = new Worker(bootstrap, {
    workerData: readerData,
    transferList: [port1],
    resourceLimits: READER_LIMITS,
  });
  const writerData: SheetWriterData = {
    entry: writerEntry,
    now,
    sheet: {
      name: '诉求台账',
      columns: (ledgerColumns as readonly SheetColumn[]).map(({ header, width, kind }) => ({
        header,
        width,
        kind,
      })),
    },
    pages: port2,
  };
  const worker = new Worker(bootstrap, {
    workerData: writerData,
    transferList: [port2],
    resourceLimits: WRITER_LIMITS,
  });
  const stop = () => Promise.all([reader.terminate(), worker.terminate()]);
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
      if (!finished) void stop();
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
        void stop();
        break;
      case 'error':
        request.log.error({ err: message.message }, `${file.name} export failed`);
        fail(message.code ? new AppError(message.code, message.details) : new Error(message.message));
        void stop();
        break;
    }
  });
  for (const thread of [reader, worker]) {
    thread.on('error', (error) => fail(error));
    thread.on('exit', (code) => {
      if (!finished && code !== 0) fail(new Error(`${file.name} export stopped (exit code ${code})`));
    });
  }
  try {
    await started;
  } catch (error) {
    await stop();
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
