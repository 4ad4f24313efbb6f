import { z } from 'zod';
import { Id, Instant } from './common.ts';
import type { Label } from './labels.ts';
import { roles } from './roles.ts';

export const regionLevels = ['city', 'county'] as const;
export const regionKinds = ['city', 'district', 'county', 'zone'] as const;
export const regionKindLabels: Record<(typeof regionKinds)[number], Label> = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  county: { zh: '县', en: 'County' },
  zone: { zh: '功能区（管委会）', en: 'Zone (management committee)' },
};

export const Region = z.object({
  id: Id,
  code: z.string().describe('Administrative division code, e.g. 441600'),
  name: z.string(),
  kind: z.enum(regionKinds),
  parentId: Id.nullable(),
  sortOrder: z.number().int(),
});
export type Region = z.infer<typeof Region>;

export const unitTypes = [
  'government',
  'governmentOffice',
  'supervisionOffice',
  'taskForceOffice',
  'department',
  'countyGovernment',
  'npcOffice',
  'cppccOffice',
  'federation',
] as const;
export type UnitType = (typeof unitTypes)[number];

export const unitTypeLabels: Record<UnitType, Label> = {
  government: { zh: '人民政府（领导）', en: "People's government (leaders)" },
  governmentOffice: { zh: '政府办公室', en: 'Government office' },
  supervisionOffice: { zh: '督查室', en: 'Supervision office' },
  taskForceOffice: { zh: '专班办公室', en: 'Task-force office' },
  department: { zh: '职能部门', en: 'Department' },
  countyGovernment: { zh: '县（区）政府（管委会）', en: 'County government' },
  npcOffice: { zh: '人大办', en: 'NPC office' },
  cppccOffice: { zh: '政协办', en: 'CPPCC office' },
  federation: { zh: '工商联', en: 'Federation of industry and commerce' },
};

const UnitName = z.string().trim().min(2).max(60);

export const Unit = z.object({
  id: Id,
  name: UnitName,
  shortName: z.string().nullable(),
  type: z.enum(unitTypes),
  regionId: Id,
  parentId: Id.nullable(),
  isCollector: z.boolean().describe('May record appeals gathered through its channel'),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export const CreateUnitInput = z.object({
  name: UnitName,
  shortName: z.string().trim().min(1).max(20).nullable().optional(),
  type: z.enum(unitTypes),
  regionId: Id,
  parentId: Id.nullable().optional(),
  isCollector: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(100000).default(1000),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = CreateUnitInput.partial().extend({
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you read; a stale one answers 409'),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

export const UnitQuery = z.object({
  regionId: Id.optional(),
  type: z.enum(unitTypes).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . -');
const PersonName = z.string().trim().min(1).max(40);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, 'phone number');
const Email = z.email().max(120);

export const Person = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  title: z.string().nullable().describe('Job title, e.g. 局长'),
  unitId: Id.nullable(),
  enterpriseId: Id.nullable(),
  orgName: z.string().describe('The unit or enterprise the person belongs to'),
  regionId: Id,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  active: z.boolean(),
  locked: z.boolean().describe('Locked out after repeated failed sign-ins'),
  lastLoginAt: Instant.nullable(),
  version: z.number().int(),
});
export type Person = z.infer<typeof Person>;

export const PersonQuery = z.object({
  unitId: Id.optional(),
  regionId: Id.optional(),
  role: z.enum(roles).optional(),
  q: z.string().trim().max(40).optional().describe('Name or username contains'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const CreatePersonInput = z.object({
  username: Username,
  name: PersonName,
  title: z.string().trim().max(40).nullable().optional(),
  unitId: Id.nullable().optional().describe('Government unit; give this or enterpriseId'),
  enterpriseId: Id.nullable().optional().describe('Enterprise, for enterprise contacts'),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  password: z
    .string()
    .min(8)
    .max(128)
    .describe('Initial password; the person must change it at first sign-in'),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;

export const UpdatePersonInput = z.object({
  name: PersonName.optional(),
  title: z.string().trim().max(40).nullable().optional(),
  unitId: Id.optional(),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  roles: z.array(z.enum(roles)).min(1).max(roles.length).optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

export const ResetPasswordInput = z.object({
  password: z.string().min(8).max(128),
});

export const taskForcePositions = ['leader', 'executiveDeputyLeader', 'deputyLeader', 'member'] as const;
export const taskForcePositionLabels: Record<(typeof taskForcePositions)[number], Label> = {
  leader: { zh: '组长', en: 'Leader' },
  executiveDeputyLeader: { zh: '常务副组长', en: 'Executive deputy leader' },
  deputyLeader: { zh: '副组长', en: 'Deputy leader' },
  member: { zh: '成员', en: 'Member' },
};

export const TaskForceMember = z.object({
  id: Id,
  regionId: Id,
  position: z.enum(taskForcePositions),
  personName: z.string(),
  title: z.string().describe('Office held, e.g. 市委常委、常务副市长'),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  personId: Id.nullable().describe('The person account, when the member signs in'),
  sortOrder: z.number().int(),
});
export type TaskForceMember = z.infer<typeof TaskForceMember>;

export const TaskForceMemberInput = z.object({
  regionId: Id,
  position: z.enum(taskForcePositions),
  personName: PersonName,
  title: z.string().trim().min(1).max(60),
  unitId: Id.nullable().optional(),
  personId: Id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).default(100),
});
export type TaskForceMemberInput = z.infer<typeof TaskForceMemberInput>;

export const TaskForce = z.object({
  regionId: Id,
  members: z.array(TaskForceMember),
  standingUnitCount: z.number().int().describe('The "7" of "7+N": distinct member units'),
});
