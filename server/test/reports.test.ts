import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { creditCodeCheckCharacter } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { unzipSync, unzlibSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { paragraphTexts, readDocumentXml } from '../src/modules/documents/docx-reader.ts';
import { layout } from '../src/modules/documents/official-document.ts';
import { sweepSummaryReports } from '../src/modules/reports/reports.service.ts';
import { testDialect } from './databases.ts';
import { expectError, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  number: string;
  status: string;
  version: number;
}
interface StoredReport {
  id: string;
  kind: string;
  period: string;
  regionId: string;
  regionName: string;
  title: string;
  fileName: string;
  size: number;
  createdAt: string;
}
interface RankingRow {
  rank: number;
  name: string;
  received: number;
  closed: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  supervisionNotices: number;
  score: number;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const at = (day: string) => `${day}T02:00:00.000Z`;
/** Rendering the charts takes a few seconds on a busy two-core machine. */
const SLOW = 180_000;

/** The body of a .docx response, checked to be one. */
function docxOf(response: LightMyRequestResponse): Buffer {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe(DOCX);
  return response.rawPayload;
}

/** The file name a Content-Disposition header carries in its RFC 5987 form. */
function fileNameOf(response: LightMyRequestResponse): string {
  const header = String(response.headers['content-disposition']);
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1] ?? '';
  return decodeURIComponent(encoded);
}

/** An attribute of the first element with that name. */
function attr(xml: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];
  return tag ? new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

/** The XML of the one paragraph whose text is exactly `text`. */
function paragraphWithText(xml: string, text: string): string {
  const matches = [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)]
    .map((m) => m[0])
    .filter((p) => paragraphTexts(p)[0] === text);
  expect(matches, `paragraphs with the text ${JSON.stringify(text)}`).toHaveLength(1);
  return matches[0] ?? '';
}

/**
 * Decodes a PNG far enough to prove it is one: the signature, the IHDR size, and the IDAT stream inflating to
 * exactly one filter byte plus a row of pixels per line.
 */
function decodePng(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let bytesPerPixel = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const bitDepth = data[8];
      const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[data[9] ?? -1] ?? 0;
      expect(bitDepth).toBe(8);
      bytesPerPixel = channels;
    }
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of idat) {
    joined.set(d, at);
    at += d.length;
  }
  expect(unzlibSync(joined).length).toBe(height * (1 + width * bytesPerPixel));
  return { width, height };
}

describe('periodic summary reports', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'f2f-reports-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // Monday 10 November 2025.
  const t = await createTestApp({
    now: at('2025-11-10'),
    config: { dataDir, sessionIdleMinutes: 200 * 24 * 60, sessionMaxHours: 200 * 24, reopenCap: 1 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const leader = await login(app, 'leader');
  const govoffice = await login(app, 'govoffice');
  const supervisor = await login(app, 'supervisor');
  const county = await login(app, 'county');
  const countyOffice = await login(app, 'countyoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const yuanchengId = await regionId(ctx, '源城区');
  const dongyuanId = await regionId(ctx, '东源县');

  const act = (s: Session, id: string, p: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${p}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const submit = async (title: string, category: string) =>
    json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category,
      }),
    );
  async function assigned(title: string, coUnitIds: string[]): Promise<Detail> {
    const appeal = await submit(title, 'land');
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    json(
      await act(office, appeal.id, 'assign', {
        leadUnitId: nrId,
        coUnitIds,
        measures: '协调办理',
        version: direct.version,
      }),
    );
    return appeal;
  }
  async function handleToClosure(id: string): Promise<void> {
    let appeal = await detail(handler, id);
    if (appeal.status === 'assigned')
      appeal = json<Detail>(await act(handler, id, 'accept', { version: appeal.version }));
    json(await act(handler, id, 'report', { reply: '已协调解决，详见答复意见。', version: appeal.version }));
    appeal = await detail(office, id);
    json(await act(office, id, 'close', { version: appeal.version }));
  }
  const summary = (s: Session, query: string) => call(app, s, 'GET', `/api/reports/summary.docx?${query}`);

  // The fixtures of the dashboard test, whose figures are counted by hand there:
  // A1 pooled (land), A2 not accepted (finance), A3 in 东源县 by a visit (labour),
  // A4 closed on the day and rated (lead satisfied, co dissatisfied), A5 and A6 assigned.
  await submit('厂房用地指标不足', 'land');
  const a2 = await submit('贷款贴息申请', 'finance');
  json(await act(office, a2.id, 'reject', { reason: '不属于贴息范围，建议自行安排', version: a2.version }));
  const enterpriseId = uuidv7();
  const first17 = '91441600MA0000902';
  await ctx.db
    .insertInto('enterprises')
    .values({
      id: enterpriseId,
      name: '东源县恒昌五金制品有限公司',
      creditCode: first17 + creditCodeCheckCharacter(first17),
      regionId: dongyuanId,
      version: 1,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    })
    .execute();
  json(
    await call(app, county, 'POST', '/api/appeals', {
      enterpriseId,
      channel: 'visit',
      title: '一线工人招工困难',
      content: '一线工人招聘困难，请协助对接劳务资源。',
      category: 'labour',
    }),
  );
  const a4 = (await assigned('土地证办理慢', [financeId])).id;
  const a5 = await assigned('宗地规划调整', []);
  const a6 = (await assigned('用地红线核定', [])).id;
  await handleToClosure(a4);
  const ratings = json<{ ratings: { id: string; role: string }[] }>(
    await call(app, enterprise, 'GET', `/api/appeals/${a4}/ratings`),
  ).ratings;
  const lead = ratings.find((r) => r.role === 'lead');
  const co = ratings.find((r) => r.role === 'co');
  json(await act(enterprise, a4, `ratings/${lead?.id}`, { value: 'satisfied' }));
  json(await act(enterprise, a4, `ratings/${co?.id}`, { value: 'dissatisfied', reason: 'slow' }));

  // 15 December: A6 closed late, A5 still not accepted (overdue), A4 reopened, A7 submitted; A5 urged.
  clock.set(new Date(at('2025-12-15')));
  await handleToClosure(a6);
  const before = await detail(office, a4);
  json(
    await act(office, a4, 'reopen', {
      ratingId: co?.id,
      measures: '一个月内办结土地证',
      version: before.version,
    }),
  );
  await submit('水电报装时间长', 'utilities');
  const a5Assignment = await ctx.db
    .selectFrom('assignments')
    .select(['id', 'dueDate'])
    .where('appealId', '=', a5.id)
    .executeTakeFirstOrThrow();
  json(
    await call(app, supervisor, 'POST', '/api/supervision/actions', {
      assignmentId: a5Assignment.id,
      level: 'urge',
      note: '请于三个工作日内签收并报告办理进展。',
    }),
  );
  // The report is written the next day, Tuesday 16 December 2025.
  clock.set(new Date(at('2025-12-16')));

  describe('the quarterly summary on demand', () => {
    let docx: Buffer;
    let xml: string;
    let texts: string[];

    it(
      'downloads as Word with the period in its name',
      async () => {
        const response = await summary(leader, 'period=quarter&quarter=2025-Q4');
        docx = docxOf(response);
        expect(fileNameOf(response)).toBe('诉求办理情况报告-2025年第四季度.docx');
        expect(String(response.headers['content-disposition'])).toMatch(
          /^attachment; filename="[^"]*\.docx"; /,
        );
        xml = readDocumentXml(docx);
        texts = paragraphTexts(xml);
      },
      SLOW,
    );

    it('has the title, the recipient, the five sections, the signature and the date', () => {
      expect(texts).toContain('河源市政企面对面诉求办理情况报告\n（2025年第四季度）');
      expect(texts).toContain('河源市人民政府：');
      const headings = texts.filter((p) => /^[一二三四五]、/.test(p));
      expect(headings).toEqual([
        '一、总体情况',
        '二、分类与县区情况',
        '三、单位考核排名',
        '四、逾期及督办事项',
        '五、下一步工作建议',
      ]);
      expect(texts).toContain('河源市“面对面”政企交流活动工作专班办公室');
      expect(texts).toContain('2025年12月16日');
    });

    it('states the figures counted by hand', () => {
      expect(texts).toContain(
        '2025年第四季度，全市共收集企业诉求7件，已办结1件，办结率16.7%；牵头单位办结2件，其中按期办结1件，按时办结率50.0%；' +
          '企业评价2件，满意（含基本满意）1件，满意率50.0%；重办1件，重办率50.0%；平均办结用时12.5个工作日。' +
          '截至2025年12月16日，本期诉求中逾期未办结1件。',
      );
      // The figures table: label, value, how it is counted.
      const row = (label: string) => texts.slice(texts.indexOf(label), texts.indexOf(label) + 3);
      expect(row('诉求总数')).toEqual(['诉求总数', '7', '期间内提交的诉求（按提交月份）']);
      expect(row('办结率')).toEqual(['办结率', '16.7%', '办结1件 ÷ 受理6件']);
      expect(row('按时办结率')).toEqual(['按时办结率', '50.0%', '按期办结1件 ÷ 牵头单位办结2件']);
      expect(row('满意率')).toEqual(['满意率', '50.0%', '满意及基本满意1件 ÷ 已评价2件']);
      expect(row('重办率')).toEqual(['重办率', '50.0%', '重办1件 ÷ 办结或重办2件']);
      // A4 closed the day it was assigned (0), A6 on 15 December: 25 working days after 10 November.
      expect(row('平均办结用时（工作日）')).toEqual([
        '平均办结用时（工作日）',
        '12.5',
        '2件牵头交办共25个工作日',
      ]);
      expect(row('当前逾期')).toEqual(['当前逾期', '1', '截至2025年12月16日超过办理期限仍未办结']);
    });

    it('breaks the appeals down by month, category and county', () => {
      const after = (label: string, n: number) => texts.slice(texts.indexOf(label), texts.indexOf(label) + n);
      expect(after('2025年10月', 6)).toEqual(['2025年10月', '0', '2025年11月', '6', '2025年12月', '1']);
      expect(after('用地', 12)).toEqual([
        '用地',
        '4',
        '57.1%',
        '融资',
        '1',
        '14.3%',
        '用工',
        '1',
        '14.3%',
        '水电气',
        '1',
        '14.3%',
      ]);
      expect(after('源城区', 6)).toEqual(['源城区', '6', '85.7%', '东源县', '1', '14.3%']);
    });

    it('ranks the units as the rankings do', async () => {
      const rankings = json<{ units: RankingRow[]; formula: { zh: string } }>(
        await call(app, leader, 'GET', '/api/dashboard/rankings?from=2025-10&to=2025-12'),
      );
      expect(rankings.units.length).toBeGreaterThan(0);
      expect(texts).toContain(`考核口径：${rankings.formula.zh}`);
      const start = texts.indexOf('名次');
      expect(texts.slice(start, start + 8)).toEqual([
        '名次',
        '单位',
        '交办',
        '办结',
        '按时办结率',
        '满意率',
        '督办',
        '得分',
      ]);
      const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
      expect(texts.slice(start + 8, start + 8 + rankings.units.length * 8)).toEqual(
        rankings.units.flatMap((u) => [
          String(u.rank),
          u.name,
          String(u.received),
          String(u.closed),
          percent(u.onTimeRate),
          percent(u.satisfactionRate),
          String(u.supervisionNotices),
          u.score.toFixed(2),
        ]),
      );
      const nr = rankings.units.find((u) => u.name === '河源市自然资源局');
      expect(nr).toMatchObject({ closed: 2, supervisionNotices: 1 });
    });

    it('lists the overdue item with its ladder step, and the supervised item', () => {
      const overdueDays = ctx.calendar.workdaysBetween(a5Assignment.dueDate, '2025-12-16');
      expect(overdueDays).toBeGreaterThan(0);
      expect(texts).toContain('截至2025年12月16日，逾期未办结事项1件。');
      const first = texts.indexOf(`宗地规划调整（${a5.number}）`);
      expect(texts.slice(first - 1, first + 5)).toEqual([
        '1',
        `宗地规划调整（${a5.number}）`,
        '河源市自然资源局',
        a5Assignment.dueDate,
        String(overdueDays),
        '催办',
      ]);
      expect(texts).toContain('本期对1件事项采取督办措施1次，其中1件尚待答复。');
      const second = texts.lastIndexOf(`宗地规划调整（${a5.number}）`);
      expect(second).toBeGreaterThan(first);
      expect(texts.slice(second - 1, second + 5)).toEqual([
        '1',
        `宗地规划调整（${a5.number}）`,
        '河源市自然资源局',
        a5Assignment.dueDate,
        '催办（1次）',
        '待签收',
      ]);
    });

    it('embeds the four charts as PNG images that decode to their size, within the text width', () => {
      const files = unzipSync(docx);
      const pngs = Object.keys(files).filter((name) => /^word\/media\/.+\.png$/.test(name));
      expect(pngs).toHaveLength(4);
      for (const name of pngs) {
        const { width, height } = decodePng(files[name] ?? new Uint8Array());
        expect(width).toBe(1600);
        expect(height).toBeGreaterThanOrEqual(800);
        expect(height).toBeLessThanOrEqual(3000);
      }
      const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map((m) => Number(m[1]));
      expect(extents).toHaveLength(4);
      // 156 mm of text width in EMU (914400 to the inch).
      for (const cx of extents) expect(cx).toBeLessThanOrEqual(Math.round((156 / 25.4) * 914400));
      expect(xml).toContain('descr="各类别诉求数"');
    });

    it('keeps the official layout: A4, GB/T 9704 margins, the 22 × 28 grid and the fonts', () => {
      expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
      expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
      expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098');
      expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1984');
      expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587');
      expect(attr(xml, 'w:pgMar', 'w:right')).toBe('1474');
      expect(attr(xml, 'w:docGrid', 'w:linePitch')).toBe('579');
      expect(attr(xml, 'w:docGrid', 'w:charSpace')).toBe(String(layout.charSpace));
      const title = paragraphWithText(xml, '河源市政企面对面诉求办理情况报告\n（2025年第四季度）');
      expect(attr(title, 'w:rFonts', 'w:eastAsia')).toBe(layout.titleFont);
      expect(attr(title, 'w:sz', 'w:val')).toBe(String(layout.titleHalfPoints));
      expect(attr(title, 'w:jc', 'w:val')).toBe('center');
      const heading = paragraphWithText(xml, '一、总体情况');
      expect(attr(heading, 'w:rFonts', 'w:eastAsia')).toBe(layout.heading1Font);
      const subheading = paragraphWithText(xml, '（一）按月份');
      expect(attr(subheading, 'w:rFonts', 'w:eastAsia')).toBe(layout.heading2Font);
      expect(
        attr(paragraphWithText(xml, '截至2025年12月16日，逾期未办结事项1件。'), 'w:rFonts', 'w:eastAsia'),
      ).toBe(layout.bodyFont);
    });

    it('audits each generation', async () => {
      const row = await ctx.db
        .selectFrom('auditLog')
        .select(['action', 'afterJson'])
        .where('action', '=', 'report.summary.generate')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(String(row.afterJson))).toMatchObject({
        period: '2025-Q4',
        kind: 'quarter',
        fileName: '诉求办理情况报告-2025年第四季度.docx',
      });
    });
  });

  describe('periods and scope', () => {
    it(
      'a county’s people get their own county, and nothing else',
      async () => {
        const response = await summary(countyOffice, 'period=quarter&quarter=2025-Q4');
        expect(fileNameOf(response)).toBe('诉求办理情况报告-东源县-2025年第四季度.docx');
        const texts = paragraphTexts(readDocumentXml(docxOf(response)));
        expect(texts).toContain('东源县政企面对面诉求办理情况报告\n（2025年第四季度）');
        expect(texts.find((p) => p.startsWith('2025年第四季度，东源县共收集企业诉求'))).toMatch(
          /^2025年第四季度，东源县共收集企业诉求1件，已办结0件，办结率0\.0%；牵头单位办结0件/,
        );
        expect(texts).toContain('截至2025年12月16日，无逾期未办结事项。');
        expect(texts).toContain('本期无督办事项。');
        expect(texts).not.toContain('源城区');
        expect(texts.join('')).not.toContain('宗地规划调整');
        expectError(
          await summary(countyOffice, `period=quarter&quarter=2025-Q4&regionId=${yuanchengId}`),
          'dashboard.region_out_of_scope',
        );
        // The city's people may ask for one county.
        const one = paragraphTexts(
          readDocumentXml(docxOf(await summary(leader, `period=month&month=2025-11&regionId=${dongyuanId}`))),
        );
        expect(one).toContain('东源县政企面对面诉求办理情况报告\n（2025年11月）');
        expectError(
          await summary(leader, `period=month&month=2025-11&regionId=${uuidv7()}`),
          'report.region_not_found',
        );
      },
      SLOW,
    );

    it(
      'takes a month or a range, and refuses a period without its parameter',
      async () => {
        const month = await summary(govoffice, 'period=month&month=2025-12');
        expect(fileNameOf(month)).toBe('诉求办理情况报告-2025年12月.docx');
        const texts = paragraphTexts(readDocumentXml(docxOf(month)));
        expect(texts.find((p) => p.startsWith('2025年12月，全市共收集企业诉求'))).toMatch(
          /^2025年12月，全市共收集企业诉求1件，/,
        );
        const range = await summary(supervisor, 'period=range&from=2025-11&to=2026-01');
        expect(fileNameOf(range)).toBe('诉求办理情况报告-2025年11月至2026年1月.docx');
        expect(paragraphTexts(readDocumentXml(docxOf(range)))).toContain(
          '河源市政企面对面诉求办理情况报告\n（2025年11月至2026年1月）',
        );
        expectError(await summary(leader, 'period=quarter&month=2025-12'), 'report.bad_period');
        expectError(await summary(leader, 'period=range&from=2025-12&to=2025-11'), 'report.bad_period');
        expectError(await summary(leader, 'period=quarter&quarter=2025-Q5'), 'request.invalid');
        expectError(await summary(handler, 'period=month&month=2025-12'), 'auth.forbidden');
        expectError(await summary(enterprise, 'period=month&month=2025-12'), 'auth.forbidden');
      },
      SLOW,
    );
  });

  describe('the scheduled job', () => {
    const recipients = async () => [await personId(ctx, 'leader'), await personId(ctx, 'govoffice')].sort();
    const reportNotices = () =>
      ctx.db
        .selectFrom('notices')
        .select(['personId', 'title', 'link'])
        .where('kind', '=', 'summaryReport')
        .orderBy('title')
        .orderBy('personId')
        .execute();

    it('does nothing before the first working day of the month', async () => {
      // Friday 2 January 2026 is a New Year holiday; Wednesday 31 December a working day, but not a first one.
      for (const day of ['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03']) {
        clock.set(new Date(at(day)));
        expect(await sweepSummaryReports(ctx), day).toEqual({ generated: 0 });
      }
      expect(await reportNotices()).toEqual([]);
    });

    it(
      'on the first working day (Sunday 4 January 2026, a make-up working day) sends last month’s and last quarter’s once',
      async () => {
        clock.set(new Date(at('2026-01-04')));
        const [a, b] = await Promise.all([sweepSummaryReports(ctx), sweepSummaryReports(ctx)]);
        expect(a.generated + b.generated).toBe(2);
        expect(await sweepSummaryReports(ctx)).toEqual({ generated: 0 });
        // A second instance on the same database finds them sent.
        const second = await buildApp(t.config, { clock, logger: false });
        try {
          expect(await sweepSummaryReports(second.ctx)).toEqual({ generated: 0 });
        } finally {
          await second.app.close();
        }

        const notices = await reportNotices();
        const people = await recipients();
        expect(notices.map((n) => n.personId).sort()).toEqual([...people, ...people].sort());
        expect(new Set(notices.map((n) => n.title))).toEqual(
          new Set([
            '河源市政企面对面诉求办理情况报告（2025年12月）已生成',
            '河源市政企面对面诉求办理情况报告（2025年第四季度）已生成',
          ]),
        );
        expect(notices.every((n) => n.link === '/reports')).toBe(true);
        const audit = await ctx.db
          .selectFrom('auditLog')
          .select('entityId')
          .where('action', '=', 'report.summary.generate')
          .where('entityId', 'is not', null)
          .execute();
        expect(audit).toHaveLength(2);
      },
      SLOW,
    );

    it('the next working day sends nothing again', async () => {
      clock.set(new Date(at('2026-01-05')));
      expect(await sweepSummaryReports(ctx)).toEqual({ generated: 0 });
      expect(await reportNotices()).toHaveLength(4);
    });

    it('is one of the scheduled jobs (定时任务), which an administrator can run by name', async () => {
      const admin = await login(app, 'admin');
      const listed = json<{ name: string; everyMs: number }[]>(
        await call(app, admin, 'GET', '/api/admin/jobs'),
      );
      expect(listed.find((j) => j.name === 'summaryReports')).toEqual({
        name: 'summaryReports',
        everyMs: 1_800_000,
      });
      const run = json<{ result: Record<string, number> }>(
        await call(app, admin, 'POST', '/api/admin/jobs/summaryReports/run'),
      );
      expect(run.result).toEqual({ generated: 0 });
    });

    it(
      'in a month that opens no quarter, only last month’s, and only on its first working day',
      async () => {
        // Sunday 1 February is no working day; Tuesday 3 February is not the first one.
        for (const day of ['2026-02-01', '2026-02-03']) {
          clock.set(new Date(at(day)));
          expect(await sweepSummaryReports(ctx), day).toEqual({ generated: 0 });
        }
        clock.set(new Date(at('2026-02-02')));
        expect(await sweepSummaryReports(ctx)).toEqual({ generated: 1 });
        const stored = await ctx.db
          .selectFrom('reports')
          .select(['kind', 'period'])
          .orderBy('period')
          .execute();
        expect(stored).toEqual([
          { kind: 'month', period: '2025-12' },
          { kind: 'quarter', period: '2025-Q4' },
          { kind: 'month', period: '2026-01' },
        ]);
      },
      SLOW,
    );

    it.skipIf(testDialect !== 'postgres')(
      'two app contexts on one PostgreSQL database generate and announce a report once',
      async () => {
        clock.set(new Date(at('2026-03-02')));
        const second = await buildApp(t.config, { clock, logger: false });
        try {
          const results = await Promise.all([
            sweepSummaryReports(ctx),
            sweepSummaryReports(second.ctx),
            sweepSummaryReports(second.ctx),
          ]);
          expect(results.reduce((n, r) => n + r.generated, 0)).toBe(1);
        } finally {
          await second.app.close();
        }
        const notices = await ctx.db
          .selectFrom('notices')
          .select('personId')
          .where('title', '=', '河源市政企面对面诉求办理情况报告（2026年2月）已生成')
          .execute();
        expect(notices.map((n) => n.personId).sort()).toEqual(await recipients());
        // The losers removed the files they wrote: one file per stored report.
        const files = fs.readdirSync(path.join(dataDir, 'attachments'), {
          recursive: true,
          withFileTypes: true,
        });
        expect(files.filter((f) => f.isFile())).toHaveLength(
          (await ctx.db.selectFrom('reports').select('id').execute()).length,
        );
      },
      SLOW,
    );

    it('lists the stored reports to the city’s readers and serves them; a county sees none of the city’s', async () => {
      const list = json<{ items: StoredReport[] }>(await call(app, leader, 'GET', '/api/reports'));
      // Newest first (PostgreSQL also made February's above).
      expect(list.items.map((r) => r.period).filter((p) => p !== '2026-02')).toEqual([
        '2026-01',
        '2025-Q4',
        '2025-12',
      ]);
      const quarter = list.items.find((r) => r.period === '2025-Q4');
      expect(quarter).toMatchObject({
        kind: 'quarter',
        regionName: '河源市',
        title: '河源市政企面对面诉求办理情况报告（2025年第四季度）',
        fileName: '诉求办理情况报告-2025年第四季度.docx',
      });
      const download = await call(app, govoffice, 'GET', `/api/reports/${quarter?.id}/download`);
      const body = docxOf(download);
      expect(body.length).toBe(quarter?.size);
      expect(fileNameOf(download)).toBe('诉求办理情况报告-2025年第四季度.docx');
      expect(paragraphTexts(readDocumentXml(body))).toContain(
        '河源市政企面对面诉求办理情况报告\n（2025年第四季度）',
      );

      expect(
        json<{ items: StoredReport[] }>(await call(app, countyOffice, 'GET', '/api/reports')).items,
      ).toEqual([]);
      expectError(
        await call(app, countyOffice, 'GET', `/api/reports/${quarter?.id}/download`),
        'report.not_found',
      );
      expectError(await call(app, leader, 'GET', `/api/reports/${uuidv7()}/download`), 'report.not_found');
      expectError(await call(app, handler, 'GET', '/api/reports'), 'auth.forbidden');
    });
  });
});
