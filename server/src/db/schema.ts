import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types, in camelCase (the CamelCasePlugin maps them to snake_case columns).
 * Portable storage: ids are text (UUIDv7), instants are ISO strings, dates are
 * YYYY-MM-DD strings, booleans are integers 0/1 and JSON is text, so that the same
 * migrations and queries run on SQLite and PostgreSQL.
 */
export type Bool = 0 | 1;

export interface RegionTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  sortOrder: number;
}

export interface UnitTable {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  regionId: string;
  parentId: string | null;
  isCollector: Bool;
  active: Bool;
  sortOrder: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PersonTable {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  title: string | null;
  unitId: string | null;
  enterpriseId: string | null;
  phone: string | null;
  email: string | null;
  active: Bool;
  failedLogins: number;
  lockedUntil: string | null;
  mustChangePassword: Bool;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseTable {
  id: string;
  name: string;
  creditCode: string;
  regionId: string;
  industry: string | null;
  address: string | null;
  legalRepresentative: string | null;
  scale: string | null;
  isProject: Generated<Bool>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseTagTable {
  enterpriseId: string;
  tag: string;
}

export interface EnterpriseContactTable {
  id: string;
  enterpriseId: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  sortOrder: number;
}

export interface EnterpriseStageTable {
  enterpriseId: string;
  stage: string;
  plannedDate: string | null;
  actualDate: string | null;
  note: string | null;
}

export interface AppealCategoryTable {
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  active: Bool;
}

export interface ExchangeTable {
  id: string;
  channel: string;
  date: string;
  title: string;
  venue: string | null;
  notes: string | null;
  regionId: string;
  hostUnitId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CommonIssueTable {
  id: string;
  title: string;
  description: string | null;
  regionId: string;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  keyId: string;
  secret: string;
  channel: string;
  unitId: string;
  webhookUrl: string | null;
  active: Bool;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AppealTable {
  id: string;
  seq: number;
  number: string;
  enterpriseId: string;
  regionId: string;
  title: string;
  content: string;
  category: string;
  channel: string;
  collectingUnitId: string | null;
  recordedBy: string | null;
  exchangeId: string | null;
  commonIssueId: string | null;
  apiKeyId: string | null;
  externalId: string | null;
  status: string;
  submittedAt: string;
  updatedAt: string;
  tierCode: string | null;
  assessment: string | null;
  decisionReason: string | null;
  reopenRound: Generated<number>;
  /** The level whose task-force office runs the appeal now: the enterprise's county or the city. */
  handlingRegionId: string;
  version: number;
}

/** One move of an appeal between levels: a county escalates it to the city, or the city hands it down. */
export interface AppealLevelMoveTable {
  id: string;
  appealId: string;
  direction: string;
  fromRegionId: string;
  toRegionId: string;
  /** The appeal's status when it moved. */
  status: string;
  reason: string;
  movedBy: string | null;
  movedAt: string;
}

export interface AppealCounterTable {
  prefix: string;
  year: number;
  lastValue: number;
}

export interface AppealTimelineTable {
  id: string;
  appealId: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  kind: string;
  dataJson: string | null;
}

export interface AttachmentTable {
  id: string;
  appealId: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface ApiIdempotencyTable {
  apiKeyId: string;
  idempotencyKey: string;
  bodySha256: string;
  appealId: string;
  createdAt: string;
}

export interface ApiSignatureTable {
  signature: string;
  apiKeyId: string;
  seenAt: string;
}

export interface PersonRoleTable {
  personId: string;
  role: string;
}

export interface SessionTable {
  id: string;
  personId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TaskForceMemberTable {
  id: string;
  regionId: string;
  position: string;
  personName: string;
  title: string;
  unitId: string | null;
  personId: string | null;
  sortOrder: number;
}

export interface CalendarYearTable {
  year: number;
  source: string | null;
  updatedAt: string;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  isOffDay: Bool;
  name: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  ip: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  valueJson: string;
  updatedAt: string;
}

export interface HandlingTierTable {
  code: string;
  nameZh: string;
  nameEn: string;
  route: string;
  deadlineWorkingDays: number;
  categoriesJson: string;
  description: string | null;
  sortOrder: number;
  active: Bool;
}

export interface VerificationRequestTable {
  id: string;
  appealId: string;
  unitId: string;
  question: string;
  requestedBy: string | null;
  requestedAt: string;
  dueDate: string;
  status: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface ConsultationTable {
  id: string;
  appealId: string;
  date: string;
  unitIdsJson: string;
  statementsJson: string;
  conclusion: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface AssignmentTable {
  id: string;
  appealId: string;
  source: string;
  leadUnitId: string;
  measures: string;
  dueDate: string;
  originalDueDate: string;
  assignedBy: string | null;
  assignedAt: string;
  status: string;
  acceptDueDate: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  returnReason: string | null;
  returnedAt: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  /** Working days from assignment to closure (city dates, the working-day calendar), set on closing; null before. */
  workingDays: number | null;
}

export interface HandlingNoteTable {
  id: string;
  assignmentId: string;
  appealId: string;
  unitId: string;
  kind: string;
  content: string;
  contactDate: string | null;
  contactWay: string | null;
  contactPerson: string | null;
  authorId: string | null;
  at: string;
}

export interface ExtensionRequestTable {
  id: string;
  assignmentId: string;
  appealId: string;
  requestedDueDate: string;
  previousDueDate: string;
  reason: string;
  requestedBy: string | null;
  requestedAt: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface ReplyTable {
  id: string;
  assignmentId: string;
  appealId: string;
  unitId: string;
  content: string;
  policyBasis: string | null;
  authorId: string | null;
  at: string;
  outcome: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface AssignmentUnitTable {
  assignmentId: string;
  appealId: string;
  unitId: string;
  role: string;
  /** A co-unit's sub-deadline for its input; null for the lead unit. */
  dueDate: string | null;
}

export interface EventReminderTable {
  eventId: string;
  /** dueSoon (the last working days before the catalogue is due) or overdue. */
  kind: string;
  dueDate: string;
  sentAt: string;
}

export interface EventTable {
  id: string;
  kind: string;
  title: string;
  date: string;
  venue: string;
  regionId: string;
  status: string;
  catalogueDueDate: string;
  catalogueSubmittedAt: string | null;
  catalogueLate: Bool;
  catalogueRevision: number;
  catalogueApprovedAt: string | null;
  catalogueApprovedBy: string | null;
  leadersJson: string;
  noticeNumber: string | null;
  noticeIssuedAt: string | null;
  opinionsPreface: string | null;
  opinionsNumber: string | null;
  opinionsApprovedAt: string | null;
  opinionsApprovedBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CatalogueItemTable {
  id: string;
  eventId: string;
  appealId: string;
  sortOrder: number;
  proposedHandling: string;
  unitIdsJson: string;
  proposal: string | null;
  version: number;
}

export interface RulingTable {
  itemId: string;
  eventId: string;
  leadUnitId: string;
  coUnitIdsJson: string;
  dueDate: string;
  measures: string;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

export interface EventHistoryTable {
  id: string;
  eventId: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  kind: string;
  dataJson: string | null;
}

export interface NoticeTable {
  id: string;
  personId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface RatingTable {
  id: string;
  appealId: string;
  assignmentId: string;
  unitId: string;
  role: string;
  round: number;
  status: string;
  requestedAt: string;
  remindDate: string;
  dueDate: string;
  remindedAt: string | null;
  value: string | null;
  reason: string | null;
  comment: string | null;
  ratedBy: string | null;
  ratedAt: string | null;
  decision: string | null;
  explanation: string | null;
  explanationStatus: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  excludedFromScore: Bool;
}

export interface FollowUpTable {
  id: string;
  appealId: string;
  date: string;
  way: string;
  outcome: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface SupervisionWarningTable {
  id: string;
  assignmentId: string;
  appealId: string;
  kind: string;
  level: string;
  against: string;
  raisedAt: string;
}

export interface SupervisionActionTable {
  id: string;
  appealId: string;
  assignmentId: string;
  unitId: string;
  level: string;
  note: string;
  answerDueDate: string;
  status: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  documentNumber: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface SupervisionCounterTable {
  prefix: string;
  year: number;
  lastValue: number;
}

/** A person's choice for one notice kind and channel; without a row the default applies (notifications/preferences.ts). */
export interface NotificationPreferenceTable {
  personId: string;
  kind: string;
  channel: string;
  enabled: Bool;
  updatedAt: string;
}

/** One message to deliver outside the system (e-mail, SMS, WeCom, webhook), written in the change's transaction. */
export interface OutboxMessageTable {
  id: string;
  channel: string;
  recipient: string;
  personId: string | null;
  apiKeyId: string | null;
  appealId: string | null;
  kind: string;
  subject: string;
  body: string;
  payloadJson: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * Appeals counted per county, month (YYYY-MM of submitted_at in UTC+8) and the value of one dimension:
 * status, channel, category, tier ('' = none) or reopen ('reopened', 'closed' or ''). Dashboard
 * aggregates, kept by triggers (migration 0011).
 */
export interface AppealStatTable {
  regionId: string;
  month: string;
  dimension: string;
  value: string;
  n: number;
}

/** Assignments counted by their appeal's county and month, lead unit, status and closed on time. */
export interface AssignmentStatTable {
  regionId: string;
  month: string;
  leadUnitId: string;
  status: string;
  onTime: Bool;
  n: number;
}

/** Ratings counted by their appeal's county and month, status, value ('' = none) and exclusion. */
/** Hot-topic words counted per county, month and word: in how many appeals the word is a topic (migration 0013). */
export interface TopicStatTable {
  regionId: string;
  month: string;
  word: string;
  n: number;
}

/** The topic words each appeal is counted under (a JSON array), with its county and month. */
export interface AppealTopicTable {
  seq: number;
  regionId: string;
  month: string;
  words: string;
}

export interface RatingStatTable {
  regionId: string;
  month: string;
  status: string;
  value: string;
  excludedFromScore: Bool;
  n: number;
}

/** Assignments per county, month, lead unit, status and on time, with sums for unit evaluation (migration 0012). */
export interface UnitStatTable {
  regionId: string;
  month: string;
  leadUnitId: string;
  status: string;
  onTime: Bool;
  n: number;
  /** Assignments made by a reopen (重办). */
  reopens: number;
  /** Working days of the closed ones whose working days are known, and how many those are. */
  workingDaysSum: number;
  timed: number;
}

/** Open lead assignments (pending or accepted) per county, month, lead unit and due date (migration 0016). */
export interface OpenWorkStatTable {
  regionId: string;
  month: string;
  leadUnitId: string;
  dueDate: string;
  n: number;
}

/** Ratings per county, month, rated unit, status, value ('' = none) and exclusion (migration 0012). */
export interface UnitRatingStatTable {
  regionId: string;
  month: string;
  unitId: string;
  status: string;
  value: string;
  excludedFromScore: Bool;
  n: number;
}

/** Supervision steps per county, month, unit and level (migration 0012). */
export interface SupervisionStatTable {
  regionId: string;
  month: string;
  unitId: string;
  level: string;
  n: number;
}

/** Periodic summary reports generated on a schedule (migration 0014); the file is in the attachments store. */
export interface ReportTable {
  id: string;
  /** month or quarter. */
  kind: string;
  /** 2026-10 or 2026-Q4. */
  period: string;
  regionId: string;
  title: string;
  fileName: string;
  storageKey: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  enterprises: EnterpriseTable;
  people: PersonTable;
  personRoles: PersonRoleTable;
  sessions: SessionTable;
  taskForceMembers: TaskForceMemberTable;
  calendarYears: CalendarYearTable;
  calendarDays: CalendarDayTable;
  auditLog: AuditLogTable;
  settings: SettingTable;
  enterpriseTags: EnterpriseTagTable;
  enterpriseContacts: EnterpriseContactTable;
  enterpriseStages: EnterpriseStageTable;
  appealCategories: AppealCategoryTable;
  exchanges: ExchangeTable;
  commonIssues: CommonIssueTable;
  apiKeys: ApiKeyTable;
  appeals: AppealTable;
  appealCounters: AppealCounterTable;
  appealTimeline: AppealTimelineTable;
  appealLevelMoves: AppealLevelMoveTable;
  attachments: AttachmentTable;
  apiIdempotency: ApiIdempotencyTable;
  apiSignatures: ApiSignatureTable;
  handlingTiers: HandlingTierTable;
  verificationRequests: VerificationRequestTable;
  consultations: ConsultationTable;
  assignments: AssignmentTable;
  assignmentUnits: AssignmentUnitTable;
  events: EventTable;
  eventReminders: EventReminderTable;
  catalogueItems: CatalogueItemTable;
  rulings: RulingTable;
  eventHistory: EventHistoryTable;
  notices: NoticeTable;
  handlingNotes: HandlingNoteTable;
  extensionRequests: ExtensionRequestTable;
  replies: ReplyTable;
  ratings: RatingTable;
  followUps: FollowUpTable;
  notificationPreferences: NotificationPreferenceTable;
  outboxMessages: OutboxMessageTable;
  supervisionWarnings: SupervisionWarningTable;
  supervisionActions: SupervisionActionTable;
  supervisionCounters: SupervisionCounterTable;
  appealStats: AppealStatTable;
  assignmentStats: AssignmentStatTable;
  ratingStats: RatingStatTable;
  topicStats: TopicStatTable;
  appealTopics: AppealTopicTable;
  unitStats: UnitStatTable;
  unitRatingStats: UnitRatingStatTable;
  supervisionStats: SupervisionStatTable;
  openWorkStats: OpenWorkStatTable;
  reports: ReportTable;
}

export type UnitRow = Selectable<UnitTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
