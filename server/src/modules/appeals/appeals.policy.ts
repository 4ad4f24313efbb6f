import { type AppealAction, type AppealStatus, appealActions } from '@f2f/contract';
import type { Actor } from '../../context.ts';
import { workflowAllows } from './appeal-workflow.ts';

/** What the policy needs to know about an appeal. */
export interface AppealFacts {
  enterpriseId: string;
  regionId: string;
  /** The level whose office runs it now (county ↔ city); starts at the enterprise's county or the city. */
  handlingRegionId: string;
  collectingUnitId: string | null;
  recordedById: string | null;
  channel: string;
  status: AppealStatus;
  commonIssueId: string | null;
  /** Units asked to verify it or assigned to it. */
  involvedUnitIds: readonly string[];
  /** The assignment being handled now (not returned), if any. */
  activeLeadUnitId: string | null;
  activeCoUnitIds: readonly string[];
  pendingExtension: boolean;
  /** Ratings the enterprise has yet to give; a dissatisfied one awaiting the office; an explanation awaiting a leader. */
  ratingsPending: boolean;
  undecidedDissatisfied: boolean;
  pendingExplanation: boolean;
}

/** An actor at city level sees every region; one in a county sees that county. */
export function inRegionScope(actor: Actor, regionId: string): boolean {
  return actor.regionParentId === null || actor.regionId === regionId;
}

/**
 * The levels an appeal belongs to: the city sees every appeal; a county sees its enterprises' appeals
 * (escalated ones too, read-only) and whatever the city handed down to it.
 */
export function inAppealScope(
  actor: Actor,
  appeal: Pick<AppealFacts, 'regionId' | 'handlingRegionId'>,
): boolean {
  return (
    actor.regionParentId === null ||
    actor.regionId === appeal.regionId ||
    actor.regionId === appeal.handlingRegionId
  );
}

/** The level that handles the appeal now; the city keeps authority over every level (roll-up, intervention). */
export function atHandlingLevel(actor: Actor, appeal: Pick<AppealFacts, 'handlingRegionId'>): boolean {
  return actor.regionParentId === null || actor.regionId === appeal.handlingRegionId;
}

/** The office and those who oversee it: they see every appeal of their region. */
export const OVERSIGHT_ROLES = [
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
] as const;

/** Everyone who takes part in the appeal flow (the routes' access); each sees only what this policy lets them. */
export const APPEAL_READER_ROLES = [
  'enterprise',
  'collector',
  ...OVERSIGHT_ROLES,
  'handler',
  'unitLeader',
] as const;

export function isOversight(actor: Actor): boolean {
  return actor.roles.some((r) => (OVERSIGHT_ROLES as readonly string[]).includes(r));
}

/** The office or an overseeing role of the appeal's (or event's) region. */
export function isOversightFor(actor: Actor, regionId: string): boolean {
  return isOversight(actor) && inRegionScope(actor, regionId);
}

/** The office or an overseeing role of one of the appeal's levels (see inAppealScope). */
export function isOversightOf(
  actor: Actor,
  appeal: Pick<AppealFacts, 'regionId' | 'handlingRegionId'>,
): boolean {
  return isOversight(actor) && inAppealScope(actor, appeal);
}

/**
 * Who sees an appeal: the enterprise its own; a collector what its unit gathered; the task-force
 * office (the pool), leaders, the government office and the supervision office everything in their
 * region. Other units see only what is routed to them: a verification request or an assignment.
 */
export function canViewAppeal(actor: Actor, appeal: AppealFacts): boolean {
  if (actor.roles.includes('enterprise') && actor.enterpriseId === appeal.enterpriseId) return true;
  if (
    actor.roles.includes('collector') &&
    actor.unitId !== null &&
    actor.unitId === appeal.collectingUnitId
  ) {
    return true;
  }
  if (isInvolvedUnit(actor, appeal)) return true;
  return isOversightOf(actor, appeal);
}

/** The office, oversight and the units routed the appeal read the working notes in its timeline. */
export function canSeeWorkingNotes(actor: Actor, appeal: AppealFacts): boolean {
  return isInvolvedUnit(actor, appeal) || isOversightOf(actor, appeal);
}

/** A handler or unit leader of a unit the appeal was routed to. */
export function isInvolvedUnit(actor: Actor, appeal: AppealFacts): boolean {
  return (
    actor.unitId !== null &&
    actor.roles.some((r) => r === 'handler' || r === 'unitLeader') &&
    appeal.involvedUnitIds.includes(actor.unitId)
  );
}

/** A handler or leader of a government unit. */
export function isUnitStaff(actor: Actor): boolean {
  return actor.unitId !== null && actor.roles.some((r) => r === 'handler' || r === 'unitLeader');
}

/** Staff of the lead unit (主办) of the assignment being handled. */
function isLeadUnit(actor: Actor, appeal: AppealFacts): boolean {
  return isUnitStaff(actor) && appeal.activeLeadUnitId === actor.unitId;
}

/** Staff of a co-unit (协办) of the assignment being handled. */
function isCoUnit(actor: Actor, appeal: AppealFacts): boolean {
  return isUnitStaff(actor) && actor.unitId !== null && appeal.activeCoUnitIds.includes(actor.unitId);
}

/** The office of the level handling the appeal now, or the city's office (it keeps authority over all). */
function isOfficeFor(actor: Actor, appeal: AppealFacts): boolean {
  return actor.roles.includes('taskForceOffice') && atHandlingLevel(actor, appeal);
}

/** A county's office, for an appeal its county handles now: it may escalate it to the city. */
function isCountyOfficeHandling(actor: Actor, appeal: AppealFacts): boolean {
  return (
    actor.roles.includes('taskForceOffice') &&
    actor.regionParentId !== null &&
    actor.regionId === appeal.handlingRegionId
  );
}

/** The city's office, for an appeal the city handles now: it may hand it down to a county. */
function isCityOfficeHandling(actor: Actor, appeal: AppealFacts): boolean {
  return (
    actor.roles.includes('taskForceOffice') &&
    actor.regionParentId === null &&
    actor.regionId === appeal.handlingRegionId
  );
}

/** The recorder side: the enterprise for its own online appeal, the collecting unit for what it gathered. */
function isSource(actor: Actor, appeal: AppealFacts): boolean {
  if (actor.roles.includes('enterprise') && appeal.channel === 'online')
    return actor.enterpriseId === appeal.enterpriseId;
  return (
    actor.roles.includes('collector') && actor.unitId !== null && actor.unitId === appeal.collectingUnitId
  );
}

const rules: Record<AppealAction, (actor: Actor, appeal: AppealFacts) => boolean> = {
  edit: (actor, appeal) => isOfficeFor(actor, appeal) || isSource(actor, appeal),
  addAttachment: (actor, appeal) => isOfficeFor(actor, appeal) || isSource(actor, appeal),
  groupIntoCommonIssue: (actor, appeal) => isOfficeFor(actor, appeal) && appeal.commonIssueId === null,
  removeFromCommonIssue: (actor, appeal) => isOfficeFor(actor, appeal) && appeal.commonIssueId !== null,
  requestVerification: isOfficeFor,
  assess: isOfficeFor,
  recordConsultation: isOfficeFor,
  reject: isOfficeFor,
  handleDirectly: isOfficeFor,
  assign: isOfficeFor,
  putOnCatalogue: isOfficeFor,
  escalate: isCountyOfficeHandling,
  handDown: isCityOfficeHandling,
  accept: isLeadUnit,
  returnAssignment: isLeadUnit,
  addProgress: (actor, appeal) => isLeadUnit(actor, appeal) || isCoUnit(actor, appeal),
  addCoInput: isCoUnit,
  requestExtension: (actor, appeal) => isLeadUnit(actor, appeal) && !appeal.pendingExtension,
  decideExtension: (actor, appeal) => isOfficeFor(actor, appeal) && appeal.pendingExtension,
  reportCompletion: isLeadUnit,
  close: isOfficeFor,
  sendBack: isOfficeFor,
  rate: (actor, appeal) =>
    actor.roles.includes('enterprise') && actor.enterpriseId === appeal.enterpriseId && appeal.ratingsPending,
  reopen: (actor, appeal) => isOfficeFor(actor, appeal) && appeal.undecidedDissatisfied,
  explainDissatisfaction: (actor, appeal) => isOfficeFor(actor, appeal) && appeal.undecidedDissatisfied,
  approveExplanation: (actor, appeal) =>
    actor.roles.includes('leader') && atHandlingLevel(actor, appeal) && appeal.pendingExplanation,
  recordFollowUp: isOfficeFor,
};

export function can(actor: Actor, action: AppealAction, appeal: AppealFacts): boolean {
  return (
    canViewAppeal(actor, appeal) && workflowAllows(action, appeal.status) && rules[action](actor, appeal)
  );
}

/** The actions the interface offers this person on this appeal now. */
export function allowedActions(actor: Actor, appeal: AppealFacts): AppealAction[] {
  return appealActions.filter((action) => can(actor, action, appeal));
}

/** Who may record appeals on behalf of enterprises (collectors and the office), and where. */
export function canRecordFor(actor: Actor, enterpriseRegionId: string): boolean {
  // The same region scope as the enterprise register: a county's collector records for its county.
  return (
    actor.roles.some((r) => r === 'taskForceOffice' || r === 'collector') &&
    inRegionScope(actor, enterpriseRegionId)
  );
}
