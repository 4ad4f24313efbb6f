import { EventAccountability, IdParams } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { transact } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { sendSheet, XLSX } from '../exports/ledger-workbook.ts';
import { accountabilityColumns, accountabilityRows, getEventAccountability } from './event-accountability.ts';
import { EVENT_READER_ROLES } from './events.policy.ts';

const tags = ['“面对面”活动 Events'];

/** Those who may see an event (events.policy canViewEvent decides the region). */

export function eventAccountabilityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/events/:id/accountability',
    {
      schema: {
        tags,
        summary:
          '事项落实情况（一页看全）：每项诉求的处理意见、主办协办、期限、状态、逾期、进展、督办、评价 An event’s accountability view: each catalogue item’s ruling, units, deadline, status, overdue days, last progress, supervision and rating',
        params: IdParams,
        response: { 200: EventAccountability, ...errorResponses },
      },
      config: { access: EVENT_READER_ROLES },
    },
    async (request) => getEventAccountability(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/events/:id/accountability/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出事项落实情况 Export an event’s accountability view to Excel',
        description:
          'Columns: 序号, 编号, 企业, 诉求标题, 处理意见, 主办单位, 协办单位, 办理期限, 当前状态, 按期办结, ' +
          '逾期（工作日）, 最近进展, 督办层级, 满意度（主办）. The export is recorded in the audit trail.',
        params: IdParams,
        response: {
          200: {
            description: 'An .xlsx workbook with one sheet, 事项落实情况',
            content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      },
      config: { access: EVENT_READER_ROLES },
    },
    async (request, reply) => {
      const view = await getEventAccountability(ctx, actorOf(request), request.params.id);
      async function* pages() {
        yield accountabilityRows(ctx, view);
      }
      return sendSheet(ctx, request, reply as FastifyReply, {
        name: '事项落实情况',
        sheetName: '事项落实情况',
        columns: accountabilityColumns,
        pages: pages(),
        beforeSend: () =>
          transact(ctx, requestMeta(request), (tx) =>
            tx.audit({
              action: 'event.accountabilityExport',
              entityType: 'event',
              entityId: view.eventId,
              after: { format: 'xlsx', items: view.items.length },
            }),
          ),
      });
    },
  );
}
