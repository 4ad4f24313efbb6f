import {
  type AccountabilityItem,
  type AppealStatus,
  appealStatusLabels,
  type EventAccountability,
  ratingValueLabels,
  type ratingValues,
  type SupervisionLevel,
  supervisionLevelLabels,
  supervisionLevels,
} from '@f2f/contract';
import type { Actor, AppContext } from '../../context.ts';
import { localDate } from '../../context.ts';
import { excelDate, type SheetCell, type SheetColumn } from '../exports/ledger-workbook.ts';
import { loadVisibleEvent } from './events.service.ts';

/**
 * An event's accountability view (事项台账 / 一页看全): every catalogue item with its ruling and where its
 * handling stands now — the current assignment (the latest not returned), its co-units, deadline and
 * closure, the latest progress note, the highest supervision step and the lead unit's rating. Visible to
 * those who see the event (events.policy canViewEvent, through loadVisibleEvent). One query per table
 * over the event's appeals, never one per item.
 *
 * On time means the city date of the closure is not after the due date, as the dashboard counts it
 * (assignment_stats.on_time). Days overdue are working days (the calendar) after the due date: up to
 * today while open, up to the closure when closed late.
 */

type RatingValue = (typeof ratingValues)[number];

function parseIds(json: string | null): string[] {
  return json ? (JSON.parse(json) as string[]) : [];
}

export async function getEventAccountability(
  ctx: AppContext,
  actor: Actor,
  eventId: string,
): Promise<EventAccountability> {
  const event = await loadVisibleEvent(ctx, actor, eventId);
  const db = ctx.db;
  const [region, items] = await Promise.all([
    db.selectFrom('regions').select('name').where('id', '=', event.regionId).executeTakeFirstOrThrow(),
    db
      .selectFrom('catalogueItems as ci')
      .innerJoin('appeals as a', 'a.id', 'ci.appealId')
      .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
      .leftJoin('rulings as ru', 'ru.itemId', 'ci.id')
      .leftJoin('units as lu', 'lu.id', 'ru.leadUnitId')
      .select([
        'ci.id',
        'ci.sortOrder',
        'a.id as appealId',
        'a.number',
        'a.title',
        'a.status',
        'e.name as enterpriseName',
        'ru.measures',
        'ru.dueDate',
        'ru.coUnitIdsJson',
        'lu.name as leadUnitName',
      ])
      .where('ci.eventId', '=', eventId)
      .orderBy('ci.sortOrder')
      .orderBy('ci.id')
      .execute(),
  ]);
  const appealIds = items.map((i) => i.appealId);
  const none = appealIds.length === 0;
  const [assignments, notes, supervision, ratings] = none
    ? [[], [], [], []]
    : await Promise.all([
        db
          .selectFrom('assignments as s')
          .innerJoin('units as u', 'u.id', 's.leadUnitId')
          .select(['s.id', 's.appealId', 's.dueDate', 's.status', 's.closedAt', 'u.name as leadUnitName'])
          .where('s.appealId', 'in', appealIds)
          .where('s.status', '!=', 'returned')
          .orderBy('s.assignedAt')
          .orderBy('s.id')
          .execute(),
        db
          .selectFrom('handlingNotes')
          .select(['appealId', 'at', 'content'])
          .where('appealId', 'in', appealIds)
          .where('kind', 'in', ['progress', 'contact'])
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .execute(),
        db
          .selectFrom('supervisionActions')
          .select(['appealId', 'level'])
          .distinct()
          .where('appealId', 'in', appealIds)
          .execute(),
        db
          .selectFrom('ratings')
          .select(['appealId', 'round', 'value'])
          .where('appealId', 'in', appealIds)
          .where('role', '=', 'lead')
          .where('value', 'is not', null)
          .orderBy('round')
          .execute(),
      ]);
  const current = new Map<string, (typeof assignments)[number]>();
  for (const s of assignments) current.set(s.appealId, s);
  const currentIds = [...current.values()].map((s) => s.id);
  const rulingCoUnitIds = new Set(items.flatMap((i) => parseIds(i.coUnitIdsJson)));
  const [coUnits, rulingUnits] = await Promise.all([
    currentIds.length === 0
      ? []
      : db
          .selectFrom('assignmentUnits as au')
          .innerJoin('units as u', 'u.id', 'au.unitId')
          .select(['au.assignmentId', 'u.name'])
          .where('au.assignmentId', 'in', currentIds)
          .where('au.role', '=', 'co')
          .orderBy('u.name')
          .execute(),
    rulingCoUnitIds.size === 0
      ? []
      : db
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', 'in', [...rulingCoUnitIds])
          .execute(),
  ]);
  const unitName = new Map(rulingUnits.map((u) => [u.id, u.name]));
  const lastNote = new Map<string, { at: string; content: string }>();
  for (const n of notes)
    if (!lastNote.has(n.appealId)) lastNote.set(n.appealId, { at: n.at, content: n.content });
  const highest = new Map<string, SupervisionLevel>();
  for (const x of supervision) {
    const level = x.level as SupervisionLevel;
    const seen = highest.get(x.appealId);
    if (!seen || supervisionLevels.indexOf(level) > supervisionLevels.indexOf(seen))
      highest.set(x.appealId, level);
  }
  const rating = new Map<string, RatingValue>();
  for (const g of ratings) if (g.value) rating.set(g.appealId, g.value as RatingValue);

  const today = localDate(ctx, ctx.clock.now().toISOString());
  const workdaysAfter = (due: string, day: string) =>
    day > due ? Math.max(ctx.calendar.workdaysBetweenOrNull(due, day) ?? 0, 0) : 0;

  const rows: AccountabilityItem[] = items.map((i) => {
    const s = current.get(i.appealId);
    const dueDate = s?.dueDate ?? i.dueDate ?? null;
    const closedAt = s?.status === 'closed' ? s.closedAt : null;
    const closedDay = closedAt ? localDate(ctx, closedAt) : null;
    const closed = i.status === 'closed' && closedDay !== null;
    const onTime = closed && dueDate && closedDay ? closedDay <= dueDate : null;
    const overdue = dueDate !== null && (closed ? onTime === false : today > dueDate);
    const daysOverdue =
      dueDate === null
        ? 0
        : closed && closedDay
          ? workdaysAfter(dueDate, closedDay)
          : workdaysAfter(dueDate, today);
    return {
      itemId: i.id,
      sortOrder: i.sortOrder,
      appealId: i.appealId,
      appealNumber: i.number,
      enterpriseName: i.enterpriseName,
      title: i.title,
      ruling: i.measures ?? null,
      leadUnitName: s?.leadUnitName ?? i.leadUnitName ?? null,
      coUnitNames: s
        ? coUnits.filter((c) => c.assignmentId === s.id).map((c) => c.name)
        : parseIds(i.coUnitIdsJson).map((id) => unitName.get(id) ?? ''),
      dueDate,
      status: i.status as AppealStatus,
      closedAt: closed ? closedAt : null,
      onTime: closed ? onTime : null,
      overdue,
      daysOverdue: overdue ? daysOverdue : 0,
      lastProgress: lastNote.get(i.appealId) ?? null,
      supervisionLevel: highest.get(i.appealId) ?? null,
      rating: rating.get(i.appealId) ?? null,
    };
  });
  return {
    eventId: event.id,
    title: event.title,
    date: event.date,
    regionName: region.name,
    today,
    counts: {
      total: rows.length,
      closed: rows.filter((r) => r.closedAt !== null).length,
      closedOnTime: rows.filter((r) => r.onTime === true).length,
      overdue: rows.filter((r) => r.overdue).length,
      supervised: rows.filter((r) => r.supervisionLevel !== null).length,
    },
    items: rows,
  };
}

export const accountabilityColumns = [
  { header: '序号', key: 'index', width: 6, kind: 'integer' },
  { header: '编号', key: 'number', width: 16 },
  { header: '企业', key: 'enterprise', width: 28 },
  { header: '诉求标题', key: 'title', width: 30 },
  { header: '处理意见', key: 'ruling', width: 40 },
  { header: '主办单位', key: 'leadUnit', width: 22 },
  { header: '协办单位', key: 'coUnits', width: 28 },
  { header: '办理期限', key: 'dueDate', width: 12, kind: 'date' },
  { header: '当前状态', key: 'status', width: 12 },
  { header: '按期办结', key: 'onTime', width: 10 },
  { header: '逾期（工作日）', key: 'daysOverdue', width: 12, kind: 'integer' },
  { header: '最近进展', key: 'lastProgress', width: 40 },
  { header: '督办层级', key: 'supervision', width: 12 },
  { header: '满意度（主办）', key: 'rating', width: 12 },
] as const satisfies readonly SheetColumn[];

type AccountabilityKey = (typeof accountabilityColumns)[number]['key'];

/** The items as sheet rows, in catalogue order. */
export function accountabilityRows(
  ctx: AppContext,
  view: EventAccountability,
): Record<AccountabilityKey, SheetCell>[] {
  return view.items.map((item, index) => ({
    index: index + 1,
    number: item.appealNumber,
    enterprise: item.enterpriseName,
    title: item.title,
    ruling: item.ruling ?? '',
    leadUnit: item.leadUnitName ?? '',
    coUnits: item.coUnitNames.join('、'),
    dueDate: excelDate(item.dueDate),
    status: appealStatusLabels[item.status].zh,
    onTime: item.onTime === null ? '' : item.onTime ? '是' : '否',
    daysOverdue: item.overdue ? item.daysOverdue : null,
    lastProgress: item.lastProgress
      ? `${localDate(ctx, item.lastProgress.at)} ${item.lastProgress.content}`
      : '',
    supervision: item.supervisionLevel ? supervisionLevelLabels[item.supervisionLevel].zh : '',
    rating: item.rating ? ratingValueLabels[item.rating].zh : '',
  }));
}
