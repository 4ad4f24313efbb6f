import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { paragraphTexts, readDocumentXml } from '../src/modules/documents/docx-reader.ts';
import { sweepSupervision } from '../src/modules/supervision/supervision.service.ts';
import { testDialect } from './databases.ts';
import { expectError, handlerIn, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Detail {
  id: string;
  status: string;
  version: number;
  timeline: { kind: string; data: unknown }[];
}
interface Action {
  id: string;
  level: string;
  status: string;
  unitName: string;
  answerDueDate: string;
  answeredLate: boolean;
  documentNumber: string | null;
  canAnswer: boolean;
  answer: string | null;
}
interface AppealSupervision {
  actions: Action[];
  canIssue: boolean;
}
interface Warning {
  kind: string;
  level: string;
  against: string;
}
interface WorkspaceItem {
  assignmentId: string;
  appealId: string;
  appealNumber: string;
  leadUnitName: string;
  regionName: string;
  workingDaysLeft: number | null;
  warnings: Warning[];
  highestLevel: string | null;
  nextLevel: string | null;
  openAction: { id: string; level: string; late: boolean } | null;
}
interface Workspace {
  items: WorkspaceItem[];
  byUnit: { name: string; red: number; yellow: number }[];
  byRegion: { name: string; red: number; yellow: number }[];
  canIssue: boolean;
  today: string;
}

/** 10:00 in Heyuan on the given day. */
const at = (day: string) => `${day}T02:00:00.000Z`;

describe('supervision: warnings, the sweep across a holiday, the escalation ladder', async () => {
  // Monday 28 September 2026: the Mid-Autumn days (25–27 Sep) are behind, National Day (1–7 Oct) ahead;
  // Saturday 10 October is a make-up working day.
  const t = await createTestApp({
    now: at('2026-09-28'),
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const unitLeader = await login(app, 'unitleader');
  const supervisor = await login(app, 'supervisor');
  const leader = await login(app, 'leader');
  const admin = await login(app, 'admin');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const finance = await handlerIn(t, 'finhandler', financeId);

  // A supervision officer of 东源县 (the seed has none): sees and acts on its own county only.
  const dongyuan = await regionId(ctx, '东源县');
  const dyUnit = uuidv7();
  await ctx.db
    .insertInto('units')
    .values({
      id: dyUnit,
      name: '东源县人民政府督查室',
      shortName: '东源县督查室',
      type: 'supervisionOffice',
      regionId: dongyuan,
      parentId: null,
      isCollector: 0,
      active: 1,
      sortOrder: 900,
      version: 1,
      createdAt: at('2026-09-28'),
      updatedAt: at('2026-09-28'),
    })
    .execute();
  const sourcePerson = await ctx.db
    .selectFrom('people')
    .selectAll()
    .where('username', '=', 'supervisor')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('people')
    .values({
      ...sourcePerson,
      id: uuidv7(),
      username: 'dysupervisor',
      name: '东源督查员',
      unitId: dyUnit,
      phone: null,
      email: null,
    })
    .execute();
  const dyPerson = await personId(ctx, 'dysupervisor');
  await ctx.db.insertInto('personRoles').values({ personId: dyPerson, role: 'supervisionOffice' }).execute();
  const countySupervisor = await login(app, 'dysupervisor');

  const act = (s: Session, id: string, path: string, body: unknown) =>
    call(app, s, 'POST', `/api/appeals/${id}/${path}`, body);
  const detail = async (s: Session, id: string) =>
    json<Detail>(await call(app, s, 'GET', `/api/appeals/${id}`));
  const workspace = async (s: Session) =>
    json<Workspace>(await call(app, s, 'GET', '/api/supervision/workspace'));
  const supervisionOf = async (s: Session, id: string) =>
    json<AppealSupervision>(await call(app, s, 'GET', `/api/appeals/${id}/supervision`));
  const issue = (s: Session, body: unknown) => call(app, s, 'POST', '/api/supervision/actions', body);
  const answer = (s: Session, actionId: string, text: string) =>
    call(app, s, 'POST', `/api/supervision/actions/${actionId}/answer`, { answer: text });
  const itemOf = async (s: Session, appealId: string) =>
    (await workspace(s)).items.find((i) => i.appealId === appealId);
  const assignmentOf = async (appealId: string) =>
    await ctx.db
      .selectFrom('assignments')
      .select(['id', 'acceptDueDate', 'dueDate'])
      .where('appealId', '=', appealId)
      .where('status', 'in', ['pending', 'accepted'])
      .executeTakeFirstOrThrow();
  const warningsOf = (assignmentId: string) =>
    ctx.db
      .selectFrom('supervisionWarnings')
      .select(['kind', 'level', 'against'])
      .where('assignmentId', '=', assignmentId)
      .orderBy('raisedAt')
      .orderBy('kind')
      .execute();
  const noticesOf = async (username: string, kind: string) =>
    ctx.db
      .selectFrom('notices')
      .select(['title', 'body', 'link'])
      .where('personId', '=', await personId(ctx, username))
      .where('kind', '=', kind)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();

  async function assigned(title: string, dueDate: string, leadUnitId = nrId): Promise<Detail> {
    const appeal = json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请有关部门协调解决。`,
        category: 'land',
      }),
    );
    const direct = json<Detail>(
      await act(office, appeal.id, 'handle-directly', { tierCode: 'single', version: appeal.version }),
    );
    return json<Detail>(
      await act(office, appeal.id, 'assign', {
        leadUnitId,
        coUnitIds: [],
        measures: '协调加快办理',
        dueDate,
        version: direct.version,
      }),
    );
  }

  let dueSoon: Detail; // due Wed 30 Sep, left pending: due soon, then overdue and not accepted
  let idle: Detail; // accepted on 28 Sep, no progress afterwards
  let bounced: Detail; // returned three times

  it('computes the warnings from the working-day calendar', async () => {
    dueSoon = await assigned('厂房消防验收迟迟未办', '2026-09-30');
    idle = await assigned('用地规划调整申请', '2026-10-30');
    idle = json<Detail>(await act(handler, idle.id, 'accept', { version: idle.version }));

    bounced = await assigned('园区道路建设', '2026-11-27', financeId);
    for (const reason of ['不属于本单位职责范围', '应由自然资源局牵头', '请重新研究交办单位']) {
      bounced = json<Detail>(await act(finance, bounced.id, 'return', { reason, version: bounced.version }));
      bounced = json<Detail>(
        await act(office, bounced.id, 'assign', {
          leadUnitId: financeId,
          coUnitIds: [],
          measures: '财政局牵头办理',
          dueDate: '2026-11-27',
          version: bounced.version,
        }),
      );
    }

    const ws = await workspace(supervisor);
    expect(ws.today).toBe('2026-09-28');
    expect(ws.canIssue).toBe(true);
    const soon = ws.items.find((i) => i.appealId === dueSoon.id);
    expect(soon).toMatchObject({
      leadUnitName: '河源市自然资源局',
      regionName: '源城区',
      workingDaysLeft: 2,
      highestLevel: null,
      nextLevel: 'reminder',
      openAction: null,
    });
    expect(soon?.warnings.map((w) => [w.kind, w.level, w.against])).toEqual([
      ['dueSoon', 'yellow', '2026-09-30'],
    ]);
    expect(ws.items.find((i) => i.appealId === bounced.id)?.warnings.map((w) => [w.kind, w.level])).toEqual([
      ['returned', 'yellow'],
    ]);
    // Accepted today, far from due: not at risk, not listed.
    expect(ws.items.find((i) => i.appealId === idle.id)).toBeUndefined();
    expect(ws.byUnit).toEqual(
      expect.arrayContaining([
        { id: nrId, name: '河源市自然资源局', red: 0, yellow: 1 },
        { id: financeId, name: '河源市财政局', red: 0, yellow: 1 },
      ]),
    );
    // The enterprise's district.
    expect(ws.byRegion).toEqual([expect.objectContaining({ name: '源城区', red: 0, yellow: 2 })]);
    // The leader and the task-force office read it; they issue nothing.
    expect((await workspace(leader)).canIssue).toBe(false);
    expect((await workspace(office)).items).toHaveLength(2);
    // A county's supervision office sees its own county only.
    expect((await workspace(countySupervisor)).items).toEqual([]);
    for (const s of [handler, enterprise, admin])
      expectError(await call(app, s, 'GET', '/api/supervision/workspace'), 'auth.forbidden');
  });

  it('the sweep raises each warning once and sends its notices once', async () => {
    const first = await sweepSupervision(ctx);
    // dueSoon → handler + unit leader of 自然资源局; returned → finhandler + the city supervision office.
    expect(first).toEqual({ raised: 2, notices: 4 });
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });
    // Through the on-demand route as well.
    expect(json(await call(app, supervisor, 'POST', '/api/admin/sweeps/supervision'))).toEqual({
      raised: 0,
      notices: 0,
    });
    expect(await noticesOf('handler', 'supervisionWarning')).toEqual([
      {
        title: '【黄色预警】临期：厂房消防验收迟迟未办',
        body: expect.stringContaining('距办理期限（2026-09-30）还有2个工作日'),
        link: `/appeals/${dueSoon.id}`,
      },
    ]);
    expect(await noticesOf('unitleader', 'supervisionWarning')).toHaveLength(1);
    // Due soon is the unit's business; repeated returns also reach the supervision office.
    expect((await noticesOf('supervisor', 'supervisionWarning')).map((n) => n.title)).toEqual([
      '【黄色预警】多次退回：园区道路建设',
    ]);
    expect(await noticesOf('finhandler', 'supervisionWarning')).toHaveLength(1);
    expect(await noticesOf('dysupervisor', 'supervisionWarning')).toEqual([]);
  });

  it('raises nothing on holidays and counts working days around them', async () => {
    clock.set(new Date(at('2026-10-01')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });
    clock.set(new Date(at('2026-10-05')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });
    // The workspace still shows the state: overdue since 30 Sep, but no working day has passed since.
    const holiday = await itemOf(supervisor, dueSoon.id);
    expect(holiday?.workingDaysLeft).toBe(0);
    expect(holiday?.warnings.map((w) => w.kind)).toEqual(['overdue', 'acceptOverdue']);

    // Thursday 8 October, the first working day after the holiday.
    clock.set(new Date(at('2026-10-08')));
    const item = await itemOf(supervisor, dueSoon.id);
    expect(item?.workingDaysLeft).toBe(-1);
    expect(item?.warnings.map((w) => [w.kind, w.level, w.against])).toEqual([
      ['overdue', 'red', '2026-09-30'],
      ['acceptOverdue', 'red', (await assignmentOf(dueSoon.id)).acceptDueDate],
    ]);
    // Overdue and not accepted (handler, unit leader, supervision office); the returned item is not
    // accepted either (its handler and the supervision office).
    expect(await sweepSupervision(ctx)).toEqual({ raised: 3, notices: 8 });
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });
    expect((await noticesOf('supervisor', 'supervisionWarning')).map((n) => n.title)).toEqual([
      '【黄色预警】多次退回：园区道路建设',
      '【红色预警】逾期：厂房消防验收迟迟未办',
      '【红色预警】逾期未签收：厂房消防验收迟迟未办',
      '【红色预警】逾期未签收：园区道路建设',
    ]);

    // Accepted on 28 Sep with no progress since: 29, 30 Sep, 8, 9 Oct are four working days…
    const idleAssignment = await assignmentOf(idle.id);
    clock.set(new Date(at('2026-10-09')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });
    // …and Saturday 10 October, a make-up working day, is the fifth: the sweep runs and raises it.
    clock.set(new Date(at('2026-10-10')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 1, notices: 3 });
    expect(await warningsOf(idleAssignment.id)).toEqual([
      { kind: 'stale', level: 'yellow', against: '2026-09-28' },
    ]);
    // Sunday: nothing.
    clock.set(new Date(at('2026-10-11')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 0, notices: 0 });

    // New progress restarts the count: a later stale spell is a new warning, raised once.
    clock.set(new Date(at('2026-10-12')));
    json(await act(handler, idle.id, 'progress', { kind: 'progress', content: '已组织现场踏勘' }));
    expect((await itemOf(supervisor, idle.id))?.warnings.map((w) => w.kind) ?? []).toEqual([]);
    clock.set(new Date(at('2026-10-19')));
    expect(await sweepSupervision(ctx)).toEqual({ raised: 1, notices: 3 });
    expect((await warningsOf(idleAssignment.id)).map((w) => w.against)).toEqual(['2026-09-28', '2026-10-12']);
    expect((await noticesOf('handler', 'supervisionWarning')).map((n) => n.title)).toEqual([
      '【黄色预警】临期：厂房消防验收迟迟未办',
      '【红色预警】逾期：厂房消防验收迟迟未办',
      '【红色预警】逾期未签收：厂房消防验收迟迟未办',
      '【黄色预警】长期无进展：用地规划调整申请',
      '【黄色预警】长期无进展：用地规划调整申请',
    ]);
  });

  it('reads and changes the thresholds; a changed threshold changes the warnings', async () => {
    const settings = json<{ dueSoonWorkingDays: number; answerWorkingDays: Record<string, number> }>(
      await call(app, leader, 'GET', '/api/supervision/settings'),
    );
    expect(settings).toMatchObject({ dueSoonWorkingDays: 3, staleWorkingDays: 5, returnedMoreThan: 2 });
    expect(settings.answerWorkingDays).toEqual({
      reminder: 3,
      urge: 2,
      supervisionNotice: 5,
      listedSupervision: 5,
      circular: 10,
    });
    const changed = { ...settings, returnedMoreThan: 3 };
    expectError(await call(app, office, 'PUT', '/api/supervision/settings', changed), 'auth.forbidden');
    // The thresholds are the city's: a county's supervision office does not change them.
    expectError(
      await call(app, countySupervisor, 'PUT', '/api/supervision/settings', changed),
      'auth.forbidden',
    );
    expectError(
      await call(app, supervisor, 'PUT', '/api/supervision/settings', { ...changed, staleWorkingDays: 0 }),
      'request.invalid',
    );
    // An issuer code that cannot make a document number.
    expectError(
      await call(app, supervisor, 'PUT', '/api/supervision/settings', {
        ...changed,
        noticeNumberPrefix: '督办[1]',
      }),
      'request.invalid',
    );
    expect(json(await call(app, supervisor, 'PUT', '/api/supervision/settings', changed))).toMatchObject({
      returnedMoreThan: 3,
    });
    expect((await itemOf(supervisor, bounced.id))?.warnings.map((w) => w.kind)).toEqual(['acceptOverdue']);
    json(await call(app, admin, 'PUT', '/api/supervision/settings', { ...changed, returnedMoreThan: 2 }));
    expect((await itemOf(supervisor, bounced.id))?.warnings.map((w) => w.kind)).toEqual([
      'acceptOverdue',
      'returned',
    ]);
  });

  let reminderId: string;
  let noticeId: string;

  it('climbs the ladder: each step recorded with its answer day, never below the highest', async () => {
    // Monday 19 October 2026.
    const assignment = await assignmentOf(dueSoon.id);
    let result = json<AppealSupervision>(
      await issue(supervisor, { assignmentId: assignment.id, level: 'reminder', note: '请尽快签收并办理' }),
    );
    expect(result.canIssue).toBe(true);
    expect(result.actions).toEqual([
      expect.objectContaining({
        level: 'reminder',
        status: 'open',
        unitName: '河源市自然资源局',
        answerDueDate: '2026-10-22',
        documentNumber: null,
        canAnswer: false,
      }),
    ]);
    reminderId = result.actions[0]!.id;
    const item = await itemOf(supervisor, dueSoon.id);
    expect(item).toMatchObject({ highestLevel: 'reminder', nextLevel: 'urge' });
    expect(item?.openAction).toMatchObject({ id: reminderId, level: 'reminder', late: false });

    result = json(
      await issue(supervisor, {
        assignmentId: assignment.id,
        level: 'urge',
        note: '请于三个工作日内报送办理情况',
        answerWorkingDays: 3,
      }),
    );
    expect(result.actions[1]).toMatchObject({ level: 'urge', answerDueDate: '2026-10-22' });
    // Never below the highest step taken; the same step again is allowed.
    expectError(
      await issue(supervisor, { assignmentId: assignment.id, level: 'reminder', note: '再次提醒' }),
      'supervision.level_too_low',
    );
    json(await issue(supervisor, { assignmentId: assignment.id, level: 'urge', note: '再次催办' }));

    result = json(
      await issue(supervisor, {
        assignmentId: assignment.id,
        level: 'supervisionNotice',
        note: '该事项已逾期，请说明原因并提出整改措施',
      }),
    );
    const notice = result.actions.at(-1)!;
    expect(notice).toMatchObject({
      level: 'supervisionNotice',
      documentNumber: '督办〔2026〕1号',
      answerDueDate: '2026-10-26',
    });
    noticeId = notice.id;

    const appeal = await detail(supervisor, dueSoon.id);
    expect(appeal.timeline.filter((e) => e.kind === 'supervised').map((e) => e.data)).toEqual([
      expect.objectContaining({ level: 'reminder', unitName: '河源市自然资源局' }),
      expect.objectContaining({ level: 'urge' }),
      expect.objectContaining({ level: 'urge' }),
      expect.objectContaining({ level: 'supervisionNotice', documentNumber: '督办〔2026〕1号' }),
    ]);
    const inbox = await noticesOf('handler', 'supervisionAction');
    expect(inbox).toHaveLength(4);
    expect(inbox.at(-1)).toMatchObject({
      title: '督办单：厂房消防验收迟迟未办',
      body: expect.stringContaining('督办〔2026〕1号'),
      link: `/appeals/${dueSoon.id}`,
    });
    expect(await noticesOf('unitleader', 'supervisionAction')).toHaveLength(4);
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'supervision.act')
      .execute();
    expect(audit.map((a) => a.entityId)).toContain(noticeId);

    json(
      await issue(supervisor, { assignmentId: assignment.id, level: 'listedSupervision', note: '挂牌督办' }),
    );
    json(await issue(supervisor, { assignmentId: assignment.id, level: 'circular', note: '予以通报' }));
    expect(await itemOf(supervisor, dueSoon.id)).toMatchObject({ highestLevel: 'circular', nextLevel: null });
    expectError(
      await issue(supervisor, { assignmentId: assignment.id, level: 'listedSupervision', note: '挂牌督办' }),
      'supervision.level_too_low',
    );

    // A second notice elsewhere takes the next number.
    const other = await assignmentOf(idle.id);
    const second = json<AppealSupervision>(
      await issue(supervisor, { assignmentId: other.id, level: 'supervisionNotice', note: '请加快办理进度' }),
    );
    expect(second.actions[0]?.documentNumber).toBe('督办〔2026〕2号');
  });

  it('refuses steps from the wrong role, the wrong region, on closed work, and bad input', async () => {
    const assignment = await assignmentOf(dueSoon.id);
    const body = { assignmentId: assignment.id, level: 'circular', note: '予以通报' };
    for (const s of [office, leader, handler, admin, enterprise])
      expectError(await issue(s, body), 'auth.forbidden');
    expectError(await issue(countySupervisor, body), 'supervision.assignment_not_found');
    expectError(
      await issue(supervisor, { ...body, assignmentId: uuidv7() }),
      'supervision.assignment_not_found',
    );
    expectError(await issue(supervisor, { ...body, level: 'scolding' }), 'request.invalid');
    expectError(await issue(supervisor, { ...body, note: '' }), 'request.invalid');
    // A returned assignment is the office's again, not the unit's to be supervised on.
    const returned = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('appealId', '=', bounced.id)
      .where('status', '=', 'returned')
      .executeTakeFirstOrThrow();
    expectError(
      await issue(supervisor, { ...body, assignmentId: returned.id }),
      'supervision.assignment_closed',
    );
  });

  it('the lead unit answers, late answers are flagged, each step is answered once', async () => {
    // The reminder was due on 22 October; answered on 23 October it is late.
    clock.set(new Date(at('2026-10-23')));
    let view = await supervisionOf(handler, dueSoon.id);
    expect(view.canIssue).toBe(false);
    expect(view.actions.every((a) => a.canAnswer)).toBe(true);
    expectError(await answer(finance, reminderId, '不是我们的事'), 'auth.forbidden');
    expectError(await answer(supervisor, reminderId, '代为答复'), 'auth.forbidden');
    expectError(await answer(handler, uuidv7(), '答复'), 'supervision.action_not_found');
    view = json(await answer(handler, reminderId, '已签收，正在办理'));
    expect(view.actions[0]).toMatchObject({
      status: 'answered',
      answeredLate: true,
      answer: '已签收，正在办理',
    });
    expectError(await answer(unitLeader, reminderId, '再次答复'), 'supervision.already_answered');
    // The notice is due on 26 October: answered on time.
    view = json(await answer(unitLeader, noticeId, '已制定整改措施，本周内办结'));
    expect(view.actions.find((a) => a.id === noticeId)).toMatchObject({
      status: 'answered',
      answeredLate: false,
      canAnswer: false,
    });
    expect((await detail(supervisor, dueSoon.id)).timeline.at(-1)).toMatchObject({
      kind: 'supervisionAnswered',
      data: { level: 'supervisionNotice', late: false },
    });
    expect((await noticesOf('supervisor', 'supervisionAction')).map((n) => n.title)).toEqual([
      '督办已答复：厂房消防验收迟迟未办',
      '督办已答复：厂房消防验收迟迟未办',
    ]);
  });

  it('the per-appeal steps are for those who read the working notes', async () => {
    for (const s of [supervisor, office, leader, handler, unitLeader])
      expect((await supervisionOf(s, dueSoon.id)).actions).toHaveLength(6);
    expectError(
      await call(app, enterprise, 'GET', `/api/appeals/${dueSoon.id}/supervision`),
      'auth.forbidden',
    );
    expectError(
      await call(app, finance, 'GET', `/api/appeals/${dueSoon.id}/supervision`),
      'appeal.not_found',
    );
    expectError(
      await call(app, countySupervisor, 'GET', `/api/appeals/${dueSoon.id}/supervision`),
      'appeal.not_found',
    );
  });

  it('generates the 督办单 as a Word document for the office and the unit', async () => {
    const url = `/api/supervision/actions/${noticeId}/notice.docx`;
    for (const s of [supervisor, handler, unitLeader]) {
      const response = await call(app, s, 'GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml');
      const text = paragraphTexts(readDocumentXml(response.rawPayload)).join('\n');
      expect(text).toContain('督办〔2026〕1号');
      expect(text).toContain('河源市自然资源局：');
      expect(text).toContain('该事项已逾期，请说明原因并提出整改措施');
      expect(text).toContain('厂房消防验收迟迟未办');
      expect(text).toContain('2026年10月26日');
    }
    expectError(await call(app, finance, 'GET', url), 'supervision.action_not_found');
    expectError(await call(app, countySupervisor, 'GET', url), 'supervision.action_not_found');
    expectError(await call(app, office, 'GET', url), 'auth.forbidden');
    expectError(
      await call(app, supervisor, 'GET', `/api/supervision/actions/${reminderId}/notice.docx`),
      'supervision.no_document',
    );
  });
});

describe('two server instances sweeping at once', async () => {
  const t = await createTestApp({ now: at('2026-09-28') });
  const { app, ctx, clock } = t;
  const office = await login(app, 'office');
  const enterprise = await login(app, 'enterprise');
  const nrId = await unitId(ctx, '河源市自然资源局');

  async function assigned(title: string, dueDate: string): Promise<void> {
    const appeal = json<Detail>(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，请协调解决。`,
        category: 'land',
      }),
    );
    const direct = json<Detail>(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/handle-directly`, {
        tierCode: 'single',
        version: appeal.version,
      }),
    );
    json(
      await call(app, office, 'POST', `/api/appeals/${appeal.id}/assign`, {
        leadUnitId: nrId,
        coUnitIds: [],
        measures: '协调办理',
        dueDate,
        version: direct.version,
      }),
    );
  }

  for (let i = 1; i <= 6; i += 1) await assigned(`并发督办测试事项${i}`, '2026-09-30');
  // 8 October: each is overdue and not accepted in time: 12 warnings, each to handler + unit leader + supervisor.
  clock.set(new Date(at('2026-10-08')));

  async function totals() {
    const warnings = await ctx.db
      .selectFrom('supervisionWarnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const notices = await ctx.db
      .selectFrom('notices')
      .select(['personId', 'title'])
      .where('kind', '=', 'supervisionWarning')
      .execute();
    return { warnings: Number(warnings.n), notices };
  }

  it('in one instance, overlapping runs raise each warning once', async () => {
    const [a, b] = await Promise.all([sweepSupervision(ctx), sweepSupervision(ctx)]);
    expect(a.raised + b.raised).toBe(12);
    expect(a.notices + b.notices).toBe(36);
    const { warnings, notices } = await totals();
    expect(warnings).toBe(12);
    expect(new Set(notices.map((n) => `${n.personId} ${n.title}`)).size).toBe(notices.length);
    expect(notices).toHaveLength(36);
  });

  it.skipIf(testDialect !== 'postgres')(
    'two app contexts on one PostgreSQL database raise and notify each warning exactly once (SQLite has one writer and one instance, so it is PostgreSQL only)',
    async () => {
      for (let i = 7; i <= 12; i += 1) {
        clock.set(new Date(at('2026-09-28')));
        await assigned(`并发督办测试事项${i}`, '2026-09-30');
      }
      clock.set(new Date(at('2026-10-08')));
      const second = await buildApp(t.config, { clock, logger: false });
      afterAll(() => second.app.close());
      const before = await totals();
      const results = await Promise.all([
        sweepSupervision(ctx),
        sweepSupervision(second.ctx),
        sweepSupervision(ctx),
        sweepSupervision(second.ctx),
      ]);
      expect(results.reduce((n, r) => n + r.raised, 0)).toBe(12);
      expect(results.reduce((n, r) => n + r.notices, 0)).toBe(36);
      const after = await totals();
      expect(after.warnings - before.warnings).toBe(12);
      expect(after.notices.length - before.notices.length).toBe(36);
      expect(new Set(after.notices.map((n) => `${n.personId} ${n.title}`)).size).toBe(after.notices.length);
      // And a later run by either finds nothing left to do.
      expect(await sweepSupervision(second.ctx)).toEqual({ raised: 0, notices: 0 });
    },
  );
});
