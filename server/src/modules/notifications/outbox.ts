import {
  type AppealStatus,
  appealStatusLabels,
  isDeadlineNoticeKind,
  notificationChannels,
  type OutboxChannel,
  type OutboxMessage,
  type OutboxQuery,
  type OutboxStatus,
  type WebhookPayload,
} from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { startOfDateInZone } from '../../clock.ts';
import type { AppContext, RequestMeta, Tx } from '../../context.ts';
import { localDate, requireActor, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { reusable } from '../../db/reusable.ts';
import type { OutboxMessageTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { initialAppealStatus } from '../appeals/appeal-workflow.ts';
import { adminRegionScope } from '../org/org.policy.ts';
import { addressOf, defaultEnabled, storedChoices } from './preferences.ts';

/** The hour (city time) at which deadline notices held over a weekend or holiday go out. */
export const DEADLINE_SEND_HOUR = 9;

/**
 * When a message may first be sent: now, except that a deadline notice created on a day that is not a
 * working day waits until 09:00 (city time) of the next working day. A year the calendar does not
 * know yet never blocks the change: the message then goes now.
 */
export function firstAttemptAt(ctx: AppContext, kind: string, instant: string): string {
  if (!isDeadlineNoticeKind(kind)) return instant;
  try {
    const day = localDate(ctx, instant);
    if (ctx.calendar.isWorkday(day)) return instant;
    const next = ctx.calendar.addWorkdays(day, 1);
    const at = new Date(
      new Date(startOfDateInZone(next, ctx.config.timeZone)).getTime() + DEADLINE_SEND_HOUR * 3_600_000,
    );
    return at.toISOString();
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar.year_unknown') return instant;
    throw error;
  }
}

interface NoticeForOutbox {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/**
 * Inside the transaction that writes the notices: one outbox row per person and external channel they
 * get this kind by (their choice, or the default), for the delivery run to send. Nothing is sent here.
 */
export async function enqueueNoticeMessages(
  tx: Tx,
  personIds: readonly string[],
  notice: NoticeForOutbox,
): Promise<number> {
  if (personIds.length === 0) return 0;
  const people = await tx.trx
    .selectFrom('people')
    .select(['id', 'username', 'unitId', 'email', 'phone'])
    .where('id', 'in', [...personIds])
    .where('active', '=', 1)
    .execute();
  const choices = await storedChoices(tx.trx, personIds, notice.kind);
  const nextAttemptAt = firstAttemptAt(tx.ctx, notice.kind, tx.now);
  const rows: OutboxMessageTable[] = [];
  for (const person of people) {
    for (const channel of notificationChannels) {
      const recipient = addressOf(person, channel);
      if (recipient === null) continue;
      const enabled = choices.get(`${person.id}:${channel}`) ?? defaultEnabled(notice.kind, channel, person);
      if (!enabled) continue;
      rows.push({
        id: uuidv7(),
        channel,
        recipient,
        personId: person.id,
        apiKeyId: null,
        appealId: null,
        kind: notice.kind,
        subject: notice.title,
        body: notice.body,
        payloadJson: JSON.stringify({ link: notice.link }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt,
        lockedUntil: null,
        lastError: null,
        createdAt: tx.now,
        sentAt: null,
      });
    }
  }
  if (rows.length > 0) await tx.trx.insertInto('outboxMessages').values(rows).execute();
  return rows.length;
}

/** The status the platform was last told about (by the newest webhook row), or the initial one. */
async function lastToldStatus(db: Executor, appealId: string): Promise<string> {
  const last = await db
    .selectFrom('outboxMessages')
    .select('payloadJson')
    .where('appealId', '=', appealId)
    .where('channel', '=', 'webhook')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!last?.payloadJson) return initialAppealStatus;
  return (JSON.parse(last.payloadJson) as WebhookPayload).appeal.status;
}

/**
 * Called with every timeline entry of an appeal, inside its transaction (every status change writes
 * one): when the appeal came through an API key with a webhook URL and its status differs from the
 * last one the platform was told, one webhook row goes to the outbox.
 */
// Asked on every timeline entry: built once (reusable.ts).
const webhookTarget = reusable((db, appealId: string) =>
  db
    .selectFrom('appeals as a')
    .innerJoin('apiKeys as k', 'k.id', 'a.apiKeyId')
    .select(['a.id', 'a.number', 'a.externalId', 'a.status', 'k.id as apiKeyId', 'k.webhookUrl', 'k.active'])
    .where('a.id', '=', appealId),
);

export async function enqueueStatusWebhook(
  db: Executor,
  appealId: string,
  at: string,
  timelineKind: string,
): Promise<boolean> {
  const [appeal] = await webhookTarget(db, appealId);
  if (!appeal?.webhookUrl || appeal.active !== 1) return false;
  const previousStatus = await lastToldStatus(db, appealId);
  if (previousStatus === appeal.status) return false;
  const id = uuidv7();
  const statusLabel = appealStatusLabels[appeal.status as AppealStatus]?.zh ?? appeal.status;
  const payload: WebhookPayload = {
    id,
    event: 'appeal.statusChanged',
    occurredAt: at,
    appeal: {
      id: appeal.id,
      number: appeal.number,
      externalId: appeal.externalId,
      status: appeal.status,
      statusLabel,
      previousStatus,
    },
    timelineKind,
  };
  const body = JSON.stringify(payload);
  await db
    .insertInto('outboxMessages')
    .values({
      id,
      channel: 'webhook',
      recipient: appeal.webhookUrl,
      personId: null,
      apiKeyId: appeal.apiKeyId,
      appealId,
      kind: 'appealStatusChanged',
      subject: `${appeal.number} ${statusLabel}`,
      body,
      payloadJson: body,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lockedUntil: null,
      lastError: null,
      createdAt: at,
      sentAt: null,
    })
    .execute();
  return true;
}

/** The outbox spans every region and holds personal addresses: a city-level administrator's only. */
function assertCityAdmin(meta: RequestMeta): void {
  if (adminRegionScope(requireActor(meta)) !== null) throw new AppError('org.out_of_scope');
}

function listQuery(db: Executor) {
  return db
    .selectFrom('outboxMessages as o')
    .leftJoin('people as p', 'p.id', 'o.personId')
    .leftJoin('apiKeys as k', 'k.id', 'o.apiKeyId')
    .select([
      'o.id',
      'o.channel',
      'o.recipient',
      'o.personId',
      'p.name as personName',
      'k.name as apiKeyName',
      'o.appealId',
      'o.kind',
      'o.subject',
      'o.status',
      'o.attempts',
      'o.nextAttemptAt',
      'o.lastError',
      'o.createdAt',
      'o.sentAt',
    ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

function toMessage(ctx: AppContext, row: ListRow): OutboxMessage {
  return {
    ...row,
    channel: row.channel as OutboxChannel,
    status: row.status as OutboxStatus,
    maxAttempts: ctx.config.outboxMaxAttempts,
  };
}

/** The administrator's view of the outbox: newest first, by status and channel. */
export async function listOutbox(ctx: AppContext, meta: RequestMeta, query: z.infer<typeof OutboxQuery>) {
  assertCityAdmin(meta);
  let base = listQuery(ctx.db);
  if (query.status) base = base.where('o.status', '=', query.status);
  if (query.channel) base = base.where('o.channel', '=', query.channel);
  let count = ctx.db.selectFrom('outboxMessages as o');
  if (query.status) count = count.where('o.status', '=', query.status);
  if (query.channel) count = count.where('o.channel', '=', query.channel);
  const [rows, total] = await Promise.all([
    base
      .orderBy('o.createdAt', 'desc')
      .orderBy('o.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => toMessage(ctx, row)),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** An administrator sends a failed message (or one waiting for its next attempt) again, now, with fresh attempts. */
export async function retryOutbox(ctx: AppContext, meta: RequestMeta, id: string): Promise<OutboxMessage> {
  assertCityAdmin(meta);
  return transact(ctx, meta, async (tx) => {
    const row = await tx.trx
      .selectFrom('outboxMessages')
      .select(['status', 'attempts', 'lastError'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('outbox.not_found');
    if (row.status !== 'failed' && row.status !== 'pending') throw new AppError('outbox.not_retryable');
    const result = await tx.trx
      .updateTable('outboxMessages')
      .set({ status: 'pending', attempts: 0, nextAttemptAt: tx.now, lockedUntil: null })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('request.conflict');
    await tx.audit({
      action: 'outbox.retry',
      entityType: 'outboxMessage',
      entityId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'pending', attempts: 0, nextAttemptAt: tx.now },
    });
    return toMessage(ctx, await listQuery(tx.trx).where('o.id', '=', id).executeTakeFirstOrThrow());
  });
}
