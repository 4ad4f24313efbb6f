import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, handlerIn, lastAuditSeq, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  status: string;
  version: number;
  tierCode: string | null;
  decisionReason: string | null;
  allowedActions: string[];
  timeline: { kind: string; data: Record<string, unknown> | null }[];
}

interface Verification {
  assessment: string | null;
  tierCode: string | null;
  proposal: { tierCode: string | null; reason: { zh: string } };
  requests: {
    id: string;
    unitId: string;
    dueDate: string;
    status: string;
    answer: string | null;
    overdue: boolean;
    workingDaysLeft: number | null;
  }[];
  consultations: { units: { name: string }[]; statements: { unitName: string }[]; conclusion: string }[];
  assignments: { leadUnitName: string; coUnits: { name: string }[]; dueDate: string; source: string }[];
}

describe('verification, tiers, consultation and direct assignment', async () => {
  // Friday 2025-09-26, 10:00 in Heyuan: the next working days are Sunday 28th (调休), Monday 29th,
  // Tuesday 30th, then the National Day holiday until 8 October and Saturday 11 October (调休).
  const t = await createTestApp({
    now: '2025-09-26T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx, clock } = t;
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const unitLeader = await login(app, 'unitleader');
  const collector = await login(app, 'collector');
  const countyOffice = await login(app, 'countyoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const housingId = await unitId(ctx, '河源市住房和城乡建设局');
  const financeHandler = await handlerIn(t, 'finhandler', financeId);
  const housingHandler = await handlerIn(t, 'househandler', housingId);

  async function submit(title: string, category = 'land'): Promise<Detail> {
    return json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，恳请相关部门协调解决，企业项目进度受到影响。`,
        category,
      }),
    );
  }
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const verification = async (s: Session, id: string) =>
    json<Verification>(await call(app, s, 'GET', `/api/appeals/${id}/verification`));

  it('ships the plan’s tiered standard, which an administrator can change', async () => {
    const tiers = json<{ code: string; route: string; deadlineWorkingDays: number }[]>(
      await call(app, office, 'GET', '/api/handling-tiers'),
    );
    expect(tiers.map((x) => x.route)).toEqual(['immediate', 'singleUnit', 'multiUnit', 'leadersMeeting']);

    const created = json(
      await call(app, admin, 'POST', '/api/handling-tiers', {
        code: 'urgent',
        nameZh: '急办',
        nameEn: 'Urgent',
        route: 'singleUnit',
        deadlineWorkingDays: 3,
        sortOrder: 15,
      }),
    );
    expect(created).toMatchObject({ code: 'urgent', active: true, categories: [] });
    expectError(
      await call(app, admin, 'POST', '/api/handling-tiers', {
        code: 'urgent',
        nameZh: '重复',
        nameEn: 'Again',
        route: 'singleUnit',
        deadlineWorkingDays: 3,
      }),
      'tier.code_taken',
    );
    expectError(
      await call(app, admin, 'PUT', '/api/handling-tiers/urgent', { categories: ['nonexistent'] }),
      'appeal.unknown_category',
    );
    expectError(
      await call(app, office, 'PUT', '/api/handling-tiers/urgent', { active: false }),
      'auth.forbidden',
    );
    const retired = json(await call(app, admin, 'PUT', '/api/handling-tiers/urgent', { active: false }));
    expect(retired).toMatchObject({ code: 'urgent', active: false, deadlineWorkingDays: 3, nameZh: '急办' });
    const active = json<{ code: string }[]>(await call(app, office, 'GET', '/api/handling-tiers'));
    expect(active.map((x) => x.code)).not.toContain('urgent');
  });

  it('keeps the tiers city-wide: a county’s administrator changes nothing', async () => {
    const countyAdmin = await login(app, 'countyadmin');
    const seq = await lastAuditSeq(ctx);
    expectError(
      await call(app, countyAdmin, 'PUT', '/api/handling-tiers/single', { deadlineWorkingDays: 30 }),
      'org.out_of_scope',
    );
    expectError(
      await call(app, countyAdmin, 'POST', '/api/handling-tiers', {
        code: 'countyOwn',
        nameZh: '县定',
        nameEn: 'County',
        route: 'singleUnit',
        deadlineWorkingDays: 3,
      }),
      'org.out_of_scope',
    );
    const tiers = json<{ code: string; deadlineWorkingDays: number }[]>(
      await call(app, countyAdmin, 'GET', '/api/handling-tiers'),
    );
    expect(tiers.find((x) => x.code === 'single')?.deadlineWorkingDays).not.toBe(30);
    expect(tiers.map((x) => x.code)).not.toContain('countyOwn');
    expect(await lastAuditSeq(ctx)).toBe(seq);
  });

  it('asks units for their opinion with a working-day deadline; only those units see the appeal', async () => {
    const appeal = await submit('厂房扩建用地指标不足');
    // Before anyone is asked, no department sees it.
    expectError(await call(app, handler, 'GET', `/api/appeals/${appeal.id}`), 'appeal.not_found');
    expect(json<{ total: number }>(await call(app, handler, 'GET', '/api/appeals')).total).toBe(0);

    const seq = await lastAuditSeq(ctx);
    const after = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/verification-requests`, {
        unitIds: [nrId, financeId],
        question: '请核实该企业用地指标情况并提出意见',
        workingDays: 3,
      }),
    );
    expect(after.status).toBe('verifying');
    expect(after.timeline.at(-1)).toMatchObject({
      kind: 'verificationRequested',
      data: { dueDate: '2025-09-30', units: ['河源市自然资源局', '河源市财政局'] },
    });
    const audit = await auditAfter(ctx, seq);
    expect(audit.map((a) => a.action)).toEqual(['verification.request']);

    // The same unit twice while its request is open is refused, and nothing is written.
    const before = await countRows(ctx, 'verificationRequests');
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/verification-requests`, {
        unitIds: [housingId, nrId],
        question: '请再次核实',
      }),
      'verification.unit_repeated',
    );
    expect(await countRows(ctx, 'verificationRequests')).toBe(before);

    // The units asked now see the appeal; another unit still does not.
    expect((await detail(handler, appeal.id)).id).toBe(appeal.id);
    expect((await detail(financeHandler, appeal.id)).id).toBe(appeal.id);
    expectError(await call(app, housingHandler, 'GET', `/api/appeals/${appeal.id}`), 'appeal.not_found');
    const housingList = json<{ total: number }>(await call(app, housingHandler, 'GET', '/api/appeals'));
    expect(housingList.total).toBe(0);

    // Each unit's inbox holds its own request only.
    const inbox = json<{ items: { unitId: string; dueDate: string; workingDaysLeft: number }[] }>(
      await call(app, handler, 'GET', '/api/verification-requests?status=open'),
    );
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ unitId: nrId, dueDate: '2025-09-30', workingDaysLeft: 3 });

    const seen = await verification(handler, appeal.id);
    expect(seen.requests.map((r) => r.unitId)).toEqual([nrId]);
    expect(seen.assessment).toBeNull();

    // The office's proposal follows the two units asked: several units, with consultation.
    // Open first: a withdrawn or answered request never hides an open one on the first page.
    const officeView = await verification(office, appeal.id);
    expect(officeView.proposal.tierCode).toBe('multi');
    expect(officeView.requests).toHaveLength(2);

    const nrRequest = officeView.requests.find((r) => r.unitId === nrId)!;
    // Another unit cannot answer it; the unit's handler can, once.
    expectError(
      await call(app, housingHandler, 'POST', `/api/verification-requests/${nrRequest.id}/answer`, {
        answer: '我局无意见',
      }),
      'verification.request_not_found',
    );
    expectError(
      await call(app, financeHandler, 'POST', `/api/verification-requests/${nrRequest.id}/answer`, {
        answer: '我局无意见',
      }),
      'auth.forbidden',
    );
    const answered = json(
      await call(app, handler, 'POST', `/api/verification-requests/${nrRequest.id}/answer`, {
        answer: '经核实，该地块符合国土空间规划，可按程序办理用地报批',
      }),
    );
    expect(answered).toMatchObject({ status: 'answered', answeredByName: '黄志强', overdue: false });
    // The office reads the answer in the timeline; the enterprise sees that it was answered, not what.
    const officeTimeline = (await detail(office, appeal.id)).timeline.at(-1);
    expect(officeTimeline).toMatchObject({
      kind: 'verificationAnswered',
      data: { unitName: '河源市自然资源局', answer: '经核实，该地块符合国土空间规划，可按程序办理用地报批' },
    });
    const enterpriseTimeline = (await detail(enterprise, appeal.id)).timeline.at(-1);
    expect(enterpriseTimeline).toMatchObject({ kind: 'verificationAnswered', data: null });
    expectError(
      await call(app, unitLeader, 'POST', `/api/verification-requests/${nrRequest.id}/answer`, {
        answer: '补充意见',
      }),
      'verification.request_closed',
    );

    // Past its deadline the finance request shows as overdue, in working days.
    clock.set('2025-10-10T02:00:00.000Z');
    const late = (await verification(office, appeal.id)).requests.find((r) => r.unitId === financeId)!;
    expect(late).toMatchObject({ status: 'open', overdue: true, workingDaysLeft: -2 });
    clock.set('2025-09-26T02:00:00.000Z');
  });

  it('records the assessment and tier, refusing a stale version without writing anything', async () => {
    const appeal = await submit('企业技改项目审批时间过长', 'approvals');
    const seq = await lastAuditSeq(ctx);
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '属实，需多部门协调',
        tierCode: 'multi',
        version: appeal.version - 1,
      }),
      'request.conflict',
    );
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '属实，需多部门协调',
        tierCode: 'nonexistent',
        version: appeal.version,
      }),
      'tier.not_found',
    );
    expect(await lastAuditSeq(ctx)).toBe(seq);
    const assessed = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '属实，需多部门协调',
        tierCode: 'multi',
        version: appeal.version,
      }),
    );
    expect(assessed).toMatchObject({ tierCode: 'multi', status: 'pooled', version: appeal.version + 1 });
    expect((await verification(office, appeal.id)).assessment).toBe('属实，需多部门协调');
    // The enterprise sees its appeal, never the office's working notes.
    expect((await verification(enterprise, appeal.id)).assessment).toBeNull();
    // Only the office decides; a collector is refused at the route, a county office outside its region.
    expectError(
      await call(app, collector, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '越权研判',
        tierCode: 'single',
        version: assessed.version,
      }),
      'auth.forbidden',
    );
    expectError(
      await call(app, countyOffice, 'POST', `/api/appeals/${appeal.id}/assess`, {
        assessment: '越权研判',
        tierCode: 'single',
        version: assessed.version,
      }),
      'appeal.not_found',
    );
  });

  it('proposes the immediate tier for a category tied to clear policy', async () => {
    const appeal = await submit('研发费用加计扣除政策如何申报', 'policyDelivery');
    expect((await verification(office, appeal.id)).proposal.tierCode).toBe('immediate');
  });

  it('records a consultation with what each unit said', async () => {
    const appeal = await submit('园区道路破损影响物流运输', 'logistics');
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/consultations`, {
        date: '2025-09-25',
        unitIds: [nrId, financeId],
        statements: [{ unitId: housingId, statement: '我局负责道路维修' }],
        conclusion: '由住建局牵头维修',
      }),
      'consultation.unknown_participant',
    );
    const after = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/consultations`, {
        date: '2025-09-25',
        unitIds: [housingId, financeId],
        statements: [
          { unitId: housingId, statement: '我局可于两周内完成修复' },
          { unitId: financeId, statement: '维修资金从园区专项列支' },
        ],
        conclusion: '由市住建局牵头修复，市财政局保障资金',
      }),
    );
    expect(after.timeline.at(-1)?.kind).toBe('consulted');
    const [consultation] = (await verification(office, appeal.id)).consultations;
    expect(consultation?.units.map((u) => u.name)).toEqual(['河源市住房和城乡建设局', '河源市财政局']);
    expect(consultation?.statements.map((s) => s.unitName)).toEqual([
      '河源市住房和城乡建设局',
      '河源市财政局',
    ]);
  });

  it('does not accept an appeal with a reason the enterprise reads; open requests are withdrawn', async () => {
    const appeal = await submit('希望政府补贴企业员工旅游费用', 'other');
    const asked = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/verification-requests`, {
        unitIds: [financeId],
        question: '请核实有无相关政策',
      }),
    );
    const rejected = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/reject`, {
        reason: '该事项不属于政府补贴范围，建议企业自行安排',
        version: asked.version,
      }),
    );
    expect(rejected.status).toBe('notAccepted');
    const seenByEnterprise = await detail(enterprise, appeal.id);
    expect(seenByEnterprise).toMatchObject({
      status: 'notAccepted',
      decisionReason: '该事项不属于政府补贴范围，建议企业自行安排',
    });
    const [request] = (await verification(office, appeal.id)).requests;
    expect(request?.status).toBe('withdrawn');
    expectError(
      await call(app, financeHandler, 'POST', `/api/verification-requests/${request?.id}/answer`, {
        answer: '迟到的意见',
      }),
      'verification.request_closed',
    );
    // The office's list puts open requests first, whatever the others' statuses.
    const all = json<{ items: { status: string }[] }>(
      await call(app, office, 'GET', '/api/verification-requests'),
    );
    const statuses = all.items.map((i) => i.status);
    expect(statuses).toContain('withdrawn');
    expect(statuses).toContain('open');
    expect(statuses.slice(0, statuses.lastIndexOf('open') + 1).every((x) => x === 'open')).toBe(true);
    // A decided appeal cannot be decided again.
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/reject`, {
        reason: '再次不予受理',
        version: rejected.version,
      }),
      'appeal.action_not_allowed',
    );
  });

  it('handles an appeal directly and assigns it with a working-day deadline', async () => {
    const appeal = await submit('企业用电增容报装进度慢', 'utilities');
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/handle-directly`, {
        version: appeal.version,
      }),
      'tier.required',
    );
    const direct = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/handle-directly`, {
        tierCode: 'single',
        version: appeal.version,
      }),
    );
    expect(direct).toMatchObject({ status: 'toAssign', tierCode: 'single' });
    expect(direct.allowedActions).toContain('assign');
    expect(direct.allowedActions).not.toContain('reject');

    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assign`, {
        leadUnitId: nrId,
        coUnitIds: [nrId],
        measures: '协调供电部门加快报装',
        version: direct.version,
      }),
      'assignment.lead_is_co_unit',
    );
    expectError(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assign`, {
        leadUnitId: nrId,
        measures: '协调供电部门加快报装',
        dueDate: '2025-10-01',
        version: direct.version,
      }),
      'assignment.due_date_not_workday',
    );
    expect(await countRows(ctx, 'assignments')).toBe(0);

    const seq = await lastAuditSeq(ctx);
    const assigned = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assign`, {
        leadUnitId: housingId,
        coUnitIds: [financeId],
        measures: '协调供电部门加快报装，财政局落实补助',
        version: direct.version,
      }),
    );
    expect(assigned.status).toBe('assigned');
    // Ten working days from Friday 26 September, across the National Day holiday and its 调休.
    const [assignment] = (await verification(office, appeal.id)).assignments;
    expect(assignment).toMatchObject({
      source: 'direct',
      leadUnitName: '河源市住房和城乡建设局',
      coUnits: [{ name: '河源市财政局' }],
      dueDate: '2025-10-16',
    });
    expect((await auditAfter(ctx, seq)).map((a) => a.action)).toEqual(['assignment.create']);
    // The lead and co-units see it now; the enterprise sees who handles it and by when.
    expect((await detail(housingHandler, appeal.id)).status).toBe('assigned');
    expect((await detail(financeHandler, appeal.id)).status).toBe('assigned');
    expectError(await call(app, handler, 'GET', `/api/appeals/${appeal.id}`), 'appeal.not_found');
    expect((await verification(enterprise, appeal.id)).assignments).toHaveLength(1);
  });
});
