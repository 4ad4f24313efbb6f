import {
  isDeadlineNoticeKind,
  type NotificationChannel,
  type NotificationPreference,
  noticeKinds,
  notificationChannels,
  type UpdateNotificationPreferencesInput,
} from '@f2f/contract';
import type { z } from 'zod';
import type { AppContext, RequestMeta } from '../../context.ts';
import { requireActor, transact } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

/** What the channels need to know of a person. */
export interface Reachable {
  id: string;
  username: string;
  unitId: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * Where a channel reaches the person, or null when it cannot: the e-mail address, the mobile number,
 * and for WeCom (企业微信) the username, which is the person's WeCom user id (government staff only;
 * enterprise contacts are not in the government's WeCom).
 */
export function addressOf(person: Reachable, channel: NotificationChannel): string | null {
  const blank = (value: string | null) => (value && value.trim() !== '' ? value.trim() : null);
  if (channel === 'email') return blank(person.email);
  if (channel === 'sms') return blank(person.phone);
  return person.unitId ? person.username : null;
}

/**
 * The choice of a person who has set nothing: e-mail for every kind (when they have an address);
 * SMS only for deadline notices (when they have a phone number); WeCom for government staff.
 */
export function defaultEnabled(kind: string, channel: NotificationChannel, person: Reachable): boolean {
  if (channel === 'email') return true;
  if (channel === 'sms') return isDeadlineNoticeKind(kind);
  return person.unitId !== null;
}

/** The stored choices of these people for one kind, keyed `${personId}:${channel}`. */
export async function storedChoices(
  db: Executor,
  personIds: readonly string[],
  kind: string,
): Promise<Map<string, boolean>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notificationPreferences')
    .select(['personId', 'channel', 'enabled'])
    .where('personId', 'in', [...personIds])
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [`${r.personId}:${r.channel}`, r.enabled === 1]));
}

async function me(db: Executor, personId: string): Promise<Reachable> {
  const person = await db
    .selectFrom('people')
    .select(['id', 'username', 'unitId', 'email', 'phone'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('auth.unauthenticated');
  return person;
}

/** My choices for every kind and channel: what I set, or the default. */
export async function getMyPreferences(ctx: AppContext, meta: RequestMeta) {
  const actor = requireActor(meta);
  return preferencesOf(ctx.db, actor.personId);
}

async function preferencesOf(db: Executor, personId: string) {
  const person = await me(db, personId);
  const rows = await db
    .selectFrom('notificationPreferences')
    .select(['kind', 'channel', 'enabled'])
    .where('personId', '=', personId)
    .execute();
  const chosen = new Map(rows.map((r) => [`${r.kind}:${r.channel}`, r.enabled === 1]));
  const preferences: NotificationPreference[] = [];
  for (const kind of noticeKinds) {
    for (const channel of notificationChannels) {
      const mine = chosen.get(`${kind}:${channel}`);
      preferences.push({
        kind,
        channel,
        enabled: mine ?? defaultEnabled(kind, channel, person),
        chosen: mine !== undefined,
      });
    }
  }
  return {
    preferences,
    addresses: {
      email: addressOf(person, 'email'),
      sms: addressOf(person, 'sms'),
      wecom: addressOf(person, 'wecom'),
    },
  };
}

/** Records my choices for the kinds and channels given; the others stay as they were. */
export async function updateMyPreferences(
  ctx: AppContext,
  meta: RequestMeta,
  input: z.infer<typeof UpdateNotificationPreferencesInput>,
) {
  const actor = requireActor(meta);
  return transact(ctx, meta, async (tx) => {
    const before = await preferencesOf(tx.trx, actor.personId);
    for (const choice of input.preferences) {
      await tx.trx
        .insertInto('notificationPreferences')
        .values({
          personId: actor.personId,
          kind: choice.kind,
          channel: choice.channel,
          enabled: choice.enabled ? 1 : 0,
          updatedAt: tx.now,
        })
        .onConflict((oc) =>
          oc
            .columns(['personId', 'kind', 'channel'])
            .doUpdateSet({ enabled: choice.enabled ? 1 : 0, updatedAt: tx.now }),
        )
        .execute();
    }
    const changed = (p: { kind: string; channel: string }) =>
      input.preferences.some((c) => c.kind === p.kind && c.channel === p.channel);
    await tx.audit({
      action: 'notification.preferences.update',
      entityType: 'person',
      entityId: actor.personId,
      before: before.preferences
        .filter(changed)
        .map(({ kind, channel, enabled }) => ({ kind, channel, enabled })),
      after: input.preferences,
    });
    return preferencesOf(tx.trx, actor.personId);
  });
}
