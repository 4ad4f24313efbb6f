import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { paragraphTexts, readDocumentXml } from '../src/modules/documents/docx-reader.ts';
import { auditAfter, countRows, expectError, lastAuditSeq, personId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

interface Item {
  id: string;
  appealId: string;
  enterpriseName: string;
  unitNames: string[];
  verificationOpinions: { unitName: string; answer: string }[];
  proposal: string | null;
  ruling: { version: number; leadUnitName: string; measures: string; dueDate: string } | null;
  version: number;
}
interface Event {
  id: string;
  status: string;
  version: number;
  catalogueDueDate: string;
  catalogueLate: boolean;
  catalogueRevision: number;
  workingDaysToDue: number | null;
  nUnits: { name: string; items: number }[];
  standingMembers: { position: string }[];
  items: Item[];
  history: { kind: string; actorName: string | null; data: Record<string, unknown> | null }[];
  allowedActions: string[];
}

describe('a quarterly event from catalogue to assignments', async () => {
  // Monday 15 September 2025 in Heyuan. The event is on Tuesday 30 September; 4 working days before it,
  // counting the make-up Sunday 28 September, the catalogue is due on Thursday 25 September.
  const { app, ctx, clock } = await createTestApp({
    now: '2025-09-15T02:00:00.000Z',
    config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 60 * 24 },
  });
  const office = await login(app, 'office');
  const secondClerk = await login(app, 'office');
  const leader = await login(app, 'leader');
  const govOffice = await login(app, 'govoffice');
  const supervisor = await login(app, 'supervisor');
  const enterprise = await login(app, 'enterprise');
  const handler = await login(app, 'handler');
  const unitLeader = await login(app, 'unitleader');
  const countyOffice = await login(app, 'countyoffice');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const housingId = await unitId(ctx, '河源市住房和城乡建设局');

  async function submit(title: string): Promise<{ id: string; version: number }> {
    return json(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title,
        content: `${title}，恳请市领导协调相关部门解决。`,
        category: 'land',
      }),
    );
  }
  const get = async (s: Session, id: string) => json<Event>(await call(app, s, 'GET', `/api/events/${id}`));
  const post = (s: Session, path: string, body: unknown) => call(app, s, 'POST', path, body);

  const landAppeal = await submit('新厂区用地报批进展缓慢');
  const roadAppeal = await submit('园区进场道路尚未建成');
  const thirdAppeal = await submit('标准厂房租金补贴未兑现');
  // The land appeal is verified by the land bureau first: its answer becomes part of the dossier.
  json(
    await post(office, `/api/appeals/${landAppeal.id}/verification-requests`, {
      unitIds: [nrId],
      question: '请核实用地报批进展',
    }),
  );
  const [request] = json<{ items: { id: string }[] }>(
    await call(app, handler, 'GET', '/api/verification-requests?status=open'),
  ).items;
  json(
    await post(handler, `/api/verification-requests/${request?.id}/answer`, {
      answer: '已完成用地预审，待省厅批复',
    }),
  );

  let event: Event;

  it('creates the event on a working day and computes the catalogue due date from the calendar', async () => {
    expectError(
      await post(office, '/api/events', {
        kind: 'city',
        title: '2025年第三季度“面对面”政企交流活动',
        date: '2025-10-02',
        venue: '市行政服务中心',
      }),
      'event.date_not_workday',
    );
    expectError(
      await post(leader, '/api/events', {
        kind: 'city',
        title: '越权创建的活动',
        date: '2025-09-30',
        venue: '市行政服务中心',
      }),
      'auth.forbidden',
    );
    event = json<Event>(
      await post(office, '/api/events', {
        kind: 'city',
        title: '2025年第三季度“面对面”政企交流活动',
        date: '2025-09-30',
        venue: '市行政服务中心第一会议室',
      }),
    );
    expect(event).toMatchObject({ status: 'drafting', catalogueDueDate: '2025-09-25', workingDaysToDue: 8 });
    expect(event.standingMembers.length).toBeGreaterThanOrEqual(7);
    expect(event.allowedActions).toEqual(['editEvent', 'editCatalogue', 'submitCatalogue']);
    expect((await get(leader, event.id)).allowedActions).toEqual([]);
    // A county office does not see the city's event.
    expectError(await call(app, countyOffice, 'GET', `/api/events/${event.id}`), 'event.not_found');
  });

  it('puts verified appeals on the catalogue with their dossier; the N follows the units concerned', async () => {
    event = json<Event>(
      await post(office, `/api/events/${event.id}/items`, {
        version: event.version,
        items: [
          {
            appealId: landAppeal.id,
            proposedHandling: '建议市自然资源局加快报批',
            unitIds: [nrId, financeId],
          },
          { appealId: roadAppeal.id, proposedHandling: '建议市住建局牵头建设', unitIds: [housingId, nrId] },
          { appealId: thirdAppeal.id, proposedHandling: '建议市财政局兑现补贴', unitIds: [financeId] },
        ],
      }),
    );
    expect(event.items.map((i) => i.appealId)).toEqual([landAppeal.id, roadAppeal.id, thirdAppeal.id]);
    expect(event.items[0]?.verificationOpinions).toEqual([
      { unitName: '河源市自然资源局', answer: '已完成用地预审，待省厅批复' },
    ]);
    expect(event.nUnits).toEqual([
      { id: financeId, name: '河源市财政局', items: 2 },
      { id: nrId, name: '河源市自然资源局', items: 2 },
      { id: housingId, name: '河源市住房和城乡建设局', items: 1 },
    ]);
    const appeal = json<{ status: string; timeline: { kind: string }[] }>(
      await call(app, office, 'GET', `/api/appeals/${landAppeal.id}`),
    );
    expect(appeal.status).toBe('catalogued');
    expect(appeal.timeline.at(-1)?.kind).toBe('catalogued');
    const dossier = json<{ event: { id: string; title: string } | null }>(
      await call(app, office, 'GET', `/api/appeals/${landAppeal.id}/verification`),
    );
    expect(dossier.event).toMatchObject({ id: event.id, title: '2025年第三季度“面对面”政企交流活动' });
    // The enterprise sees its appeal, not the event's working file.
    const own = json<{ event: unknown }>(
      await call(app, enterprise, 'GET', `/api/appeals/${landAppeal.id}/verification`),
    );
    expect(own.event).toBeNull();

    // An appeal is on one catalogue only, and nothing of a refused request is written.
    const other = json<Event>(
      await post(office, '/api/events', {
        kind: 'city',
        title: '2025年第四季度“面对面”政企交流活动',
        date: '2025-12-23',
        venue: '市行政服务中心',
      }),
    );
    const items = await countRows(ctx, 'catalogueItems');
    expectError(
      await post(office, `/api/events/${other.id}/items`, {
        version: other.version,
        items: [{ appealId: landAppeal.id, proposedHandling: '重复列入', unitIds: [nrId] }],
      }),
      'event.appeal_not_eligible',
    );
    expect(await countRows(ctx, 'catalogueItems')).toBe(items);
    expectError(
      await post(office, `/api/events/${other.id}/submit`, { version: other.version }),
      'event.catalogue_empty',
    );
  });

  it('takes an item off and the appeal returns to the pool', async () => {
    const third = event.items.find((i) => i.appealId === thirdAppeal.id)!;
    event = json<Event>(await call(app, office, 'DELETE', `/api/events/${event.id}/items/${third.id}`));
    expect(event.items).toHaveLength(2);
    const appeal = json<{ status: string }>(await call(app, office, 'GET', `/api/appeals/${thirdAppeal.id}`));
    expect(appeal.status).toBe('pooled');
  });

  it('accepts a catalogue submitted after its due date and flags it late', async () => {
    clock.set('2025-09-26T02:00:00.000Z');
    expectError(
      await post(office, `/api/events/${event.id}/submit`, { version: event.version - 1 }),
      'request.conflict',
    );
    event = json<Event>(await post(office, `/api/events/${event.id}/submit`, { version: event.version }));
    expect(event).toMatchObject({ status: 'submitted', catalogueLate: true, workingDaysToDue: null });
    expect(event.history.at(-1)).toMatchObject({
      kind: 'catalogueSubmitted',
      data: { late: true, items: 2 },
    });
    // The government office and the leaders are told a catalogue waits for them.
    for (const s of [govOffice, leader]) {
      const inbox = json<{ items: { title: string; link: string | null }[] }>(
        await call(app, s, 'GET', '/api/notices'),
      );
      expect(inbox.items[0]).toMatchObject({
        title: '待审定：2025年第三季度“面对面”政企交流活动企业问题目录',
        link: `/events/${event.id}`,
      });
    }
  });

  it('the deputy leader records proposals; a leader approves once; a change needs a new approval', async () => {
    const item = event.items[0]!;
    event = json<Event>(
      await post(leader, `/api/events/${event.id}/items/${item.id}/proposal`, {
        proposal: '请自然资源局10个工作日内报省厅',
        version: item.version,
      }),
    );
    expect(event.items[0]?.proposal).toBe('请自然资源局10个工作日内报省厅');
    expectError(
      await post(govOffice, `/api/events/${event.id}/approve`, { version: event.version }),
      'auth.forbidden',
    );
    event = json<Event>(await post(leader, `/api/events/${event.id}/approve`, { version: event.version }));
    expect(event).toMatchObject({ status: 'approved', catalogueRevision: 1 });
    expectError(
      await post(leader, `/api/events/${event.id}/approve`, { version: event.version }),
      'event.action_not_allowed',
    );
    // The approved list is frozen: no edits, no rulings before the notice.
    expectError(
      await post(office, `/api/events/${event.id}/items`, {
        version: event.version,
        items: [{ appealId: thirdAppeal.id, proposedHandling: '补充列入', unitIds: [financeId] }],
      }),
      'event.action_not_allowed',
    );
    expectError(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${item.id}/ruling`, {
        leadUnitId: nrId,
        dueDate: '2025-10-31',
        measures: '抓紧报批',
        version: 0,
      }),
      'event.action_not_allowed',
    );
    // Reopened with a reason, changed, approved again: revision 2, and the trace stays.
    event = json<Event>(
      await post(office, `/api/events/${event.id}/reopen`, {
        reason: '补充一项租金补贴问题',
        version: event.version,
      }),
    );
    expect(event.status).toBe('submitted');
    event = json<Event>(
      await post(office, `/api/events/${event.id}/items`, {
        version: event.version,
        items: [{ appealId: thirdAppeal.id, proposedHandling: '建议市财政局兑现补贴', unitIds: [financeId] }],
      }),
    );
    event = json<Event>(await post(leader, `/api/events/${event.id}/approve`, { version: event.version }));
    expect(event).toMatchObject({ status: 'approved', catalogueRevision: 2 });
    expect(event.history.map((h) => h.kind)).toEqual([
      'created',
      'itemsAdded',
      'itemRemoved',
      'catalogueSubmitted',
      'proposalRecorded',
      'catalogueApproved',
      'catalogueReopened',
      'itemsAdded',
      'catalogueApproved',
    ]);
    expect(event.history[6]).toMatchObject({ data: { reason: '补充一项租金补贴问题', approvedRevision: 1 } });
  });

  it('the government office issues the notice; unit heads and the enterprise are told', async () => {
    expectError(
      await post(govOffice, `/api/events/${event.id}/notice`, {
        leaders: [{ name: '赵建国', title: '副市长' }],
        noticeNumber: '河府办[2025]12号',
        version: event.version,
      }),
      'event.document_number_invalid',
    );
    expectError(
      await post(office, `/api/events/${event.id}/notice`, {
        leaders: [{ name: '赵建国', title: '副市长' }],
        noticeNumber: '河府办〔2025〕12号',
        version: event.version,
      }),
      'auth.forbidden',
    );
    event = json<Event>(
      await post(govOffice, `/api/events/${event.id}/notice`, {
        leaders: [
          { name: '刘东豪', title: '市委常委、常务副市长' },
          { name: '赵建国', title: '副市长' },
        ],
        noticeNumber: '河府办〔2025〕12号',
        version: event.version,
      }),
    );
    expect(event.status).toBe('noticeIssued');
    for (const s of [unitLeader, enterprise]) {
      const inbox = json<{ items: { id: string; title: string; link: string | null }[]; unread: number }>(
        await call(app, s, 'GET', '/api/notices?unread=true'),
      );
      expect(inbox.items.map((n) => n.title)).toContain('活动通知：2025年第三季度“面对面”政企交流活动');
      const notice = inbox.items.find((n) => n.title.startsWith('活动通知'))!;
      // Each is pointed where they may go: the enterprise to its appeal; a unit head has no event page to open.
      expect(notice.link).toBe(s === enterprise ? `/appeals/${landAppeal.id}` : null);
      json(await post(s, `/api/notices/${notice.id}/read`, {}));
      const after = json<{ unread: number }>(await call(app, s, 'GET', '/api/notices'));
      expect(after.unread).toBe(inbox.unread - 1);
      // Someone else's notice is not there to be read.
      expectError(await post(handler, `/api/notices/${notice.id}/read`, {}), 'notice.not_found');
    }
  });

  it('records rulings live; a second clerk saving the same ruling gets a conflict, not an overwrite', async () => {
    clock.set('2025-09-30T03:00:00.000Z');
    const [land, road, third] = event.items;
    const ruling = (over: Record<string, unknown>) => ({
      leadUnitId: nrId,
      coUnitIds: [financeId],
      dueDate: '2025-10-31',
      measures: '10个工作日内上报省厅，财政局保障报批经费',
      version: 0,
      ...over,
    });
    expectError(
      await call(
        app,
        office,
        'PUT',
        `/api/events/${event.id}/items/${land?.id}/ruling`,
        ruling({ dueDate: '2025-10-04' }),
      ),
      'assignment.due_date_not_workday',
    );
    event = json<Event>(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${land?.id}/ruling`, ruling({})),
    );
    expect(event.items[0]?.ruling).toMatchObject({ version: 1, leadUnitName: '河源市自然资源局' });
    expectError(
      await call(
        app,
        secondClerk,
        'PUT',
        `/api/events/${event.id}/items/${land?.id}/ruling`,
        ruling({ measures: '覆盖' }),
      ),
      'request.conflict',
    );
    expect((await get(office, event.id)).items[0]?.ruling?.measures).toBe(
      '10个工作日内上报省厅，财政局保障报批经费',
    );
    // A ruling on an item that is not on this event's list.
    expectError(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${uuidv7()}/ruling`, ruling({})),
      'event.item_not_found',
    );
    json(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${road?.id}/ruling`, {
        leadUnitId: housingId,
        coUnitIds: [nrId],
        dueDate: '2025-11-28',
        measures: '住建局年底前建成进场道路',
        version: 0,
      }),
    );
    expectError(
      await post(office, `/api/events/${event.id}/opinions`, {
        preface: '2025年9月30日，市领导与企业面对面交流。',
        opinionsNumber: '河府办〔2025〕15号',
        version: (await get(office, event.id)).version,
      }),
      'event.items_not_ruled',
    );
    event = json<Event>(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${third?.id}/ruling`, {
        leadUnitId: financeId,
        dueDate: '2025-10-31',
        measures: '财政局10月底前兑现租金补贴',
        version: 0,
      }),
    );
  });

  it('compiles the opinions; the government office edits them and every edit is kept', async () => {
    event = json<Event>(
      await post(office, `/api/events/${event.id}/opinions`, {
        preface: '2025年9月30日，市领导与企业面对面交流，现将企业诉求事项处理意见印发如下。',
        opinionsNumber: '河府办〔2025〕15号',
        version: event.version,
      }),
    );
    expect(event.status).toBe('opinionsDrafted');
    // From now on rulings are the government office's to edit.
    const land = event.items[0]!;
    expectError(
      await call(app, office, 'PUT', `/api/events/${event.id}/items/${land.id}/ruling`, {
        leadUnitId: nrId,
        coUnitIds: [financeId],
        dueDate: '2025-10-31',
        measures: '办公室改',
        version: land.ruling!.version,
      }),
      'auth.forbidden',
    );
    event = json<Event>(
      await call(app, govOffice, 'PUT', `/api/events/${event.id}/items/${land.id}/ruling`, {
        leadUnitId: nrId,
        coUnitIds: [financeId],
        dueDate: '2025-10-31',
        measures: '10个工作日内上报省厅审批，市财政局保障报批经费',
        version: land.ruling!.version,
      }),
    );
    event = json<Event>(
      await post(govOffice, `/api/events/${event.id}/opinions/edit`, {
        preface: '2025年9月30日，市政府举办“面对面”政企交流活动，现将企业诉求事项处理意见印发如下。',
        version: event.version,
      }),
    );
    const edits = event.history.filter((h) => h.kind === 'opinionsEdited');
    expect(edits).toHaveLength(2);
    expect(edits[1]?.data).toMatchObject({
      before: { preface: '2025年9月30日，市领导与企业面对面交流，现将企业诉求事项处理意见印发如下。' },
    });
  });

  it('a leader approves the opinions: assignments are created and the supervision office is copied', async () => {
    const seq = await lastAuditSeq(ctx);
    expectError(
      await post(govOffice, `/api/events/${event.id}/opinions/approve`, { version: event.version }),
      'auth.forbidden',
    );
    event = json<Event>(
      await post(leader, `/api/events/${event.id}/opinions/approve`, { version: event.version }),
    );
    expect(event.status).toBe('opinionsApproved');
    const actions = (await auditAfter(ctx, seq)).map((a) => a.action);
    expect(actions.filter((a) => a === 'assignment.create')).toHaveLength(3);
    expect(actions.at(-1)).toBe('event.opinions.approve');

    const verification = json<{ assignments: { source: string; leadUnitName: string; dueDate: string }[] }>(
      await call(app, office, 'GET', `/api/appeals/${landAppeal.id}/verification`),
    );
    expect(verification.assignments).toEqual([
      expect.objectContaining({ source: 'ruling', leadUnitName: '河源市自然资源局', dueDate: '2025-10-31' }),
    ]);
    const landNow = json<{ status: string }>(
      await call(app, handler, 'GET', `/api/appeals/${landAppeal.id}`),
    );
    expect(landNow.status).toBe('assigned');
    const inbox = json<{ items: { title: string; link: string | null }[] }>(
      await call(app, supervisor, 'GET', '/api/notices'),
    );
    expect(inbox.items[0]).toMatchObject({
      title: '交办：2025年第三季度“面对面”政企交流活动企业诉求事项处理意见',
      link: '/assignments/overview',
    });
    const handlerInbox = json<{ items: { link: string | null }[] }>(
      await call(app, handler, 'GET', '/api/notices'),
    );
    expect(handlerInbox.items[0]).toMatchObject({ link: '/assignments' });
    expect(await personId(ctx, 'supervisor')).toBeTruthy();
  });

  it('generates the catalogue, the notice and the opinions as official documents, and the catalogue in Excel', async () => {
    const catalogue = await call(app, office, 'GET', `/api/events/${event.id}/catalogue.docx`);
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.headers['content-type']).toContain('wordprocessingml');
    const catalogueXml = readDocumentXml(catalogue.rawPayload);
    expect(catalogueXml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const catalogueText = paragraphTexts(catalogueXml).join('\n');
    expect(catalogueText).toContain('企业问题目录');
    expect(catalogueText).toContain('新厂区用地报批进展缓慢');
    expect(catalogueText).toContain('河源市财政局（2项）');

    const notice = paragraphTexts(
      readDocumentXml((await call(app, leader, 'GET', `/api/events/${event.id}/notice.docx`)).rawPayload),
    );
    expect(notice).toContain('河府办〔2025〕12号');
    expect(notice.join('\n')).toContain('市委常委、常务副市长刘东豪、副市长赵建国');
    expect(notice.join('\n')).toContain('2025年9月30日');

    const opinions = paragraphTexts(
      readDocumentXml(
        (await call(app, supervisor, 'GET', `/api/events/${event.id}/opinions.docx`)).rawPayload,
      ),
    );
    expect(opinions).toContain('企业诉求事项处理意见');
    expect(opinions).toContain('河府办〔2025〕15号');
    expect(opinions.join('\n')).toContain(
      '牵头单位：河源市自然资源局；配合单位：河源市财政局；办结时限：2025年10月31日前。',
    );
    expect(opinions.join('\n')).toContain('处理意见：10个工作日内上报省厅审批，市财政局保障报批经费');

    const xlsx = await call(app, office, 'GET', `/api/events/${event.id}/catalogue.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('企业问题目录')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(11).value).toBe('河源市自然资源局');

    // Documents are for the event's readers only.
    expectError(
      await call(app, enterprise, 'GET', `/api/events/${event.id}/opinions.docx`),
      'auth.forbidden',
    );
    expectError(
      await call(app, countyOffice, 'GET', `/api/events/${event.id}/catalogue.docx`),
      'event.not_found',
    );
  });
});
