import {
  type AuditQuery,
  type EventQuery,
  eventKindLabels,
  eventStatusLabels,
  type PersonQuery,
  roleLabels,
  type VerificationRequestQuery,
  verificationRequestStatusLabels,
} from '@f2f/contract';
import type { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import { intToBool } from '../../db/dialect.ts';
import { visibleCommonIssues } from '../appeals/common-issues.service.ts';
import { type AuditFilter, filteredAudit } from '../audit/audit.repository.ts';
import { visibleEvents } from '../events/events.service.ts';
import { listPeople, listRegions } from '../org/org.repository.ts';
import { peopleFilter } from '../org/org.service.ts';
import { orderedRequests, toRequest, visibleRequests } from '../verification/verification.service.ts';
import { EXPORT_PAGE_SIZE, wallClock } from './appeal-export.ts';
import { excelDate, type SheetCell, type SheetColumn } from './ledger-workbook.ts';

/**
 * The Excel exports of the remaining lists: the audit trail, people, common issues, events and
 * verification requests. Each reads its rows through the list's own query (same filters, same scope),
 * every page of them rather than the page on screen.
 */

type Row<C extends readonly SheetColumn[]> = Record<C[number]['key'], SheetCell>;

// ---- 审计日志 (GET /api/audit) ----

export type AuditExportQuery = Omit<z.infer<typeof AuditQuery>, 'page' | 'pageSize'>;

export const auditColumns = [
  { header: '序号', key: 'seq', width: 10, kind: 'integer' },
  { header: '时间', key: 'at', width: 20, kind: 'datetime' },
  { header: '操作人', key: 'actorName', width: 14 },
  { header: '操作', key: 'action', width: 26 },
  { header: '对象类型', key: 'entityType', width: 16 },
  { header: '对象编号', key: 'entityId', width: 38 },
  { header: 'IP 地址', key: 'ip', width: 16 },
  { header: '请求编号', key: 'requestId', width: 24 },
  { header: '变更前', key: 'before', width: 50 },
  { header: '变更后', key: 'after', width: 50 },
] as const satisfies readonly SheetColumn[];

/** Excel keeps at most 32,767 characters in a cell; a longer record is cut with a mark. */
const CELL_MAX = 32_767;

function clip(text: string | null): string {
  if (text === null) return '';
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX - 1)}…` : text;
}

/**
 * The audit rows of the filter (bounds already as instants, as the list turns them), newest first as the
 * list shows them: keyset pages on seq.
 */
export async function* auditPages(
  ctx: Pick<AppContext, 'db' | 'config'>,
  filter: AuditFilter,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row<typeof auditColumns>[]> {
  const zone = ctx.config.timeZone;
  let before: number | null = null;
  for (;;) {
    let page = filteredAudit(ctx.db, filter).selectAll();
    if (before !== null) page = page.where('seq', '<', before);
    const rows = await page.orderBy('seq', 'desc').limit(pageSize).execute();
    if (rows.length > 0) {
      yield rows.map((r) => ({
        seq: Number(r.seq),
        at: wallClock(r.at, zone),
        actorName: r.actorName ?? (r.actorId === null ? '系统' : ''),
        action: r.action,
        entityType: r.entityType ?? '',
        entityId: r.entityId ?? '',
        ip: r.ip ?? '',
        requestId: r.requestId ?? '',
        before: clip(r.beforeJson),
        after: clip(r.afterJson),
      }));
    }
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last) return;
    before = Number(last.seq);
  }
}

// ---- 人员 (GET /api/org/people) ----

export type PeopleExportQuery = Omit<z.infer<typeof PersonQuery>, 'page' | 'pageSize'>;

export const peopleColumns = [
  { header: '用户名', key: 'username', width: 16 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '职务', key: 'title', width: 16 },
  { header: '所属单位', key: 'orgName', width: 30 },
  { header: '县（区）', key: 'regionName', width: 10 },
  { header: '角色', key: 'roles', width: 30 },
  { header: '手机', key: 'phone', width: 14 },
  { header: '电子邮箱', key: 'email', width: 24 },
  { header: '状态', key: 'status', width: 8 },
  { header: '已锁定', key: 'locked', width: 8 },
  { header: '最近登录', key: 'lastLoginAt', width: 18, kind: 'datetime' },
] as const satisfies readonly SheetColumn[];

/**
 * The people the caller may list (an administrator: their region; a unit leader: their unit) with the
 * list's filters, in its order (username): offset pages of the list's own query.
 */
export async function* peoplePages(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  actor: Actor,
  query: PeopleExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row<typeof peopleColumns>[]> {
  const filter = peopleFilter(actor, query);
  const zone = ctx.config.timeZone;
  const regions = new Map((await listRegions(ctx.db)).map((r) => [r.id, r.name]));
  const now = ctx.clock.now().toISOString();
  for (let page = 1; ; page++) {
    const { items } = await listPeople(ctx.db, filter, page, pageSize, now);
    if (items.length > 0) {
      yield items.map((p) => ({
        username: p.username,
        name: p.name,
        title: p.title ?? '',
        orgName: p.orgName,
        regionName: regions.get(p.regionId) ?? '',
        roles: p.roles.map((role) => roleLabels[role].zh).join('、'),
        phone: p.phone ?? '',
        email: p.email ?? '',
        status: p.active ? '启用' : '停用',
        locked: p.locked ? '是' : '',
        lastLoginAt: p.lastLoginAt ? wallClock(p.lastLoginAt, zone) : null,
      }));
    }
    if (items.length < pageSize) return;
  }
}

// ---- 共性问题 (GET /api/common-issues) ----

export interface CommonIssueExportQuery {
  /** The page's search: the title or the description contains it. */
  q?: string | undefined;
}

export const commonIssueColumns = [
  { header: '标题', key: 'title', width: 30 },
  { header: '说明', key: 'description', width: 50 },
  { header: '县（区）', key: 'regionName', width: 10 },
  { header: '诉求数', key: 'appealCount', width: 8, kind: 'integer' },
  { header: '创建人', key: 'createdByName', width: 12 },
  { header: '创建时间', key: 'createdAt', width: 18, kind: 'datetime' },
] as const satisfies readonly SheetColumn[];

/**
 * The common issues the caller sees, newest first as the list shows them, those whose title or
 * description contains the search (as the page filters them): keyset pages on (createdAt, id).
 */
export async function* commonIssuePages(
  ctx: AppContext,
  actor: Actor,
  query: CommonIssueExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row<typeof commonIssueColumns>[]> {
  const zone = ctx.config.timeZone;
  const q = query.q?.trim();
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    let page = visibleCommonIssues(ctx, actor)
      .innerJoin('regions as r', 'r.id', 'c.regionId')
      .select('r.name as regionName');
    if (after) {
      const { createdAt, id } = after;
      page = page.where((eb) =>
        eb.or([
          eb('c.createdAt', '<', createdAt),
          eb.and([eb('c.createdAt', '=', createdAt), eb('c.id', '<', id)]),
        ]),
      );
    }
    const rows = await page.orderBy('c.createdAt', 'desc').orderBy('c.id', 'desc').limit(pageSize).execute();
    const matching = q
      ? rows.filter((r) => r.title.includes(q) || (r.description?.includes(q) ?? false))
      : rows;
    if (matching.length > 0) {
      yield matching.map((r) => ({
        title: r.title,
        description: r.description ?? '',
        regionName: r.regionName,
        appealCount: Number(r.appealCount ?? 0),
        createdByName: r.createdByName ?? '',
        createdAt: wallClock(r.createdAt, zone),
      }));
    }
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

// ---- “面对面”活动 (GET /api/events) ----

export type EventExportQuery = Omit<z.infer<typeof EventQuery>, 'page' | 'pageSize'>;

export const eventColumns = [
  { header: '活动名称', key: 'title', width: 40 },
  { header: '活动类型', key: 'kind', width: 14 },
  { header: '活动日期', key: 'date', width: 12, kind: 'date' },
  { header: '活动地点', key: 'venue', width: 24 },
  { header: '所属地区', key: 'regionName', width: 10 },
  { header: '状态', key: 'status', width: 12 },
  { header: '目录报送截止', key: 'catalogueDueDate', width: 14, kind: 'date' },
  { header: '逾期报送', key: 'catalogueLate', width: 10 },
  { header: '剩余工作日', key: 'workingDaysToDue', width: 10, kind: 'integer' },
  { header: '事项数', key: 'itemCount', width: 8, kind: 'integer' },
] as const satisfies readonly SheetColumn[];

/** The events the caller sees with the list's filter, newest first: keyset pages on (date, id). */
export async function* eventPages(
  ctx: Pick<AppContext, 'db' | 'config' | 'calendar' | 'clock'>,
  actor: Actor,
  query: EventExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row<typeof eventColumns>[]> {
  const today = dateInZone(ctx.clock.now(), ctx.config.timeZone);
  let after: { date: string; id: string } | null = null;
  for (;;) {
    let page = visibleEvents(ctx.db, actor, query)
      .select([
        'ev.id',
        'ev.kind',
        'ev.title',
        'ev.date',
        'ev.venue',
        'r.name as regionName',
        'ev.status',
        'ev.catalogueDueDate',
        'ev.catalogueLate',
      ])
      .select((eb) =>
        eb
          .selectFrom('catalogueItems as ci')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('ci.eventId', '=', 'ev.id')
          .as('itemCount'),
      );
    if (after) {
      const { date, id } = after;
      page = page.where((eb) =>
        eb.or([eb('ev.date', '<', date), eb.and([eb('ev.date', '=', date), eb('ev.id', '<', id)])]),
      );
    }
    const rows = await page.orderBy('ev.date', 'desc').orderBy('ev.id', 'desc').limit(pageSize).execute();
    if (rows.length > 0) {
      yield rows.map((r) => ({
        title: r.title,
        kind: eventKindLabels[r.kind as keyof typeof eventKindLabels]?.zh ?? r.kind,
        date: excelDate(r.date),
        venue: r.venue ?? '',
        regionName: r.regionName,
        status: eventStatusLabels[r.status as keyof typeof eventStatusLabels]?.zh ?? r.status,
        catalogueDueDate: excelDate(r.catalogueDueDate),
        catalogueLate: intToBool(r.catalogueLate) ? '是' : '',
        // As the list computes it (events.service.ts listEvents): only while the catalogue is drafted.
        workingDaysToDue:
          r.status === 'drafting' ? ctx.calendar.workdaysBetweenOrNull(today, r.catalogueDueDate) : null,
        itemCount: Number(r.itemCount ?? 0),
      }));
    }
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last) return;
    after = { date: last.date, id: last.id };
  }
}

// ---- 核实请求 (GET /api/verification-requests) ----

export type VerificationRequestExportQuery = Omit<
  z.infer<typeof VerificationRequestQuery>,
  'page' | 'pageSize'
>;

export const verificationRequestColumns = [
  { header: '编号', key: 'appealNumber', width: 16 },
  { header: '诉求标题', key: 'appealTitle', width: 30 },
  { header: '企业', key: 'enterpriseName', width: 30 },
  { header: '核实单位', key: 'unitName', width: 24 },
  { header: '核实事项', key: 'question', width: 40 },
  { header: '发起人', key: 'requestedByName', width: 12 },
  { header: '发起时间', key: 'requestedAt', width: 18, kind: 'datetime' },
  { header: '答复期限', key: 'dueDate', width: 12, kind: 'date' },
  { header: '状态', key: 'status', width: 10 },
  { header: '剩余工作日', key: 'workingDaysLeft', width: 10, kind: 'integer' },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '答复内容', key: 'answer', width: 40 },
  { header: '答复人', key: 'answeredByName', width: 12 },
  { header: '答复时间', key: 'answeredAt', width: 18, kind: 'datetime' },
] as const satisfies readonly SheetColumn[];

/**
 * The verification requests the caller sees with the list's filters, in its order (open ones first,
 * soonest due first): offset pages of the list's own query and order.
 */
export async function* verificationRequestPages(
  ctx: AppContext,
  actor: Actor,
  query: VerificationRequestExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row<typeof verificationRequestColumns>[]> {
  const zone = ctx.config.timeZone;
  for (let offset = 0; ; offset += pageSize) {
    const rows = await orderedRequests(visibleRequests(ctx.db, actor, query))
      .limit(pageSize)
      .offset(offset)
      .execute();
    if (rows.length > 0) {
      yield rows.map((row) => {
        const r = toRequest(ctx, row);
        return {
          appealNumber: r.appealNumber,
          appealTitle: r.appealTitle,
          enterpriseName: r.enterpriseName,
          unitName: r.unitName,
          question: r.question,
          requestedByName: r.requestedByName ?? '',
          requestedAt: wallClock(r.requestedAt, zone),
          dueDate: excelDate(r.dueDate),
          status: verificationRequestStatusLabels[r.status].zh,
          workingDaysLeft: r.workingDaysLeft,
          overdue: r.overdue ? '是' : '',
          answer: r.answer ?? '',
          answeredByName: r.answeredByName ?? '',
          answeredAt: r.answeredAt ? wallClock(r.answeredAt, zone) : null,
        };
      });
    }
    if (rows.length < pageSize) return;
  }
}
