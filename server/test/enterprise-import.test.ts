import { creditCodeCheckCharacter, type ErrorCode } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq, regionId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function code(seed: number): string {
  const first17 = `91441600MB${String(seed).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A multipart/form-data body with one file part, as a browser sends it. */
function upload(content: Buffer, fileName = 'enterprises.xlsx', type = XLSX) {
  const boundary = `----f2f${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function readBook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const values = sheet.getRow(row).values as unknown[];
  return values.slice(1);
}

describe('enterprise import and export', async () => {
  const { app, ctx } = await createTestApp();
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const admin = await login(app, 'admin');
  const collector = await login(app, 'collector');
  const leader = await login(app, 'leader');
  const yuanchengId = await regionId(ctx, '源城区');
  const dongyuanId = await regionId(ctx, '东源县');

  async function snapshot() {
    return {
      enterprises: await countRows(ctx, 'enterprises'),
      tags: await countRows(ctx, 'enterpriseTags'),
      contacts: await countRows(ctx, 'enterpriseContacts'),
      audit: await lastAuditSeq(ctx),
    };
  }

  async function importFile(session: Session, content: Buffer, query = '') {
    const { payload, headers } = upload(content);
    return call(app, session, 'POST', `/api/enterprises/import${query}`, payload, headers);
  }

  async function refusedImport(code: ErrorCode, session: Session, content: Buffer, query = '') {
    const before = await snapshot();
    const response = await importFile(session, content, query);
    const body = expectError(response, code);
    expect(await snapshot()).toEqual(before);
    return body;
  }

  async function template(session: Session): Promise<LightMyRequestResponse> {
    const response = await call(app, session, 'GET', '/api/enterprises/import-template.xlsx');
    expect(response.statusCode, response.body).toBe(200);
    return response;
  }

  /** The template with `rows` filled in from row 2, as someone would in Excel. */
  async function filled(rows: unknown[][]): Promise<Buffer> {
    const workbook = await readBook((await template(office)).rawPayload);
    const sheet = workbook.getWorksheet('企业名录') as ExcelJS.Worksheet;
    rows.forEach((values, index) => {
      sheet.getRow(index + 2).values = values as ExcelJS.CellValue[];
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  const good = [
    [
      '河源市绿源食品有限公司',
      code(1),
      '源城区',
      '食品加工',
      '河源市源城区兴源路 18 号',
      '陈绿源',
      '规上企业',
      '人大代表、乡贤企业',
      '否',
      '黄丽',
      '财务总监',
      '0762-3123456',
      'huangli@example.cn',
    ],
    ['东源县万绿水电有限公司', code(2).toLowerCase(), '东源县', '水电', null, null, '即将上规', null, '是'],
    // Rich text, as Excel writes a cell with mixed formatting.
    [{ richText: [{ text: '龙川县' }, { text: '顺达物流有限公司' }] }, code(3), '龙川县', '物流'],
  ];

  describe('the template', () => {
    it('downloads with a Chinese header row, an instructions sheet and drop-downs', async () => {
      const response = await template(office);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="enterprise-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.xlsx')}`,
      );
      const workbook = await readBook(response.rawPayload);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['企业名录', '填写说明']);
      const sheet = workbook.getWorksheet('企业名录') as ExcelJS.Worksheet;
      expect(rowValues(sheet, 1)).toEqual([
        '企业名称*',
        '统一社会信用代码*',
        '所属区域*',
        '行业',
        '地址',
        '法定代表人',
        '企业规模',
        '企业标签',
        '项目企业',
        '联系人',
        '联系人职务',
        '联系电话',
        '联系邮箱',
      ]);
      expect(sheet.actualRowCount).toBe(1);
      const info = workbook.getWorksheet('填写说明') as ExcelJS.Worksheet;
      const column = (n: number) =>
        info
          .getColumn(n)
          .values.slice(1)
          .filter((v): v is string => typeof v === 'string');
      expect(column(1)).toEqual(
        expect.arrayContaining(['源城区', '东源县', '和平县', '龙川县', '河源高新区']),
      );
      expect(column(2)).toEqual(expect.arrayContaining(['规上企业', '即将上规', '濒临下规']));
      expect(column(3)).toEqual(
        expect.arrayContaining([
          '在谈企业',
          '乡贤企业',
          '人大代表',
          '政协委员',
          '工商联执委企业',
          '代表性企业',
        ]),
      );
      expect(column(4)).toEqual(expect.arrayContaining(['是', '否']));
      // The drop-downs: regions from the instructions sheet, scales and yes/no inline.
      expect(sheet.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
      expect(String(sheet.getCell('C500').dataValidation.formulae[0])).toMatch(
        /^'填写说明'!\$A\$\d+:\$A\$\d+$/,
      );
      expect(sheet.getCell('G2').dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"规上企业,即将上规,濒临下规"'],
      });
      expect(sheet.getCell('I9').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    });

    it('offers a county office only its own county', async () => {
      const workbook = await readBook((await template(countyOffice)).rawPayload);
      const info = workbook.getWorksheet('填写说明') as ExcelJS.Worksheet;
      const regions = info
        .getColumn(1)
        .values.filter((v) => ['源城区', '东源县', '和平县', '河源市'].includes(String(v)));
      expect(regions).toEqual(['东源县']);
    });

    it('is for the office and administrators only', async () => {
      expectError(
        await call(app, collector, 'GET', '/api/enterprises/import-template.xlsx'),
        'auth.forbidden',
      );
      await template(admin);
    });
  });

  describe('importing', () => {
    it('a dry run validates and writes nothing', async () => {
      const before = await snapshot();
      const response = await importFile(office, await filled(good), '?dryRun=true');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ imported: 0, valid: 3, dryRun: true, errors: [] });
      expect(await snapshot()).toEqual(before);
    });

    it('a good file registers every row in one go, one audit row per enterprise', async () => {
      const before = await snapshot();
      const response = await importFile(office, await filled(good));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ imported: 3, valid: 3, dryRun: false, errors: [] });
      expect(await snapshot()).toMatchObject({
        enterprises: before.enterprises + 3,
        tags: before.tags + 2,
        contacts: before.contacts + 1,
      });
      const audit = await auditAfter(ctx, before.audit);
      expect(audit.map((a) => a.action)).toEqual(Array(3).fill('enterprise.import'));
      expect(new Set(audit.map((a) => a.requestId))).toEqual(new Set([response.headers['x-request-id']]));

      const list = await call(app, office, 'GET', `/api/enterprises?q=${code(1)}`);
      const [summary] = list.json().items;
      const detail = (await call(app, office, 'GET', `/api/enterprises/${summary.id}`)).json();
      expect(detail).toMatchObject({
        name: '河源市绿源食品有限公司',
        creditCode: code(1),
        regionId: yuanchengId,
        industry: '食品加工',
        address: '河源市源城区兴源路 18 号',
        legalRepresentative: '陈绿源',
        scale: 'aboveScale',
        tags: ['hometownEnterprise', 'npcDeputy'],
        isProject: false,
        contacts: [{ name: '黄丽', title: '财务总监', phone: '0762-3123456', email: 'huangli@example.cn' }],
        version: 1,
      });
      expect(audit.find((a) => a.entityId === detail.id)?.after).toMatchObject({ ...detail, importRow: 2 });
      const second = (await call(app, office, 'GET', `/api/enterprises?q=${code(2)}`)).json().items[0];
      expect(second).toMatchObject({ regionId: dongyuanId, scale: 'nearAboveScale', isProject: true });
      const third = (await call(app, office, 'GET', `/api/enterprises?q=${code(3)}`)).json().items[0];
      expect(third.name).toBe('龙川县顺达物流有限公司');
    });

    it('a file with bad rows imports nothing and reports every problem by row and column', async () => {
      const content = await filled([
        ['河源市新丰建材有限公司', code(10), '源城区'],
        // Row 3: a wrong check character and an unknown region.
        ['河源市宏达五金有限公司', `${code(11).slice(0, 17)}${code(11).endsWith('0') ? '1' : '0'}`, '东城区'],
        ['河源市美佳家具有限公司', code(12), '和平县', null, null, null, '大型', '人大代表，名人'],
        // Row 5: no name, and the code of row 2 again.
        [null, code(10), '源城区'],
        // Row 6: already registered (imported above), a bad project flag and a contact detail without a name.
        ['河源市绿源食品二厂', code(1), '源城区', null, null, null, null, null, '可能', null, null, '12'],
      ]);
      const body = await refusedImport('enterprise.import_rows_invalid', office, content);
      expect(body.details).toEqual([
        {
          row: 3,
          column: '统一社会信用代码',
          message: '统一社会信用代码校验位不正确 (wrong check character)',
        },
        { row: 3, column: '所属区域', message: '区域“东城区”不存在，请从下拉列表选择' },
        {
          row: 4,
          column: '企业规模',
          message: '企业规模“大型”无效，可选：规上企业、即将上规、濒临下规',
        },
        {
          row: 4,
          column: '企业标签',
          message:
            '企业标签“名人”无效，可选：在谈企业、乡贤企业、人大代表、政协委员、工商联执委企业、代表性企业',
        },
        { row: 5, column: '企业名称', message: '请填写企业名称' },
        { row: 5, column: '统一社会信用代码', message: '与第 2 行的统一社会信用代码重复' },
        { row: 6, column: '统一社会信用代码', message: '该统一社会信用代码已登记' },
        { row: 6, column: '项目企业', message: '项目企业应填“是”或“否”' },
        { row: 6, column: '联系人', message: '填写联系人职务、电话或邮箱时，请同时填写联系人' },
      ]);
    });

    it('two bad rows among good ones: nothing imported, both reported with their row numbers', async () => {
      const content = await filled([
        ['河源市一号企业有限公司', code(20), '源城区'],
        ['河源市二号企业有限公司', code(21), '火星区'],
        ['河源市三号企业有限公司', code(22), '源城区'],
        ['河源市四号企业有限公司', '123', '源城区'],
      ]);
      const body = await refusedImport('enterprise.import_rows_invalid', office, content);
      expect((body.details as { row: number }[]).map((d) => d.row)).toEqual([3, 5]);
      expect(body.details).toContainEqual({
        row: 5,
        column: '统一社会信用代码',
        message: '统一社会信用代码应为 18 位 (18 characters)',
      });
      // The dry run reports the same.
      const dry = await refusedImport('enterprise.import_rows_invalid', office, content, '?dryRun=true');
      expect(dry.details).toEqual(body.details);
    });

    it('a county office imports into its own county only', async () => {
      const content = await filled([
        ['东源县新港实业有限公司', code(30), '东源县'],
        ['源城区某某有限公司', code(31), '源城区'],
      ]);
      const body = await refusedImport('enterprise.import_rows_invalid', countyOffice, content);
      expect(body.details).toEqual([
        { row: 3, column: '所属区域', message: '超出您的管理范围，不能登记“源城区”的企业' },
      ]);
    });

    it('refuses what is not an xlsx by its content, whatever its name', async () => {
      const csv = Buffer.from('企业名称,统一社会信用代码,所属区域\n河源市某公司,91441600MA00000019,源城区\n');
      const body = await refusedImport('enterprise.import_file_invalid', office, csv);
      expect(body.details).toMatchObject({ reason: 'notXlsx' });
      // A zip that is not a workbook, and a truncated one.
      const workbook = await filled(good);
      await refusedImport('enterprise.import_file_invalid', office, workbook.subarray(0, 200));
      await refusedImport('enterprise.import_file_invalid', office, Buffer.alloc(0));
      // A template whose header row lost a required column.
      const book = await readBook(workbook);
      (book.getWorksheet('企业名录') as ExcelJS.Worksheet).getCell('B1').value = '代码';
      const headerless = await refusedImport(
        'enterprise.import_rows_invalid',
        office,
        Buffer.from(await book.xlsx.writeBuffer()),
      );
      expect(headerless.details).toEqual([
        { row: 1, column: '统一社会信用代码', message: '缺少“统一社会信用代码”列，请使用下载的模板' },
      ]);
      // An empty template.
      const empty = await refusedImport('enterprise.import_rows_invalid', office, await filled([]));
      expect(empty.details).toEqual([
        { row: 2, column: null, message: '文件中没有企业数据：请从第 2 行起填写' },
      ]);
    });

    it('refuses a request without a file, and a file over 5 MB', async () => {
      const before = await snapshot();
      expectError(
        await call(app, office, 'POST', '/api/enterprises/import', {}),
        'enterprise.import_file_invalid',
      );
      const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
      expectError(await importFile(office, big), 'request.body_too_large');
      expect(await snapshot()).toEqual(before);
    });

    it('is for the office and administrators only', async () => {
      const content = await filled([['河源市五号企业有限公司', code(40), '源城区']]);
      await refusedImport('auth.forbidden', collector, content);
      await refusedImport('auth.forbidden', leader, content);
    });
  });

  describe('the export', () => {
    async function exported(session: Session, query = '') {
      const response = await call(app, session, 'GET', `/api/enterprises/export.xlsx${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="enterprises-2025-06-02.xlsx"; filename*=UTF-8''${encodeURIComponent('企业名录-2025-06-02.xlsx')}`,
      );
      const sheet = (await readBook(response.rawPayload)).getWorksheet('企业名录') as ExcelJS.Worksheet;
      const rows: unknown[][] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) rows.push((row.values as unknown[]).slice(1));
      });
      return { header: rowValues(sheet, 1), rows };
    }

    async function listed(session: Session, query = '') {
      const response = await call(
        app,
        session,
        'GET',
        `/api/enterprises?pageSize=200&${query.replace(/^\?/, '')}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { name: string; creditCode: string }[]; total: number };
    }

    it('writes the filtered register with Chinese headers, the same rows as the list', async () => {
      const all = await exported(office);
      expect(all.header).toEqual([
        '企业名称',
        '统一社会信用代码',
        '所属区域',
        '行业',
        '地址',
        '法定代表人',
        '企业规模',
        '企业标签',
        '项目企业',
        '联系人',
        '联系人职务',
        '联系电话',
        '联系邮箱',
        '其他联系人',
        '项目阶段',
        '诉求数量',
        '登记日期',
      ]);
      const list = await listed(office);
      expect(all.rows).toHaveLength(list.total);
      expect(all.rows.map((r) => r[1])).toEqual(list.items.map((i) => i.creditCode));

      for (const query of [
        '?flag=npcDeputy',
        `?regionId=${dongyuanId}`,
        '?isProject=true',
        `?q=${encodeURIComponent('绿源')}`,
      ]) {
        const some = await exported(office, query);
        const expected = await listed(office, query);
        expect(expected.total, query).toBeGreaterThan(0);
        expect(expected.total, query).toBeLessThan(list.total);
        expect(some.rows.map((r) => r[1]).sort(), query).toEqual(
          expected.items.map((i) => i.creditCode).sort(),
        );
      }
      const [row] = (await exported(office, `?q=${code(1)}`)).rows;
      expect(row).toEqual([
        '河源市绿源食品有限公司',
        code(1),
        '源城区',
        '食品加工',
        '河源市源城区兴源路 18 号',
        '陈绿源',
        '规上企业',
        '乡贤企业、人大代表',
        '否',
        '黄丽',
        '财务总监',
        '0762-3123456',
        'huangli@example.cn',
        undefined,
        undefined,
        0,
        '2025-06-02',
      ]);
    });

    it('keeps a county office to its county, and answers an out-of-scope filter with an error', async () => {
      const mine = await exported(countyOffice);
      expect(mine.rows.length).toBeGreaterThan(0);
      expect(mine.rows.every((r) => r[2] === '东源县')).toBe(true);
      expectError(
        await call(app, countyOffice, 'GET', `/api/enterprises/export.xlsx?regionId=${yuanchengId}`),
        'org.out_of_scope',
      );
    });

    it('has no row cap: it streams the whole register in batches', async () => {
      const now = ctx.clock.now().toISOString();
      const many = Array.from({ length: 1203 }, (_, i) => ({
        id: `bulk-${String(i).padStart(5, '0')}`,
        name: `批量企业${String(i).padStart(5, '0')}`,
        creditCode: code(10_000 + i),
        regionId: dongyuanId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < many.length; i += 200) {
        await ctx.db
          .insertInto('enterprises')
          .values(many.slice(i, i + 200))
          .execute();
      }
      const exportedRows = (await exported(office, `?q=${encodeURIComponent('批量企业')}`)).rows;
      expect(exportedRows.map((r) => r[0])).toEqual(many.map((m) => m.name));
    });
  });
});
