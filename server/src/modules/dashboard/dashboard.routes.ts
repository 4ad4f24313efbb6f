import { Dashboard, DashboardQuery } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { DASHBOARD_ROLES, getDashboard } from './dashboard.service.ts';

const tags = ['统计分析 Dashboard'];

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary:
          '领导驾驶舱：按状态、渠道、类别、县区、分级、月份统计及办结率、按时办结率、满意率、重办率、当前逾期 The leaders’ dashboard: counts by status, channel, category, county, tier and month; closure, on-time, satisfaction and reopen rates; overdue now',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errorResponses },
      },
      config: { access: DASHBOARD_ROLES },
    },
    async (request) => getDashboard(ctx, actorOf(request), request.query),
  );
}
