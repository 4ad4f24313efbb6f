import { AppealQuery, AssignmentQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { transact } from '../../context.ts';
import { actorOf, requestMeta } from '../../plugins/auth.ts';
import { typed } from '../../plugins/route-kit.ts';
import { OVERSIGHT_ROLES } from '../appeals/appeals.policy.ts';
import { ASSIGNMENT_READER_ROLES } from '../handling/handling.service.ts';
import { WORKSPACE_READER_ROLES } from '../supervision/supervision.policy.ts';
import { getWorkspace } from '../supervision/supervision.service.ts';
import { ledgerColumns, ledgerPages } from './ledger-export.ts';
import { assignmentColumns, assignmentPages, workspaceColumns, workspaceRows } from './ledger-lists.ts';
import { sendAuditedSheet, sendSheet, xlsxResponse } from './ledger-workbook.ts';
import { canUseWorker, sendSheetFromWorker } from './sheet-worker.ts';

export function ledgerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/exports/ledger.xlsx',
    {
      schema: {
        tags: ['诉求 Appeals'],
        summary:
          '导出诉求台账 Export the ledger: every appeal in my region, with the pool’s filters, one row each with its handling',
        description:
          'The task-force office, leaders, the government office and the supervision office, each in their ' +
          'region scope (as the pool). Takes the filters and sort of GET /api/appeals (no paging) and streams ' +
          'every matching appeal, with no row cap. Columns: 编号, 提交时间, 企业, 统一社会信用代码, 县（区）, 渠道, ' +
          '收集单位, 类别, 标题, 内容, 状态, 分级办理, 办理层级, 主办单位, 协办单位, 办理措施, 办理期限, 原办理期限 ' +
          '(when extended), 签收时间, 办结时间, 按期办结 (the lead unit reported completion by the deadline), ' +
          '办理用时（工作日） (from the closing assignment to closure), 答复内容 (the accepted reply), 满意度评价 ' +
          '(the latest closure’s rating per unit), 重办次数, 督办层级 (the highest step taken), 最近进展日期. ' +
          'Times are the city’s local time. Each export is recorded in the audit trail.',
        querystring: AppealQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 诉求台账'),
      },
      config: { access: OVERSIGHT_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      const beforeSend = () =>
        transact(ctx, requestMeta(request), (tx) =>
          tx.audit({
            action: 'appeal.ledgerExport',
            entityType: 'appeal',
            entityId: null,
            after: { format: 'xlsx', filter: query },
          }),
        );
      // In a worker thread with its own connection (sheet-worker.ts), unless the database is in memory.
      if (canUseWorker(ctx)) {
        return sendSheetFromWorker(ctx, request, reply as FastifyReply, {
          name: '诉求台账',
          job: { kind: 'ledger', actor: actorOf(request), query },
          beforeSend,
        });
      }
      return sendSheet(ctx, request, reply as FastifyReply, {
        name: '诉求台账',
        sheetName: '诉求台账',
        columns: ledgerColumns,
        pages: ledgerPages(ctx, actorOf(request), query),
        beforeSend,
      });
    },
  );

  r.get(
    '/api/assignments/export.xlsx',
    {
      schema: {
        tags: ['办理 Handling'],
        summary: '导出交办事项 Export the assignments I list, with the same filters, to Excel (every row)',
        description:
          'The rows of GET /api/assignments for the same caller and filters, in its order, without paging. ' +
          'Columns: 编号, 诉求标题, 企业, 主办单位, 本单位角色, 状态, 交办时间, 签收期限, 办理期限, 协办意见期限, ' +
          '剩余工作日, 逾期, 逾期未签收.',
        querystring: AssignmentQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 交办事项'),
      },
      config: { access: ASSIGNMENT_READER_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '交办事项',
        columns: assignmentColumns,
        pages: assignmentPages(ctx, actorOf(request), query),
        action: 'assignment.export',
        entityType: 'assignment',
        filter: query,
      });
    },
  );

  r.get(
    '/api/supervision/workspace/export.xlsx',
    {
      schema: {
        tags: ['督查督办 Supervision'],
        summary: '导出督查工作台 Export the supervision workspace’s overdue and at-risk assignments to Excel',
        description:
          'The items of GET /api/supervision/workspace, in its order (red first, then the nearest deadline). ' +
          'Columns: 编号, 诉求标题, 主办单位, 县（区）, 状态, 办理期限, 剩余工作日, 预警等级, 预警, 已督办层级, ' +
          '待答复督办, 最新督办单.',
        response: xlsxResponse('An .xlsx workbook with one sheet, 督查督办'),
      },
      config: { access: WORKSPACE_READER_ROLES },
    },
    async (request, reply) => {
      const workspace = await getWorkspace(ctx, requestMeta(request));
      async function* pages() {
        yield workspaceRows(workspace);
      }
      return sendSheet(ctx, request, reply as FastifyReply, {
        name: '督查督办',
        sheetName: '督查督办',
        columns: workspaceColumns,
        pages: pages(),
        beforeSend: () =>
          transact(ctx, requestMeta(request), (tx) =>
            tx.audit({
              action: 'supervision.export',
              entityType: 'assignment',
              entityId: null,
              after: { format: 'xlsx', rows: workspace.items.length },
            }),
          ),
      });
    },
  );
}
