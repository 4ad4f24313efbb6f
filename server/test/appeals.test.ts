import { type AppealChannel, creditCodeCheckCharacter, type ErrorCode } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

/** What the tests know about every appeal they created, to compute the expected pool on their own. */
interface Known {
  id: string;
  number: string;
  enterpriseId: string;
  enterpriseName: string;
  regionId: string;
  channel: AppealChannel;
  collectingUnitId: string | null;
  category: string;
  submittedAt: string;
  exchangeId: string | null;
}

/** The calendar date of an instant in Asia/Shanghai (UTC+8 all year), computed without the server. */
function shanghaiDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

function ids(items: { id: string }[]): string[] {
  return items.map((i) => i.id).sort();
}

describe('appeals: intake, edits, visibility and the pool', async () => {
  // Sessions that outlive the jumps of the fake clock below (to other days and to the new year).
  const { app, ctx, clock } = await createTestApp({
    now: '2025-06-02T02:00:00.000Z',
    config: { sessionIdleMinutes: 400 * 24 * 60, sessionMaxHours: 400 * 24 },
  });
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const collector = await login(app, 'collector');
  const county = await login(app, 'county');
  const countyOffice = await login(app, 'countyoffice');
  const enterprise = await login(app, 'enterprise');
  const leader = await login(app, 'leader');

  const cityId = await regionId(ctx, '河源市');
  const yuanchengId = await regionId(ctx, '源城区');
  const dongyuanId = await regionId(ctx, '东源县');
  const hepingId = await regionId(ctx, '和平县');
  const longchuanId = await regionId(ctx, '龙川县');
  const npcId = await unitId(ctx, '河源市人大常委会办公室');
  const cppccId = await unitId(ctx, '政协河源市委员会办公室');
  const officeUnitId = await unitId(ctx, '河源市“面对面”政企交流活动工作专班办公室');
  const dyGovId = await unitId(ctx, '东源县人民政府');
  const demo = await ctx.db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('name', '=', '河源市示范电子科技有限公司')
    .executeTakeFirstOrThrow();

  let creditSeq = 0;
  /** An enterprise written straight into the database (the enterprise API is not under test here). */
  async function createEnterprise(name: string, region: string): Promise<{ id: string; name: string }> {
    creditSeq += 1;
    const first17 = `91441600MA${String(creditSeq).padStart(7, '0')}`;
    const id = uuidv7();
    const now = clock.now().toISOString();
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
    return { id, name };
  }

  const hengchang = await createEnterprise('东源县恒昌五金制品有限公司', dongyuanId);
  const qingshan = await createEnterprise('和平县青山茶业有限公司', hepingId);
  const yuanhang = await createEnterprise('龙川县远航纺织有限公司', longchuanId);

  // A second enterprise account, created by the administrator; it must change its password first.
  const created = await call(app, admin, 'POST', '/api/org/people', {
    username: 'hengchang',
    name: '陈恒昌',
    enterpriseId: hengchang.id,
    roles: ['enterprise'],
    password: 'Start1234',
  });
  expect(created.statusCode, created.body).toBe(200);
  const enterprise2 = await login(app, 'hengchang', 'Start1234');
  const changed = await call(app, enterprise2, 'POST', '/api/auth/password', {
    currentPassword: 'Start1234',
    newPassword: 'Hengchang2025',
  });
  expect(changed.statusCode, changed.body).toBe(200);

  const known = new Map<string, Known>();
  let lastNumber = 0;

  function remember(detail: Known): Known {
    const entry: Known = {
      id: detail.id,
      number: detail.number,
      enterpriseId: detail.enterpriseId,
      enterpriseName: detail.enterpriseName,
      regionId: detail.regionId,
      channel: detail.channel,
      collectingUnitId: detail.collectingUnitId,
      category: detail.category,
      submittedAt: detail.submittedAt,
      exchangeId: detail.exchangeId,
    };
    known.set(entry.id, entry);
    return entry;
  }

  /** The next number the city's counter must hand out this year. */
  function nextNumber(year = 2025): string {
    lastNumber += 1;
    return `HY-${year}-${String(lastNumber).padStart(5, '0')}`;
  }

  /** Creates an appeal that must succeed, checks its number and remembers it. */
  async function create(
    session: Session,
    url: '/api/appeals' | '/api/appeals/submit',
    body: Record<string, unknown>,
  ) {
    const response = await call(app, session, 'POST', url, body);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.number).toBe(nextNumber());
    remember(detail);
    return detail;
  }

  async function searchRowCount(): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from appeal_search`.execute(
      ctx.db,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Row counts of everything an appeal change writes, and the counters and audit position. */
  async function snapshot() {
    return {
      appeals: await countRows(ctx, 'appeals'),
      timeline: await countRows(ctx, 'appealTimeline'),
      exchanges: await countRows(ctx, 'exchanges'),
      search: await searchRowCount(),
      counters: await ctx.db.selectFrom('appealCounters').selectAll().orderBy('year').execute(),
      audit: await lastAuditSeq(ctx),
    };
  }

  /** A change that must fail with `code` and leave every table as it was. */
  async function refused(code: ErrorCode, work: () => Promise<LightMyRequestResponse>) {
    const before = await snapshot();
    const response = await work();
    const body = expectError(response, code);
    expect(await snapshot()).toEqual(before);
    return body;
  }

  async function pool(session: Session, query = '') {
    const response = await call(app, session, 'GET', `/api/appeals?pageSize=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: (Known & { title: string })[]; total: number };
  }

  async function detailOf(session: Session, id: string) {
    const response = await call(app, session, 'GET', `/api/appeals/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const land = {
    title: '新建厂房消防验收办理缓慢',
    content: '新建厂房已完工三个月，消防验收迟迟未能办理，影响企业按期投产。',
    category: 'land',
  };
  let online: { id: string; version: number; title: string; content: string };
  let gathered: { id: string };
  let byOffice: { id: string };

  describe('intake', () => {
    it('an enterprise submits its own appeal: online, numbered, pooled, with its first timeline entry', async () => {
      const before = await lastAuditSeq(ctx);
      const detail = await create(enterprise, '/api/appeals/submit', land);
      expect(detail).toMatchObject({
        number: 'HY-2025-00001',
        enterpriseId: demo.id,
        enterpriseName: demo.name,
        regionId: yuanchengId,
        regionName: '源城区',
        title: land.title,
        content: land.content,
        category: 'land',
        channel: 'online',
        collectingUnitId: null,
        collectingUnitName: null,
        recordedById: await personId(ctx, 'enterprise'),
        recordedByName: '李春明',
        exchangeId: null,
        commonIssueId: null,
        status: 'pooled',
        submittedAt: '2025-06-02T02:00:00.000Z',
        version: 1,
        attachments: [],
        allowedActions: ['edit', 'addAttachment'],
      });
      expect(detail.timeline).toEqual([
        {
          id: expect.any(String),
          at: '2025-06-02T02:00:00.000Z',
          actorName: '李春明',
          kind: 'created',
          data: { channel: 'online', collectingUnitId: null },
        },
      ]);
      const audit = await auditAfter(ctx, before);
      expect(audit.map((a) => [a.action, a.entityId])).toEqual([['appeal.create', detail.id]]);
      expect(audit[0]?.actorId).toBe(await personId(ctx, 'enterprise'));
      expect(audit[0]?.after).toMatchObject({ number: detail.number, channel: 'online', status: 'pooled' });
      expect(await searchRowCount()).toBe(1);
      online = detail;
    });

    it('a collector records an appeal gathered through a channel, under its own unit', async () => {
      const detail = await create(collector, '/api/appeals', {
        enterpriseId: hengchang.id,
        channel: 'yueshangtong',
        title: '企业用电报装时间过长',
        content: '新建车间申请增容报装已两个月仍未通电，希望供电部门加快办理。',
        category: 'land',
      });
      expect(detail).toMatchObject({
        number: 'HY-2025-00002',
        enterpriseId: hengchang.id,
        regionId: dongyuanId,
        regionName: '东源县',
        channel: 'yueshangtong',
        collectingUnitId: npcId,
        collectingUnitName: '河源市人大常委会办公室',
        recordedByName: '叶小青',
        status: 'pooled',
        allowedActions: ['edit', 'addAttachment'],
      });
      expect(detail.timeline).toMatchObject([
        { kind: 'created', actorName: '叶小青', data: { channel: 'yueshangtong', collectingUnitId: npcId } },
      ]);
      gathered = detail;
    });

    it('refuses the online channel to recorders: only the enterprise itself submits online', async () => {
      for (const session of [collector, office]) {
        const body = await refused('appeal.channel_not_allowed', () =>
          call(app, session, 'POST', '/api/appeals', { ...land, enterpriseId: demo.id, channel: 'online' }),
        );
        expect(body.details).toEqual({ channel: 'online' });
      }
      // And the enterprise cannot record (as if it were a collector), nor submit for another enterprise.
      await refused('auth.forbidden', () =>
        call(app, enterprise, 'POST', '/api/appeals', { ...land, enterpriseId: demo.id, channel: 'phone' }),
      );
      const other = await create(enterprise, '/api/appeals/submit', {
        ...land,
        title: '希望简化纳税申报流程',
        content: '每月纳税申报材料繁多，希望税务部门推行一表通办，减少重复填报。',
        category: 'finance',
        enterpriseId: hengchang.id,
      });
      expect(other.enterpriseId).toBe(demo.id);
    });

    it('a collector may not record under another unit, the office may; a county office only in its county', async () => {
      await refused('auth.forbidden', () =>
        call(app, collector, 'POST', '/api/appeals', {
          ...land,
          enterpriseId: qingshan.id,
          channel: 'collector',
          collectingUnitId: cppccId,
        }),
      );
      byOffice = await create(office, '/api/appeals', {
        enterpriseId: qingshan.id,
        channel: 'visit',
        collectingUnitId: cppccId,
        title: '茶园道路硬底化资金',
        content: '茶园生产道路年久失修，雨季运输困难，希望纳入农村道路硬底化计划。',
        category: 'finance',
      });
      expect(byOffice).toMatchObject({
        channel: 'visit',
        collectingUnitId: cppccId,
        collectingUnitName: '政协河源市委员会办公室',
        recordedByName: '王晓敏',
      });
      // Without a collecting unit the recorder's own unit collected it.
      const own = await create(office, '/api/appeals', {
        enterpriseId: yuanhang.id,
        channel: 'event',
        title: '纺织废水处理成本高',
        content: '印染环节废水处理成本逐年上升，希望园区建设集中处理设施。',
        category: 'labour',
      });
      expect(own.collectingUnitId).toBe(officeUnitId);
      await refused('org.unit_not_found', () =>
        call(app, office, 'POST', '/api/appeals', {
          ...land,
          enterpriseId: qingshan.id,
          channel: 'visit',
          collectingUnitId: uuidv7(),
        }),
      );
      // The county office records for its county's enterprises only.
      await refused('auth.forbidden', () =>
        call(app, countyOffice, 'POST', '/api/appeals', { ...land, enterpriseId: demo.id, channel: 'visit' }),
      );
      const inCounty = await create(countyOffice, '/api/appeals', {
        ...land,
        title: '县城工业园区污水管网',
        content: '园区污水管网尚未接通，企业只能自建处理设施，成本较高。',
        enterpriseId: hengchang.id,
        channel: 'visit',
      });
      expect(inCounty.regionId).toBe(dongyuanId);
    });

    it('records one breakfast meeting and its three appeals in one transaction', async () => {
      const before = await snapshot();
      const response = await call(app, collector, 'POST', '/api/exchanges', {
        exchange: {
          channel: 'breakfast',
          date: '2025-06-02',
          title: '东源县企业早餐会',
          venue: '县政府三楼会议室',
          notes: '三家企业参加',
        },
        appeals: [
          {
            enterpriseId: hengchang.id,
            title: '五金产品出口退税慢',
            content: '出口退税到账周期长，占用企业流动资金，希望缩短办理时限。',
            category: 'finance',
          },
          {
            enterpriseId: qingshan.id,
            title: '茶叶品牌推广支持',
            content: '希望政府在农产品展销会上给予展位支持，帮助推广本地茶叶品牌。',
            category: 'land',
          },
          {
            enterpriseId: yuanhang.id,
            title: '熟练挡车工招聘难',
            content: '纺织企业熟练挡车工紧缺，希望人社部门组织定向培训和招聘。',
            category: 'labour',
          },
        ],
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.exchange).toMatchObject({
        channel: 'breakfast',
        date: '2025-06-02',
        title: '东源县企业早餐会',
        venue: '县政府三楼会议室',
        regionId: cityId,
        hostUnitId: npcId,
      });
      expect(body.appeals.map((a: { number: string }) => a.number)).toEqual([
        nextNumber(),
        nextNumber(),
        nextNumber(),
      ]);
      const enterprises = [hengchang.id, qingshan.id, yuanhang.id];
      for (const [index, appeal] of body.appeals.entries()) {
        const detail = await detailOf(collector, appeal.id);
        expect(detail).toMatchObject({
          number: appeal.number,
          exchangeId: body.exchange.id,
          channel: 'breakfast',
          collectingUnitId: npcId,
          enterpriseId: enterprises[index],
        });
        remember(detail);
      }
      const after = await snapshot();
      expect(after.appeals - before.appeals).toBe(3);
      expect(after.exchanges - before.exchanges).toBe(1);
      expect(after.timeline - before.timeline).toBe(3);
      expect(after.search - before.search).toBe(3);
      // One transaction: four audit rows, all naming the same request.
      const audit = await auditAfter(ctx, before.audit);
      expect(audit.map((a) => a.action)).toEqual([
        'exchange.create',
        'appeal.create',
        'appeal.create',
        'appeal.create',
      ]);
      expect(new Set(audit.map((a) => a.requestId))).toEqual(new Set([response.headers['x-request-id']]));
      // The pool finds the meeting's appeals by their exchange.
      const listed = await pool(office, `&exchangeId=${body.exchange.id}`);
      expect(ids(listed.items)).toEqual(ids(body.appeals));
    });

    it('saves nothing of a meeting when its third appeal is invalid', async () => {
      const exchange = { channel: 'dinner', date: '2025-06-02', title: '和平县企业晚餐会' };
      const valid = {
        enterpriseId: qingshan.id,
        title: '茶叶加工用电价格',
        content: '茶叶加工季节用电量大，希望执行农业生产用电价格。',
        category: 'finance',
      };
      const second = { ...valid, enterpriseId: yuanhang.id };
      const unknownCategory = await refused('appeal.unknown_category', () =>
        call(app, collector, 'POST', '/api/exchanges', {
          exchange,
          appeals: [valid, second, { ...valid, category: 'noSuchCategory' }],
        }),
      );
      expect(unknownCategory.details).toEqual({ category: 'noSuchCategory' });
      await refused('enterprise.not_found', () =>
        call(app, collector, 'POST', '/api/exchanges', {
          exchange,
          appeals: [valid, second, { ...valid, enterpriseId: uuidv7() }],
        }),
      );
      // Only meetings and contacts are exchanges.
      await refused('request.invalid', () =>
        call(app, collector, 'POST', '/api/exchanges', {
          exchange: { ...exchange, channel: 'online' },
          appeals: [valid],
        }),
      );
      await refused('request.invalid', () =>
        call(app, collector, 'POST', '/api/exchanges', { exchange, appeals: [] }),
      );
    });
  });

  describe('bad input', () => {
    const valid = { ...land, enterpriseId: qingshan.id, channel: 'phone' };

    async function invalid(session: Session, url: string, body: unknown, fields: string[]) {
      const answer = await refused('request.invalid', () => call(app, session, 'POST', url, body));
      expect([...new Set((answer.details as { field: string }[]).map((d) => d.field))].sort()).toEqual(
        fields,
      );
    }

    it('refuses empty, blank and over-long titles and contents', async () => {
      await invalid(collector, '/api/appeals', { ...valid, title: '' }, ['body.title']);
      await invalid(collector, '/api/appeals', { ...valid, title: '      ' }, ['body.title']);
      await invalid(collector, '/api/appeals', { ...valid, title: '诉'.repeat(101) }, ['body.title']);
      await invalid(collector, '/api/appeals', { ...valid, content: '' }, ['body.content']);
      await invalid(collector, '/api/appeals', { ...valid, content: '太短了' }, ['body.content']);
      await invalid(collector, '/api/appeals', { ...valid, content: '长'.repeat(5001) }, ['body.content']);
      await invalid(enterprise, '/api/appeals/submit', { ...land, title: '' }, ['body.title']);
      await invalid(enterprise, '/api/appeals/submit', { ...land, content: '长'.repeat(5001) }, [
        'body.content',
      ]);
      // The limits themselves are accepted.
      await create(collector, '/api/appeals', {
        ...valid,
        title: '标'.repeat(100),
        content: '内'.repeat(5000),
      });
      await create(enterprise, '/api/appeals/submit', {
        ...land,
        title: '四个字的',
        content: '十'.repeat(10),
      });
    });

    it('refuses unknown and inactive categories with appeal.unknown_category', async () => {
      await ctx.db
        .insertInto('appealCategories')
        .values({ code: 'retired', nameZh: '已停用', nameEn: 'Retired', sortOrder: 999, active: 0 })
        .execute();
      for (const category of ['noSuchCategory', 'retired']) {
        await refused('appeal.unknown_category', () =>
          call(app, collector, 'POST', '/api/appeals', { ...valid, category }),
        );
        await refused('appeal.unknown_category', () =>
          call(app, enterprise, 'POST', '/api/appeals/submit', { ...land, category }),
        );
      }
    });

    it('refuses an unknown enterprise with enterprise.not_found', async () => {
      const body = await refused('enterprise.not_found', () =>
        call(app, collector, 'POST', '/api/appeals', { ...valid, enterpriseId: 'no-such-enterprise' }),
      );
      expect(body.details).toEqual({ enterpriseId: 'no-such-enterprise' });
    });

    it('refuses wrong types, naming each field', async () => {
      await invalid(
        collector,
        '/api/appeals',
        { ...valid, title: 12345, content: ['a'], channel: 'fax', collectingUnitId: 7 },
        ['body.channel', 'body.collectingUnitId', 'body.content', 'body.title'],
      );
      await invalid(collector, '/api/appeals', { title: land.title }, [
        'body.category',
        'body.channel',
        'body.content',
        'body.enterpriseId',
      ]);
      await refused('request.invalid', () => call(app, collector, 'POST', '/api/appeals', [valid]));
      await refused('request.invalid', () =>
        call(app, office, 'PATCH', `/api/appeals/${online.id}`, { title: '没有版本号的修改' }),
      );
      await refused('request.invalid', () =>
        call(app, office, 'PATCH', `/api/appeals/${online.id}`, { title: 42, version: online.version }),
      );
      await refused('request.invalid', () =>
        call(app, office, 'POST', '/api/exchanges', {
          exchange: { channel: 'breakfast', date: '2025-02-30', title: '日期不存在' },
          appeals: [valid],
        }),
      );
    });
  });

  describe('edits', () => {
    it('keeps the old values in the timeline and the audit log, and moves the version on', async () => {
      const before = await lastAuditSeq(ctx);
      clock.set('2025-06-02T03:00:00.000Z');
      const response = await call(app, office, 'PATCH', `/api/appeals/${online.id}`, {
        title: '新建厂房竣工验收办理缓慢',
        content: '新建厂房已完工三个月，竣工验收备案迟迟未能办理，影响企业按期投产。',
        category: 'finance',
        version: online.version,
      });
      expect(response.statusCode, response.body).toBe(200);
      const detail = response.json();
      expect(detail).toMatchObject({
        number: 'HY-2025-00001',
        title: '新建厂房竣工验收办理缓慢',
        category: 'finance',
        channel: 'online',
        version: 2,
        updatedAt: '2025-06-02T03:00:00.000Z',
        submittedAt: '2025-06-02T02:00:00.000Z',
      });
      expect(detail.timeline.map((t: { kind: string }) => t.kind)).toEqual(['created', 'edited']);
      expect(detail.timeline[1]).toMatchObject({
        at: '2025-06-02T03:00:00.000Z',
        actorName: '王晓敏',
        data: {
          title: { from: land.title, to: '新建厂房竣工验收办理缓慢' },
          content: { from: land.content, to: detail.content },
          category: { from: 'land', to: 'finance' },
        },
      });
      const audit = await auditAfter(ctx, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'appeal.update',
        entityType: 'appeal',
        entityId: online.id,
        actorId: await personId(ctx, 'office'),
        before: { title: land.title, content: land.content, category: 'land' },
        after: { title: detail.title, content: detail.content, category: 'finance' },
      });
      remember(detail);
      online = detail;
    });

    it('keeps the search index in step: old words no longer match, new ones do', async () => {
      expect(ids((await pool(office, `&q=${encodeURIComponent('消防')}`)).items)).toEqual([]);
      expect(ids((await pool(office, `&q=${encodeURIComponent('竣工验收')}`)).items)).toEqual([online.id]);
      // The enterprise edits its own online appeal, and the index follows again.
      const response = await call(app, enterprise, 'PATCH', `/api/appeals/${online.id}`, {
        content: '新建厂房已完工三个月，规划核实迟迟未能办理，影响企业按期投产。',
        version: online.version,
      });
      expect(response.statusCode, response.body).toBe(200);
      online = response.json();
      expect(online.version).toBe(3);
      expect(ids((await pool(office, `&q=${encodeURIComponent('备案')}`)).items)).toEqual([]);
      expect(ids((await pool(office, `&q=${encodeURIComponent('规划核实')}`)).items)).toEqual([online.id]);
      // The title was not changed, so it still matches.
      expect(ids((await pool(office, `&q=${encodeURIComponent('竣工验收')}`)).items)).toEqual([online.id]);
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      await refused('request.conflict', () =>
        call(app, office, 'PATCH', `/api/appeals/${online.id}`, { title: '过期版本的修改', version: 1 }),
      );
      expect((await detailOf(office, online.id)).title).toBe(online.title);
    });

    it('an edit that changes nothing writes nothing', async () => {
      const before = await snapshot();
      const response = await call(app, office, 'PATCH', `/api/appeals/${online.id}`, {
        title: online.title,
        version: online.version,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().version).toBe(online.version);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an unknown category on edit', async () => {
      await refused('appeal.unknown_category', () =>
        call(app, office, 'PATCH', `/api/appeals/${online.id}`, {
          category: 'retired',
          version: online.version,
        }),
      );
    });

    it('answers 403 to those who see the appeal but may not edit it, 404 to those who cannot see it', async () => {
      // The enterprise sees what a collector gathered from it, but only the collector and the office edit it.
      const phoned = await create(collector, '/api/appeals', {
        enterpriseId: demo.id,
        channel: 'phone',
        title: '厂区门前道路积水',
        content: '每逢暴雨厂区门前道路严重积水，影响员工出行和货物运输。',
        category: 'land',
      });
      expect((await detailOf(enterprise, phoned.id)).allowedActions).toEqual([]);
      await refused('auth.forbidden', () =>
        call(app, enterprise, 'PATCH', `/api/appeals/${phoned.id}`, { title: '企业自行修改', version: 1 }),
      );
      // A leader reads but may not edit at all.
      await refused('auth.forbidden', () =>
        call(app, leader, 'PATCH', `/api/appeals/${phoned.id}`, { title: '领导修改标题', version: 1 }),
      );
      // Another enterprise, another unit's collector and a county office cannot see it: 404, as if absent.
      for (const session of [enterprise2, county, countyOffice]) {
        await refused('appeal.not_found', () =>
          call(app, session, 'PATCH', `/api/appeals/${phoned.id}`, { title: '越权修改标题', version: 1 }),
        );
      }
      await refused('appeal.not_found', () =>
        call(app, office, 'PATCH', `/api/appeals/${uuidv7()}`, { title: '不存在的诉求', version: 1 }),
      );
      // The collector edits what its unit gathered.
      const edited = await call(app, collector, 'PATCH', `/api/appeals/${phoned.id}`, {
        title: '厂区门前道路积水严重',
        version: 1,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().version).toBe(2);
    });
  });

  describe('visibility', () => {
    let all: string[];

    it('an enterprise sees only its own appeals, and 404 on another enterprise’s (guessing ids reveals nothing)', async () => {
      await create(enterprise2, '/api/appeals/submit', {
        title: '五金模具开发补贴',
        content: '企业新开发模具投入较大，希望申请技术改造专项补贴。',
        category: 'finance',
      });
      all = [...known.keys()].sort();
      for (const [session, own] of [
        [enterprise, demo.id],
        [enterprise2, hengchang.id],
      ] as const) {
        const listed = await pool(session);
        const expected = [...known.values()].filter((a) => a.enterpriseId === own).map((a) => a.id);
        expect(expected.length).toBeGreaterThan(1);
        expect(ids(listed.items)).toEqual(expected.sort());
        expect(listed.total).toBe(expected.length);
        const foreign = [...known.values()].find((a) => a.enterpriseId !== own) as Known;
        const guessed = await call(app, session, 'GET', `/api/appeals/${foreign.id}`);
        const absent = await call(app, session, 'GET', `/api/appeals/${uuidv7()}`);
        expectError(guessed, 'appeal.not_found');
        expect(guessed.json()).toEqual(absent.json());
      }
    });

    it('a collector sees what its unit gathered, wherever the enterprise is', async () => {
      await create(county, '/api/appeals', {
        enterpriseId: hengchang.id,
        channel: 'collector',
        title: '镇区物流配送网点不足',
        content: '镇区快递物流网点少，原材料和产品运输成本高，希望增设配送网点。',
        category: 'land',
      });
      all = [...known.keys()].sort();
      for (const [session, unit] of [
        [collector, npcId],
        [county, dyGovId],
      ] as const) {
        const expected = [...known.values()].filter((a) => a.collectingUnitId === unit).map((a) => a.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(ids((await pool(session)).items)).toEqual(expected.sort());
      }
      expectError(await call(app, county, 'GET', `/api/appeals/${gathered.id}`), 'appeal.not_found');
      expectError(await call(app, collector, 'GET', `/api/appeals/${byOffice.id}`), 'appeal.not_found');
    });

    it('the city office, leaders, the government office and supervision see everything', async () => {
      const govOffice = await login(app, 'govoffice');
      const supervisor = await login(app, 'supervisor');
      for (const session of [office, leader, govOffice, supervisor]) {
        const listed = await pool(session);
        expect(listed.total).toBe(known.size);
        expect(ids(listed.items)).toEqual(all);
      }
      expect(known.size).toBe(await countRows(ctx, 'appeals'));
    });

    it('a county office sees only the appeals of its county’s enterprises', async () => {
      const expected = [...known.values()].filter((a) => a.regionId === dongyuanId).map((a) => a.id);
      expect(expected.length).toBeGreaterThan(2);
      expect(expected.length).toBeLessThan(known.size);
      expect(ids((await pool(countyOffice)).items)).toEqual(expected.sort());
      expectError(await call(app, countyOffice, 'GET', `/api/appeals/${online.id}`), 'appeal.not_found');
      expect((await detailOf(countyOffice, gathered.id)).allowedActions).toEqual([
        'edit',
        'addAttachment',
        'groupIntoCommonIssue',
        'requestVerification',
        'assess',
        'recordConsultation',
        'reject',
        'handleDirectly',
        'putOnCatalogue',
        // County ↔ city: 东源县 has its own office, which may escalate its appeal to the city.
        'escalate',
      ]);
    });

    it('handlers and unit leaders see none yet', async () => {
      for (const username of ['handler', 'unitleader']) {
        const session = await login(app, username);
        const listed = await pool(session);
        expect(listed).toMatchObject({ items: [], total: 0 });
        expectError(await call(app, session, 'GET', `/api/appeals/${online.id}`), 'appeal.not_found');
      }
    });

    it('offers each person exactly the actions they may take', async () => {
      // The office edits, groups and verifies; assigning comes only after it decides to handle directly.
      expect((await detailOf(office, online.id)).allowedActions).toEqual([
        'edit',
        'addAttachment',
        'groupIntoCommonIssue',
        'requestVerification',
        'assess',
        'recordConsultation',
        'reject',
        'handleDirectly',
        'putOnCatalogue',
        // County ↔ city: 源城区 has no office of its own, so the city handles it and may hand it down.
        'handDown',
      ]);
      expect((await detailOf(enterprise, online.id)).allowedActions).toEqual(['edit', 'addAttachment']);
      expect((await detailOf(collector, gathered.id)).allowedActions).toEqual(['edit', 'addAttachment']);
      expect((await detailOf(leader, online.id)).allowedActions).toEqual([]);
      expect((await detailOf(leader, gathered.id)).allowedActions).toEqual([]);
    });
  });

  describe('the pool: filters, sorting and paging', () => {
    const expectedOf = (keep: (a: Known) => boolean) =>
      [...known.values()]
        .filter(keep)
        .map((a) => a.id)
        .sort();

    it('filters by channel, collecting unit, region, category, status and enterprise', async () => {
      const cases: [string, (a: Known) => boolean][] = [
        ['channel=breakfast', (a) => a.channel === 'breakfast'],
        ['channel=online', (a) => a.channel === 'online'],
        [`collectingUnitId=${npcId}`, (a) => a.collectingUnitId === npcId],
        [`collectingUnitId=${cppccId}`, (a) => a.collectingUnitId === cppccId],
        [`regionId=${dongyuanId}`, (a) => a.regionId === dongyuanId],
        [`regionId=${hepingId}`, (a) => a.regionId === hepingId],
        ['category=finance', (a) => a.category === 'finance'],
        ['category=labour', (a) => a.category === 'labour'],
        ['status=pooled', () => true],
        [`enterpriseId=${qingshan.id}`, (a) => a.enterpriseId === qingshan.id],
        [
          `channel=breakfast&regionId=${longchuanId}`,
          (a) => a.channel === 'breakfast' && a.regionId === longchuanId,
        ],
      ];
      for (const [query, keep] of cases) {
        const expected = expectedOf(keep);
        expect(expected.length, query).toBeGreaterThan(0);
        const listed = await pool(office, `&${query}`);
        expect(ids(listed.items), query).toEqual(expected);
        expect(listed.total, query).toBe(expected.length);
      }
      // A filter does not widen what a person sees.
      const listed = await pool(collector, `&regionId=${dongyuanId}`);
      expect(ids(listed.items)).toEqual(
        expectedOf((a) => a.regionId === dongyuanId && a.collectingUnitId === npcId),
      );
      expect((await pool(office, '&category=noSuchCategory')).total).toBe(0);
    });

    it('filters by enterprise flag: a scale or a tag', async () => {
      await ctx.db
        .insertInto('enterpriseTags')
        .values({ enterpriseId: qingshan.id, tag: 'npcDeputy' })
        .execute();
      await ctx.db
        .updateTable('enterprises')
        .set({ scale: 'aboveScale' })
        .where('id', '=', yuanhang.id)
        .execute();
      expect(ids((await pool(office, '&flag=npcDeputy')).items)).toEqual(
        expectedOf((a) => a.enterpriseId === qingshan.id),
      );
      expect(ids((await pool(office, '&flag=aboveScale')).items)).toEqual(
        expectedOf((a) => a.enterpriseId === yuanhang.id),
      );
      expect((await pool(office, '&flag=hometownEnterprise')).total).toBe(0);
      expectError(await call(app, office, 'GET', '/api/appeals?flag=noSuchFlag'), 'request.invalid');
    });

    it('filters by submission date in the city’s time zone, both ends included', async () => {
      // Around midnight in Heyuan: 16:00 UTC is 00:00 the next day.
      for (const at of [
        '2025-05-31T15:30:00.000Z', // 2025-05-31 23:30
        '2025-05-31T16:30:00.000Z', // 2025-06-01 00:30
        '2025-06-01T15:59:59.999Z', // 2025-06-01 23:59:59.999
        '2025-06-01T16:00:00.000Z', // 2025-06-02 00:00
      ]) {
        clock.set(at);
        const detail = await create(office, '/api/appeals', {
          enterpriseId: yuanhang.id,
          channel: 'visit',
          title: `走访记录${at.slice(11, 19)}`,
          content: '走访中企业反映的情况，按时间记录以核对日期筛选。',
          category: 'labour',
        });
        expect(detail.submittedAt).toBe(at);
      }
      clock.set('2025-06-02T04:00:00.000Z');
      const cases: [string, (date: string) => boolean][] = [
        ['from=2025-06-01&to=2025-06-01', (d) => d === '2025-06-01'],
        ['to=2025-05-31', (d) => d <= '2025-05-31'],
        ['from=2025-06-02', (d) => d >= '2025-06-02'],
        ['from=2025-05-31&to=2025-06-01', (d) => d >= '2025-05-31' && d <= '2025-06-01'],
        ['from=2025-06-03', (d) => d >= '2025-06-03'],
      ];
      for (const [query, keep] of cases) {
        const listed = await pool(office, `&${query}`);
        expect(ids(listed.items), query).toEqual(expectedOf((a) => keep(shanghaiDate(a.submittedAt))));
      }
      expect((await pool(office, '&from=2025-06-01&to=2025-06-01')).total).toBe(2);
      expectError(await call(app, office, 'GET', '/api/appeals?from=2025-13-01'), 'request.invalid');
    });

    it('sorts by number, enterprise name and submission time, both ways', async () => {
      const byNumber = [...known.values()].sort((a, b) => (a.number < b.number ? -1 : 1));
      const byTime = [...known.values()].sort((a, b) =>
        a.submittedAt === b.submittedAt ? (a.id < b.id ? -1 : 1) : a.submittedAt < b.submittedAt ? -1 : 1,
      );
      const byName = [...known.values()].sort((a, b) =>
        a.enterpriseName === b.enterpriseName
          ? a.id < b.id
            ? -1
            : 1
          : a.enterpriseName < b.enterpriseName
            ? -1
            : 1,
      );
      for (const [sort, expected] of [
        ['number', byNumber],
        ['submittedAt', byTime],
        ['enterpriseName', byName],
      ] as const) {
        const asc = await pool(office, `&sort=${sort}&order=asc`);
        expect(
          asc.items.map((i) => i.id),
          sort,
        ).toEqual(expected.map((a) => a.id));
        const desc = await pool(office, `&sort=${sort}&order=desc`);
        expect(
          desc.items.map((i) => i.id),
          sort,
        ).toEqual([...expected].reverse().map((a) => a.id));
      }
      // The default: newest first.
      const first = (await pool(office)).items.map((i) => i.id);
      expect(first).toEqual([...byTime].reverse().map((a) => a.id));
    });

    it('pages with the total of all matches', async () => {
      const expected = [...known.values()]
        .sort((a, b) => (a.number < b.number ? -1 : 1))
        .map((a) => a.number);
      const page2 = (
        await call(app, office, 'GET', '/api/appeals?sort=number&order=asc&page=2&pageSize=4')
      ).json();
      expect(page2).toMatchObject({ page: 2, pageSize: 4, total: known.size });
      expect(page2.items.map((i: Known) => i.number)).toEqual(expected.slice(4, 8));
      const lastPage = Math.ceil(known.size / 4);
      const tail = (
        await call(app, office, 'GET', `/api/appeals?sort=number&order=asc&page=${lastPage}&pageSize=4`)
      ).json();
      expect(tail.items.map((i: Known) => i.number)).toEqual(expected.slice((lastPage - 1) * 4));
      const beyond = (await call(app, office, 'GET', `/api/appeals?page=${lastPage + 1}&pageSize=4`)).json();
      expect(beyond).toMatchObject({ items: [], total: known.size });
      // The default page size is 20.
      const defaults = (await call(app, office, 'GET', '/api/appeals')).json();
      expect(defaults).toMatchObject({ page: 1, pageSize: 20, total: known.size });
      expect(defaults.items).toHaveLength(Math.min(20, known.size));
      for (const query of ['page=0', 'pageSize=0', 'pageSize=201', 'page=x', 'sort=title', 'order=up']) {
        expectError(await call(app, office, 'GET', `/api/appeals?${query}`), 'request.invalid');
      }
    });
  });

  describe('numbers', () => {
    it('are sequential within a year, without gaps left by refused requests', () => {
      const numbers = [...known.values()].map((a) => a.number).sort();
      expect(numbers).toEqual(
        Array.from({ length: known.size }, (_, i) => `HY-2025-${String(i + 1).padStart(5, '0')}`),
      );
    });

    it('restart at 00001 when the new year begins in the city’s time zone', async () => {
      const body = {
        enterpriseId: yuanhang.id,
        channel: 'phone',
        title: '年末电话反映问题',
        content: '企业年末来电反映的情况，用于核对跨年编号。',
        category: 'labour',
      };
      clock.set('2025-12-31T15:59:00.000Z'); // 23:59 on 31 December in Heyuan
      await create(office, '/api/appeals', body);
      clock.set('2025-12-31T16:00:00.000Z'); // midnight: 1 January 2026 in Heyuan, still 2025 in UTC
      const first = await call(app, office, 'POST', '/api/appeals', body);
      expect(first.json().number).toBe('HY-2026-00001');
      clock.advanceMinutes(5);
      const second = await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title: body.title,
        content: body.content,
        category: 'labour',
      });
      expect(second.json().number).toBe('HY-2026-00002');
      const counters = await ctx.db
        .selectFrom('appealCounters')
        .select(['prefix', 'year', 'lastValue'])
        .orderBy('year')
        .execute();
      expect(counters).toEqual([
        { prefix: 'HY', year: 2025, lastValue: lastNumber },
        { prefix: 'HY', year: 2026, lastValue: 2 },
      ]);
    });
  });
});
