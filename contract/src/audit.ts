import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: Instant,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string().describe('e.g. auth.login, org.unit.update'),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A date (YYYY-MM-DD, the start of that day in the city's time zone) or a UTC instant such as 2025-07-15T03:00:00.000Z. */
const AuditBoundary = z.union([IsoDate, z.iso.datetime()]);

export const AuditQuery = z.object({
  actorId: Id.optional(),
  action: z.string().max(60).optional().describe('Exact action, or a prefix ending in "." such as "auth."'),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  from: AuditBoundary.optional().describe('ISO instant or date, inclusive'),
  to: AuditBoundary.optional().describe('ISO instant or date, exclusive'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
