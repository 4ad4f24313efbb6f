import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { wallClock } from './appeal-export.ts';
import { startXlsx } from './xlsx-stream.ts';

/** The central directory's record of each entry: its CRC-32 and uncompressed size, as a reader checks them. */
function centralDirectory(zip: Buffer): Map<string, { crc: number; size: number }> {
  const entries = new Map<string, { crc: number; size: number }>();
  for (let at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), i = zip.readUInt32LE(at + 16); ; ) {
    if (zip.readUInt32LE(i) !== 0x02014b50) break;
    const nameLength = zip.readUInt16LE(i + 28);
    const name = zip.toString('utf8', i + 46, i + 46 + nameLength);
    entries.set(name, { crc: zip.readUInt32LE(i + 16), size: zip.readUInt32LE(i + 24) });
    i += 46 + nameLength + zip.readUInt16LE(i + 30) + zip.readUInt16LE(i + 32);
    at = i;
  }
  return entries;
}

describe('streaming xlsx writer', () => {
  it('writes entries whose CRC-32 and sizes match their content, and cells Excel reads back', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const xlsx = startXlsx(out, {
      name: '诉求台账',
      columns: [
        { header: '标题', width: 20 },
        { header: '日期', width: 12, kind: 'date' },
        { header: '次数', width: 8, kind: 'integer' },
      ],
      creator: 'test',
      created: new Date('2026-11-26T00:00:00Z'),
    });
    const long = '企业用地指标不足，希望协调解决。'.repeat(2000);
    xlsx.addRows([
      ['厂房 <二期> & "三期"\u0007', new Date(Date.UTC(2026, 10, 26)), 3],
      [long, null, 0],
    ]);
    await xlsx.ready();
    xlsx.addRows(Array.from({ length: 500 }, (_, i) => [`第${i}行`, null, i]));
    await xlsx.finish();
    out.end();
    const zip = Buffer.concat(chunks);

    const files = unzipSync(new Uint8Array(zip));
    const directory = centralDirectory(zip);
    expect([...directory.keys()].sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      expect(directory.get(name), name).toEqual({ crc: zlib.crc32(content), size: content.length });
    }

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(zip as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('诉求台账');
    expect(sheet?.getRow(1).values).toEqual([undefined, '标题', '日期', '次数']);
    expect(sheet?.getCell('A2').value).toBe('厂房 <二期> & "三期"');
    expect(sheet?.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 10, 26)));
    expect(sheet?.getCell('C2').value).toBe(3);
    expect(sheet?.getCell('A3').value).toBe(long);
    expect(sheet?.getCell('B3').value).toBeNull();
    expect(sheet?.getCell('A503').value).toBe('第499行');
    expect(sheet?.rowCount).toBe(503);
  });
});

describe('wallClock', () => {
  /** The zone's wall-clock time of an instant as Intl formats it: what wallClock must agree with. */
  function expected(instant: Date, timeZone: string): string {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
  }

  it.each([
    ['Asia/Shanghai', '2026-11-25'],
    // The days the clocks go forward and back in New York: the offset changes inside the UTC day.
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Australia/Adelaide', '2026-04-05'],
  ])('agrees with the zone for every quarter hour of a day (%s, %s)', (timeZone, day) => {
    const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
    for (let at = start; at < start + 3 * 86_400_000; at += 900_000 + 7_000) {
      const instant = new Date(at);
      expect(
        wallClock(instant.toISOString(), timeZone).toISOString().slice(0, 16),
        instant.toISOString(),
      ).toBe(expected(instant, timeZone));
    }
  });
});
