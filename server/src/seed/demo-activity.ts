import type { Role, UnitType } from '@f2f/contract';
import { dateInZone } from '../clock.ts';
import type { Actor, AppContext, RequestMeta } from '../context.ts';
import { AppError } from '../errors.ts';
import * as appeals from '../modules/appeals/appeals.service.ts';
import { rolesOf } from '../modules/auth/session.repository.ts';
import * as events from '../modules/events/events.service.ts';
import * as verification from '../modules/verification/verification.service.ts';

/** The signed-in person a demo step acts as, loaded like a session would load them. */
async function actAs(ctx: AppContext, username: string): Promise<RequestMeta> {
  const row = await ctx.db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .innerJoin('regions as r', (join) =>
      join.on((eb) => eb.or([eb('r.id', '=', eb.ref('u.regionId')), eb('r.id', '=', eb.ref('e.regionId'))])),
    )
    .select([
      'p.id',
      'p.username',
      'p.name',
      'p.unitId',
      'p.enterpriseId',
      'u.type',
      'r.id as regionId',
      'r.parentId',
    ])
    .where('p.username', '=', username)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    personId: row.id,
    username: row.username,
    name: row.name,
    roles: (await rolesOf(ctx.db, row.id)) as Role[],
    unitId: row.unitId,
    unitType: (row.type as UnitType | null) ?? null,
    enterpriseId: row.enterpriseId,
    regionId: row.regionId,
    regionParentId: row.parentId,
  };
  return { actor, ip: null, requestId: 'demo-seed' };
}

async function unitIdOf(ctx: AppContext, name: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

const demoAppeals = [
  [
    '新厂区二期用地指标未落实',
    '我司新厂区二期项目已完成备案，但用地指标迟迟未落实，影响年内开工，恳请协调自然资源部门加快办理。',
    'land',
  ],
  [
    '技改项目贷款贴息申请进度慢',
    '去年完成的智能化技改项目申请贷款贴息，材料已提交三个月仍无答复，请财政部门明确办理时限。',
    'finance',
  ],
  [
    '园区进场道路尚未硬化',
    '园区进场道路仍为土路，雨天大货车无法进出，影响原材料运输和产品发货，希望尽快硬化。',
    'logistics',
  ],
  [
    '高校毕业生引进补贴政策如何申报',
    '我司今年引进了12名本科毕业生，想了解市里人才引进补贴的申报条件和流程。',
    'policyDelivery',
  ],
  [
    '工业用电增容报装周期长',
    '新增两条生产线需用电增容，报装已两个月，供电部门答复需等待线路改造，请协调加快。',
    'utilities',
  ],
] as const;

/**
 * A little of everything for `npm start`: appeals in the pool, one verified by a unit, one not
 * accepted, one assigned directly, and a quarterly event drafting its catalogue. Runs through the
 * same services as the web interface, so every row has its timeline and audit record.
 */
export async function seedDemoActivity(
  ctx: AppContext,
): Promise<{ appeals: number; eventId: string | null }> {
  const enterprise = await actAs(ctx, 'enterprise');
  const office = await actAs(ctx, 'office');
  const handler = await actAs(ctx, 'handler');
  const nr = await unitIdOf(ctx, '河源市自然资源局');
  const finance = await unitIdOf(ctx, '河源市财政局');
  const housing = await unitIdOf(ctx, '河源市住房和城乡建设局');

  const created = [];
  for (const [title, content, category] of demoAppeals) {
    created.push(await appeals.submitAppeal(ctx, enterprise, { title, content, category }));
  }
  const [land, loan, road, talent] = created;
  if (!land || !loan || !road || !talent) return { appeals: created.length, eventId: null };

  // The land appeal: the land bureau is asked and answers; the office assesses it for the leaders.
  await verification.requestVerification(ctx, office, land.id, {
    unitIds: [nr],
    question: '请核实该企业二期用地指标落实情况',
    workingDays: 3,
  });
  const [request] = (await verification.listRequests(ctx, handler, { status: 'open', page: 1, pageSize: 10 }))
    .items;
  if (request) {
    await verification.answerRequest(ctx, handler, request.id, {
      answer: '已纳入年度用地计划，需市级统筹调剂指标，建议提交市领导协调。',
    });
  }
  const assessed = await appeals.getAppeal(ctx, office, land.id);
  await verification.assess(ctx, office, land.id, {
    assessment: '情况属实，涉及用地指标统筹，需市领导协调。',
    tierCode: 'leaders',
    version: assessed.version,
  });

  // The talent question is answered by clear policy: handled directly and assigned.
  await verification.handleDirectly(ctx, office, talent.id, {
    tierCode: 'immediate',
    version: talent.version,
  });
  const direct = await appeals.getAppeal(ctx, office, talent.id);
  await verification.assign(ctx, office, talent.id, {
    leadUnitId: await unitIdOf(ctx, '河源市人力资源和社会保障局'),
    coUnitIds: [],
    measures: '向企业解读人才引进补贴政策并指导申报',
    version: direct.version,
  });

  // A quarterly event about three weeks ahead, drafting its catalogue; skipped when the calendar
  // does not know that year yet (an administrator adds it in 工作日历).
  let eventId: string | null = null;
  try {
    const today = dateInZone(ctx.clock.now(), ctx.config.timeZone);
    const date = ctx.calendar.addWorkdays(today, 15);
    const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
    const event = await events.createEvent(ctx, office, {
      kind: 'city',
      title: `${date.slice(0, 4)}年第${'一二三四'[quarter - 1]}季度“面对面”政企交流活动`,
      date,
      venue: '河源市行政服务中心第一会议室',
    });
    await events.addItems(ctx, office, event.id, {
      version: event.version,
      items: [
        { appealId: land.id, proposedHandling: '建议由市自然资源局统筹调剂用地指标', unitIds: [nr, finance] },
        { appealId: road.id, proposedHandling: '建议由市住建局牵头硬化进场道路', unitIds: [housing] },
      ],
    });
    eventId = event.id;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'calendar.year_unknown')) throw error;
  }
  return { appeals: created.length, eventId };
}
