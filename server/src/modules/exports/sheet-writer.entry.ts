import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { SheetCell } from './ledger-workbook.ts';
import {
  credits,
  type PageMessage,
  runBehindRequests,
  type SheetFailure,
  type SheetWorkerMessage,
  type SheetWriterData,
} from './sheet-channel.ts';
import { writeSheetCells } from './xlsx-stream.ts';

/**
 * The writer of an export (sheet-worker.ts): builds the workbook from the rows the reader posts, while the
 * reader reads on, and posts the file to the main thread a chunk at a time, each only after the main thread
 * has asked for one (so that a slow client slows the export instead of filling memory). It loads nothing
 * but the sheet writer, so that it starts at once.
 */

const { now, sheet, pages } = workerData as SheetWriterData;
runBehindRequests();
const port = parentPort;
if (!port) throw new Error('sheet-writer.entry.ts runs in a worker thread only');
const post = (message: SheetWorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/** A failure of the reader, passed on as it came. */
class ReaderFailed extends Error {
  constructor(readonly failure: SheetFailure) {
    super(failure.message);
  }
}

/** The reader's pages as they arrive; a failure of the reader is thrown here. */
async function* pagesFromReader(): AsyncGenerator<SheetCell[][]> {
  const queue: PageMessage[] = [];
  let wake: (() => void) | null = null;
  pages.on('message', (message: PageMessage) => {
    queue.push(message);
    wake?.();
    wake = null;
  });
  for (;;) {
    if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const message = queue.shift() as PageMessage;
    if (message.type === 'end') return;
    if (message.type === 'error') throw new ReaderFailed(message);
    pages.postMessage('more');
    yield message.rows;
  }
}

const take = credits(port, 0);
const out = new Writable({
  highWaterMark: 1 << 20,
  write(chunk: Buffer, _encoding, callback) {
    const data = new Uint8Array(chunk.byteLength);
    data.set(chunk);
    post({ type: 'chunk', data }, [data.buffer]);
    take(() => callback());
  },
});
try {
  const all = pagesFromReader();
  const first = await all.next();
  post({ type: 'ready' });
  async function* rows(): AsyncGenerator<SheetCell[][]> {
    if (!first.done) yield first.value;
    yield* all;
  }
  const count = await writeSheetCells(
    out,
    { ...sheet, creator: 'Face-to-Face 面对面政企交流平台', created: new Date(now) },
    rows(),
  );
  if (!out.writableFinished) await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  post({ type: 'done', rows: count });
} catch (error) {
  post(
    error instanceof ReaderFailed
      ? error.failure
      : {
          type: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          code: null,
          details: null,
        },
  );
} finally {
  pages.close();
}
