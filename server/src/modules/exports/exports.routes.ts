import { PassThrough } from 'node:stream';
import { AppealQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { transact } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { type ExportRow, exportPages, writeAppealWorkbook } from './appeal-export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The same readers as GET /api/appeals, enterprise included: each exports exactly the rows the
 * pool shows them (an enterprise its own appeals; handlers and unit leaders, who see none yet,
 * an empty sheet).
 */
const EXPORT_READERS = [
  'enterprise',
  'collector',
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'handler',
  'unitLeader',
] as const;

export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  typed(app).get(
    '/api/appeals/export.xlsx',
    {
      schema: {
        tags: ['诉求 Appeals'],
        summary: '导出诉求池 Export the appeals I may see, with the pool’s filters, to Excel (every row)',
        description:
          'Takes the filters and sort of GET /api/appeals (no paging) and streams every matching row the ' +
          'caller may see. Columns: 编号, 企业, 统一社会信用代码, 县（区）, 标题, 内容, 类别, 渠道, 收集单位, ' +
          '状态, 提交时间 (the city’s local time), 共性问题. Each export is recorded in the audit trail.',
        querystring: AppealQuery.omit({ page: true, pageSize: true }),
        response: {
          200: {
            description: 'An .xlsx workbook with one sheet, 诉求池',
            content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      },
      config: { access: EXPORT_READERS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const query = request.query;
      const pages = exportPages(ctx, actor, query);
      // The first page before any header is sent: a failing query still answers with an error.
      const first = await pages.next();
      await transact(ctx, requestMeta(request), (tx) =>
        tx.audit({
          action: 'appeal.export',
          entityType: 'appeal',
          entityId: null,
          after: { format: 'xlsx', filter: query },
        }),
      );
      async function* all(): AsyncGenerator<ExportRow[]> {
        if (!first.done) yield first.value;
        yield* pages;
      }
      const out = new PassThrough();
      writeAppealWorkbook(ctx, all(), out).catch((error: unknown) => {
        request.log.error({ err: error }, 'appeal export failed');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      const day = dateInZone(ctx.clock.now(), ctx.config.timeZone).replaceAll('-', '');
      // A stream, not the JSON the typed reply expects.
      return (reply as FastifyReply)
        .type(XLSX)
        .header('content-disposition', contentDisposition(`诉求池-${day}.xlsx`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(out);
    },
  );
}
