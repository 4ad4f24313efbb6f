import { creditCodeCheckCharacter } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { auditAfter, expectError, lastAuditSeq, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

interface Detail {
  id: string;
  number: string;
  regionId: string;
  handlingRegionId: string;
  handlingRegionName: string;
  status: string;
  version: number;
  allowedActions: string[];
  timeline: { id: string; kind: string; actorName: string | null; data: Record<string, unknown> | null }[];
}
interface ListItem {
  id: string;
  handlingRegionId: string;
  handlingRegionName: string;
}
interface Levels {
  handlingRegionId: string;
  handlingRegionName: string;
  moves: {
    direction: string;
    fromRegionName: string;
    toRegionName: string;
    status: string;
    reason: string;
    movedByName: string | null;
  }[];
  handDownTargets: { id: string; name: string }[];
}

function json<T>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

describe('county ↔ city: escalation, handing down, and who sees what', async () => {
  // Monday 15 September 2025.
  const t = await createTestApp({ now: '2025-09-15T02:00:00.000Z' });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const county = await login(app, 'county');
  const leader = await login(app, 'leader');
  const supervisor = await login(app, 'supervisor');
  const handler = await login(app, 'handler');
  const enterprise = await login(app, 'enterprise');
  const cityId = await regionId(ctx, '河源市');
  const dongyuanId = await regionId(ctx, '东源县');
  const hepingId = await regionId(ctx, '和平县');
  const longchuanId = await regionId(ctx, '龙川县');
  const nrId = await unitId(ctx, '河源市自然资源局');

  // 和平县 gets its own task-force office and one clerk, as an administrator would set them up.
  const hepingOfficeUnit = uuidv7();
  const now = clock.now().toISOString();
  await ctx.db
    .insertInto('units')
    .values({
      id: hepingOfficeUnit,
      name: '和平县专班办公室',
      shortName: '和平县专班办',
      type: 'taskForceOffice',
      regionId: hepingId,
      parentId: null,
      isCollector: 1,
      active: 1,
      sortOrder: 900,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const source = await ctx.db
    .selectFrom('people')
    .selectAll()
    .where('username', '=', 'countyoffice')
    .executeTakeFirstOrThrow();
  const hepingClerkId = uuidv7();
  await ctx.db
    .insertInto('people')
    .values({
      ...source,
      id: hepingClerkId,
      username: 'hpoffice',
      name: '和平县专班经办人',
      unitId: hepingOfficeUnit,
    })
    .execute();
  await ctx.db
    .insertInto('personRoles')
    .values({ personId: hepingClerkId, role: 'taskForceOffice' })
    .execute();
  const hepingOffice = await login(app, 'hpoffice');

  let creditSeq = 0;
  async function createEnterprise(name: string, region: string): Promise<string> {
    creditSeq += 1;
    const first17 = `91441600MB${String(creditSeq).padStart(7, '0')}`;
    const id = uuidv7();
    await ctx.db
      .insertInto('enterprises')
      .values({
        id,
        name,
        creditCode: first17 + creditCodeCheckCharacter(first17),
        regionId: region,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return id;
  }
  const dongyuanEnterprise = await createEnterprise('东源县绿源食品有限公司', dongyuanId);
  const longchuanEnterprise = await createEnterprise('龙川县恒达纺织有限公司', longchuanId);

  async function record(session: Session, enterpriseId: string, title: string): Promise<Detail> {
    return json<Detail>(
      await call(app, session, 'POST', '/api/appeals', {
        enterpriseId,
        channel: 'visit',
        category: 'land',
        title,
        content: `${title}，影响企业正常生产经营，恳请协调解决。`,
      }),
    );
  }
  const detail = (s: Session, id: string) => call(app, s, 'GET', `/api/appeals/${id}`);
  const detailOf = async (s: Session, id: string) => json<Detail>(await detail(s, id));
  const levelsOf = async (s: Session, id: string) =>
    json<Levels>(await call(app, s, 'GET', `/api/appeals/${id}/levels`));
  const pool = async (s: Session, level?: 'mine' | 'all') =>
    json<{ items: ListItem[]; total: number }>(
      await call(app, s, 'GET', `/api/appeals?pageSize=200${level ? `&level=${level}` : ''}`),
    ).items;
  const poolIds = async (s: Session, level?: 'mine' | 'all') => (await pool(s, level)).map((a) => a.id);
  const escalate = (s: Session, id: string, body: Record<string, unknown>) =>
    call(app, s, 'POST', `/api/appeals/${id}/escalate`, body);
  const handDown = (s: Session, id: string, body: Record<string, unknown>) =>
    call(app, s, 'POST', `/api/appeals/${id}/hand-down`, body);

  // 东源县 has an office: its appeals start there. 龙川县 has none, nor has 源城区 (the demo enterprise):
  // theirs start at the city.
  const dyLand = await record(countyOffice, dongyuanEnterprise, '食品厂扩建用地报批慢');
  const dySpare = await record(countyOffice, dongyuanEnterprise, '园区冷链物流配送不足');
  const dyRoad = await record(countyOffice, dongyuanEnterprise, '厂区进出道路破损严重');
  const lcPower = await record(office, longchuanEnterprise, '纺织园区供电容量不足');
  const online = json<Detail>(
    await call(app, enterprise, 'POST', '/api/appeals/submit', {
      title: '希望简化技改项目备案',
      content: '技改项目备案材料多、环节多，希望简化流程缩短办理时间。',
      category: 'land',
    }),
  );

  it('starts an appeal at its county when the county has an office, otherwise at the city', async () => {
    expect(dyLand).toMatchObject({
      regionId: dongyuanId,
      handlingRegionId: dongyuanId,
      handlingRegionName: '东源县',
    });
    expect(lcPower).toMatchObject({
      regionId: longchuanId,
      handlingRegionId: cityId,
      handlingRegionName: '河源市',
    });
    expect(online.handlingRegionId).toBe(cityId);
    const listed = new Map((await pool(office)).map((a) => [a.id, a]));
    expect(listed.get(dyLand.id)).toMatchObject({
      handlingRegionId: dongyuanId,
      handlingRegionName: '东源县',
    });
    expect(listed.get(lcPower.id)).toMatchObject({ handlingRegionId: cityId, handlingRegionName: '河源市' });
    // Each level sees its own work; the city sees the roll-up by default.
    expect((await poolIds(office)).sort()).toEqual(
      [dyLand.id, dySpare.id, dyRoad.id, lcPower.id, online.id].sort(),
    );
    expect((await poolIds(office, 'all')).sort()).toEqual((await poolIds(office)).sort());
    expect((await poolIds(office, 'mine')).sort()).toEqual([lcPower.id, online.id].sort());
    expect((await poolIds(countyOffice, 'mine')).sort()).toEqual([dyLand.id, dySpare.id, dyRoad.id].sort());
    expect(await poolIds(hepingOffice)).toEqual([]);
    // The county office may escalate; the city office may hand its own down; neither the other way.
    expect(dyLand.allowedActions).toContain('escalate');
    expect(dyLand.allowedActions).not.toContain('handDown');
    expect((await detailOf(office, dyLand.id)).allowedActions).not.toContain('escalate');
    expect((await detailOf(office, dyLand.id)).allowedActions).not.toContain('handDown');
    expect((await detailOf(office, lcPower.id)).allowedActions).toContain('handDown');
    expect((await detailOf(leader, lcPower.id)).allowedActions).toEqual([]);
  });

  it('refuses an escalation by the wrong person, level or status, or without a reason', async () => {
    const body = { reason: '涉及市级用地指标调配，县级无法协调', version: dyLand.version };
    // Wrong role: the route is the office's.
    for (const session of [county, leader, handler, enterprise]) {
      expectError(await escalate(session, dyLand.id, body), 'auth.forbidden');
    }
    // The city office sees it but is not the county; another county does not see it at all.
    expectError(await escalate(office, dyLand.id, body), 'auth.forbidden');
    expectError(await escalate(hepingOffice, dyLand.id, body), 'appeal.not_found');
    expectError(await escalate(countyOffice, uuidv7(), body), 'appeal.not_found');
    // A city-level appeal has nothing to escalate from.
    expectError(await escalate(office, lcPower.id, { ...body, version: lcPower.version }), 'auth.forbidden');
    // A reason is required, of at least 4 characters.
    expectError(await escalate(countyOffice, dyLand.id, { version: dyLand.version }), 'request.invalid');
    expectError(
      await escalate(countyOffice, dyLand.id, { reason: '  太难 ', version: dyLand.version }),
      'request.invalid',
    );
    // A stale version is a conflict.
    expectError(
      await escalate(countyOffice, dyLand.id, { ...body, version: dyLand.version - 1 }),
      'request.conflict',
    );
    // Not once it left the pool: rejected (notAccepted) appeals stay where they are.
    const rejected = json<Detail>(
      await call(app, countyOffice, 'POST', `/api/appeals/${dySpare.id}/reject`, {
        reason: '不属于政企交流受理范围',
        version: dySpare.version,
      }),
    );
    expect(rejected.allowedActions).not.toContain('escalate');
    expectError(
      await escalate(countyOffice, dySpare.id, { ...body, version: rejected.version }),
      'appeal.action_not_allowed',
    );
    expect((await detailOf(countyOffice, dyLand.id)).handlingRegionId).toBe(dongyuanId);
  });

  let escalated: Detail;
  let verificationDue: string;

  it('escalates with the county’s history, verification requests and their clocks kept', async () => {
    // The county asked the land bureau first; that request and its deadline travel with the appeal.
    const asked = json<Detail>(
      await call(app, countyOffice, 'POST', `/api/appeals/${dyLand.id}/verification-requests`, {
        unitIds: [nrId],
        question: '请核实该项目用地报批进展',
      }),
    );
    const request = await ctx.db
      .selectFrom('verificationRequests')
      .selectAll()
      .where('appealId', '=', dyLand.id)
      .executeTakeFirstOrThrow();
    verificationDue = request.dueDate;
    clock.advanceMinutes(60);
    const before = await lastAuditSeq(ctx);
    escalated = json<Detail>(
      await escalate(countyOffice, dyLand.id, {
        reason: '涉及市级用地指标调配，县级无法协调',
        version: asked.version,
      }),
    );
    expect(escalated).toMatchObject({
      status: 'verifying',
      regionId: dongyuanId,
      handlingRegionId: cityId,
      handlingRegionName: '河源市',
      version: asked.version + 1,
    });
    // The county's history is all there, with the move after it.
    expect(escalated.timeline.slice(0, -1)).toEqual(asked.timeline);
    expect(escalated.timeline.at(-1)).toMatchObject({
      kind: 'escalated',
      actorName: '罗丽娟',
      data: {
        fromRegionId: dongyuanId,
        fromRegionName: '东源县',
        toRegionId: cityId,
        toRegionName: '河源市',
        reason: '涉及市级用地指标调配，县级无法协调',
      },
    });
    const after = await ctx.db
      .selectFrom('verificationRequests')
      .selectAll()
      .where('appealId', '=', dyLand.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(request);
    expect(after).toMatchObject({ status: 'open', dueDate: verificationDue });

    const audit = await auditAfter(ctx, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['appeal.escalate', dyLand.id]]);
    expect(audit[0]).toMatchObject({
      actorId: await personId(ctx, 'countyoffice'),
      before: { handlingRegionId: dongyuanId },
      after: {
        handlingRegionId: cityId,
        move: { direction: 'escalate', reason: '涉及市级用地指标调配，县级无法协调' },
      },
    });
    // The city office is told in its inbox; the county office is not.
    const notices = await ctx.db
      .selectFrom('notices')
      .select(['personId', 'kind', 'title', 'link'])
      .where('kind', '=', 'appealEscalated')
      .execute();
    expect(notices).toEqual([
      {
        personId: await personId(ctx, 'office'),
        kind: 'appealEscalated',
        title: '东源县上报市级诉求：食品厂扩建用地报批慢',
        link: `/appeals/${dyLand.id}`,
      },
    ]);
    expect((await levelsOf(office, dyLand.id)).moves).toEqual([
      {
        id: expect.any(String),
        direction: 'escalate',
        fromRegionId: dongyuanId,
        fromRegionName: '东源县',
        toRegionId: cityId,
        toRegionName: '河源市',
        status: 'verifying',
        reason: '涉及市级用地指标调配，县级无法协调',
        movedByName: '罗丽娟',
        movedAt: clock.now().toISOString(),
      },
    ]);
  });

  it('leaves the county reading its escalated appeal, and the city working it under 本级', async () => {
    const read = await detailOf(countyOffice, dyLand.id);
    expect(read.allowedActions).toEqual([]);
    expect(read.timeline.at(-1)?.data).toMatchObject({ reason: '涉及市级用地指标调配，县级无法协调' });
    expect((await levelsOf(countyOffice, dyLand.id)).handDownTargets).toEqual([]);
    expectError(
      await call(app, countyOffice, 'POST', `/api/appeals/${dyLand.id}/assess`, {
        assessment: '县级越权研判',
        tierCode: 'single',
        version: read.version,
      }),
      'auth.forbidden',
    );
    expectError(
      await escalate(countyOffice, dyLand.id, { reason: '再次上报一次', version: read.version }),
      'auth.forbidden',
    );
    // Lists agree with the detail: the county keeps it in “all”, not in its own work.
    expect(await poolIds(countyOffice)).toContain(dyLand.id);
    expect(await poolIds(countyOffice, 'mine')).not.toContain(dyLand.id);
    expect(await poolIds(office, 'mine')).toContain(dyLand.id);
    // Its verification request stays visible to the county, and to the city.
    for (const session of [countyOffice, office]) {
      const requests = json<{ items: { appealId: string; dueDate: string }[] }>(
        await call(app, session, 'GET', `/api/verification-requests?appealId=${dyLand.id}`),
      ).items;
      expect(requests).toEqual([expect.objectContaining({ appealId: dyLand.id, dueDate: verificationDue })]);
    }
    // The city office now runs it: it may assess it and hand it down.
    expect((await detailOf(office, dyLand.id)).allowedActions).toEqual(
      expect.arrayContaining(['assess', 'reject', 'handleDirectly', 'putOnCatalogue', 'handDown']),
    );
    // Other oversight roles of the city see it; the supervisor's pool too.
    expect(await poolIds(supervisor)).toContain(dyLand.id);
  });

  it('refuses a hand-down by the wrong person, to the wrong place, or without a reason', async () => {
    const body = { regionId: hepingId, reason: '属地问题，由县区专班牵头办理', version: lcPower.version };
    for (const session of [county, leader, handler, enterprise]) {
      expectError(await handDown(session, lcPower.id, body), 'auth.forbidden');
    }
    // A county office cannot hand down, and does not see a city appeal of another county.
    expectError(await handDown(countyOffice, lcPower.id, body), 'appeal.not_found');
    expectError(
      await handDown(countyOffice, dyRoad.id, { ...body, version: dyRoad.version }),
      'auth.forbidden',
    );
    // The city does not hand down what a county handles (东源县's own appeal).
    expectError(await handDown(office, dyRoad.id, { ...body, version: dyRoad.version }), 'auth.forbidden');
    // Only to a county of the city with an office of its own.
    expect((await levelsOf(office, lcPower.id)).handDownTargets.map((r) => r.name).sort()).toEqual(
      ['东源县', '和平县'].sort(),
    );
    for (const target of [cityId, longchuanId, uuidv7()]) {
      const refused = expectError(
        await handDown(office, lcPower.id, { ...body, regionId: target }),
        'appeal.level_target_invalid',
      );
      expect(refused.details).toEqual({ regionId: target });
    }
    expectError(
      await handDown(office, lcPower.id, { regionId: hepingId, version: lcPower.version }),
      'request.invalid',
    );
    expect((await detailOf(office, lcPower.id)).handlingRegionId).toBe(cityId);
  });

  it('hands a city appeal down to a county, whose office then runs it', async () => {
    // The city asked the land bureau before handing down; the county sees that request afterwards.
    const asked = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${lcPower.id}/verification-requests`, {
        unitIds: [nrId],
        question: '请核实园区供电容量规划',
      }),
    );
    expectError(await detail(hepingOffice, lcPower.id), 'appeal.not_found');
    const before = await lastAuditSeq(ctx);
    const moved = json<Detail>(
      await handDown(office, lcPower.id, {
        regionId: hepingId,
        reason: '和平县牵头协调园区供电，由县专班办理',
        version: asked.version,
      }),
    );
    expect(moved).toMatchObject({ status: 'verifying', regionId: longchuanId, handlingRegionId: hepingId });
    expect(moved.timeline.at(-1)).toMatchObject({ kind: 'handedDown', actorName: '王晓敏' });
    const audit = await auditAfter(ctx, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['appeal.hand_down', lcPower.id]]);
    expect(audit[0]).toMatchObject({
      before: { handlingRegionId: cityId },
      after: { handlingRegionId: hepingId },
    });
    const notices = await ctx.db
      .selectFrom('notices')
      .select(['personId', 'title'])
      .where('kind', '=', 'appealHandedDown')
      .execute();
    expect(notices).toEqual([
      { personId: hepingClerkId, title: '市级交由和平县办理的诉求：纺织园区供电容量不足' },
    ]);

    // 和平县 now sees and runs it, although the enterprise is in 龙川县; 东源县 still does not see it.
    const there = await detailOf(hepingOffice, lcPower.id);
    expect(there.allowedActions).toEqual(expect.arrayContaining(['assess', 'reject', 'escalate']));
    expect(await poolIds(hepingOffice, 'mine')).toEqual([lcPower.id]);
    expect(await poolIds(hepingOffice)).toEqual([lcPower.id]);
    expect(
      json<{ items: { appealId: string }[] }>(
        await call(app, hepingOffice, 'GET', '/api/verification-requests'),
      ).items.map((r) => r.appealId),
    ).toEqual([lcPower.id]);
    expectError(await detail(countyOffice, lcPower.id), 'appeal.not_found');
    // The city keeps the roll-up and its authority, but it is no longer the city's own work.
    expect(await poolIds(office)).toContain(lcPower.id);
    expect(await poolIds(office, 'mine')).not.toContain(lcPower.id);
    expect((await detailOf(office, lcPower.id)).allowedActions).toEqual(expect.arrayContaining(['assess']));
    expect((await detailOf(office, lcPower.id)).allowedActions).not.toContain('handDown');
  });

  it('hands an escalated appeal back to its county, which acts on it again', async () => {
    const current = await detailOf(office, dyLand.id);
    json<Detail>(
      await handDown(office, dyLand.id, {
        regionId: dongyuanId,
        reason: '市级已协调用地指标，退回县专班继续办理',
        version: current.version,
      }),
    );
    const back = await detailOf(countyOffice, dyLand.id);
    expect(back.handlingRegionId).toBe(dongyuanId);
    expect(back.allowedActions).toEqual(expect.arrayContaining(['assess', 'escalate']));
    expect(await poolIds(countyOffice, 'mine')).toContain(dyLand.id);
    expect(await poolIds(office, 'mine')).not.toContain(dyLand.id);
    expect(
      (await levelsOf(countyOffice, dyLand.id)).moves.map((m) => [
        m.direction,
        m.fromRegionName,
        m.toRegionName,
      ]),
    ).toEqual([
      ['escalate', '东源县', '河源市'],
      ['handDown', '河源市', '东源县'],
    ]);
    // The moves are the office's and oversight's to read.
    for (const session of [handler, enterprise]) {
      expectError(await call(app, session, 'GET', `/api/appeals/${dyLand.id}/levels`), 'auth.forbidden');
    }
    expectError(await call(app, hepingOffice, 'GET', `/api/appeals/${dyLand.id}/levels`), 'appeal.not_found');
  });

  it('puts an appeal only on the catalogue of the level that handles it', async () => {
    const countyEvent = json<{ id: string; version: number }>(
      await call(app, countyOffice, 'POST', '/api/events', {
        kind: 'county',
        title: '东源县2025年第三季度政企面对面',
        date: '2025-09-30',
        venue: '东源县行政服务中心',
      }),
    );
    const cityEvent = json<{ id: string; version: number }>(
      await call(app, office, 'POST', '/api/events', {
        kind: 'city',
        title: '2025年第三季度“面对面”政企交流活动',
        date: '2025-09-30',
        venue: '市行政服务中心',
      }),
    );
    const item = (appealId: string) => ({ appealId, proposedHandling: '提交活动现场研究', unitIds: [nrId] });
    // 龙川县's appeal is 和平县's now: neither the city's catalogue nor 东源县's takes it.
    expectError(
      await call(app, office, 'POST', `/api/events/${cityEvent.id}/items`, {
        items: [item(lcPower.id)],
        version: cityEvent.version,
      }),
      'event.appeal_not_eligible',
    );
    // 东源县's appeal, handed back, goes on 东源县's catalogue and not on the city's.
    expectError(
      await call(app, office, 'POST', `/api/events/${cityEvent.id}/items`, {
        items: [item(dyLand.id)],
        version: cityEvent.version,
      }),
      'event.appeal_not_eligible',
    );
    json(
      await call(app, countyOffice, 'POST', `/api/events/${countyEvent.id}/items`, {
        items: [item(dyLand.id)],
        version: countyEvent.version,
      }),
    );
    // The city's own appeal goes on the city's catalogue; once catalogued it no longer moves.
    json(
      await call(app, office, 'POST', `/api/events/${cityEvent.id}/items`, {
        items: [item(online.id)],
        version: cityEvent.version,
      }),
    );
    const catalogued = await detailOf(office, online.id);
    expect(catalogued.status).toBe('catalogued');
    expect(catalogued.allowedActions).not.toContain('handDown');
    expectError(
      await handDown(office, online.id, {
        regionId: hepingId,
        reason: '活动后交县区办理',
        version: catalogued.version,
      }),
      'appeal.action_not_allowed',
    );
    const countyCatalogued = await detailOf(countyOffice, dyLand.id);
    expectError(
      await escalate(countyOffice, dyLand.id, {
        reason: '已列入县级活动目录',
        version: countyCatalogued.version,
      }),
      'appeal.action_not_allowed',
    );
  });
});
