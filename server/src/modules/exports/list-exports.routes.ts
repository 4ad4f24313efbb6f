import { AuditQuery, EventQuery, PersonQuery, VerificationRequestQuery } from '@f2f/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.ts';
import { typed } from '../../plugins/route-kit.ts';
import { OVERSIGHT_ROLES } from '../appeals/appeals.policy.ts';
import { boundary } from '../audit/audit.routes.ts';
import { EVENT_READER_ROLES } from '../events/events.policy.ts';
import { adminRegionScope, PEOPLE_READER_ROLES } from '../org/org.policy.ts';
import { REQUEST_READER_ROLES } from '../verification/verification.service.ts';
import { sendAuditedSheet, xlsxResponse } from './ledger-workbook.ts';
import {
  auditColumns,
  auditPages,
  commonIssueColumns,
  commonIssuePages,
  eventColumns,
  eventPages,
  peopleColumns,
  peoplePages,
  verificationRequestColumns,
  verificationRequestPages,
} from './list-exports.ts';

const CommonIssueExportQuery = z.object({
  q: z.string().trim().max(100).optional().describe('The title or the description contains it (as the page)'),
});

export function listExportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/audit/export.xlsx',
    {
      schema: {
        tags: ['审计日志 Audit trail'],
        summary: '导出审计日志 Export the audit trail, with the same filters, to Excel (every row)',
        description:
          'The rows of GET /api/audit for the same filters, newest first, without paging; a city-level ' +
          'administrator only, as the list. Columns: 序号, 时间 (the city’s local time), 操作人, 操作, 对象类型, ' +
          '对象编号, IP 地址, 请求编号, 变更前, 变更后 (the recorded JSON). The export itself is recorded in the trail.',
        querystring: AuditQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 审计日志'),
      },
      config: { access: ['admin'] },
    },
    async (request, reply) => {
      // The audit trail spans every region: only a city-level administrator reads it (as GET /api/audit).
      if (adminRegionScope(actorOf(request)) !== null) throw new AppError('org.out_of_scope');
      const query = request.query;
      const zone = ctx.config.timeZone;
      const filter = { ...query, from: boundary(query.from, zone), to: boundary(query.to, zone) };
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '审计日志',
        columns: auditColumns,
        pages: auditPages(ctx, filter),
        action: 'audit.export',
        entityType: 'auditLog',
        filter: query,
      });
    },
  );

  r.get(
    '/api/org/people/export.xlsx',
    {
      schema: {
        tags: ['组织机构 Organisation'],
        summary: '导出人员 Export the people I list, with the same filters, to Excel (every row)',
        description:
          'The rows of GET /api/org/people for the same caller and filters (administrators: their region; ' +
          'unit leaders: their unit), by username, without paging. Columns: 用户名, 姓名, 职务, 所属单位, ' +
          '县（区）, 角色, 手机, 电子邮箱, 状态, 已锁定, 最近登录.',
        querystring: PersonQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 人员'),
      },
      config: { access: PEOPLE_READER_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '人员',
        columns: peopleColumns,
        pages: peoplePages(ctx, actorOf(request), query),
        action: 'person.export',
        entityType: 'person',
        filter: query,
      });
    },
  );

  r.get(
    '/api/common-issues/export.xlsx',
    {
      schema: {
        tags: ['共性问题 Common issues'],
        summary: '导出共性问题 Export the common issues I see to Excel',
        description:
          'The common issues of GET /api/common-issues for the same caller (every one for the city, a ' +
          'county’s own for the county), newest first, with no cap; `q` keeps those whose title or ' +
          'description contains it, as the page’s search. Columns: 标题, 说明, 县（区）, 诉求数, 创建人, 创建时间.',
        querystring: CommonIssueExportQuery,
        response: xlsxResponse('An .xlsx workbook with one sheet, 共性问题'),
      },
      config: { access: OVERSIGHT_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '共性问题',
        columns: commonIssueColumns,
        pages: commonIssuePages(ctx, actorOf(request), query),
        action: 'commonIssue.export',
        entityType: 'commonIssue',
        filter: query,
      });
    },
  );

  r.get(
    '/api/events/export.xlsx',
    {
      schema: {
        tags: ['“面对面”活动 Events'],
        summary: '导出活动列表 Export the events I list, with the same filter, to Excel (every row)',
        description:
          'The rows of GET /api/events for the same caller and filter, newest first, without paging. ' +
          'Columns: 活动名称, 活动类型, 活动日期, 活动地点, 所属地区, 状态, 目录报送截止, 逾期报送, ' +
          '剩余工作日 (to the catalogue’s deadline, while it is drafted), 事项数.',
        querystring: EventQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 活动'),
      },
      config: { access: EVENT_READER_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '活动',
        columns: eventColumns,
        pages: eventPages(ctx, actorOf(request), query),
        action: 'event.export',
        entityType: 'event',
        filter: query,
      });
    },
  );

  r.get(
    '/api/verification-requests/export.xlsx',
    {
      schema: {
        tags: ['核实与分级办理 Verification and tiers'],
        summary: '导出核实请求 Export the verification requests I list, with the same filters, to Excel',
        description:
          'The rows of GET /api/verification-requests for the same caller and filters (my unit’s, or my ' +
          'region’s for the office and oversight), in its order (open ones first, soonest due first), ' +
          'without paging. Columns: 编号, 诉求标题, 企业, 核实单位, 核实事项, 发起人, 发起时间, 答复期限, 状态, ' +
          '剩余工作日, 逾期, 答复内容, 答复人, 答复时间.',
        querystring: VerificationRequestQuery.omit({ page: true, pageSize: true }),
        response: xlsxResponse('An .xlsx workbook with one sheet, 核实请求'),
      },
      config: { access: REQUEST_READER_ROLES },
    },
    async (request, reply) => {
      const query = request.query;
      return sendAuditedSheet(ctx, request, reply as FastifyReply, {
        name: '核实请求',
        columns: verificationRequestColumns,
        pages: verificationRequestPages(ctx, actorOf(request), query),
        action: 'verificationRequest.export',
        entityType: 'verificationRequest',
        filter: query,
      });
    },
  );
}
