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
  version: number;
  createdAt: string;
  updatedAt: string;
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
}

export type UnitRow = Selectable<UnitTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
