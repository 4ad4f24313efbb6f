import type { Actor } from '../../context.ts';
import { inRegionScope, isUnitStaff } from '../appeals/appeals.policy.ts';

/** Who reads the supervision workspace (and exports it): the office, leaders and the task-force office. */
export const WORKSPACE_READER_ROLES = ['supervisionOffice', 'leader', 'taskForceOffice'] as const;

/** The supervision office issues ladder steps; the routes let leaders and the office read the workspace too. */
export function canIssueSupervision(actor: Actor): boolean {
  return actor.roles.includes('supervisionOffice');
}

/** The supervision office of this region (the city's sees every region). */
export function isSupervisorFor(actor: Actor, regionId: string): boolean {
  return canIssueSupervision(actor) && inRegionScope(actor, regionId);
}

/** A handler or leader of the unit a step was sent to: it answers the step and reads its 督办单. */
export function isStaffOf(actor: Actor, unitId: string): boolean {
  return isUnitStaff(actor) && actor.unitId === unitId;
}

/** The region whose open work the workspace shows: null (every region) for the city. */
export function supervisionRegionScope(actor: Actor): string | null {
  return actor.regionParentId === null ? null : actor.regionId;
}

/** The thresholds are the city's: only city-level callers of the settings route change them. */
export function canChangeSupervisionSettings(actor: Actor): boolean {
  return actor.regionParentId === null;
}
