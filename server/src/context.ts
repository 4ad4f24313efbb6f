import type { Role, UnitType } from '@f2f/contract';
import { type Clock, dateInZone } from './clock.ts';
import type { Config } from './config.ts';
import { commitGroupOf } from './db/commit-group.ts';
import type { Db, DbHandle, DialectName, Trx } from './db/database.ts';
import { AppError } from './errors.ts';
import { type AuditInput, appendAudit } from './modules/audit/audit.repository.ts';
import type { Calendar } from './modules/calendar/calendar.service.ts';
import { forgetReads } from './read-cache.ts';

/** The signed-in person acting on a request, as every policy sees them. */
export interface Actor {
  personId: string;
  username: string;
  name: string;
  roles: readonly Role[];
  /** The government unit, or null for an enterprise contact. */
  unitId: string | null;
  unitType: UnitType | null;
  /** The enterprise, for an enterprise contact; null for government staff. */
  enterpriseId: string | null;
  /** The region of the unit or enterprise. */
  regionId: string;
  /** The region's parent; null for the city itself. */
  regionParentId: string | null;
}

/** Who, from where, and under which request id: everything an audit row needs besides the change. */
export interface RequestMeta {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

/** Long-lived dependencies, built once by buildApp (or the CLI) and passed to services. */
export interface AppContext {
  config: Config;
  clock: Clock;
  handle: DbHandle;
  db: Db;
  dialect: DialectName;
  calendar: Calendar;
}

export interface Tx {
  trx: Trx;
  /** The context the change runs in (its calendar, configuration and clock). */
  ctx: AppContext;
  /** The instant of this change, taken once so that every row written agrees. */
  now: string;
  /** Appends the audit row of this change; `actor` names who acted when nobody is signed in yet. */
  audit(
    entry: Omit<AuditInput, 'at' | 'actorId' | 'actorName' | 'ip' | 'requestId'> & {
      actor?: { id: string; name: string };
    },
  ): Promise<void>;
}

/**
 * Runs one state change: a single transaction in which the caller writes its rows and
 * their audit records. Either all of it is committed or none of it.
 */
export async function transact<T>(
  ctx: AppContext,
  meta: RequestMeta,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const change = async (trx: Trx) => {
    const now = ctx.clock.now().toISOString();
    const tx: Tx = {
      trx,
      ctx,
      now,
      audit: ({ actor, ...entry }) =>
        appendAudit(trx, ctx.dialect, {
          ...entry,
          at: now,
          actorId: actor?.id ?? meta.actor?.personId ?? null,
          actorName: actor?.name ?? meta.actor?.name ?? null,
          ip: meta.ip,
          requestId: meta.requestId,
        }),
    };
    return work(tx);
  };
  // On SQLite, changes queued behind one another commit together (db/commit-group.ts), each still all or
  // nothing; the promise resolves once the change is committed.
  const result =
    ctx.dialect === 'sqlite'
      ? await commitGroupOf(ctx.db).run(change)
      : await ctx.db.transaction().execute(change);
  forgetReads(ctx);
  return result;
}

export const systemMeta: RequestMeta = { actor: null, ip: null, requestId: null };

/** The signed-in person a service acts for; services behind `access` routes always have one. */
export function requireActor(meta: RequestMeta): Actor {
  if (!meta.actor) throw new AppError('auth.unauthenticated');
  return meta.actor;
}

/** The city's calendar date (YYYY-MM-DD) of an instant: what deadlines are counted from. */
export function localDate(ctx: AppContext, instant: string): string {
  return dateInZone(new Date(instant), ctx.config.timeZone);
}
