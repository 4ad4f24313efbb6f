import { creditCodeCheckCharacter } from '@f2f/contract';
import { type Insertable, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { dateInZone } from '../src/clock.ts';
import type { AppContext } from '../src/context.ts';
import type { Database } from '../src/db/schema.ts';
import { addIndexEntries, appealSearchText } from '../src/modules/search/search.repository.ts';
import { rebuildTopicStats } from '../src/modules/topics/topics.repository.ts';

/**
 * Realistic benchmark data: enterprises across the Heyuan regions and appeals whose Chinese texts
 * are assembled from phrases of the kind enterprises actually write, per category. Deterministic
 * (a seeded generator), written in batches straight into the tables (with timeline rows and the
 * search index), since pushing a million appeals through the API would measure only the generator.
 */

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const places = [
  '东源',
  '和平',
  '龙川',
  '紫金',
  '连平',
  '源城',
  '江东',
  '高新',
  '万绿',
  '新丰江',
  '客家',
  '河源',
];
const words = [
  '华盛',
  '恒通',
  '鑫达',
  '粤兴',
  '宏图',
  '嘉信',
  '众成',
  '绿源',
  '天翼',
  '科创',
  '瑞丰',
  '锦华',
  '永利',
  '东江',
];
const trades = [
  '电子科技',
  '新材料',
  '精密制造',
  '食品',
  '矿业',
  '水电',
  '物流',
  '医药',
  '纺织',
  '机械',
  '家居',
  '农业发展',
];

const phrases: Record<string, string[]> = {
  land: [
    '企业新建厂房需新增工业用地{n}亩，目前用地指标不足，希望协调解决',
    '二期项目用地报批进度缓慢，影响按期动工',
    '厂区周边土地征收尚未完成，项目用地手续无法办理',
    '申请办理不动产权证书时遇到历史遗留问题',
    '希望政府协调解决项目用地红线调整问题',
  ],
  finance: [
    '企业流动资金紧张，希望协调银行提供{n}万元贷款支持',
    '申请中小企业融资担保，手续复杂，审批时间长',
    '希望加快兑现技改补贴资金，缓解融资压力',
    '应收账款回款周期长，企业资金周转困难',
  ],
  labour: [
    '企业招工难，一线普工缺口约{n}人，希望组织专场招聘会',
    '技术工人流失严重，希望加强职业技能培训',
    '员工子女入学难，影响人才稳定',
    '希望协调解决外来务工人员住房问题',
  ],
  approvals: [
    '项目环评审批时间较长，影响投产进度',
    '消防验收手续办理不畅，希望简化审批流程',
    '施工许可证办理需要的材料过多，希望提供指导',
    '建设工程规划许可审批进度缓慢',
  ],
  utilities: [
    '企业用电负荷增加，需新增变压器容量{n}千伏安',
    '园区供水压力不足，影响正常生产',
    '天然气管道尚未接入厂区，希望加快建设',
    '生产高峰期经常停电，希望供电部门保障稳定供电',
  ],
  logistics: [
    '园区道路破损严重，货车进出困难',
    '希望开通园区至高速出口的公交线路',
    '物流成本较高，希望协调铁路货运站点',
  ],
  policyDelivery: [
    '高新技术企业奖励资金尚未到位',
    '稳岗补贴申领流程不清楚，希望政策宣讲',
    '企业研发费用加计扣除政策落实有困难',
    '招商引资协议中承诺的优惠政策未兑现',
  ],
  other: ['希望加强园区治安管理', '企业周边环境整治问题', '希望协调解决与周边村民的纠纷'],
};
const categories = Object.keys(phrases);
const channels = ['online', 'collector', 'yueshangtong', 'phone', 'breakfast', 'dinner', 'visit'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function fill(random: () => number, template: string): string {
  return template.replace('{n}', String(10 + Math.floor(random() * 490)));
}

/**
 * The category, title and content of the `index`-th appeal a benchmark sends through intake: a mix of
 * categories and texts like the generated ones, so that the intake measure does not pile thousands of
 * identical appeals of one category on top of the pool (which skewed the pool's figures on the next run).
 */
export function intakeText(index: number): { category: string; title: string; content: string } {
  // Consecutive seeds would give the generator's first draws in step (one category in six, not the mix): spread.
  const random = rng(Math.imul(index + 1, 0x9e3779b1));
  const category = pick(random, categories);
  const list = phrases[category] as string[];
  return {
    category,
    title: fill(random, pick(random, list)).slice(0, 40),
    content: [0, 1, 2].map(() => fill(random, pick(random, list))).join('。'),
  };
}

export function creditCode(index: number): string {
  const body = `914416${String(index).padStart(11, '0')}`.slice(0, 17);
  return body + creditCodeCheckCharacter(body);
}

export interface GenerateOptions {
  enterprises: number;
  appeals: number;
  /** Spread submission times over this many days before `until`. */
  days: number;
  until: Date;
  seed?: number;
  onProgress?: (done: number) => void;
}

export async function generate(ctx: AppContext, options: GenerateOptions): Promise<{ appealIds: string[] }> {
  const random = rng(options.seed ?? 20241010);
  const regions = await ctx.db.selectFrom('regions').select(['id', 'code']).execute();
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'regionId'])
    .where('isCollector', '=', 1)
    .execute();
  const recorder = await ctx.db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('username', '=', 'collector')
    .executeTakeFirstOrThrow();
  const now = options.until.toISOString();
  // The departments that lead or join the handling of an appeal.
  const departments = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('type', '=', 'department')
    .execute();
  const tiers = (await ctx.db.selectFrom('handlingTiers').select('code').orderBy('sortOrder').execute()).map(
    (t) => t.code,
  );

  const enterpriseIds: { id: string; regionId: string; name: string }[] = [];
  for (let start = 0; start < options.enterprises; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(options.enterprises, start + 500); i += 1) {
      const region = pick(random, regions);
      const name = `河源市${pick(random, places)}${pick(random, words)}${pick(random, trades)}有限公司${i}`;
      const row = {
        id: uuidv7(),
        name,
        creditCode: creditCode(i),
        regionId: region.id,
        scale: random() < 0.3 ? 'aboveScale' : null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      batch.push(row);
      enterpriseIds.push({ id: row.id, regionId: row.regionId, name });
    }
    await ctx.db.insertInto('enterprises').values(batch).execute();
  }

  const nameOf = new Map(enterpriseIds.map((e) => [e.id, e.name]));
  const appealIds: string[] = [];
  const start = options.until.getTime() - options.days * 86_400_000;
  const batchSize = 1000;
  let counter = 0;
  const { rows: maxRows } = await sql<{
    n: number | string | null;
  }>`select max(seq) as n from appeals`.execute(ctx.db);
  let seq = Number(maxRows[0]?.n ?? 0);
  for (let done = 0; done < options.appeals; done += batchSize) {
    await ctx.db.transaction().execute(async (trx) => {
      const appeals = [];
      const timeline: Timeline[] = [];
      const assignments: Assignment[] = [];
      const assignmentUnits: AssignmentUnit[] = [];
      const ratings: Rating[] = [];
      for (let i = done; i < Math.min(options.appeals, done + batchSize); i += 1) {
        const enterprise = pick(random, enterpriseIds);
        const category = pick(random, categories);
        const list = phrases[category] as string[];
        const title = fill(random, pick(random, list)).slice(0, 40);
        const content = [0, 1, 2, 3]
          .map(() => fill(random, pick(random, list)))
          .concat(fill(random, pick(random, phrases.other as string[])))
          .join('。');
        const channel = pick(random, channels);
        const unit = channel === 'online' ? null : pick(random, units);
        const submittedAt = new Date(
          start + ((i + random()) / options.appeals) * (options.until.getTime() - start),
        );
        counter += 1;
        const id = uuidv7();
        seq += 1;
        appeals.push({
          id,
          seq,
          number: `HY-${submittedAt.getUTCFullYear()}-B${String(counter).padStart(7, '0')}`,
          enterpriseId: enterprise.id,
          regionId: enterprise.regionId,
          // Benchmark data: every appeal at its enterprise's level.
          handlingRegionId: enterprise.regionId,
          title,
          content: `${content}。`,
          category,
          channel,
          collectingUnitId: unit?.id ?? null,
          recordedBy: unit ? recorder.id : null,
          exchangeId: null,
          commonIssueId: null,
          apiKeyId: null,
          externalId: null,
          status: 'pooled',
          submittedAt: submittedAt.toISOString(),
          updatedAt: submittedAt.toISOString(),
          version: 1,
        });
        timeline.push({
          id: uuidv7(),
          appealId: id,
          at: submittedAt.toISOString(),
          actorId: unit ? recorder.id : null,
          actorName: unit ? recorder.name : null,
          kind: 'created',
          dataJson: JSON.stringify({ channel }),
        });
        appealIds.push(id);
        const history = handlingHistory(ctx, random, {
          appealId: id,
          submittedAt,
          until: options.until,
          departments,
          tiers,
        });
        const appeal = appeals[appeals.length - 1] as {
          status: string;
          updatedAt: string;
          tierCode?: string | null;
        };
        appeal.status = history.status;
        appeal.updatedAt = history.updatedAt;
        appeal.tierCode = history.tierCode;
        assignments.push(...history.assignments);
        assignmentUnits.push(...history.assignmentUnits);
        ratings.push(...history.ratings);
        timeline.push(...history.timeline);
      }
      // Bound parameters per statement stay well under the databases' limits.
      for (let k = 0; k < appeals.length; k += 200) {
        await trx
          .insertInto('appeals')
          .values(appeals.slice(k, k + 200))
          .execute();
      }
      for (const [table, rows] of [
        ['appealTimeline', timeline],
        ['assignments', assignments],
        ['assignmentUnits', assignmentUnits],
        ['ratings', ratings],
      ] as const) {
        for (let k = 0; k < rows.length; k += 100) {
          await trx
            .insertInto(table)
            .values(rows.slice(k, k + 100) as never)
            .execute();
        }
      }
      await addIndexEntries(
        trx,
        ctx.dialect,
        appeals.map((appeal) => ({
          seq: appeal.seq,
          text: appealSearchText(appeal, nameOf.get(appeal.enterpriseId) ?? ''),
        })),
      );
    });
    options.onProgress?.(Math.min(options.appeals, done + batchSize));
  }
  if (ctx.dialect === 'postgres') {
    // Explicit seq values do not advance the identity sequence: move it past them.
    await sql`select setval(pg_get_serial_sequence('appeals', 'seq'), ${seq})`.execute(ctx.db);
  }
  // The hot-topic counts of all the appeals at once (segmenting is most of the generator's time).
  await rebuildTopicStats(ctx.db);
  await sql`analyze`.execute(ctx.db);
  return { appealIds };
}

type Timeline = Insertable<Database['appealTimeline']>;
type Assignment = Insertable<Database['assignments']>;
type AssignmentUnit = Insertable<Database['assignmentUnits']>;
type Rating = Insertable<Database['ratings']>;

const DAY = 86_400_000;

/**
 * What happened to an appeal since it came in, by its age: nine in ten appeals older than two months are closed
 * (assigned, accepted, reported, closed and rated); of the rest, most were not accepted and one in twenty is
 * still being handled, long past its deadline (work that deadlines of 15 to 30 working days and supervision
 * leave open; an earlier generator left one in five open, which no working mechanism would); recent
 * ones are spread over the pool, verification and handling. The rows are those the services write (the
 * assignment, its lead and co-units, the ratings, the timeline), so that the dashboard's aggregates, the
 * ledger and the detail page have real work to show.
 */
function handlingHistory(
  ctx: AppContext,
  random: () => number,
  input: { appealId: string; submittedAt: Date; until: Date; departments: { id: string }[]; tiers: string[] },
): {
  status: string;
  updatedAt: string;
  tierCode: string | null;
  assignments: Assignment[];
  assignmentUnits: AssignmentUnit[];
  ratings: Rating[];
  timeline: Timeline[];
} {
  const { appealId, submittedAt, until, departments, tiers } = input;
  const ageDays = (until.getTime() - submittedAt.getTime()) / DAY;
  const r = random();
  const status =
    ageDays > 60
      ? r < 0.9
        ? 'closed'
        : r < 0.93
          ? 'inProgress'
          : r < 0.94
            ? 'completionReported'
            : r < 0.99
              ? 'notAccepted'
              : 'assigned'
      : r < 0.3
        ? 'pooled'
        : r < 0.42
          ? 'verifying'
          : r < 0.5
            ? 'toAssign'
            : r < 0.68
              ? 'assigned'
              : r < 0.9
                ? 'inProgress'
                : 'closed';
  const timeline: Timeline[] = [];
  const at = (days: number) => new Date(submittedAt.getTime() + days * DAY).toISOString();
  const day = (instant: string) => dateInZone(new Date(instant), ctx.config.timeZone);
  const empty = { assignments: [], assignmentUnits: [], ratings: [] };
  if (status === 'pooled' || status === 'verifying' || status === 'toAssign') {
    return { status, updatedAt: submittedAt.toISOString(), tierCode: null, timeline, ...empty };
  }
  // Mostly the first (unit-level) tier, the rest spread over the others.
  const tierCode =
    tiers.length === 0
      ? null
      : random() < 0.8
        ? (tiers[0] ?? null)
        : (tiers[Math.floor(random() * tiers.length)] ?? null);
  if (status === 'notAccepted') {
    const decided = at(2);
    timeline.push({
      id: uuidv7(),
      appealId,
      at: decided,
      actorId: null,
      actorName: '市专班办',
      kind: 'rejected',
      dataJson: '{}',
    });
    return { status, updatedAt: decided, tierCode: null, timeline, ...empty };
  }
  const assignedAt = at(2 + random() * 3);
  const assignedDay = day(assignedAt);
  const dueDate = addWorkdays(ctx, assignedDay, 15);
  const lead = departments[Math.floor(random() * departments.length)] as { id: string };
  const co =
    random() < 0.3 ? (departments[Math.floor(random() * departments.length)] as { id: string }) : null;
  const assignmentId = uuidv7();
  const acceptedAt = status === 'assigned' ? null : at(3 + random() * 4);
  const reportedAt = status === 'inProgress' || status === 'assigned' ? null : at(8 + random() * 20);
  const closedAt =
    status === 'closed' && reportedAt ? new Date(Date.parse(reportedAt) + 2 * DAY).toISOString() : null;
  const assignmentStatus =
    status === 'assigned'
      ? 'pending'
      : status === 'inProgress'
        ? 'accepted'
        : status === 'closed'
          ? 'closed'
          : 'reported';
  const assignment: Assignment = {
    id: assignmentId,
    appealId,
    source: 'direct',
    leadUnitId: lead.id,
    measures: '约谈企业了解情况，会同相关部门现场办公，提出解决方案并限期落实。',
    dueDate,
    originalDueDate: dueDate,
    assignedBy: null,
    assignedAt,
    status: assignmentStatus,
    acceptDueDate: addWorkdays(ctx, assignedDay, 2),
    acceptedAt,
    acceptedBy: null,
    returnReason: null,
    returnedAt: null,
    reportedAt,
    closedAt,
    workingDays: closedAt ? workdaysBetween(ctx, assignedDay, day(closedAt)) : null,
  };
  const assignmentUnits: AssignmentUnit[] = [
    { assignmentId, appealId, unitId: lead.id, role: 'lead', dueDate: null },
  ];
  if (co && co.id !== lead.id) {
    assignmentUnits.push({
      assignmentId,
      appealId,
      unitId: co.id,
      role: 'co',
      dueDate: addWorkdays(ctx, assignedDay, 10),
    });
  }
  timeline.push({
    id: uuidv7(),
    appealId,
    at: assignedAt,
    actorId: null,
    actorName: '市专班办',
    kind: 'assigned',
    dataJson: JSON.stringify({ assignmentId, source: 'direct', dueDate }),
  });
  if (acceptedAt) {
    timeline.push({
      id: uuidv7(),
      appealId,
      at: acceptedAt,
      actorId: null,
      actorName: null,
      kind: 'accepted',
      dataJson: JSON.stringify({ assignmentId }),
    });
  }
  if (reportedAt) {
    timeline.push({
      id: uuidv7(),
      appealId,
      at: reportedAt,
      actorId: null,
      actorName: null,
      kind: 'completionReported',
      dataJson: JSON.stringify({ assignmentId }),
    });
  }
  const ratings: Rating[] = [];
  if (closedAt) {
    timeline.push({
      id: uuidv7(),
      appealId,
      at: closedAt,
      actorId: null,
      actorName: '市专班办',
      kind: 'closed',
      dataJson: JSON.stringify({ assignmentId }),
    });
    const closedDay = day(closedAt);
    const v = random();
    const given = v < 0.92;
    const ratedAt = new Date(Date.parse(closedAt) + DAY).toISOString();
    ratings.push({
      id: uuidv7(),
      appealId,
      assignmentId,
      unitId: lead.id,
      role: 'lead',
      round: 1,
      status: given ? 'given' : 'notGiven',
      requestedAt: closedAt,
      remindDate: addWorkdays(ctx, closedDay, 3),
      dueDate: addWorkdays(ctx, closedDay, 5),
      remindedAt: null,
      value: given ? (v < 0.7 ? 'satisfied' : v < 0.86 ? 'basicallySatisfied' : 'dissatisfied') : null,
      reason: null,
      comment: null,
      ratedBy: null,
      ratedAt: given ? ratedAt : null,
      decision: null,
      explanation: null,
      explanationStatus: null,
      decidedBy: null,
      decidedAt: null,
      approvedBy: null,
      approvedAt: null,
      excludedFromScore: 0,
    });
    if (given) {
      timeline.push({
        id: uuidv7(),
        appealId,
        at: ratedAt,
        actorId: null,
        actorName: null,
        kind: 'rated',
        dataJson: JSON.stringify({ assignmentId }),
      });
    }
  }
  const updatedAt =
    [closedAt, reportedAt, acceptedAt, assignedAt].find((x): x is string => x !== null) ?? assignedAt;
  return { status, updatedAt, tierCode, timeline, assignments: [assignment], assignmentUnits, ratings };
}

/** Working days on the official calendar; past its last known year (recent appeals' deadlines), weekdays. */
function addWorkdays(ctx: AppContext, date: string, count: number): string {
  try {
    return ctx.calendar.addWorkdays(date, count);
  } catch {
    const day = new Date(`${date}T00:00:00Z`);
    let left = count;
    while (left > 0) {
      day.setUTCDate(day.getUTCDate() + 1);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
    }
    return day.toISOString().slice(0, 10);
  }
}

function workdaysBetween(ctx: AppContext, from: string, to: string): number | null {
  try {
    return ctx.calendar.workdaysBetweenOrNull(from, to);
  } catch {
    return null;
  }
}
