import { PassThrough } from 'node:stream';
import {
  CreateEnterpriseInput,
  Enterprise,
  EnterpriseFilter,
  EnterpriseOverview,
  EnterpriseQuery,
  EnterpriseSummary,
  IdParams,
  ImportQuery,
  ImportResult,
  paged,
  type Role,
  UpdateEnterpriseInput,
} from '@f2f/contract';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import * as service from './enterprises.service.ts';
import { writeEnterpriseExport } from './export.ts';
import {
  buildTemplate,
  importEnterprises,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  templateRegionNames,
  XLSX_MIME,
} from './import.ts';

const tags = ['企业 Enterprises'];

/** Government roles that read the register (each in its region scope; see enterprises.policy.ts). */
const READERS: readonly Role[] = [
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'admin',
];
/** Those who read one enterprise: the readers, and an enterprise account its own. */
const ONE_READERS: readonly Role[] = [...READERS, 'enterprise'];
const KEEPERS: readonly Role[] = ['taskForceOffice', 'admin'];

/** A file download as OpenAPI describes it; the body is bytes, never serialised. */
const xlsxResponse = {
  description: 'An Excel workbook (.xlsx)',
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
};

/**
 * The upload as OpenAPI documents it. The multipart parser leaves the body empty (the handler reads
 * the file part itself), so the schema validates nothing and only describes.
 */
const UploadBody = z.unknown().meta({
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The filled-in template (.xlsx)' } },
});

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendXlsx(reply: FastifyReply, fileName: string, fallback: string) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachment(fileName, fallback))
    .header('cache-control', 'no-store');
}

/** Reads the one file part of an import request and imports it (or only validates it, on a dry run). */
async function importUpload(ctx: AppContext, request: FastifyRequest, dryRun: boolean) {
  if (!request.isMultipart())
    throw new AppError('enterprise.import_file_invalid', { reason: 'notMultipart' });
  const file = await request.file();
  if (!file) throw new AppError('enterprise.import_file_invalid', { reason: 'noFile' });
  let buffer: Buffer;
  try {
    buffer = await file.toBuffer();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('request.body_too_large', { maxBytes: MAX_IMPORT_BYTES });
    throw error;
  }
  return importEnterprises(ctx, requestMeta(request), buffer, dryRun);
}

export async function enterpriseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = typed(app);

  r.get(
    '/api/enterprises',
    {
      schema: {
        tags,
        summary: '企业名录 The enterprise register: search and filter (your region scope)',
        querystring: EnterpriseQuery,
        response: { 200: paged(EnterpriseSummary), ...errorResponses },
      },
      config: { access: READERS },
    },
    async (request) => service.listEnterprises(ctx, requestMeta(request), request.query),
  );

  r.get(
    '/api/enterprises/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出企业名录 Export the register as .xlsx (same filters as the list, no row limit)',
        querystring: EnterpriseFilter,
        response: { 200: xlsxResponse, ...errorResponses },
      },
      config: { access: READERS },
    },
    async (request, reply) => {
      const meta = requestMeta(request);
      const actor = service.actorOf(meta);
      // Scope problems answer as JSON errors before the first byte of the file.
      const filter = service.scopedFilter(actor, request.query);
      const stream = new PassThrough();
      writeEnterpriseExport(ctx, actor, filter, stream).catch((error: unknown) => {
        request.log.error({ err: error }, 'enterprise export failed');
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      const day = dateInZone(ctx.clock.now(), ctx.config.timeZone);
      return sendXlsx(reply, `企业名录-${day}.xlsx`, `enterprises-${day}.xlsx`).send(stream);
    },
  );

  r.get(
    '/api/enterprises/import-template.xlsx',
    {
      schema: {
        tags,
        summary: '下载企业导入模板 The import template (.xlsx with drop-downs and instructions)',
        response: { 200: xlsxResponse, ...errorResponses },
      },
      config: { access: KEEPERS },
    },
    async (request, reply) => {
      const actor = service.actorOf(requestMeta(request));
      const buffer = await buildTemplate(await templateRegionNames(ctx.db, actor));
      return sendXlsx(reply, '企业名录导入模板.xlsx', 'enterprise-import-template.xlsx').send(buffer);
    },
  );

  r.get(
    '/api/enterprises/:id',
    {
      schema: {
        tags,
        summary: '企业详情 An enterprise',
        params: IdParams,
        response: { 200: Enterprise, ...errorResponses },
      },
      config: { access: ONE_READERS },
    },
    async (request) => service.getEnterprise(ctx, requestMeta(request), request.params.id),
  );

  r.get(
    '/api/enterprises/:id/overview',
    {
      schema: {
        tags,
        summary: '企业 360° 视图 Enterprise 360°: appeals, exchanges, stages, contacts, accounts',
        params: IdParams,
        response: { 200: EnterpriseOverview, ...errorResponses },
      },
      config: { access: ONE_READERS },
    },
    async (request) => service.getOverview(ctx, requestMeta(request), request.params.id),
  );

  r.post(
    '/api/enterprises',
    {
      schema: {
        tags,
        summary: '登记企业 Register an enterprise',
        body: CreateEnterpriseInput,
        response: { 200: Enterprise, ...errorResponses },
      },
      config: { access: ['collector', 'taskForceOffice', 'admin'] },
    },
    async (request) => service.createEnterprise(ctx, requestMeta(request), request.body),
  );

  r.patch(
    '/api/enterprises/:id',
    {
      schema: {
        tags,
        summary: '修改企业信息 Update an enterprise (fields by role; needs version)',
        params: IdParams,
        body: UpdateEnterpriseInput,
        response: { 200: Enterprise, ...errorResponses },
      },
      config: { access: ['enterprise', 'collector', 'taskForceOffice', 'admin'] },
    },
    async (request) => service.updateEnterprise(ctx, requestMeta(request), request.params.id, request.body),
  );

  // The upload parser lives in this scope only: no other route accepts multipart bodies.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 },
    });
    typed(scoped).post(
      '/api/enterprises/import',
      {
        schema: {
          tags,
          summary: '批量导入企业 Import enterprises from the .xlsx template (all or nothing)',
          description:
            'multipart/form-data with one file part (the filled-in template, at most 5 MB and ' +
            `${MAX_IMPORT_ROWS} rows). Every row is validated; any bad row answers 422 ` +
            'enterprise.import_rows_invalid with details = [{row, column, message}] and imports nothing. ' +
            'A file that is not an xlsx (by its content) answers 400 enterprise.import_file_invalid. ' +
            '?dryRun=true validates only.',
          consumes: ['multipart/form-data'],
          body: UploadBody,
          querystring: ImportQuery,
          response: { 200: ImportResult, ...errorResponses },
        },
        config: { access: KEEPERS },
      },
      async (request, reply) => {
        try {
          return await importUpload(ctx, request, request.query.dryRun === 'true');
        } catch (error) {
          // Refused before the upload was read to its end (e.g. too large): close the connection after
          // the answer, or a keep-alive client's next request would wait behind the unread rest.
          if (!request.raw.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    );
  });
}
