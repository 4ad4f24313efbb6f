import { HotTopics, HotTopicsQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { transact } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { OVERSIGHT_DASHBOARD_ROLES } from '../dashboard/dashboard.policy.ts';
import { XLSX } from '../exports/ledger-workbook.ts';
import { getHotTopics, hotTopicsWorkbook } from './topics.service.ts';

const tags = ['统计分析 Dashboard'];

export function topicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/dashboard/hot-topics',
    {
      schema: {
        tags,
        summary:
          '热点问题：一段期间内出现最多的词语和问题类别，及与上一同长期间的对比 Hot topics: the most frequent words and categories of a period, with the trend against the previous period of equal length',
        description:
          'The same readers and county scope as GET /api/dashboard. Words come from Chinese segmentation ' +
          '(jieba): each appeal counts once under each of its top 8 keywords of title and content; the ' +
          'counts are kept up to date when appeals are written, never recomputed here.',
        querystring: HotTopicsQuery,
        response: { 200: HotTopics, ...errorResponses },
      },
      config: { access: OVERSIGHT_DASHBOARD_ROLES },
    },
    async (request) => getHotTopics(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/dashboard/hot-topics/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出热点问题 Export the hot topics (words and categories with their trend) to Excel',
        description: 'Takes the parameters of GET /api/dashboard/hot-topics. Sheets: 热点词语, 问题类别.',
        querystring: HotTopicsQuery,
        response: {
          200: {
            description: 'An .xlsx workbook',
            content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      },
      config: { access: OVERSIGHT_DASHBOARD_ROLES },
    },
    async (request, reply) => {
      const topics = await getHotTopics(ctx, actorOf(request), request.query);
      const region = topics.regionId
        ? await ctx.db
            .selectFrom('regions')
            .select('name')
            .where('id', '=', topics.regionId)
            .executeTakeFirst()
        : undefined;
      const body = await hotTopicsWorkbook(topics, region?.name ?? null);
      await transact(ctx, requestMeta(request), (tx) =>
        tx.audit({
          action: 'dashboard.hotTopicsExport',
          entityType: 'dashboard',
          entityId: null,
          after: { format: 'xlsx', from: topics.from, to: topics.to, regionId: topics.regionId },
        }),
      );
      return (reply as FastifyReply)
        .type(XLSX)
        .header('content-disposition', contentDisposition(`热点问题-${topics.from}-${topics.to}.xlsx`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
}
