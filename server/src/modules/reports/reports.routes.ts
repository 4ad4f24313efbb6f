import { Id, StoredReportList, SummaryReportQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { OVERSIGHT_DASHBOARD_ROLES } from '../dashboard/dashboard.policy.ts';
import { generateSummary, listReports, reportFile } from './reports.service.ts';

const tags = ['定期报告 Reports'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The dashboard's overseers: a county's people get their county, the city's people any. */
const READERS = OVERSIGHT_DASHBOARD_ROLES;

const docxResponse = (description: string) => ({
  200: { description, content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } } },
  ...errorResponses,
});

function sendDocx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .type(DOCX)
    .header('content-disposition', contentDisposition(fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/reports/summary.docx',
    {
      schema: {
        tags,
        summary:
          '生成诉求办理情况报告（Word，公文格式）：月度、季度或自选期间 The summary for the leaders of a month, quarter or range, as Word',
        description:
          'Figures and rates of the dashboard, categories and counties with charts (PNG), the unit rankings, the ' +
          'overdue and supervised items. A county’s people get their county. Each generation is audited.',
        querystring: SummaryReportQuery,
        response: docxResponse('诉求办理情况报告 The summary report'),
      },
      config: { access: READERS },
    },
    async (request, reply) => {
      const summary = await generateSummary(ctx, requestMeta(request), request.query);
      return sendDocx(reply as FastifyReply, summary.fileName, summary.docx);
    },
  );

  r.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: '已生成的定期报告 The scheduled reports the caller may open, newest first',
        response: { 200: StoredReportList, ...errorResponses },
      },
      config: { access: READERS },
    },
    async (request) => listReports(ctx, actorOf(request)),
  );

  r.get(
    '/api/reports/:id/download',
    {
      schema: {
        tags,
        summary: '下载定期报告 Download a scheduled report',
        params: z.object({ id: Id }),
        response: docxResponse('定期报告 The stored report'),
      },
      config: { access: READERS },
    },
    async (request, reply) => {
      const file = await reportFile(ctx, requestMeta(request), request.params.id);
      return sendDocx(reply as FastifyReply, file.fileName, file.body);
    },
  );
}
