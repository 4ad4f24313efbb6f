import type { AppContext } from '../../context.ts';
import { localDate, systemMeta, transact } from '../../context.ts';
import { regionPeople, sendNotices } from '../notices/notices.service.ts';

/** How many working days before the catalogue's due date the office is reminded. */
export const CATALOGUE_REMINDER_WORKING_DAYS = 2;

type ReminderKind = 'dueSoon' | 'overdue';

/**
 * Reminds the task-force office of an event's region while its catalogue is still being drafted:
 * once in the last working days before the due date (4 working days before the event), and once
 * when it is overdue. Runs on working days only. Each reminder is claimed by a unique key first,
 * so two instances sweeping at once send it once; a moved event date (a new due date) reminds again.
 */
export async function sweepCatalogueReminders(
  ctx: AppContext,
): Promise<{ dueSoon: number; overdue: number }> {
  const today = localDate(ctx, ctx.clock.now().toISOString());
  const sent = { dueSoon: 0, overdue: 0 };
  if (!ctx.calendar.isWorkday(today)) return sent;
  const drafting = await ctx.db
    .selectFrom('events')
    .select(['id', 'title', 'regionId', 'catalogueDueDate', 'date'])
    .where('status', '=', 'drafting')
    .where('date', '>=', today)
    .execute();
  for (const event of drafting) {
    const left = ctx.calendar.workdaysBetweenOrNull(today, event.catalogueDueDate);
    if (left === null) continue;
    const kind: ReminderKind | null =
      left < 0 ? 'overdue' : left <= CATALOGUE_REMINDER_WORKING_DAYS ? 'dueSoon' : null;
    if (!kind) continue;
    const claimed = await transact(ctx, systemMeta, async (tx) => {
      const inserted = await tx.trx
        .insertInto('eventReminders')
        .values({ eventId: event.id, kind, dueDate: event.catalogueDueDate, sentAt: tx.now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await sendNotices(tx, await regionPeople(tx.trx, event.regionId, ['taskForceOffice']), {
        kind: 'catalogueDue',
        title:
          kind === 'overdue'
            ? `逾期：${event.title}企业问题目录未报送`
            : `提醒：${event.title}企业问题目录须于 ${event.catalogueDueDate} 前报送`,
        body:
          kind === 'overdue'
            ? `${event.title}（${event.date}）的企业问题目录应于 ${event.catalogueDueDate} 前报送，至今尚未报送，请尽快报送。`
            : `${event.title}（${event.date}）的企业问题目录须于 ${event.catalogueDueDate} 前报送（活动前 4 个工作日），还剩 ${left} 个工作日。`,
        link: `/events/${event.id}`,
      });
      await tx.audit({
        action: 'event.catalogue.reminder',
        entityType: 'event',
        entityId: event.id,
        after: { kind, dueDate: event.catalogueDueDate },
      });
      return true;
    });
    if (claimed) sent[kind] += 1;
  }
  return sent;
}
