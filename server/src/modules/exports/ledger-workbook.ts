import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import { type AppContext, transact } from '../../context.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { writeSheetCells } from './xlsx-stream.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OpenAPI responses of a route that answers with a workbook. */
export const xlsxResponse = (description: string) => ({
  200: { description, content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } } },
  ...errorResponses,
});

/** How a column's cells show: text, a date (yyyy-mm-dd), an instant (date and time) or a whole number. */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'integer';

export interface SheetColumn<K extends string = string> {
  header: string;
  key: K;
  width: number;
  kind?: ColumnKind;
}

export type SheetCell = string | number | Date | null;

/** A `YYYY-MM-DD` date as the Date Excel shows as that day (its UTC midnight: Excel has no zones). */
export function excelDate(date: string | null | undefined): Date | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Resolves when `out` wants more (or is gone: then the export stops). */
export function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes one sheet to `out` as the pages arrive (xlsx-stream.ts: XML built here, compressed by zlib off the
 * event loop): a bold, frozen header row, and after each page a wait while the client or the compressor is
 * slower than the database, then a turn of the event loop so that other requests are answered between pages.
 * Memory holds about one page, whatever the export's size.
 */
export async function writeSheet<K extends string>(
  ctx: Pick<AppContext, 'clock'>,
  sheetName: string,
  columns: readonly SheetColumn<K>[],
  pages: AsyncIterable<Record<K, SheetCell>[]>,
  out: Writable,
): Promise<number> {
  const keys = columns.map((c) => c.key);
  async function* cells(): AsyncGenerator<SheetCell[][]> {
    for await (const rows of pages) yield rows.map((row) => keys.map((key) => row[key]));
  }
  return writeSheetCells(
    out,
    { name: sheetName, columns, creator: 'Face-to-Face 面对面政企交流平台', created: ctx.clock.now() },
    cells(),
  );
}

/**
 * Answers with a streamed workbook. The first page is read before any header is sent, so that a
 * failing query still answers with an error; `beforeSend` runs then (the audit row).
 */
export async function sendSheet<K extends string>(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  file: {
    name: string;
    sheetName: string;
    columns: readonly SheetColumn<K>[];
    pages: AsyncGenerator<Record<K, SheetCell>[]>;
    beforeSend: () => Promise<void>;
  },
): Promise<FastifyReply> {
  const first = await file.pages.next();
  await file.beforeSend();
  const pages = file.pages;
  async function* all(): AsyncGenerator<Record<K, SheetCell>[]> {
    if (!first.done) yield first.value;
    yield* pages;
  }
  const out = new PassThrough();
  writeSheet(ctx, file.sheetName, file.columns, all(), out).catch((error: unknown) => {
    request.log.error({ err: error }, `${file.name} export failed`);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const day = dateInZone(ctx.clock.now(), ctx.config.timeZone).replaceAll('-', '');
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition(`${file.name}-${day}.xlsx`))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out);
}

/** Streams one sheet of a list, writing the audit row (`action`, the filter) once the first page is read. */
export function sendAuditedSheet<K extends string>(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  sheet: {
    name: string;
    columns: readonly SheetColumn<K>[];
    pages: AsyncGenerator<Record<K, SheetCell>[]>;
    action: string;
    entityType: string;
    filter: unknown;
  },
): Promise<FastifyReply> {
  return sendSheet(ctx, request, reply, {
    name: sheet.name,
    sheetName: sheet.name,
    columns: sheet.columns,
    pages: sheet.pages,
    beforeSend: () =>
      transact(ctx, requestMeta(request), (tx) =>
        tx.audit({
          action: sheet.action,
          entityType: sheet.entityType,
          entityId: null,
          after: { format: 'xlsx', filter: sheet.filter },
        }),
      ),
  });
}
