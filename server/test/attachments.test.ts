import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ErrorCode } from '@f2f/contract';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDialect } from './databases.ts';
import { auditAfter, countRows, expectError, lastAuditSeq, regionId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

const MAX_BYTES = 64 * 1024;

// Real file contents, as the sniffing sees them.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 1),
  Buffer.from([0xff, 0xd9]),
]);
/** A Compound File Binary header: what legacy .doc and .xls files start with. */
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
/** A Windows executable: "MZ", the DOS stub and the PE header offset. */
const EXE = (() => {
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
})();
const CSV = Buffer.from('企业,诉求\n河源市示范电子科技有限公司,用地指标\n', 'utf8');

interface Upload {
  name: string;
  content: Buffer;
  type?: string;
}

describe('appeal attachments', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'f2f-attachments-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const { app, ctx } = await createTestApp({ config: { dataDir, attachmentMaxBytes: MAX_BYTES } });
  const store = path.join(dataDir, 'attachments');

  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const collector = await login(app, 'collector');
  const countyOffice = await login(app, 'countyoffice');
  const handler = await login(app, 'handler');
  const demo = await ctx.db.selectFrom('enterprises').select('id').executeTakeFirstOrThrow();

  /** Enterprise B: another enterprise with its own contact, signed in. */
  const enterpriseB = await (async (): Promise<Session> => {
    const id = crypto.randomUUID();
    await ctx.db
      .insertInto('enterprises')
      .values({
        id,
        name: '河源市乙企业有限公司',
        creditCode: '91350100M000100Y43',
        regionId: await regionId(ctx, '源城区'),
        version: 1,
        createdAt: ctx.clock.now().toISOString(),
        updatedAt: ctx.clock.now().toISOString(),
      })
      .execute();
    const created = await call(app, admin, 'POST', '/api/org/people', {
      username: 'enterpriseb',
      name: '乙企业联系人',
      enterpriseId: id,
      roles: ['enterprise'],
      password: 'Initial@2025x',
    });
    expect(created.statusCode, created.body).toBe(200);
    const session = await login(app, 'enterpriseb', 'Initial@2025x');
    const changed = await call(app, session, 'POST', '/api/auth/password', {
      currentPassword: 'Initial@2025x',
      newPassword: 'Changed@2025y',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    return session;
  })();

  async function submitOwn(session: Session, title: string): Promise<string> {
    const response = await call(app, session, 'POST', '/api/appeals/submit', {
      title,
      content: '这是企业在线提交的诉求内容，用于附件测试。',
      category: 'land',
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().id;
  }

  /** The enterprise's own online appeal, one B's, and one the office recorded by phone for the demo enterprise. */
  const ownAppeal = await submitOwn(enterprise, '企业自己的诉求');
  const appealOfB = await submitOwn(enterpriseB, '乙企业自己的诉求');
  const recorded = await call(app, office, 'POST', '/api/appeals', {
    enterpriseId: demo.id,
    title: '电话反映的诉求',
    content: '企业通过电话反映的诉求内容，用于附件测试。',
    category: 'finance',
    channel: 'phone',
  });
  const phoneAppeal: string = recorded.json().id;

  async function upload(session: Session | null, appealId: string, files: Upload[]) {
    const form = new FormData();
    form.append('note', 'fields are ignored');
    for (const file of files) {
      form.append(
        'file',
        new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    }
    const encoded = new Response(form);
    const headers: Record<string, string> = { 'content-type': encoded.headers.get('content-type') as string };
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers,
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  function storedFiles(): string[] {
    if (!fs.existsSync(store)) return [];
    return fs
      .readdirSync(store, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(store, path.join(entry.parentPath, entry.name)));
  }

  async function snapshot() {
    return {
      attachments: await countRows(ctx, 'attachments'),
      timeline: await countRows(ctx, 'appealTimeline'),
      audit: await countRows(ctx, 'auditLog'),
      files: storedFiles().sort(),
    };
  }

  async function refused(code: ErrorCode, request: () => Promise<LightMyRequestResponse>) {
    const before = await snapshot();
    const response = await request();
    expectError(response, code);
    expect(await snapshot()).toEqual(before);
    return response;
  }

  const xlsx = await (async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('数据').addRow(['企业', '金额']);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  })();

  const accepted: Record<string, { id: string; content: Buffer; mime: string; name: string }> = {};

  it('accepts the allowed kinds, decided on their content, in one transaction with timeline and audit', async () => {
    const files: (Upload & { mime: string })[] = [
      { name: '营业执照 (副本).pdf', content: PDF, mime: 'application/pdf' },
      { name: '现场照片.PNG', content: PNG, mime: 'image/png' },
      { name: 'photo.jpeg', content: JPEG, mime: 'image/jpeg' },
      {
        name: '用地明细.xlsx',
        content: xlsx,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      { name: '旧版申请.doc', content: CFB, mime: 'application/msword' },
      { name: '旧版报表.xls', content: CFB, mime: 'application/vnd.ms-excel' },
      { name: '清单.csv', content: CSV, mime: 'text/csv; charset=utf-8' },
      {
        name: '说明.txt',
        content: Buffer.from('诉求补充说明：\r\n用地指标缺口约 30 亩。'),
        mime: 'text/plain; charset=utf-8',
      },
    ];
    const seq = await lastAuditSeq(ctx);
    const timelineBefore = await countRows(ctx, 'appealTimeline');
    // The browser's claimed type counts for nothing: only the content does.
    const response = await upload(
      enterprise,
      ownAppeal,
      files.map((f) => ({ ...f, type: 'application/x-anything' })),
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as {
      id: string;
      fileName: string;
      mimeType: string;
      size: number;
      uploadedByName: string;
    }[];
    expect(body.map((a) => [a.fileName, a.mimeType, a.size])).toEqual(
      files.map((f) => [f.name, f.mime, f.content.length]),
    );
    expect(body[0]?.uploadedByName).toBe('李春明');
    for (const [index, file] of files.entries()) {
      const id = body[index]?.id as string;
      accepted[file.name] = { id, content: file.content, mime: file.mime, name: file.name };
    }

    // On disk under attachments/<yyyy>/<mm>/<uuid>, never under the user's name, with the recorded hash.
    const rows = await ctx.db
      .selectFrom('attachments')
      .select(['id', 'storageKey', 'sha256', 'uploadedAt'])
      .where('appealId', '=', ownAppeal)
      .execute();
    expect(rows).toHaveLength(files.length);
    for (const row of rows) {
      expect(row.storageKey).toMatch(/^2025\/06\/[0-9a-f-]{36}$/);
      const content = fs.readFileSync(path.join(store, row.storageKey));
      expect(row.sha256).toBe(createHash('sha256').update(content).digest('hex'));
      expect(row.uploadedAt).toBe(ctx.clock.now().toISOString());
    }
    expect(storedFiles().sort()).toEqual(rows.map((r) => r.storageKey).sort());

    const audit = await auditAfter(ctx, seq);
    expect(audit.map((a) => a.action)).toEqual(Array(files.length).fill('appeal.attachment.add'));
    expect(audit.every((a) => a.entityId === ownAppeal)).toBe(true);
    expect(await countRows(ctx, 'appealTimeline')).toBe(timelineBefore + files.length);

    const detail = (await call(app, enterprise, 'GET', `/api/appeals/${ownAppeal}`)).json();
    expect(detail.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(
      files.map((f) => f.name).sort(),
    );
    const added = detail.timeline.filter((t: { kind: string }) => t.kind === 'attachmentAdded');
    expect(added.map((t: { data: { fileName: string } }) => t.data.fileName)).toEqual(
      files.map((f) => f.name),
    );
  });

  it('serves a download with the sniffed type, the UTF-8 file name and nosniff', async () => {
    const pdf = accepted['营业执照 (副本).pdf'];
    if (!pdf) throw new Error('the upload test runs first');
    const response = await call(app, enterprise, 'GET', `/api/appeals/${ownAppeal}/attachments/${pdf.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(pdf.content)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-length']).toBe(String(pdf.content.length));
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''${encodeURIComponent('营业执照')}%20%28${encodeURIComponent('副本')}%29.pdf`,
    );
    const csv = accepted['清单.csv'];
    const text = await call(app, office, 'GET', `/api/appeals/${ownAppeal}/attachments/${csv?.id}`);
    expect(text.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(text.body).toBe(CSV.toString('utf8'));
  });

  it('lets only those who may see the appeal download; everyone else learns nothing', async () => {
    const pdf = accepted['营业执照 (副本).pdf'] as { id: string };
    const url = `/api/appeals/${ownAppeal}/attachments/${pdf.id}`;
    // The office sees the whole city's pool.
    expect((await call(app, office, 'GET', url)).statusCode).toBe(200);
    // Enterprise B guessing enterprise A's attachment URL, a county office, a handler, a collector of another unit.
    for (const session of [enterpriseB, countyOffice, handler, collector]) {
      expectError(await call(app, session, 'GET', url), 'appeal.not_found');
    }
    // Nor through an appeal B may see.
    expectError(
      await call(app, enterpriseB, 'GET', `/api/appeals/${appealOfB}/attachments/${pdf.id}`),
      'attachment.not_found',
    );
    expectError(await call(app, null, 'GET', url), 'auth.unauthenticated');
  });

  it('refuses an executable renamed .pdf, and binary or NUL-bearing bytes named .txt', async () => {
    await refused('attachment.type_not_allowed', () =>
      upload(enterprise, ownAppeal, [{ name: '发票.pdf', content: EXE }]),
    );
    await refused('attachment.type_not_allowed', () =>
      upload(enterprise, ownAppeal, [{ name: 'notes.txt', content: Buffer.from('abc\0def') }]),
    );
    await refused('attachment.type_not_allowed', () =>
      upload(enterprise, ownAppeal, [{ name: 'notes.txt', content: Buffer.from([0x61, 0xc3, 0x28, 0x62]) }]),
    );
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(60)]);
    await refused('attachment.type_not_allowed', () =>
      upload(enterprise, ownAppeal, [{ name: 'a.zip', content: zip }]),
    );
  });

  it('refuses content that disagrees with its name', async () => {
    await refused('attachment.type_mismatch', () =>
      upload(enterprise, ownAppeal, [{ name: '扫描件.pdf', content: PNG }]),
    );
    await refused('attachment.type_mismatch', () =>
      upload(enterprise, ownAppeal, [{ name: '说明.pdf', content: Buffer.from('纯文本内容') }]),
    );
    await refused('attachment.type_mismatch', () =>
      upload(enterprise, ownAppeal, [{ name: 'image', content: PNG }]),
    );
  });

  it('refuses a file over the size limit, and keeps none of a batch with one bad file', async () => {
    await refused('attachment.too_large', () =>
      upload(enterprise, ownAppeal, [{ name: 'big.txt', content: Buffer.alloc(MAX_BYTES + 1, 0x61) }]),
    );
    // Exactly the limit is fine.
    const exact = await upload(enterprise, ownAppeal, [
      { name: 'exact.txt', content: Buffer.alloc(MAX_BYTES, 0x61) },
    ]);
    expect(exact.statusCode, exact.body).toBe(200);
    await refused('attachment.type_not_allowed', () =>
      upload(enterprise, ownAppeal, [
        { name: 'good.pdf', content: PDF },
        { name: 'bad.pdf', content: EXE },
      ]),
    );
    await refused('attachment.too_large', () =>
      upload(enterprise, ownAppeal, [
        { name: 'good.png', content: PNG },
        { name: 'big.csv', content: Buffer.alloc(MAX_BYTES + 10, 0x62) },
      ]),
    );
  });

  it('refuses an upload without files, an empty file, and a body that is not multipart', async () => {
    await refused('attachment.missing_file', () => upload(enterprise, ownAppeal, []));
    await refused('attachment.missing_file', () =>
      upload(enterprise, ownAppeal, [{ name: 'empty.pdf', content: Buffer.alloc(0) }]),
    );
    await refused('request.unsupported_media_type', () =>
      call(app, enterprise, 'POST', `/api/appeals/${ownAppeal}/attachments`, { file: 'x' }),
    );
  });

  it('allows only who may addAttachment: 404 when not visible, 403 when visible but not theirs', async () => {
    const file = [{ name: 'a.pdf', content: PDF }];
    // Enterprise B cannot see A's appeal; a county office cannot see a city one.
    await refused('appeal.not_found', () => upload(enterpriseB, ownAppeal, file));
    await refused('appeal.not_found', () => upload(countyOffice, ownAppeal, file));
    await refused('appeal.not_found', () => upload(collector, ownAppeal, file));
    await refused('appeal.not_found', () => upload(office, crypto.randomUUID(), file));
    // The enterprise sees the appeal the office recorded for it by phone, but its source is the office.
    await refused('auth.forbidden', () => upload(enterprise, phoneAppeal, file));
    await refused('auth.unauthenticated', () => upload(null, ownAppeal, file));
    // The office may attach to anything in its pool.
    expect((await upload(office, phoneAppeal, file)).statusCode).toBe(200);
  });

  it('ends the connection after refusing an upload before reading its body, and keeps it otherwise', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    // One keep-alive connection, as a browser would reuse it.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    afterAll(() => agent.destroy());
    interface Answer {
      status: number;
      body: string;
      connection: string | undefined;
    }
    /** Sends the headers and `sent` bytes of the body (all of it by default), and waits for the answer. */
    async function post(appealId: string, files: Upload[], sent?: number): Promise<Answer> {
      const form = new FormData();
      for (const file of files) form.append('file', new Blob([new Uint8Array(file.content)]), file.name);
      const encoded = new Response(form);
      const payload = Buffer.from(await encoded.arrayBuffer());
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `/api/appeals/${appealId}/attachments`,
            agent,
            timeout: 5000,
            headers: {
              'content-type': encoded.headers.get('content-type') as string,
              'content-length': payload.length,
              cookie: enterprise.cookie,
              'x-csrf-token': enterprise.csrfToken,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks).toString(),
                connection: response.headers.connection,
              });
              if (sent !== undefined) request.destroy();
            });
          },
        );
        request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
        request.on('error', (error) => (error.message.startsWith('no answer') ? reject(error) : undefined));
        if (sent === undefined) request.end(payload);
        else request.write(payload.subarray(0, sent));
      });
    }
    // Refused (no such appeal) while most of a 4 MiB body is still on its way: this connection cannot
    // carry another request until that rest arrives, so the answer closes it.
    const file = [{ name: 'big.txt', content: Buffer.alloc(4 * 1024 * 1024, 0x61) }];
    const refusedEarly = await post(crypto.randomUUID(), file, 64 * 1024);
    expect(refusedEarly.status).toBe(404);
    expect(JSON.parse(refusedEarly.body).code).toBe('appeal.not_found');
    expect(refusedEarly.connection).toBe('close');
    // A body read to its end leaves the connection open, refused or not.
    const refusedRead = await post(ownAppeal, [{ name: 'a.pdf', content: EXE }]);
    expect([refusedRead.status, refusedRead.connection]).toEqual([415, 'keep-alive']);
    const accepted = await post(ownAppeal, [
      { name: 'after.txt', content: Buffer.from('refused, then accepted') },
    ]);
    expect([accepted.status, accepted.connection]).toEqual([200, 'keep-alive']);
  });

  it('removes the stored files when the database refuses the rows', async () => {
    // A fault in the database itself, not in our code: a trigger that rejects attachment rows.
    if (testDialect === 'postgres') {
      await sql`create function refuse_attachment() returns trigger language plpgsql as $$
        begin raise exception 'disk full (test)'; end $$`.execute(ctx.db);
      await sql`create trigger refuse_attachment before insert on attachments
        for each row execute function refuse_attachment()`.execute(ctx.db);
    } else {
      await sql`create trigger refuse_attachment before insert on attachments
        begin select raise(abort, 'disk full (test)'); end`.execute(ctx.db);
    }
    try {
      await refused('server.internal', () =>
        upload(enterprise, ownAppeal, [
          { name: 'a.pdf', content: PDF },
          { name: 'b.png', content: PNG },
        ]),
      );
    } finally {
      await sql`drop trigger refuse_attachment ${sql.raw(testDialect === 'postgres' ? 'on attachments' : '')}`.execute(
        ctx.db,
      );
    }
  });
});
