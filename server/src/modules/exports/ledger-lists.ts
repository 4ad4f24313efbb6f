import {
  type AssignmentQuery,
  assignmentStatusLabels,
  type SupervisionWorkspace,
  supervisionLevelLabels,
  supervisionWarningLabels,
} from '@f2f/contract';
import type { z } from 'zod';
import { dateInZone } from '../../clock.ts';
import type { Actor, AppContext } from '../../context.ts';
import { assignmentsQuery } from '../handling/handling.service.ts';
import { EXPORT_PAGE_SIZE, wallClock } from './appeal-export.ts';
import { excelDate, type SheetCell, type SheetColumn } from './ledger-workbook.ts';

/** The work lists' Excel exports: 交办事项 (GET /api/assignments) and the supervision workspace. */

export type AssignmentExportQuery = Omit<z.infer<typeof AssignmentQuery>, 'page' | 'pageSize'>;

export const assignmentColumns = [
  { header: '编号', key: 'appealNumber', width: 16 },
  { header: '诉求标题', key: 'appealTitle', width: 30 },
  { header: '企业', key: 'enterpriseName', width: 30 },
  { header: '主办单位', key: 'leadUnitName', width: 24 },
  { header: '本单位角色', key: 'myRole', width: 10 },
  { header: '状态', key: 'status', width: 12 },
  { header: '交办时间', key: 'assignedAt', width: 18, kind: 'datetime' },
  { header: '签收期限', key: 'acceptDueDate', width: 12, kind: 'date' },
  { header: '办理期限', key: 'dueDate', width: 12, kind: 'date' },
  { header: '协办意见期限', key: 'myDueDate', width: 14, kind: 'date' },
  { header: '剩余工作日', key: 'workingDaysLeft', width: 10, kind: 'integer' },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '逾期未签收', key: 'acceptOverdue', width: 10 },
] as const satisfies readonly SheetColumn[];

type AssignmentKey = (typeof assignmentColumns)[number]['key'];

/**
 * The rows of GET /api/assignments for the same filters and caller, in its order (deadline, then
 * id), every page of them: keyset pages on (dueDate, id).
 */
export async function* assignmentPages(
  ctx: Pick<AppContext, 'db' | 'config' | 'calendar' | 'clock'>,
  actor: Actor,
  query: AssignmentExportQuery,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Record<AssignmentKey, SheetCell>[]> {
  const zone = ctx.config.timeZone;
  const now = dateInZone(ctx.clock.now(), zone);
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    let page = assignmentsQuery(ctx.db, actor, query, now).select([
      's.id',
      'a.number as appealNumber',
      'a.title as appealTitle',
      'e.name as enterpriseName',
      'lu.name as leadUnitName',
      'mine.role as myRole',
      'mine.dueDate as myDueDate',
      's.status',
      's.dueDate',
      's.acceptDueDate',
      's.assignedAt',
    ]);
    if (after) {
      const { dueDate, id } = after;
      page = page.where((eb) =>
        eb.or([eb('s.dueDate', '>', dueDate), eb.and([eb('s.dueDate', '=', dueDate), eb('s.id', '>', id)])]),
      );
    }
    const rows = await page.orderBy('s.dueDate').orderBy('s.id').limit(pageSize).execute();
    if (rows.length > 0) {
      yield rows.map((r) => {
        // As the list computes them (handling.service.ts listAssignments).
        const open = r.status === 'pending' || r.status === 'accepted';
        return {
          appealNumber: r.appealNumber,
          appealTitle: r.appealTitle,
          enterpriseName: r.enterpriseName,
          leadUnitName: r.leadUnitName,
          myRole: r.myRole === 'lead' ? '主办' : r.myRole === 'co' ? '协办' : '',
          status: assignmentStatusLabels[r.status as keyof typeof assignmentStatusLabels]?.zh ?? r.status,
          assignedAt: wallClock(r.assignedAt, zone),
          acceptDueDate: excelDate(r.acceptDueDate),
          dueDate: excelDate(r.dueDate),
          myDueDate: excelDate(r.myDueDate),
          workingDaysLeft: open ? ctx.calendar.workdaysBetweenOrNull(now, r.dueDate) : null,
          overdue: open && now > r.dueDate ? '是' : '',
          acceptOverdue: r.status === 'pending' && now > r.acceptDueDate ? '是' : '',
        };
      });
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    if (!last) return;
    after = { dueDate: last.dueDate, id: last.id };
  }
}

export const workspaceColumns = [
  { header: '编号', key: 'appealNumber', width: 16 },
  { header: '诉求标题', key: 'appealTitle', width: 30 },
  { header: '主办单位', key: 'leadUnitName', width: 24 },
  { header: '县（区）', key: 'regionName', width: 10 },
  { header: '状态', key: 'status', width: 12 },
  { header: '办理期限', key: 'dueDate', width: 12, kind: 'date' },
  { header: '剩余工作日', key: 'workingDaysLeft', width: 10, kind: 'integer' },
  { header: '预警等级', key: 'warningLevel', width: 10 },
  { header: '预警', key: 'warnings', width: 40 },
  { header: '已督办层级', key: 'highestLevel', width: 12 },
  { header: '待答复督办', key: 'openAction', width: 24 },
  { header: '最新督办单', key: 'latestNotice', width: 22 },
] as const satisfies readonly SheetColumn[];

type WorkspaceKey = (typeof workspaceColumns)[number]['key'];

/** The workspace's items as sheet rows, in its order (red first, then the nearest deadline). */
export function workspaceRows(
  workspace: z.infer<typeof SupervisionWorkspace>,
): Record<WorkspaceKey, SheetCell>[] {
  return workspace.items.map((item) => ({
    appealNumber: item.appealNumber,
    appealTitle: item.appealTitle,
    leadUnitName: item.leadUnitName,
    regionName: item.regionName,
    status: assignmentStatusLabels[item.status].zh,
    dueDate: excelDate(item.dueDate),
    workingDaysLeft: item.workingDaysLeft,
    warningLevel: item.warnings.some((w) => w.level === 'red')
      ? '红色'
      : item.warnings.length > 0
        ? '黄色'
        : '',
    warnings: item.warnings.map((w) => `${supervisionWarningLabels[w.kind].zh}：${w.detail}`).join('；'),
    highestLevel: item.highestLevel ? supervisionLevelLabels[item.highestLevel].zh : '',
    openAction: item.openAction
      ? `${supervisionLevelLabels[item.openAction.level].zh}（${item.openAction.answerDueDate}前答复${item.openAction.late ? '，已逾期' : ''}）`
      : '',
    latestNotice: item.latestNotice?.documentNumber ?? '',
  }));
}
