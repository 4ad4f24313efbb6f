import type { EnterpriseField, Role } from '@f2f/contract';
import { enterpriseFields } from '@f2f/contract';
import type { Actor } from '../../context.ts';

/**
 * Who may do what with the enterprise register. Pure functions of the actor and the enterprise's
 * region; the service answers 404 where `canReadEnterprise` is false (ids reveal nothing), 403 otherwise.
 *
 * - enterprise account: reads its own enterprise only; changes its contacts, address and industry.
 * - taskForceOffice, admin: read, register and edit every field in their region scope, import in bulk,
 *   and see the enterprise's sign-in accounts.
 * - collector: reads and searches the register in its region scope and registers enterprises there (it
 *   records appeals for them, often first). Once registered, the identity and classification of an
 *   enterprise (name, code, region, scale, tags, project stages) are the office's to keep right; a
 *   collector may correct what it learns on a visit: contacts, address, industry, legal representative.
 * - leader, governmentOffice, supervisionOffice: read in their region scope.
 * - everyone else (handler, unitLeader, publicity): nothing (the routes answer 403).
 *
 * Region scope, for government staff: a city-level unit (its region has no parent) covers every region,
 * a county's unit its own county only.
 */

export type EnterpriseAction = 'read' | 'register' | 'update' | 'import' | 'viewAccounts';

const READERS: readonly Role[] = [
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'collector',
  'admin',
];
const REGISTRARS: readonly Role[] = ['taskForceOffice', 'collector', 'admin'];
const KEEPERS: readonly Role[] = ['taskForceOffice', 'admin'];

/** What an enterprise account may change of its own record. */
export const OWN_EDITABLE: readonly EnterpriseField[] = ['contacts', 'address', 'industry'];
/** What a collector may change of a registered enterprise in its scope. */
export const COLLECTOR_EDITABLE: readonly EnterpriseField[] = [...OWN_EDITABLE, 'legalRepresentative'];

const hasAny = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

/** The one region a government actor is limited to, or null for the whole city. */
export function regionScope(actor: Actor): string | null {
  return actor.regionParentId === null ? null : actor.regionId;
}

export function inRegionScope(actor: Actor, regionId: string): boolean {
  const scope = regionScope(actor);
  return scope === null || scope === regionId;
}

function isOwnEnterprise(actor: Actor, enterpriseId: string): boolean {
  return (
    actor.roles.includes('enterprise') && actor.enterpriseId !== null && actor.enterpriseId === enterpriseId
  );
}

/** What the register lists for the actor: everything, one region, its own enterprise, or nothing. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'region'; regionId: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

export function listScope(actor: Actor): ListScope {
  if (hasAny(actor, READERS)) {
    const scope = regionScope(actor);
    return scope === null ? { kind: 'all' } : { kind: 'region', regionId: scope };
  }
  if (actor.roles.includes('enterprise') && actor.enterpriseId)
    return { kind: 'enterprise', enterpriseId: actor.enterpriseId };
  return { kind: 'none' };
}

export function canReadEnterprise(actor: Actor, enterprise: { id: string; regionId: string }): boolean {
  if (isOwnEnterprise(actor, enterprise.id)) return true;
  return hasAny(actor, READERS) && inRegionScope(actor, enterprise.regionId);
}

export function canRegisterIn(actor: Actor, regionId: string): boolean {
  return hasAny(actor, REGISTRARS) && inRegionScope(actor, regionId);
}

/** The fields the actor may change on this enterprise; empty when it may change nothing. */
export function editableFields(
  actor: Actor,
  enterprise: { id: string; regionId: string },
): readonly EnterpriseField[] {
  const inScope = inRegionScope(actor, enterprise.regionId);
  if (hasAny(actor, KEEPERS) && inScope) return enterpriseFields;
  const fields = new Set<EnterpriseField>();
  if (actor.roles.includes('collector') && inScope) for (const f of COLLECTOR_EDITABLE) fields.add(f);
  if (isOwnEnterprise(actor, enterprise.id)) for (const f of OWN_EDITABLE) fields.add(f);
  return enterpriseFields.filter((f) => fields.has(f));
}

/** Bulk import is the office's (and administrators') job; each row is still checked against the scope. */
export function canImport(actor: Actor): boolean {
  return hasAny(actor, KEEPERS);
}

export function canViewAccounts(actor: Actor, enterprise: { regionId: string }): boolean {
  return hasAny(actor, KEEPERS) && inRegionScope(actor, enterprise.regionId);
}

/** One answer for the role × action table the tests review. */
export function can(
  actor: Actor,
  action: EnterpriseAction,
  enterprise: { id: string; regionId: string },
): boolean {
  switch (action) {
    case 'read':
      return canReadEnterprise(actor, enterprise);
    case 'register':
      return canRegisterIn(actor, enterprise.regionId);
    case 'update':
      return editableFields(actor, enterprise).length > 0;
    case 'import':
      return canImport(actor) && inRegionScope(actor, enterprise.regionId);
    case 'viewAccounts':
      return canViewAccounts(actor, enterprise);
  }
}
