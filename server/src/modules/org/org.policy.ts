import type { Actor, RequestMeta } from '../../context.ts';
import { AppError } from '../../errors.ts';

/** Who lists people: administrators (their region) and unit leaders (their own unit). */
export const PEOPLE_READER_ROLES = ['admin', 'unitLeader'] as const;

/**
 * Data scope of administration: an administrator of a city-level unit manages every region;
 * one of a county's unit manages that county only.
 */
export function adminRegionScope(actor: Actor): string | null {
  return actor.regionParentId === null ? null : actor.regionId;
}

export function canAdministerRegion(actor: Actor, regionId: string): boolean {
  if (!actor.roles.includes('admin')) return false;
  const scope = adminRegionScope(actor);
  return scope === null || scope === regionId;
}

/** A unit leader sees the people of their own unit; an administrator those of their scope. */
export function canViewPeopleOf(actor: Actor, target: { unitId: string | null; regionId: string }): boolean {
  if (canAdministerRegion(actor, target.regionId)) return true;
  return actor.roles.includes('unitLeader') && actor.unitId !== null && actor.unitId === target.unitId;
}

/**
 * City-wide configuration (the calendar, appeal categories, handling tiers) is the city's to keep:
 * a county's administrator reads it but does not change it.
 */
export function assertCityWideAdministrator(meta: RequestMeta): void {
  if (!meta.actor || adminRegionScope(meta.actor) !== null) throw new AppError('org.out_of_scope');
}
