import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.ts';
import { creditCodeProblem } from './credit-code.ts';
import type { Label } from './labels.ts';

export const enterpriseScales = ['aboveScale', 'nearAboveScale', 'nearBelowScale'] as const;
export type EnterpriseScale = (typeof enterpriseScales)[number];
export const enterpriseScaleLabels: Record<EnterpriseScale, Label> = {
  aboveScale: { zh: '规上企业', en: 'Above designated size' },
  nearAboveScale: { zh: '即将上规', en: 'About to reach designated size' },
  nearBelowScale: { zh: '濒临下规', en: 'About to drop below designated size' },
};

export const enterpriseTags = [
  'inNegotiation',
  'hometownEnterprise',
  'npcDeputy',
  'cppccMember',
  'ficExecutive',
  'representative',
] as const;
export type EnterpriseTag = (typeof enterpriseTags)[number];
export const enterpriseTagLabels: Record<EnterpriseTag, Label> = {
  inNegotiation: { zh: '在谈企业', en: 'In negotiation' },
  hometownEnterprise: { zh: '乡贤企业', en: 'Hometown enterprise' },
  npcDeputy: { zh: '人大代表', en: 'NPC deputy' },
  cppccMember: { zh: '政协委员', en: 'CPPCC member' },
  ficExecutive: { zh: '工商联执委企业', en: 'FIC executive committee' },
  representative: { zh: '代表性企业', en: 'Representative enterprise' },
};

/** Filters on the pool and the register accept either a scale or a tag. */
export const enterpriseFlags = [...enterpriseScales, ...enterpriseTags] as const;
export type EnterpriseFlag = (typeof enterpriseFlags)[number];

export const projectStages = ['settled', 'started', 'completed', 'producing'] as const;
export type ProjectStage = (typeof projectStages)[number];
export const projectStageLabels: Record<ProjectStage, Label> = {
  settled: { zh: '落户', en: 'Settled' },
  started: { zh: '动工', en: 'Construction started' },
  completed: { zh: '竣工', en: 'Completed' },
  producing: { zh: '投产', en: 'In production' },
};

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem === 'length')
      ctx.addIssue({ code: 'custom', message: '统一社会信用代码应为 18 位 (18 characters)' });
    if (problem === 'characters') {
      ctx.addIssue({
        code: 'custom',
        message: '统一社会信用代码含有无效字符 (invalid characters; no I, O, Z, S, V)',
      });
    }
    if (problem === 'checkCharacter') {
      ctx.addIssue({ code: 'custom', message: '统一社会信用代码校验位不正确 (wrong check character)' });
    }
  })
  .describe('统一社会信用代码 (GB 32100-2015), check character verified');

export const EnterpriseContact = z.object({
  name: z.string().trim().min(1).max(40),
  title: z.string().trim().max(40).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'phone number')
    .nullable()
    .optional(),
  email: z.email().max(120).nullable().optional(),
});
export type EnterpriseContact = z.infer<typeof EnterpriseContact>;

export const ProjectStageRecord = z.object({
  stage: z.enum(projectStages),
  plannedDate: IsoDate.nullable().optional(),
  actualDate: IsoDate.nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export type ProjectStageRecord = z.infer<typeof ProjectStageRecord>;

const Stages = z
  .array(ProjectStageRecord)
  .max(projectStages.length)
  .refine((stages) => new Set(stages.map((s) => s.stage)).size === stages.length, {
    message: '每个项目阶段只能填写一次 (each stage at most once)',
  })
  .describe(
    'Project life cycle, settled → started → completed → producing. A stage’s actual date needs every ' +
      'earlier stage to have an actual date on or before it (else 400 enterprise.stage_out_of_order). ' +
      'Only project enterprises carry stages.',
  );

/** The fields of an enterprise as one edits them; the create input adds defaults, the update makes all optional. */
const EnterpriseFields = {
  name: z.string().trim().min(2, '企业名称至少 2 个字 (at least 2 characters)').max(100),
  creditCode: CreditCode,
  regionId: Id,
  industry: z.string().trim().max(60).nullable(),
  address: z.string().trim().max(200).nullable(),
  legalRepresentative: z.string().trim().max(40).nullable(),
  scale: z.enum(enterpriseScales).nullable(),
  tags: z.array(z.enum(enterpriseTags)).max(enterpriseTags.length),
  isProject: z.boolean().describe('A project enterprise followed through its life cycle'),
  contacts: z.array(EnterpriseContact).max(10),
  stages: Stages,
};

/** The fields, in the order the register, the import template and the export use. */
export const enterpriseFields = Object.keys(EnterpriseFields) as (keyof typeof EnterpriseFields)[];
export type EnterpriseField = keyof typeof EnterpriseFields;

export const CreateEnterpriseInput = z.object({
  name: EnterpriseFields.name,
  creditCode: EnterpriseFields.creditCode,
  regionId: EnterpriseFields.regionId,
  industry: EnterpriseFields.industry.optional(),
  address: EnterpriseFields.address.optional(),
  legalRepresentative: EnterpriseFields.legalRepresentative.optional(),
  scale: EnterpriseFields.scale.optional(),
  tags: EnterpriseFields.tags.default([]),
  isProject: EnterpriseFields.isProject.default(false),
  contacts: EnterpriseFields.contacts.default([]),
  stages: EnterpriseFields.stages.default([]),
});
export type CreateEnterpriseInput = z.infer<typeof CreateEnterpriseInput>;

export const UpdateEnterpriseInput = z
  .object({
    name: EnterpriseFields.name.optional(),
    creditCode: EnterpriseFields.creditCode.optional(),
    regionId: EnterpriseFields.regionId.optional(),
    industry: EnterpriseFields.industry.optional(),
    address: EnterpriseFields.address.optional(),
    legalRepresentative: EnterpriseFields.legalRepresentative.optional(),
    scale: EnterpriseFields.scale.optional(),
    tags: EnterpriseFields.tags.optional(),
    isProject: EnterpriseFields.isProject.optional(),
    contacts: EnterpriseFields.contacts.optional(),
    stages: EnterpriseFields.stages.optional(),
    version: z.number().int().describe('The version you read; a stale one answers 409'),
  })
  .describe(
    'Only the fields sent change (lists such as tags, contacts and stages are replaced whole). ' +
      'An enterprise account may change its contacts, address and industry; a collector also the legal ' +
      'representative; the task-force office and administrators everything. Changing any other field ' +
      'answers 403 enterprise.field_not_editable.',
  );
export type UpdateEnterpriseInput = z.infer<typeof UpdateEnterpriseInput>;

export const Enterprise = z.object({
  id: Id,
  name: z.string(),
  creditCode: z.string(),
  regionId: Id,
  regionName: z.string(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  scale: z.enum(enterpriseScales).nullable(),
  tags: z.array(z.enum(enterpriseTags)),
  isProject: z.boolean(),
  contacts: z.array(EnterpriseContact),
  stages: z.array(ProjectStageRecord),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Enterprise = z.infer<typeof Enterprise>;

export const EnterpriseSummary = Enterprise.pick({
  id: true,
  name: true,
  creditCode: true,
  regionId: true,
  regionName: true,
  industry: true,
  scale: true,
  tags: true,
  isProject: true,
}).extend({ appealCount: z.number().int().describe('Appeals of this enterprise that you may see') });
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;

export const EnterpriseFilter = z.object({
  q: z.string().trim().max(60).optional().describe('Name or credit code contains'),
  regionId: Id.optional(),
  flag: z.enum(enterpriseFlags).optional().describe('A scale or a tag'),
  isProject: z.enum(['true', 'false']).optional(),
});
export type EnterpriseFilter = z.infer<typeof EnterpriseFilter>;

export const EnterpriseQuery = EnterpriseFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type EnterpriseQuery = z.infer<typeof EnterpriseQuery>;

/** A sign-in account of an enterprise contact, as the office and administrators see it. */
export const EnterpriseAccount = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: Instant.nullable(),
});
export type EnterpriseAccount = z.infer<typeof EnterpriseAccount>;

export const ImportRowError = z.object({
  row: z.number().int().describe('Row number in the sheet (the header is row 1)'),
  column: z.string().nullable().describe('The column header, e.g. 统一社会信用代码'),
  message: z.string().describe('What is wrong, in Chinese'),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportResult = z.object({
  imported: z.number().int().describe('Enterprises registered (0 on a dry run)'),
  valid: z.number().int().describe('Rows that passed validation'),
  dryRun: z.boolean(),
  errors: z.array(ImportRowError).describe('Always empty on success; errors answer 422 with them in details'),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: validate only, write nothing'),
});
