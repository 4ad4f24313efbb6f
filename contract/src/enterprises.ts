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

const EnterpriseFields = {
  name: z.string().trim().min(2).max(100),
  creditCode: CreditCode,
  regionId: Id,
  industry: z.string().trim().max(60).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  legalRepresentative: z.string().trim().max(40).nullable().optional(),
  scale: z.enum(enterpriseScales).nullable().optional(),
  tags: z.array(z.enum(enterpriseTags)).max(enterpriseTags.length).default([]),
  isProject: z.boolean().default(false).describe('A project enterprise followed through its life cycle'),
  contacts: z.array(EnterpriseContact).max(10).default([]),
  stages: z.array(ProjectStageRecord).max(4).default([]),
};

export const CreateEnterpriseInput = z.object(EnterpriseFields);
export type CreateEnterpriseInput = z.infer<typeof CreateEnterpriseInput>;

export const UpdateEnterpriseInput = z.object({
  ...EnterpriseFields,
  version: z.number().int().describe('The version you read; a stale one answers 409'),
});
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
}).extend({ appealCount: z.number().int() });
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;

export const EnterpriseQuery = z.object({
  q: z.string().trim().max(60).optional().describe('Name or credit code contains'),
  regionId: Id.optional(),
  flag: z.enum(enterpriseFlags).optional(),
  isProject: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ImportRowError = z.object({
  row: z.number().int().describe('Row number in the sheet (the header is row 1)'),
  column: z.string().nullable(),
  message: z.string(),
});
export const ImportResult = z.object({
  imported: z.number().int(),
  errors: z.array(ImportRowError),
});
