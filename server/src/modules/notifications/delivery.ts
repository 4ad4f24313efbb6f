import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { type DeliveryLog, driversFor, PermanentDeliveryError, silentLog } from './drivers.ts';
import { firstAttemptAt } from './outbox.ts';

/** How long a claimed message is reserved for its delivery; after that another run may take it over. */
export const LEASE_MS = 5 * 60_000;
/** Messages taken per run; the next run (30 s later) takes the rest. */
const BATCH = 100;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** The wait before attempt `attempts + 1`: the base, doubled after each failed attempt, at most 6 hours. */
export function backoffMs(baseSeconds: number, attempts: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Due at `now`: pending and due, or claimed by a delivery whose lease has run out (it crashed). */
function dueAt(now: string) {
  return (eb: ExpressionBuilder<Database, 'outboxMessages'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('nextAttemptAt', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lockedUntil', '<', now)]),
    ]);
}

function describe(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
      : String(error);
  return text.slice(0, 1000);
}

/**
 * The delivery run (a job every 30 s on every instance, and POST /api/admin/sweeps/outbox). Each due
 * message — pending and due, or "sending" with an expired lease (its delivery crashed) — is claimed by
 * a conditional UPDATE, so that two instances never send one message twice; then it is sent outside
 * any transaction and marked sent, or scheduled again with exponential backoff, or, after the last
 * attempt, failed. A failed delivery never touches the change that wrote the message.
 */
export async function deliverOutbox(
  ctx: AppContext,
  log: DeliveryLog = silentLog,
): Promise<{ sent: number; retried: number; failed: number }> {
  const startedAt = ctx.clock.now().toISOString();
  const candidates = await ctx.db
    .selectFrom('outboxMessages')
    .select('id')
    .where(dueAt(startedAt))
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(BATCH)
    .execute();
  const drivers = driversFor(ctx.config, log);
  const result = { sent: 0, retried: 0, failed: 0 };
  for (const { id } of candidates) {
    const now = ctx.clock.now().toISOString();
    const lease = new Date(Date.parse(now) + LEASE_MS).toISOString();
    const claimed = await ctx.db
      .updateTable('outboxMessages')
      .set((eb) => ({ status: 'sending', lockedUntil: lease, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where(dueAt(now))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue; // another run took it
    const message = await ctx.db
      .selectFrom('outboxMessages')
      .select([
        'id',
        'channel',
        'recipient',
        'kind',
        'subject',
        'body',
        'payloadJson',
        'apiKeyId',
        'attempts',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // Only the holder of this lease may record the outcome.
    const mine = ctx.db
      .updateTable('outboxMessages')
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('lockedUntil', '=', lease);
    try {
      await drivers.deliver(ctx.db, message, ctx.clock.now());
      await mine
        .set({ status: 'sent', sentAt: ctx.clock.now().toISOString(), lockedUntil: null, lastError: null })
        .execute();
      result.sent += 1;
    } catch (error) {
      const lastError = describe(error);
      const at = ctx.clock.now();
      const final =
        error instanceof PermanentDeliveryError || message.attempts >= ctx.config.outboxMaxAttempts;
      if (final) {
        await mine.set({ status: 'failed', lockedUntil: null, lastError }).execute();
        result.failed += 1;
        log.warn(
          { messageId: id, channel: message.channel, attempts: message.attempts, error: lastError },
          'outbox message failed',
        );
      } else {
        const retryAt = new Date(
          at.getTime() + backoffMs(ctx.config.outboxRetryBaseSeconds, message.attempts),
        ).toISOString();
        await mine
          .set({
            status: 'pending',
            lockedUntil: null,
            lastError,
            nextAttemptAt: firstAttemptAt(ctx, message.kind, retryAt),
          })
          .execute();
        result.retried += 1;
      }
    }
  }
  return result;
}
