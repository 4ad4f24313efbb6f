import { z } from 'zod';
import { appealStatuses } from './appeals.ts';
import { Id, IsoDate } from './common.ts';
import { ratingValues } from './handling.ts';
import { supervisionLevels } from './supervision.ts';

/** One catalogue item of an event and where it stands now (事项台账 / 一页看全). */
export const AccountabilityItem = z.object({
  itemId: Id,
  sortOrder: z.number().int(),
  appealId: Id,
  appealNumber: z.string(),
  enterpriseName: z.string(),
  title: z.string(),
  ruling: z.string().nullable().describe('The leader’s ruling (measures); null before the ruling'),
  leadUnitName: z.string().nullable().describe('Of the current assignment, else of the ruling'),
  coUnitNames: z.array(z.string()),
  dueDate: IsoDate.nullable().describe('Of the current assignment (extensions included), else of the ruling'),
  status: z.enum(appealStatuses).describe('The appeal’s status now'),
  closedAt: z.string().nullable().describe('When the current assignment was closed (ISO instant)'),
  onTime: z
    .boolean()
    .nullable()
    .describe('Closed by its due date (city date of closure); null while not closed'),
  overdue: z.boolean().describe('Not closed and past its due date today, or closed after it'),
  daysOverdue: z
    .number()
    .int()
    .describe(
      'Working days past the due date: up to today while open, up to the closure when closed late; 0 otherwise',
    ),
  lastProgress: z
    .object({ at: z.string(), content: z.string() })
    .nullable()
    .describe('The latest progress or contact note of the handling units'),
  supervisionLevel: z.enum(supervisionLevels).nullable().describe('The highest supervision step taken'),
  rating: z
    .enum(ratingValues)
    .nullable()
    .describe('The enterprise’s rating of the lead unit at the latest closure'),
});
export type AccountabilityItem = z.infer<typeof AccountabilityItem>;

export const EventAccountability = z.object({
  eventId: Id,
  title: z.string(),
  date: IsoDate,
  regionName: z.string(),
  today: IsoDate,
  counts: z.object({
    total: z.number().int(),
    closed: z.number().int(),
    closedOnTime: z.number().int(),
    overdue: z.number().int().describe('Items overdue: open past the due date, or closed after it'),
    supervised: z.number().int().describe('Items with at least one supervision step'),
  }),
  items: z.array(AccountabilityItem),
});
export type EventAccountability = z.infer<typeof EventAccountability>;
