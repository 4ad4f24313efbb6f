import { creditCodeCheckCharacter, type ErrorCode, type Role } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/context.ts';
import { can, type EnterpriseAction, editableFields } from '../src/modules/enterprises/enterprises.policy.ts';
import { auditAfter, countRows, expectError, lastAuditSeq, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

/** A valid unified social credit code, distinct per seed. */
function code(seed: number): string {
  const first17 = `91441600MA${String(seed).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The same code with a wrong check character. */
function wrongCheck(valid: string): string {
  const last = valid.at(-1) === '0' ? '1' : '0';
  return valid.slice(0, 17) + last;
}

describe('enterprise policy: role × action', () => {
  const CITY = 'city';
  const YC = 'yuancheng';
  const DY = 'dongyuan';
  const OWN = 'own-enterprise';
  function actor(roles: Role[], at: 'city' | 'county' | 'enterprise'): Actor {
    return {
      personId: 'p',
      username: 'u',
      name: 'n',
      roles,
      unitId: at === 'enterprise' ? null : 'unit',
      unitType: null,
      enterpriseId: at === 'enterprise' ? OWN : null,
      regionId: at === 'city' ? CITY : at === 'county' ? DY : YC,
      regionParentId: at === 'city' ? null : CITY,
    };
  }
  const actions: EnterpriseAction[] = ['read', 'register', 'update', 'import', 'viewAccounts'];
  const letters: Record<EnterpriseAction, string> = {
    read: 'R',
    register: 'C',
    update: 'U',
    import: 'I',
    viewAccounts: 'A',
  };
  /** One letter per allowed action, '.' otherwise: on the enterprise account's own enterprise (源城区), another in 源城区, one in 东源县. */
  const expected: [string, Actor, string, string, string][] = [
    ['enterprise', actor(['enterprise'], 'enterprise'), 'R.U..', '.....', '.....'],
    ['collector (city)', actor(['collector'], 'city'), 'RCU..', 'RCU..', 'RCU..'],
    ['collector (county)', actor(['collector'], 'county'), '.....', '.....', 'RCU..'],
    ['taskForceOffice (city)', actor(['taskForceOffice'], 'city'), 'RCUIA', 'RCUIA', 'RCUIA'],
    ['taskForceOffice (county)', actor(['taskForceOffice'], 'county'), '.....', '.....', 'RCUIA'],
    ['leader', actor(['leader'], 'city'), 'R....', 'R....', 'R....'],
    ['governmentOffice', actor(['governmentOffice'], 'city'), 'R....', 'R....', 'R....'],
    ['supervisionOffice', actor(['supervisionOffice'], 'city'), 'R....', 'R....', 'R....'],
    ['handler', actor(['handler'], 'city'), '.....', '.....', '.....'],
    ['unitLeader', actor(['unitLeader'], 'city'), '.....', '.....', '.....'],
    ['publicity', actor(['publicity'], 'city'), '.....', '.....', '.....'],
    ['admin (city)', actor(['admin'], 'city'), 'RCUIA', 'RCUIA', 'RCUIA'],
    ['admin (county)', actor(['admin'], 'county'), '.....', '.....', 'RCUIA'],
  ];

  it('allows exactly the reviewed actions', () => {
    const targets = [
      { id: OWN, regionId: YC },
      { id: 'other', regionId: YC },
      { id: 'far', regionId: DY },
    ];
    const row = (a: Actor, target: { id: string; regionId: string }) =>
      actions.map((action) => (can(a, action, target) ? letters[action] : '.')).join('');
    const actual = expected.map(([label, a]) => [label, ...targets.map((t) => row(a, t))]);
    expect(actual).toEqual(expected.map(([label, , ...rows]) => [label, ...rows]));
  });

  it('limits what an enterprise account and a collector may change', () => {
    expect(editableFields(actor(['enterprise'], 'enterprise'), { id: OWN, regionId: YC })).toEqual([
      'industry',
      'address',
      'contacts',
    ]);
    expect(editableFields(actor(['collector'], 'city'), { id: 'x', regionId: YC })).toEqual([
      'industry',
      'address',
      'legalRepresentative',
      'contacts',
    ]);
    expect(editableFields(actor(['taskForceOffice'], 'city'), { id: 'x', regionId: YC })).toContain('tags');
  });
});

describe('enterprises', async () => {
  const { app, ctx } = await createTestApp();
  const admin = await login(app, 'admin');
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const collector = await login(app, 'collector');
  const leader = await login(app, 'leader');
  const enterprise = await login(app, 'enterprise');

  const cityId = await regionId(ctx, '河源市');
  const yuanchengId = await regionId(ctx, '源城区');
  const dongyuanId = await regionId(ctx, '东源县');
  const hepingId = await regionId(ctx, '和平县');
  const npcId = await unitId(ctx, '河源市人大常委会办公室');
  const demo = await ctx.db
    .selectFrom('enterprises')
    .select(['id', 'name', 'creditCode'])
    .where('name', '=', '河源市示范电子科技有限公司')
    .executeTakeFirstOrThrow();

  /** Row counts of everything an enterprise change writes, and the audit position. */
  async function snapshot() {
    return {
      enterprises: await countRows(ctx, 'enterprises'),
      tags: await countRows(ctx, 'enterpriseTags'),
      contacts: await countRows(ctx, 'enterpriseContacts'),
      stages: await countRows(ctx, 'enterpriseStages'),
      versions: await ctx.db.selectFrom('enterprises').select(['id', 'version']).orderBy('id').execute(),
      audit: await lastAuditSeq(ctx),
    };
  }

  /** A change that must fail with `code` and leave everything as it was. */
  async function refused(code: ErrorCode, work: () => Promise<LightMyRequestResponse>) {
    const before = await snapshot();
    const response = await work();
    const body = expectError(response, code);
    expect(await snapshot()).toEqual(before);
    return body;
  }

  /** A change that must succeed with exactly one audit row, returned with the body. */
  async function audited(work: () => Promise<LightMyRequestResponse>) {
    const before = await lastAuditSeq(ctx);
    const response = await work();
    expect(response.statusCode, response.body).toBe(200);
    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    const row = rows[0] as (typeof rows)[number];
    expect(row.requestId).toBe(response.headers['x-request-id']);
    return { body: response.json(), audit: row };
  }

  async function ok(session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
    const response = await call(app, session, method, url, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  let seed = 0;
  /** A registration body with a fresh code. */
  function newEnterprise(fields: Record<string, unknown> = {}) {
    seed += 1;
    return { name: `测试企业${seed}有限公司`, creditCode: code(seed), regionId: yuanchengId, ...fields };
  }

  const full = {
    name: '河源市华新精密制造有限公司',
    creditCode: code(900).toLowerCase(),
    regionId: yuanchengId,
    industry: '电子信息',
    address: '河源市源城区高新五路 8 号',
    legalRepresentative: '张华新',
    scale: 'aboveScale',
    tags: ['npcDeputy', 'representative', 'npcDeputy'],
    isProject: true,
    contacts: [
      { name: '王敏', title: '办公室主任', phone: '0762-3388123', email: 'wangmin@example.cn' },
      { name: '刘强', phone: '13800001111' },
    ],
    stages: [
      { stage: 'started', plannedDate: '2025-03-01', actualDate: '2025-03-05' },
      { stage: 'settled', plannedDate: '2024-12-01', actualDate: '2024-12-20', note: '签约落户' },
      { stage: 'completed', plannedDate: '2026-01-01' },
    ],
  };
  let huaxin: { id: string; version: number };

  describe('register and update', () => {
    it('registers an enterprise with everything, recorded with its state after', async () => {
      const { body, audit } = await audited(() => call(app, office, 'POST', '/api/enterprises', full));
      expect(body).toMatchObject({
        name: full.name,
        creditCode: code(900),
        regionId: yuanchengId,
        regionName: '源城区',
        industry: '电子信息',
        address: '河源市源城区高新五路 8 号',
        legalRepresentative: '张华新',
        scale: 'aboveScale',
        tags: ['npcDeputy', 'representative'],
        isProject: true,
        contacts: [
          { name: '王敏', title: '办公室主任', phone: '0762-3388123', email: 'wangmin@example.cn' },
          { name: '刘强', title: null, phone: '13800001111', email: null },
        ],
        stages: [
          { stage: 'settled', plannedDate: '2024-12-01', actualDate: '2024-12-20', note: '签约落户' },
          { stage: 'started', plannedDate: '2025-03-01', actualDate: '2025-03-05', note: null },
          { stage: 'completed', plannedDate: '2026-01-01', actualDate: null, note: null },
        ],
        version: 1,
      });
      expect(audit).toMatchObject({
        action: 'enterprise.create',
        entityType: 'enterprise',
        entityId: body.id,
        actorId: await personId(ctx, 'office'),
        before: null,
        after: body,
      });
      huaxin = body;
      expect(await ok(office, 'GET', `/api/enterprises/${body.id}`)).toEqual(body);
    });

    it('refuses a wrong check character with the Chinese message on the field', async () => {
      const body = await refused('request.invalid', () =>
        call(app, office, 'POST', '/api/enterprises', newEnterprise({ creditCode: wrongCheck(code(901)) })),
      );
      expect(body.details).toEqual([
        { field: 'body.creditCode', message: '统一社会信用代码校验位不正确 (wrong check character)' },
      ]);
      const letters = await refused('request.invalid', () =>
        call(app, office, 'POST', '/api/enterprises', newEnterprise({ creditCode: 'I1441600MA00000010' })),
      );
      expect(letters.details).toEqual([
        {
          field: 'body.creditCode',
          message: '统一社会信用代码含有无效字符 (invalid characters; no I, O, Z, S, V)',
        },
      ]);
    });

    it('refuses a code that is already registered, whatever its case', async () => {
      const body = await refused('enterprise.credit_code_taken', () =>
        call(
          app,
          office,
          'POST',
          '/api/enterprises',
          newEnterprise({ creditCode: demo.creditCode.toLowerCase() }),
        ),
      );
      expect(body.details).toEqual({ creditCode: demo.creditCode });
      // Changing another enterprise's code to it is refused the same way.
      await refused('enterprise.credit_code_taken', () =>
        call(app, office, 'PATCH', `/api/enterprises/${huaxin.id}`, {
          creditCode: demo.creditCode,
          version: huaxin.version,
        }),
      );
    });

    it('refuses an actual date on a stage whose earlier stage has none or a later one', async () => {
      const missing = await refused('enterprise.stage_out_of_order', () =>
        call(
          app,
          office,
          'POST',
          '/api/enterprises',
          newEnterprise({
            isProject: true,
            stages: [
              { stage: 'settled', plannedDate: '2025-01-01' },
              { stage: 'started', actualDate: '2025-02-01' },
            ],
          }),
        ),
      );
      expect(missing.details).toEqual({ stage: 'started', earlierStage: 'settled', reason: 'missing' });
      const later = await refused('enterprise.stage_out_of_order', () =>
        call(app, office, 'PATCH', `/api/enterprises/${huaxin.id}`, {
          stages: [
            { stage: 'settled', actualDate: '2025-04-01' },
            { stage: 'started', actualDate: '2025-03-05' },
          ],
          version: huaxin.version,
        }),
      );
      expect(later.details).toEqual({ stage: 'started', earlierStage: 'settled', reason: 'later' });
      // Stages belong to project enterprises only; each stage once.
      await refused('request.invalid', () =>
        call(
          app,
          office,
          'POST',
          '/api/enterprises',
          newEnterprise({ stages: [{ stage: 'settled', actualDate: '2025-01-01' }] }),
        ),
      );
      await refused('request.invalid', () =>
        call(
          app,
          office,
          'POST',
          '/api/enterprises',
          newEnterprise({ isProject: true, stages: [{ stage: 'settled' }, { stage: 'settled' }] }),
        ),
      );
    });

    it('updates what was sent, with before and after in the audit, and refuses a stale version', async () => {
      const { body, audit } = await audited(() =>
        call(app, office, 'PATCH', `/api/enterprises/${huaxin.id}`, {
          scale: 'nearBelowScale',
          tags: ['hometownEnterprise'],
          stages: [
            { stage: 'settled', actualDate: '2024-12-20' },
            { stage: 'started', actualDate: '2025-03-05' },
            { stage: 'completed', actualDate: '2025-05-30' },
          ],
          version: 1,
        }),
      );
      expect(body).toMatchObject({
        scale: 'nearBelowScale',
        tags: ['hometownEnterprise'],
        industry: '电子信息',
        contacts: [{ name: '王敏' }, { name: '刘强' }],
        version: 2,
      });
      expect(body.stages.map((s: { actualDate: string }) => s.actualDate)).toEqual([
        '2024-12-20',
        '2025-03-05',
        '2025-05-30',
      ]);
      expect(audit).toMatchObject({ action: 'enterprise.update', entityId: huaxin.id, after: body });
      expect(audit.before).toMatchObject({
        scale: 'aboveScale',
        tags: ['npcDeputy', 'representative'],
        version: 1,
      });
      // Someone who read version 1 is refused.
      await refused('request.conflict', () =>
        call(app, office, 'PATCH', `/api/enterprises/${huaxin.id}`, { industry: '新材料', version: 1 }),
      );
      // Sending the current values changes nothing and writes nothing.
      const same = await call(app, office, 'PATCH', `/api/enterprises/${huaxin.id}`, {
        scale: 'nearBelowScale',
        version: 2,
      });
      expect(same.json().version).toBe(2);
      huaxin = body;
    });

    it('a collector registers enterprises and corrects contact details, but not their classification', async () => {
      const { body } = await audited(() =>
        call(app, collector, 'POST', '/api/enterprises', newEnterprise({ tags: ['npcDeputy'] })),
      );
      const changed = await ok(collector, 'PATCH', `/api/enterprises/${body.id}`, {
        legalRepresentative: '周立',
        contacts: [{ name: '周立', phone: '13900002222' }],
        version: 1,
      });
      expect(changed).toMatchObject({ legalRepresentative: '周立', version: 2 });
      const refusedBody = await refused('enterprise.field_not_editable', () =>
        call(app, collector, 'PATCH', `/api/enterprises/${body.id}`, {
          scale: 'aboveScale',
          tags: [],
          address: '新地址',
          version: 2,
        }),
      );
      expect(refusedBody.details).toEqual({ fields: ['scale', 'tags'] });
    });

    it('a leader reads but does not register', async () => {
      expect((await ok(leader, 'GET', `/api/enterprises/${huaxin.id}`)).name).toBe(full.name);
      await refused('auth.forbidden', () => call(app, leader, 'POST', '/api/enterprises', newEnterprise()));
      await refused('auth.forbidden', () =>
        call(app, leader, 'PATCH', `/api/enterprises/${huaxin.id}`, { industry: 'x', version: 2 }),
      );
    });

    it('an unknown region or id answers 404', async () => {
      await refused('org.region_not_found', () =>
        call(app, office, 'POST', '/api/enterprises', newEnterprise({ regionId: 'no-such-region' })),
      );
      expectError(await call(app, office, 'GET', '/api/enterprises/no-such-id'), 'enterprise.not_found');
    });
  });

  describe('county office scope', () => {
    let dyEnterprise: { id: string; version: number };

    it('registers in its own county only', async () => {
      const { body } = await audited(() =>
        call(app, countyOffice, 'POST', '/api/enterprises', newEnterprise({ regionId: dongyuanId })),
      );
      dyEnterprise = body;
      expect(body.regionName).toBe('东源县');
      for (const outside of [cityId, hepingId, yuanchengId]) {
        await refused('org.out_of_scope', () =>
          call(app, countyOffice, 'POST', '/api/enterprises', newEnterprise({ regionId: outside })),
        );
      }
      // Nor may it move its own enterprise out of the county.
      await refused('org.out_of_scope', () =>
        call(app, countyOffice, 'PATCH', `/api/enterprises/${body.id}`, {
          regionId: hepingId,
          version: body.version,
        }),
      );
    });

    it('does not see other counties’ enterprises: 404 by id, absent from lists', async () => {
      expectError(
        await call(app, countyOffice, 'GET', `/api/enterprises/${huaxin.id}`),
        'enterprise.not_found',
      );
      expectError(
        await call(app, countyOffice, 'GET', `/api/enterprises/${huaxin.id}/overview`),
        'enterprise.not_found',
      );
      await refused('enterprise.not_found', () =>
        call(app, countyOffice, 'PATCH', `/api/enterprises/${huaxin.id}`, { industry: 'x', version: 2 }),
      );
      const list = await ok(countyOffice, 'GET', '/api/enterprises?pageSize=200');
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([dyEnterprise.id]);
      expectError(
        await call(app, countyOffice, 'GET', `/api/enterprises?regionId=${yuanchengId}`),
        'org.out_of_scope',
      );
      // The city office sees it.
      expect((await ok(office, 'GET', `/api/enterprises/${dyEnterprise.id}`)).id).toBe(dyEnterprise.id);
    });
  });

  describe('an enterprise account', () => {
    it('sees its own enterprise and nothing else', async () => {
      expect((await ok(enterprise, 'GET', `/api/enterprises/${demo.id}`)).name).toBe(demo.name);
      expectError(
        await call(app, enterprise, 'GET', `/api/enterprises/${huaxin.id}`),
        'enterprise.not_found',
      );
      expectError(
        await call(app, enterprise, 'GET', `/api/enterprises/${huaxin.id}/overview`),
        'enterprise.not_found',
      );
      await refused('enterprise.not_found', () =>
        call(app, enterprise, 'PATCH', `/api/enterprises/${huaxin.id}`, { industry: 'x', version: 2 }),
      );
      expectError(await call(app, enterprise, 'GET', '/api/enterprises'), 'auth.forbidden');
    });

    it('updates its contacts, address and industry, but not its tags, scale, region or code', async () => {
      const current = await ok(enterprise, 'GET', `/api/enterprises/${demo.id}`);
      const { body, audit } = await audited(() =>
        call(app, enterprise, 'PATCH', `/api/enterprises/${demo.id}`, {
          industry: '电子元器件',
          address: '河源市源城区东环路 1 号',
          contacts: [{ name: '李春明', title: '行政部经理', phone: '0762-3300001' }],
          // Unchanged values of other fields may be sent along (a whole form).
          tags: current.tags,
          scale: current.scale,
          version: current.version,
        }),
      );
      expect(body).toMatchObject({ industry: '电子元器件', address: '河源市源城区东环路 1 号' });
      expect(audit.actorId).toBe(await personId(ctx, 'enterprise'));
      for (const change of [
        { tags: ['npcDeputy'] },
        { scale: 'aboveScale' },
        { regionId: dongyuanId },
        { creditCode: code(950) },
        { name: '别的名字有限公司' },
      ]) {
        const refusal = await refused('enterprise.field_not_editable', () =>
          call(app, enterprise, 'PATCH', `/api/enterprises/${demo.id}`, { ...change, version: body.version }),
        );
        expect(refusal.details).toEqual({ fields: Object.keys(change) });
      }
      expect((await ok(enterprise, 'GET', `/api/enterprises/${demo.id}`)).tags).toEqual(current.tags);
    });
  });

  describe('the list', () => {
    it('searches by name or code, filters by region, flag and project, and pages', async () => {
      const page = (q: string) => ok(office, 'GET', `/api/enterprises?pageSize=200&${q}`);
      const names = (list: { items: { name: string }[] }) => list.items.map((i) => i.name).sort();
      expect(names(await page('q=华新'))).toEqual([full.name]);
      // A code fragment in lower case.
      expect(names(await page(`q=${code(900).slice(11).toLowerCase()}`))).toEqual([full.name]);
      // LIKE wildcards are literal.
      expect((await page('q=%25')).total).toBe(0);
      expect(names(await page('flag=hometownEnterprise'))).toEqual([full.name]);
      expect(names(await page('flag=nearBelowScale'))).toEqual([full.name]);
      expect(names(await page('isProject=true'))).toEqual([full.name]);
      const all = await page('');
      const inYuancheng = await page(`regionId=${yuanchengId}`);
      expect(inYuancheng.items.every((i: { regionId: string }) => i.regionId === yuanchengId)).toBe(true);
      expect(inYuancheng.total).toBe(all.total - 1);
      expect(names(await page(`regionId=${dongyuanId}`))).toHaveLength(1);
      const first = await ok(office, 'GET', '/api/enterprises?page=1&pageSize=2');
      const second = await ok(office, 'GET', '/api/enterprises?page=2&pageSize=2');
      expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
      expect(first.items).toHaveLength(2);
      expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(
        all.items.slice(0, 4).map((i: { id: string }) => i.id),
      );
      expect(all.items.find((i: { id: string }) => i.id === huaxin.id)).toEqual({
        id: huaxin.id,
        name: full.name,
        creditCode: code(900),
        regionId: yuanchengId,
        regionName: '源城区',
        industry: '电子信息',
        scale: 'nearBelowScale',
        tags: ['hometownEnterprise'],
        isProject: true,
        appealCount: 0,
      });
    });
  });

  describe('enterprise 360°', () => {
    const appeal = (title: string, category = 'land') => ({
      title,
      content: `${title}，影响企业正常生产经营，请协调解决。`,
      category,
    });

    it('gathers appeals from every channel, the exchanges, stages, contacts and accounts', async () => {
      // Online, by the enterprise itself.
      await ok(enterprise, 'POST', '/api/appeals/submit', appeal('厂区道路破损严重'));
      // Gathered by the NPC office by phone.
      await ok(collector, 'POST', '/api/appeals', {
        ...appeal('用工招聘困难需支持', 'labour'),
        enterpriseId: demo.id,
        channel: 'phone',
      });
      // Two raised at a breakfast meeting.
      const exchange = await ok(collector, 'POST', '/api/exchanges', {
        exchange: { channel: 'breakfast', date: '2025-05-30', title: '源城区企业早餐会', venue: '市民中心' },
        appeals: [
          { ...appeal('融资担保额度不足', 'finance'), enterpriseId: demo.id },
          { ...appeal('厂房用地手续办理慢'), enterpriseId: demo.id },
        ],
      });
      // An account the administrator creates for the enterprise.
      await ok(admin, 'POST', '/api/org/people', {
        username: 'demo-finance',
        name: '陈财务',
        enterpriseId: demo.id,
        roles: ['enterprise'],
        password: 'Start1234',
      });

      const view = await ok(office, 'GET', `/api/enterprises/${demo.id}/overview`);
      expect(view.enterprise.id).toBe(demo.id);
      expect(view.appealTotal).toBe(4);
      expect(view.appeals).toHaveLength(4);
      expect(view.appeals.map((a: { channel: string }) => a.channel).sort()).toEqual([
        'breakfast',
        'breakfast',
        'online',
        'phone',
      ]);
      expect(view.counts).toEqual({
        byStatus: [{ status: 'pooled', count: 4 }],
        byCategory: [
          { category: 'finance', count: 1 },
          { category: 'labour', count: 1 },
          { category: 'land', count: 2 },
        ],
        byChannel: [
          { channel: 'breakfast', count: 2 },
          { channel: 'online', count: 1 },
          { channel: 'phone', count: 1 },
        ],
      });
      expect(view.exchanges).toEqual([
        expect.objectContaining({
          id: exchange.exchange.id,
          channel: 'breakfast',
          date: '2025-05-30',
          title: '源城区企业早餐会',
          venue: '市民中心',
          appealCount: 2,
        }),
      ]);
      expect(view.contacts).toEqual([
        { name: '李春明', title: '行政部经理', phone: '0762-3300001', email: null },
      ]);
      expect(view.stages).toEqual([]);
      expect(view.accounts.map((a: { username: string }) => a.username)).toEqual([
        'demo-finance',
        'enterprise',
      ]);
      expect(view.accounts[0]).toEqual({
        id: expect.any(String),
        username: 'demo-finance',
        name: '陈财务',
        title: null,
        phone: null,
        email: null,
        active: true,
        lastLoginAt: null,
      });

      // The list counts them too.
      const listed = await ok(office, 'GET', `/api/enterprises?q=${encodeURIComponent('示范电子')}`);
      expect(listed.items[0].appealCount).toBe(4);
    });

    it('shows each person only the appeals they may see, and accounts only to the office and administrators', async () => {
      const own = await ok(enterprise, 'GET', `/api/enterprises/${demo.id}/overview`);
      expect(own.appealTotal).toBe(4);
      expect(own.accounts).toBeNull();

      // The collector sees what its unit gathered: not the online appeal.
      const gathered = await ok(collector, 'GET', `/api/enterprises/${demo.id}/overview`);
      expect(gathered.appealTotal).toBe(3);
      expect(gathered.appeals.every((a: { collectingUnitId: string }) => a.collectingUnitId === npcId)).toBe(
        true,
      );
      expect(gathered.counts.byChannel).toEqual([
        { channel: 'breakfast', count: 2 },
        { channel: 'phone', count: 1 },
      ]);
      expect(gathered.accounts).toBeNull();
      const listed = await ok(collector, 'GET', `/api/enterprises?q=${encodeURIComponent('示范电子')}`);
      expect(listed.items[0].appealCount).toBe(3);

      const lead = await ok(leader, 'GET', `/api/enterprises/${demo.id}/overview`);
      expect(lead.appealTotal).toBe(4);
      expect(lead.accounts).toBeNull();

      const administrator = await ok(admin, 'GET', `/api/enterprises/${demo.id}/overview`);
      expect(administrator.accounts).toHaveLength(2);
      // Nothing of the other enterprise leaks into this one.
      const other = await ok(office, 'GET', `/api/enterprises/${huaxin.id}/overview`);
      expect(other).toMatchObject({ appealTotal: 0, appeals: [], exchanges: [], accounts: [] });
      expect(other.stages).toHaveLength(3);
      expect(other.contacts).toHaveLength(2);
    });

    it('keeps the appeal search in step with a renamed enterprise', async () => {
      const before = await ok(office, 'GET', `/api/appeals?q=${encodeURIComponent('示范电子')}`);
      expect(before.total).toBe(4);
      const current = await ok(office, 'GET', `/api/enterprises/${demo.id}`);
      await ok(office, 'PATCH', `/api/enterprises/${demo.id}`, {
        name: '河源市卓越光电科技有限公司',
        version: current.version,
      });
      expect((await ok(office, 'GET', `/api/appeals?q=${encodeURIComponent('卓越光电')}`)).total).toBe(4);
      expect((await ok(office, 'GET', `/api/appeals?q=${encodeURIComponent('示范电子')}`)).total).toBe(0);
    });
  });
});
