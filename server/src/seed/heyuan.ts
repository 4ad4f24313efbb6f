import { creditCodeCheckCharacter, type Role, type UnitType } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../context.ts';
import { systemMeta, transact } from '../context.ts';
import type { Trx } from '../db/database.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { writeCitySettings } from './settings.ts';

/** The password of every demo account, printed in the README. Demo mode only. */
export const DEMO_PASSWORD = 'Heyuan@2024';

const regions = [
  { code: '441600', name: '河源市', kind: 'city' },
  { code: '441602', name: '源城区', kind: 'district' },
  { code: '441625', name: '东源县', kind: 'county' },
  { code: '441624', name: '和平县', kind: 'county' },
  { code: '441622', name: '龙川县', kind: 'county' },
  { code: '441621', name: '紫金县', kind: 'county' },
  { code: '441623', name: '连平县', kind: 'county' },
  { code: '441600-JD', name: '江东新区', kind: 'zone' },
  { code: '441600-GX', name: '河源高新区', kind: 'zone' },
] as const;

interface UnitSeed {
  key: string;
  name: string;
  shortName: string;
  type: UnitType;
  region: string;
  collector?: boolean;
}

const cityUnits: UnitSeed[] = [
  { key: 'gov', name: '河源市人民政府', shortName: '市政府', type: 'government', region: '441600' },
  {
    key: 'govOffice',
    name: '河源市人民政府办公室',
    shortName: '市府办公室',
    type: 'governmentOffice',
    region: '441600',
  },
  {
    key: 'supervision',
    name: '河源市人民政府督查室',
    shortName: '市政府督查室',
    type: 'supervisionOffice',
    region: '441600',
  },
  {
    key: 'office',
    name: '河源市“面对面”政企交流活动工作专班办公室',
    shortName: '专班办公室',
    type: 'taskForceOffice',
    region: '441600',
    collector: true,
  },
  {
    key: 'miit',
    name: '河源市工业和信息化局',
    shortName: '市工业和信息化局',
    type: 'department',
    region: '441600',
    collector: true,
  },
  {
    key: 'ndrc',
    name: '河源市发展和改革局',
    shortName: '市发展改革局',
    type: 'department',
    region: '441600',
    collector: true,
  },
  {
    key: 'hrss',
    name: '河源市人力资源和社会保障局',
    shortName: '市人力资源社会保障局',
    type: 'department',
    region: '441600',
  },
  { key: 'nr', name: '河源市自然资源局', shortName: '市自然资源局', type: 'department', region: '441600' },
  {
    key: 'commerce',
    name: '河源市商务局',
    shortName: '市商务局',
    type: 'department',
    region: '441600',
    collector: true,
  },
  {
    key: 'data',
    name: '河源市政务服务和数据管理局',
    shortName: '市政务服务和数据管理局',
    type: 'department',
    region: '441600',
    collector: true,
  },
  {
    key: 'fic',
    name: '河源市工商业联合会',
    shortName: '市工商联',
    type: 'federation',
    region: '441600',
    collector: true,
  },
  {
    key: 'npc',
    name: '河源市人大常委会办公室',
    shortName: '市人大办',
    type: 'npcOffice',
    region: '441600',
    collector: true,
  },
  {
    key: 'cppcc',
    name: '政协河源市委员会办公室',
    shortName: '市政协办',
    type: 'cppccOffice',
    region: '441600',
    collector: true,
  },
  {
    key: 'publicity',
    name: '中共河源市委宣传部',
    shortName: '市委宣传部',
    type: 'department',
    region: '441600',
  },
  { key: 'finance', name: '河源市财政局', shortName: '市财政局', type: 'department', region: '441600' },
  {
    key: 'housing',
    name: '河源市住房和城乡建设局',
    shortName: '市住房城乡建设局',
    type: 'department',
    region: '441600',
  },
  {
    key: 'ecology',
    name: '河源市生态环境局',
    shortName: '市生态环境局',
    type: 'department',
    region: '441600',
  },
  {
    key: 'transport',
    name: '河源市交通运输局',
    shortName: '市交通运输局',
    type: 'department',
    region: '441600',
  },
  {
    key: 'market',
    name: '河源市市场监督管理局',
    shortName: '市市场监管局',
    type: 'department',
    region: '441600',
  },
  { key: 'science', name: '河源市科学技术局', shortName: '市科技局', type: 'department', region: '441600' },
  { key: 'water', name: '河源市水务局', shortName: '市水务局', type: 'department', region: '441600' },
  {
    key: 'tax',
    name: '国家税务总局河源市税务局',
    shortName: '市税务局',
    type: 'department',
    region: '441600',
  },
];

const countyUnits: UnitSeed[] = (
  [
    {
      key: 'yc',
      name: '河源市源城区人民政府',
      shortName: '源城区政府',
      type: 'countyGovernment',
      region: '441602',
    },
    {
      key: 'dy',
      name: '东源县人民政府',
      shortName: '东源县政府',
      type: 'countyGovernment',
      region: '441625',
    },
    {
      key: 'hp',
      name: '和平县人民政府',
      shortName: '和平县政府',
      type: 'countyGovernment',
      region: '441624',
    },
    {
      key: 'lc',
      name: '龙川县人民政府',
      shortName: '龙川县政府',
      type: 'countyGovernment',
      region: '441622',
    },
    {
      key: 'zj',
      name: '紫金县人民政府',
      shortName: '紫金县政府',
      type: 'countyGovernment',
      region: '441621',
    },
    {
      key: 'lp',
      name: '连平县人民政府',
      shortName: '连平县政府',
      type: 'countyGovernment',
      region: '441623',
    },
    {
      key: 'jd',
      name: '河源市江东新区管理委员会',
      shortName: '江东新区管委会',
      type: 'countyGovernment',
      region: '441600-JD',
    },
    {
      key: 'gx',
      name: '河源高新技术产业开发区管理委员会',
      shortName: '高新区管委会',
      type: 'countyGovernment',
      region: '441600-GX',
    },
    {
      key: 'dyOffice',
      name: '东源县“面对面”政企交流活动工作专班办公室',
      shortName: '东源县专班办公室',
      type: 'taskForceOffice',
      region: '441625',
    },
  ] satisfies UnitSeed[]
).map((u) => ({ ...u, collector: true }));

/** The task force as the plan lists it (《河源市“面对面”政企交流活动工作方案》, section 一). */
const taskForce = [
  { position: 'leader', personName: '刘东豪', title: '市委常委、常务副市长', unit: null },
  { position: 'executiveDeputyLeader', personName: '梁均达', title: '副市长', unit: null },
  { position: 'deputyLeader', personName: '黄少立', title: '市政府副秘书长', unit: null },
  { position: 'deputyLeader', personName: '叶金镜', title: '市工业和信息化局局长', unit: 'miit' },
  { position: 'member', personName: '谢海航', title: '市发展改革局局长', unit: 'ndrc' },
  { position: 'member', personName: '林文泉', title: '市人力资源社会保障局局长', unit: 'hrss' },
  { position: 'member', personName: '李法南', title: '市自然资源局局长', unit: 'nr' },
  { position: 'member', personName: '陈海青', title: '市商务局局长', unit: 'commerce' },
  { position: 'member', personName: '朱雪中', title: '市政务服务和数据管理局局长', unit: 'data' },
  { position: 'member', personName: '徐耀目', title: '市工商联党组书记、常务副主席', unit: 'fic' },
] as const;

interface AccountSeed {
  username: string;
  name: string;
  title: string;
  unit?: string;
  enterprise?: boolean;
  roles: Role[];
}

/** One demo account per role, named after it; fictional people. */
export const demoAccounts: AccountSeed[] = [
  { username: 'admin', name: '系统管理员', title: '信息科科长', unit: 'data', roles: ['admin'] },
  {
    username: 'office',
    name: '王晓敏',
    title: '专班办公室副主任',
    unit: 'office',
    roles: ['taskForceOffice'],
  },
  { username: 'leader', name: '赵建国', title: '副市长', unit: 'gov', roles: ['leader'] },
  {
    username: 'govoffice',
    name: '陈立新',
    title: '市府办公室秘书科科长',
    unit: 'govOffice',
    roles: ['governmentOffice'],
  },
  {
    username: 'supervisor',
    name: '刘芳',
    title: '督查室督查专员',
    unit: 'supervision',
    roles: ['supervisionOffice'],
  },
  { username: 'handler', name: '黄志强', title: '耕地保护科科员', unit: 'nr', roles: ['handler'] },
  { username: 'unitleader', name: '邓永红', title: '市自然资源局副局长', unit: 'nr', roles: ['unitLeader'] },
  {
    username: 'cohandler',
    name: '陈伟东',
    title: '建筑市场监管科科员',
    unit: 'housing',
    roles: ['handler'],
  },
  { username: 'collector', name: '叶小青', title: '市人大办联络科科员', unit: 'npc', roles: ['collector'] },
  {
    username: 'publicity',
    name: '钟海燕',
    title: '市委宣传部新闻科科长',
    unit: 'publicity',
    roles: ['publicity'],
  },
  { username: 'enterprise', name: '李春明', title: '行政部经理', enterprise: true, roles: ['enterprise'] },
  {
    username: 'county',
    name: '温振华',
    title: '东源县政府办科员',
    unit: 'dy',
    roles: ['collector', 'handler'],
  },
  {
    username: 'countyoffice',
    name: '罗丽娟',
    title: '东源县专班办公室主任',
    unit: 'dyOffice',
    roles: ['taskForceOffice'],
  },
  {
    username: 'countyadmin',
    name: '东源县管理员',
    title: '东源县政务服务数据管理局',
    unit: 'dy',
    roles: ['admin'],
  },
];

function creditCode(first17: string): string {
  return first17 + (creditCodeCheckCharacter(first17) as string);
}

export async function hasAnyRegion(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Seeds Heyuan: regions, units, task force, a demo enterprise and one account per role. */
export async function seedHeyuanDemo(ctx: AppContext): Promise<{ seeded: boolean }> {
  if (await hasAnyRegion(ctx)) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await transact(ctx, systemMeta, async (tx) => {
    const trx: Trx = tx.trx;
    const regionIds = new Map<string, string>();
    for (const [index, region] of regions.entries()) {
      const id = uuidv7();
      regionIds.set(region.code, id);
      await trx
        .insertInto('regions')
        .values({
          id,
          code: region.code,
          name: region.name,
          kind: region.kind,
          parentId: region.kind === 'city' ? null : (regionIds.get('441600') as string),
          sortOrder: index,
        })
        .execute();
    }
    const unitIds = new Map<string, string>();
    for (const [index, unit] of [...cityUnits, ...countyUnits].entries()) {
      const id = uuidv7();
      unitIds.set(unit.key, id);
      await trx
        .insertInto('units')
        .values({
          id,
          name: unit.name,
          shortName: unit.shortName,
          type: unit.type,
          regionId: regionIds.get(unit.region) as string,
          parentId: null,
          isCollector: unit.collector ? 1 : 0,
          active: 1,
          sortOrder: (index + 1) * 10,
          version: 1,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .execute();
    }
    for (const [index, member] of taskForce.entries()) {
      await trx
        .insertInto('taskForceMembers')
        .values({
          id: uuidv7(),
          regionId: regionIds.get('441600') as string,
          position: member.position,
          personName: member.personName,
          title: member.title,
          unitId: member.unit ? (unitIds.get(member.unit) as string) : null,
          personId: null,
          sortOrder: (index + 1) * 10,
        })
        .execute();
    }
    const enterpriseId = uuidv7();
    await trx
      .insertInto('enterprises')
      .values({
        id: enterpriseId,
        name: '河源市示范电子科技有限公司',
        creditCode: creditCode('91441602MA4UX8Q7'.padEnd(17, '1')),
        regionId: regionIds.get('441602') as string,
        version: 1,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .execute();
    for (const account of demoAccounts) {
      const id = uuidv7();
      await trx
        .insertInto('people')
        .values({
          id,
          username: account.username,
          passwordHash,
          name: account.name,
          title: account.title,
          unitId: account.unit ? (unitIds.get(account.unit) as string) : null,
          enterpriseId: account.enterprise ? enterpriseId : null,
          phone: null,
          email: null,
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          mustChangePassword: 0,
          lastLoginAt: null,
          version: 1,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .execute();
      await trx
        .insertInto('personRoles')
        .values(account.roles.map((role) => ({ personId: id, role })))
        .execute();
    }
    await writeCitySettings(
      trx,
      {
        productName: '河源市“面对面”政企交流平台',
        cityName: '河源市',
        cityRegionId: regionIds.get('441600') as string,
        appealNumberPrefix: 'HY',
      },
      tx.now,
    );
    await tx.audit({
      action: 'system.seed_demo',
      entityType: 'system',
      entityId: 'heyuan',
      after: {
        regions: regions.length,
        units: cityUnits.length + countyUnits.length,
        accounts: demoAccounts.length,
      },
    });
  });
  return { seeded: true };
}
