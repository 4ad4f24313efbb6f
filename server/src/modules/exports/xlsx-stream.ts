import type { TransformOptions, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * A streaming .xlsx writer for exports of any length: one sheet of inline strings, numbers and dates, written
 * as the rows come and compressed by Node's zlib on the libuv thread pool, so that the event loop only builds
 * XML text. ExcelJS's streaming writer did the same job at about 140 µs a row, which made a million-row ledger
 * take minutes; this takes a few µs a row. fflate writes the ZIP container (local headers with data
 * descriptors, so nothing needs to be known in advance); the sheet's XML goes through a zlib deflate stream.
 *
 * Limits: one sheet; the ZIP has no ZIP64 records, so the uncompressed sheet must stay under 4 GiB (about two
 * and a half million ledger rows).
 */

export type XlsxCellKind = 'text' | 'date' | 'datetime' | 'integer';

export interface XlsxColumn {
  header: string;
  width: number;
  kind?: XlsxCellKind;
}

export type XlsxCell = string | number | Date | null | undefined;

/** Style indexes in styles.xml below: 0 plain, 1 bold header, 2 date, 3 date and time, 4 whole number. */
const STYLE: Record<XlsxCellKind, number> = { text: 0, date: 2, datetime: 3, integer: 4 };

const encoder = new TextEncoder();

/** XML 1.0 forbids most control characters: they are dropped; & < > are escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot hold.
const UNSAFE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const UNSAFE_ANY = new RegExp(UNSAFE.source);
function escapeXml(text: string): string {
  // Most texts need nothing: testing is cheaper than a replace that finds nothing.
  if (!UNSAFE_ANY.test(text)) return text;
  return text.replace(UNSAFE, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ''));
}

/** Excel's limit for one cell's text. */
const MAX_CELL_TEXT = 32_767;

function columnName(index: number): string {
  let name = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A Date as Excel's serial day number; the Date's UTC fields are what Excel shows (Excel has no zones). */
export function excelSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

function staticFiles(sheetName: string, creator: string, created: Date): Record<string, string> {
  const iso = `${created.toISOString().slice(0, 19)}Z`;
  return {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${escapeXml(creator)}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
      '</cp:coreProperties>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${escapeXml(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets>` +
      '</workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="5">' +
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '</cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>',
  };
}

/** fflate's running CRC-32 of an entry (its `c`): `p` takes a chunk, `d` gives the sum. */
interface CrcState {
  p(chunk: Uint8Array): void;
  d(): number;
}

/** The same CRC-32 by zlib's native code: a tenth of the time of fflate's JavaScript one. */
function nativeCrc(): CrcState {
  let value = 0;
  return {
    p: (chunk) => {
      value = zlib.crc32(chunk, value);
    },
    d: () => value,
  };
}

/**
 * The deflater's options. Its stream buffers up to 4 MiB (Node passes highWaterMark on to the stream, though
 * the type leaves it out) before asking the writer to wait, so that building the next page's XML overlaps
 * compressing the last one instead of taking turns with it.
 */
const DEFLATE: zlib.ZlibOptions & TransformOptions = {
  level: 1,
  memLevel: 9,
  chunkSize: 64 * 1024,
  highWaterMark: 4 << 20,
};

/** A ZIP entry compressed by a zlib raw-deflate stream (off the event loop); fflate counts the size, and the
 * CRC through zlib. */
class ZlibDeflateEntry extends ZipPassThrough {
  readonly deflater = zlib.createDeflateRaw(DEFLATE);

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
    (this as unknown as { c: CrcState }).c = nativeCrc();
    this.deflater.on('data', (chunk: Buffer) => this.ondata(null, new Uint8Array(chunk), false));
    this.deflater.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.deflater.on('error', (error: Error) => this.ondata(error as never, new Uint8Array(0), true));
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length > 0) this.deflater.write(chunk);
    if (final) this.deflater.end();
  }
}

export interface XlsxStream {
  /** Appends rows (one value per column, in order). */
  addRows(rows: readonly (readonly XlsxCell[])[]): void;
  /** Resolves when the compressor and `out` can take more. */
  ready(): Promise<void>;
  /** Ends the sheet and the file; resolves when everything is written to `out`. */
  finish(): Promise<void>;
}

/**
 * Starts an .xlsx file on `out`: a bold, frozen header row, the column widths and number formats; rows are
 * appended with addRows. The caller awaits ready() between batches (back-pressure) and finish() at the end.
 */
export function startXlsx(
  out: Writable,
  sheet: { name: string; columns: readonly XlsxColumn[]; creator: string; created: Date },
): XlsxStream {
  let failed: Error | null = null;
  let finished: () => void = () => {};
  let rejected: (error: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finished = resolve;
    rejected = reject;
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failed = error;
      rejected(error);
      return;
    }
    if (chunk.length > 0 && !out.destroyed) out.write(chunk);
    if (final) finished();
  });
  for (const [name, text] of Object.entries(staticFiles(sheet.name, sheet.creator, sheet.created))) {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(encoder.encode(text), true);
  }
  const entry = new ZlibDeflateEntry('xl/worksheets/sheet1.xml');
  zip.add(entry);

  const columns = sheet.columns.map((c, index) => ({
    ...c,
    name: columnName(index),
    style: STYLE[c.kind ?? 'text'],
  }));
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  const header = columns
    .map((c) => `<c r="${c.name}1" s="1" t="inlineStr"><is><t>${escapeXml(c.header)}</t></is></c>`)
    .join('');
  let rowNumber = 1;
  const push = (text: string) => entry.push(encoder.encode(text));
  push(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
  );

  function cell(column: (typeof columns)[number], value: XlsxCell, row: number): string {
    if (value === null || value === undefined || value === '') return '';
    const ref = `${column.name}${row}`;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return '';
      return `<c r="${ref}" s="${column.style}"><v>${excelSerial(value)}</v></c>`;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      return `<c r="${ref}" s="${column.style}"><v>${value}</v></c>`;
    }
    const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
  }

  return {
    addRows(rows) {
      if (failed) throw failed;
      let xml = '';
      for (const values of rows) {
        rowNumber += 1;
        xml += `<row r="${rowNumber}">`;
        for (let i = 0; i < columns.length; i += 1) {
          xml += cell(columns[i] as (typeof columns)[number], values[i], rowNumber);
        }
        xml += '</row>';
      }
      if (xml) push(xml);
    },
    async ready() {
      if (failed) throw failed;
      const waits: Promise<void>[] = [];
      if (entry.deflater.writableNeedDrain) waits.push(onceDrained(entry.deflater));
      if (out.writableNeedDrain) waits.push(onceDrained(out));
      await Promise.all(waits);
    },
    async finish() {
      entry.push(encoder.encode('</sheetData></worksheet>'), true);
      zip.end();
      await done;
    },
  };
}

/**
 * Writes one sheet to `out` as the pages of rows arrive (each row its cells in the columns' order): after each
 * page a wait while the client or the compressor is slower than the rows come, then a turn of the event loop
 * so that other work is done between pages. Ends `out`; returns the number of rows.
 */
export async function writeSheetCells(
  out: Writable,
  sheet: { name: string; columns: readonly XlsxColumn[]; creator: string; created: Date },
  pages: AsyncIterable<readonly (readonly XlsxCell[])[]>,
): Promise<number> {
  const xlsx = startXlsx(out, sheet);
  let count = 0;
  for await (const rows of pages) {
    xlsx.addRows(rows);
    count += rows.length;
    await xlsx.ready();
    if (out.destroyed) throw new Error('the client went away during the export');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await xlsx.finish();
  out.end();
  return count;
}

/** Resolves on 'drain', or when the stream closes (the reader went away). */
function onceDrained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      stream.off('drain', settle);
      stream.off('close', settle);
      resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
  });
}
