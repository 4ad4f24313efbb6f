import { Dashboard, DashboardQuery, Rankings, RankingsQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { transact } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { contentDisposition } from '../attachments/content-disposition.ts';
import { XLSX } from '../exports/ledger-workbook.ts';
import { DASHBOARD_READER_ROLES, DASHBOARD_ROLES, getDashboard } from './dashboard.service.ts';
import { getRankings, rankingsWorkbook } from './rankings.service.ts';

const tags = ['统计分析 Dashboard'];

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary:
          '领导驾驶舱：按状态、渠道、类别、县区、分级、月份统计及办结率、按时办结率、满意率、重办率、平均办结工作日、当前逾期 The leaders’ dashboard: counts by status, channel, category, county, tier and month; closure, on-time, satisfaction and reopen rates; average working days to close; overdue now',
        description:
          'Overseers see the city (a county’s people their county) or one lead unit (unitId); a unit’s ' +
          'handlers and leaders see their own unit’s work only: the appeals it leads.',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errorResponses },
      },
      config: { access: DASHBOARD_READER_ROLES },
    },
    async (request) => getDashboard(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/dashboard/rankings',
    {
      schema: {
        tags,
        summary:
          '考核排名：各单位、各县区的按时办结率、办结率、满意率、重办、退回、督办及得分 Unit ranking: per unit and per county, on-time, closure and satisfaction rates, reopens, returns, supervision and a score',
        description:
          'The same readers and county scope as GET /api/dashboard (a county’s people: their county’s units ' +
          'and their county). The formula of the score is in the response.',
        querystring: RankingsQuery,
        response: { 200: Rankings, ...errorResponses },
      },
      config: { access: DASHBOARD_ROLES },
    },
    async (request) => getRankings(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/dashboard/rankings/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出考核排名 Export the unit ranking to Excel',
        description: 'Takes the parameters of GET /api/dashboard/rankings. Sheets: 单位排名, 县区排名.',
        querystring: RankingsQuery,
        response: {
          200: {
            description: 'An .xlsx workbook',
            content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      },
      config: { access: DASHBOARD_ROLES },
    },
    async (request, reply) => {
      const rankings = await getRankings(ctx, actorOf(request), request.query);
      const body = await rankingsWorkbook(ctx, rankings);
      await transact(ctx, requestMeta(request), (tx) =>
        tx.audit({
          action: 'dashboard.rankingsExport',
          entityType: 'dashboard',
          entityId: null,
          after: { format: 'xlsx', from: rankings.from, to: rankings.to, regionId: rankings.regionId },
        }),
      );
      const period = rankings.from || rankings.to ? `${rankings.from ?? ''}至${rankings.to ?? ''}` : '全部';
      return (reply as FastifyReply)
        .type(XLSX)
        .header('content-disposition', contentDisposition(`考核排名-${period}.xlsx`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
}
