import type { Role } from '@f2f/contract';
import type { Actor } from '../../context.ts';
import { AppError } from '../../errors.ts';

/** The roles that oversee: the dashboard and the rankings; a county's people see their county, the city every county. */
export const OVERSIGHT_DASHBOARD_ROLES = [
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'taskForceOffice',
] as const satisfies readonly Role[];

/** A unit's staff see the dashboard of their own unit's work (the appeals it leads), nothing wider. */
export const UNIT_DASHBOARD_ROLES = ['handler', 'unitLeader'] as const satisfies readonly Role[];

/**
 * The county a dashboard reader sees: the city's people every county, or the one they ask for; a county's
 * people always their own (asking for another is refused).
 */
export function dashboardRegion(actor: Actor, requested: string | null): string | null {
  if (actor.regionParentId === null) return requested;
  if (requested !== null && requested !== actor.regionId) throw new AppError('dashboard.region_out_of_scope');
  return actor.regionId;
}

/** Whether the actor reads the dashboard only as a unit's staff (no oversight role). */
export function isUnitReader(actor: Actor): boolean {
  const oversight: readonly Role[] = OVERSIGHT_DASHBOARD_ROLES;
  const unit: readonly Role[] = UNIT_DASHBOARD_ROLES;
  return (
    actor.unitId !== null &&
    !actor.roles.some((r) => oversight.includes(r)) &&
    actor.roles.some((r) => unit.includes(r))
  );
}

/**
 * The lead unit whose work alone a dashboard counts: a unit's staff always their own unit (asking for another
 * is refused); overseers the unit they ask for, a county's people only a unit of their county
 * (`requestedUnitRegionId`: the asked unit's region, null when there is no such unit).
 */
export function dashboardUnit(
  actor: Actor,
  requested: string | null,
  requestedUnitRegionId: string | null,
): string | null {
  if (isUnitReader(actor)) {
    if (requested !== null && requested !== actor.unitId) throw new AppError('dashboard.unit_out_of_scope');
    return actor.unitId;
  }
  if (requested === null) return null;
  if (requestedUnitRegionId === null) throw new AppError('dashboard.unit_out_of_scope');
  if (actor.regionParentId !== null && requestedUnitRegionId !== actor.regionId) {
    throw new AppError('dashboard.unit_out_of_scope');
  }
  return requested;
}
