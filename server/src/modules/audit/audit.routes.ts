import { AuditEntry, AuditQuery, AuditVerifyResult, paged } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import { startOfDateInZone } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { adminRegionScope } from '../org/org.policy.ts';
import { listAudit, verifyAuditChain } from './audit.repository.ts';

const tags = ['审计日志 Audit trail'];

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/**
 * Accepts a date (the start of that day in the city's time zone) or a full instant, written the way
 * stored instants are (toISOString), so that the text comparison in SQL orders them correctly.
 */
export function boundary(value: string | undefined, timeZone: string): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? startOfDateInZone(value, timeZone)
    : new Date(value).toISOString();
}

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '查询审计日志 Browse the audit trail',
        querystring: AuditQuery,
        response: { 200: paged(AuditEntry), ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      // The audit trail spans every region: only a city-level administrator reads it.
      if (adminRegionScope(actorOf(request)) !== null) throw new AppError('org.out_of_scope');
      const { page, pageSize, from, to, ...filter } = request.query;
      const { rows, total } = await listAudit(
        ctx.db,
        { ...filter, from: boundary(from, ctx.config.timeZone), to: boundary(to, ctx.config.timeZone) },
        page,
        pageSize,
      );
      return {
        items: rows.map((row) => ({
          seq: row.seq,
          at: row.at,
          actorId: row.actorId,
          actorName: row.actorName,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          before: parseJson(row.beforeJson),
          after: parseJson(row.afterJson),
          ip: row.ip,
          requestId: row.requestId,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: '校验审计日志哈希链 Verify the hash chain',
        response: { 200: AuditVerifyResult, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      if (adminRegionScope(actorOf(request)) !== null) throw new AppError('org.out_of_scope');
      return verifyAuditChain(ctx.db);
    },
  );
}
