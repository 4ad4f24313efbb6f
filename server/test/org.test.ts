import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq, personId, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

describe('organisation', async () => {
  const { app, ctx } = await createTestApp();
  const admin = await login(app, 'admin');
  const countyAdmin = await login(app, 'countyadmin');
  const unitLeader = await login(app, 'unitleader');
  const cityId = await regionId(ctx, '河源市');
  const dongyuanId = await regionId(ctx, '东源县');
  const nrId = await unitId(ctx, '河源市自然资源局');
  const financeId = await unitId(ctx, '河源市财政局');
  const dyGovId = await unitId(ctx, '东源县人民政府');
  const enterpriseId = (await ctx.db.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id;

  /** Row counts of every table a change here could touch, and the audit position. */
  async function snapshot() {
    return {
      units: await countRows(ctx, 'units'),
      people: await countRows(ctx, 'people'),
      personRoles: await countRows(ctx, 'personRoles'),
      taskForce: await countRows(ctx, 'taskForceMembers'),
      audit: await lastAuditSeq(ctx),
    };
  }

  /** Runs a change that must fail and asserts that it wrote nothing at all. */
  async function refused(work: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
    const before = await snapshot();
    const response = await work();
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(await snapshot()).toEqual(before);
    return response;
  }

  /** Runs a change that must succeed with exactly one audit row, and returns both. */
  async function audited(work: () => Promise<LightMyRequestResponse>) {
    const before = await lastAuditSeq(ctx);
    const response = await work();
    expect(response.statusCode, response.body).toBe(200);
    const rows = await auditAfter(ctx, before);
    expect(rows).toHaveLength(1);
    const row = rows[0] as (typeof rows)[number];
    // The row names the request that made the change.
    expect(row.requestId).toBe(response.headers['x-request-id']);
    return { body: response.json(), audit: row };
  }

  describe('units', () => {
    let created: { id: string; version: number; name: string };

    it('creates a unit, recorded with its state after', async () => {
      const { body, audit } = await audited(() =>
        call(app, admin, 'POST', '/api/org/units', {
          name: '河源市测试局',
          shortName: '市测试局',
          type: 'department',
          regionId: cityId,
          isCollector: true,
        }),
      );
      expect(body).toMatchObject({
        name: '河源市测试局',
        shortName: '市测试局',
        type: 'department',
        regionId: cityId,
        parentId: null,
        isCollector: true,
        active: true,
        sortOrder: 1000,
        version: 1,
      });
      expect(audit).toMatchObject({
        action: 'org.unit.create',
        entityType: 'unit',
        entityId: body.id,
        actorId: await personId(ctx, 'admin'),
        before: null,
        after: body,
      });
      created = body;
    });

    it('updates with the version read, and refuses a stale version with 409 request.conflict', async () => {
      const { body, audit } = await audited(() =>
        call(app, admin, 'PATCH', `/api/org/units/${created.id}`, {
          shortName: '测试局',
          sortOrder: 500,
          version: created.version,
        }),
      );
      expect(body).toMatchObject({ shortName: '测试局', sortOrder: 500, version: 2, name: '河源市测试局' });
      expect(audit).toMatchObject({ action: 'org.unit.update', entityId: created.id, after: body });
      expect(audit.before).toMatchObject({ shortName: '市测试局', sortOrder: 1000, version: 1 });

      const stale = await refused(() =>
        call(app, admin, 'PATCH', `/api/org/units/${created.id}`, { shortName: '旧版本', version: 1 }),
      );
      expectError(stale, 'request.conflict');
      const row = await ctx.db
        .selectFrom('units')
        .select(['shortName', 'version'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ shortName: '测试局', version: 2 });
      created = body;
    });

    it('refuses a name already taken, on create and on rename', async () => {
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/units', {
            name: '河源市财政局',
            type: 'department',
            regionId: cityId,
          }),
        ),
        'org.unit_name_taken',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'PATCH', `/api/org/units/${created.id}`, {
            name: '河源市财政局',
            version: created.version,
          }),
        ),
        'org.unit_name_taken',
      );
    });

    it('refuses to deactivate a unit with active people, and deactivates an empty one', async () => {
      const nr = (await call(app, admin, 'GET', '/api/org/units'))
        .json()
        .find((u: { id: string }) => u.id === nrId);
      expectError(
        await refused(() =>
          call(app, admin, 'PATCH', `/api/org/units/${nrId}`, { active: false, version: nr.version }),
        ),
        'org.unit_in_use',
      );

      const { body } = await audited(() =>
        call(app, admin, 'PATCH', `/api/org/units/${created.id}`, {
          active: false,
          version: created.version,
        }),
      );
      expect(body.active).toBe(false);
      const listed = (await call(app, admin, 'GET', '/api/org/units'))
        .json()
        .map((u: { id: string }) => u.id);
      expect(listed).not.toContain(created.id);
      expect(listed).toContain(nrId);
      const all = (await call(app, admin, 'GET', '/api/org/units?includeInactive=true'))
        .json()
        .map((u: { id: string }) => u.id);
      expect(all).toContain(created.id);
    });

    it('filters units by region and type', async () => {
      const dongyuan = (await call(app, admin, 'GET', `/api/org/units?regionId=${dongyuanId}`)).json();
      expect(dongyuan.map((u: { name: string }) => u.name).sort()).toEqual(
        ['东源县人民政府', '东源县“面对面”政企交流活动工作专班办公室'].sort(),
      );
      const offices = (await call(app, admin, 'GET', '/api/org/units?type=taskForceOffice')).json();
      expect(offices).toHaveLength(2);
      expect(offices.every((u: { type: string }) => u.type === 'taskForceOffice')).toBe(true);
    });
  });

  describe('people', () => {
    let person: { id: string; version: number };

    it('creates a person who must change the password, recorded without the password', async () => {
      const { body, audit } = await audited(() =>
        call(app, admin, 'POST', '/api/org/people', {
          username: 'zhang.san',
          name: '张三',
          title: '科员',
          unitId: nrId,
          phone: '0762-3300001',
          email: 'zhangsan@example.cn',
          roles: ['handler', 'collector'],
          password: 'Start1234',
        }),
      );
      expect(body).toMatchObject({
        username: 'zhang.san',
        name: '张三',
        unitId: nrId,
        enterpriseId: null,
        orgName: '河源市自然资源局',
        regionId: cityId,
        roles: ['collector', 'handler'],
        active: true,
        locked: false,
        version: 1,
      });
      expect(audit).toMatchObject({ action: 'org.person.create', entityId: body.id, after: body });
      expect(JSON.stringify(audit)).not.toContain('Start1234');
      const row = await ctx.db
        .selectFrom('people')
        .select(['mustChangePassword', 'passwordHash'])
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row.mustChangePassword).toBe(1);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      person = body;
    });

    it('creates an enterprise contact', async () => {
      const { body } = await audited(() =>
        call(app, admin, 'POST', '/api/org/people', {
          username: 'ent.contact',
          name: '企业联系人',
          enterpriseId,
          roles: ['enterprise'],
          password: 'Start1234',
        }),
      );
      expect(body).toMatchObject({ unitId: null, enterpriseId, orgName: '河源市示范电子科技有限公司' });
    });

    it('refuses a taken username, and a person without exactly one organisation', async () => {
      const base = { name: '李四', roles: ['handler'], password: 'Start1234' };
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/people', { ...base, username: 'handler', unitId: nrId }),
        ),
        'org.username_taken',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/people', {
            ...base,
            username: 'lisi',
            unitId: nrId,
            enterpriseId,
          }),
        ),
        'org.person_org_required',
      );
      expectError(
        await refused(() => call(app, admin, 'POST', '/api/org/people', { ...base, username: 'lisi' })),
        'org.person_org_required',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/people', { ...base, username: 'lisi', unitId: 'no-such-unit' }),
        ),
        'org.unit_not_found',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/people', {
            ...base,
            username: 'lisi',
            unitId: nrId,
            password: 'longenough',
          }),
        ),
        'auth.weak_password',
      );
    });

    it('updates roles, with the roles before and after in the audit row', async () => {
      const { body, audit } = await audited(() =>
        call(app, admin, 'PATCH', `/api/org/people/${person.id}`, {
          roles: ['unitLeader'],
          title: '副局长',
          version: person.version,
        }),
      );
      expect(body).toMatchObject({ roles: ['unitLeader'], title: '副局长', version: 2 });
      expect(audit).toMatchObject({ action: 'org.person.update', entityId: person.id, after: body });
      expect(audit.before).toMatchObject({ roles: ['collector', 'handler'], title: '科员', version: 1 });
      const roles = await ctx.db
        .selectFrom('personRoles')
        .select('role')
        .where('personId', '=', person.id)
        .execute();
      expect(roles.map((r) => r.role)).toEqual(['unitLeader']);
      expectError(
        await refused(() =>
          call(app, admin, 'PATCH', `/api/org/people/${person.id}`, { roles: ['handler'], version: 1 }),
        ),
        'request.conflict',
      );
      person = body;
    });

    it('disables a person, and refuses to let an administrator disable or demote themselves', async () => {
      const { body } = await audited(() =>
        call(app, admin, 'PATCH', `/api/org/people/${person.id}`, { active: false, version: person.version }),
      );
      expect(body.active).toBe(false);
      const self = (await call(app, admin, 'GET', `/api/org/people/${await personId(ctx, 'admin')}`)).json();
      for (const change of [{ active: false }, { roles: ['handler'] }]) {
        expectError(
          await refused(() =>
            call(app, admin, 'PATCH', `/api/org/people/${self.id}`, { ...change, version: self.version }),
          ),
          'org.cannot_change_self',
        );
      }
    });

    it('resets a password: the person must change it again and their sessions end', async () => {
      const id = await personId(ctx, 'leader');
      const leader = await login(app, 'leader');
      const before = await lastAuditSeq(ctx);
      const reset = await call(app, admin, 'POST', `/api/org/people/${id}/reset-password`, {
        password: 'Reset2025a',
      });
      expect(reset.json()).toEqual({ ok: true });
      expect((await auditAfter(ctx, before)).map((r) => [r.action, r.entityId])).toEqual([
        ['org.person.reset_password', id],
      ]);
      expectError(await call(app, leader, 'GET', '/api/auth/session'), 'auth.unauthenticated');
      const again = await login(app, 'leader', 'Reset2025a');
      expectError(await call(app, again, 'GET', '/api/org/regions'), 'auth.password_change_required');
    });

    it('lets a unit leader list and read only the people of their own unit', async () => {
      const listed = await call(app, unitLeader, 'GET', '/api/org/people?pageSize=200');
      expect(listed.statusCode).toBe(200);
      const own = await ctx.db.selectFrom('people').select('username').where('unitId', '=', nrId).execute();
      const usernames = listed.json().items.map((p: { username: string }) => p.username);
      expect(usernames.sort()).toEqual(own.map((p) => p.username).sort());
      expect(usernames).toContain('handler');
      expect(usernames).not.toContain('admin');
      expect(listed.json().total).toBe(own.length);
      // Asking for another unit does not widen the list.
      const other = await call(app, unitLeader, 'GET', `/api/org/people?unitId=${financeId}`);
      expect(other.json().items.every((p: { unitId: string }) => p.unitId === nrId)).toBe(true);

      expect(
        (await call(app, unitLeader, 'GET', `/api/org/people/${await personId(ctx, 'handler')}`)).statusCode,
      ).toBe(200);
      expectError(
        await call(app, unitLeader, 'GET', `/api/org/people/${await personId(ctx, 'office')}`),
        'org.person_not_found',
      );
    });

    it('filters people by role and by name', async () => {
      const handlers = (await call(app, admin, 'GET', '/api/org/people?role=handler&pageSize=200')).json();
      expect(handlers.items.length).toBeGreaterThanOrEqual(2);
      expect(handlers.items.every((p: { roles: string[] }) => p.roles.includes('handler'))).toBe(true);
      const named = (await call(app, admin, 'GET', `/api/org/people?q=${encodeURIComponent('邓永')}`)).json();
      expect(named.items.map((p: { username: string }) => p.username)).toEqual(['unitleader']);
      // LIKE wildcards in the filter are taken literally.
      expect((await call(app, admin, 'GET', '/api/org/people?q=%25')).json().total).toBe(0);
    });
  });

  describe('a county administrator', () => {
    it('cannot create units or people in the city region', async () => {
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'POST', '/api/org/units', {
            name: '河源市越权局',
            type: 'department',
            regionId: cityId,
          }),
        ),
        'org.out_of_scope',
      );
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'POST', '/api/org/people', {
            username: 'outofscope',
            name: '越权',
            unitId: nrId,
            roles: ['handler'],
            password: 'Start1234',
          }),
        ),
        'org.out_of_scope',
      );
      const finance = (await call(app, admin, 'GET', '/api/org/units'))
        .json()
        .find((u: { id: string }) => u.id === financeId);
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'PATCH', `/api/org/units/${financeId}`, {
            shortName: '越权',
            version: finance.version,
          }),
        ),
        'org.out_of_scope',
      );
      // Nor move a county unit into the city.
      const dyGov = (await call(app, admin, 'GET', '/api/org/units'))
        .json()
        .find((u: { id: string }) => u.id === dyGovId);
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'PATCH', `/api/org/units/${dyGovId}`, {
            regionId: cityId,
            version: dyGov.version,
          }),
        ),
        'org.out_of_scope',
      );
    });

    it('creates units and people in their own county', async () => {
      const unit = await audited(() =>
        call(app, countyAdmin, 'POST', '/api/org/units', {
          name: '东源县测试局',
          type: 'department',
          regionId: dongyuanId,
        }),
      );
      const person = await audited(() =>
        call(app, countyAdmin, 'POST', '/api/org/people', {
          username: 'dy.staff',
          name: '东源职员',
          unitId: unit.body.id,
          roles: ['handler'],
          password: 'Start1234',
        }),
      );
      expect(person.body.regionId).toBe(dongyuanId);
    });

    it('lists only the people of the county, and cannot see or change a city person', async () => {
      const listed = (await call(app, countyAdmin, 'GET', '/api/org/people?pageSize=200')).json();
      const usernames = listed.items.map((p: { username: string }) => p.username).sort();
      expect(usernames).toEqual(['county', 'countyadmin', 'countyoffice', 'dy.staff']);
      expect(listed.items.every((p: { regionId: string }) => p.regionId === dongyuanId)).toBe(true);
      expectError(
        await call(app, countyAdmin, 'GET', `/api/org/people?regionId=${cityId}`),
        'org.out_of_scope',
      );

      const cityPerson = await personId(ctx, 'handler');
      expectError(
        await call(app, countyAdmin, 'GET', `/api/org/people/${cityPerson}`),
        'org.person_not_found',
      );
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'PATCH', `/api/org/people/${cityPerson}`, { name: '改名', version: 1 }),
        ),
        'org.person_not_found',
      );
      expectError(
        await refused(() => call(app, countyAdmin, 'POST', `/api/org/people/${cityPerson}/unlock`)),
        'org.person_not_found',
      );
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'POST', `/api/org/people/${cityPerson}/reset-password`, {
            password: 'Taken2025a',
          }),
        ),
        'org.person_not_found',
      );
      // A county person is visible.
      expect(
        (await call(app, countyAdmin, 'GET', `/api/org/people/${await personId(ctx, 'county')}`)).statusCode,
      ).toBe(200);
    });
  });

  describe('the task force', () => {
    let memberId: string;

    it('lists the plan’s 10 members of the city, 7 standing units', async () => {
      const response = await call(app, unitLeader, 'GET', `/api/org/task-force?regionId=${cityId}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.members).toHaveLength(10);
      expect(body.standingUnitCount).toBe(7);
      expect(body.members[0]).toMatchObject({ position: 'leader', personName: '刘东豪', unitId: null });
      expect(body.members.filter((m: { position: string }) => m.position === 'member')).toHaveLength(6);
      expect(body.members.map((m: { unitName: string | null }) => m.unitName)).toContain(
        '河源市工商业联合会',
      );
      expect((await call(app, admin, 'GET', `/api/org/task-force?regionId=${dongyuanId}`)).json()).toEqual({
        regionId: dongyuanId,
        members: [],
        standingUnitCount: 0,
      });
      expectError(
        await call(app, admin, 'GET', '/api/org/task-force?regionId=nowhere'),
        'org.region_not_found',
      );
    });

    it('adds, updates and removes a member, one audit row each', async () => {
      const input = {
        regionId: cityId,
        position: 'member',
        personName: '王财政',
        title: '市财政局局长',
        unitId: financeId,
        sortOrder: 200,
      };
      const added = await audited(() => call(app, admin, 'POST', '/api/org/task-force', input));
      memberId = added.body.id;
      expect(added.body).toMatchObject({ ...input, personId: null });
      expect(added.audit).toMatchObject({ action: 'org.task_force.add', entityId: memberId, before: null });
      expect(added.audit.after).toEqual(added.body);
      let force = (await call(app, admin, 'GET', `/api/org/task-force?regionId=${cityId}`)).json();
      expect(force.members).toHaveLength(11);
      expect(force.standingUnitCount).toBe(8);

      const updated = await audited(() =>
        call(app, admin, 'PUT', `/api/org/task-force/${memberId}`, {
          ...input,
          title: '市财政局党组书记、局长',
        }),
      );
      expect(updated.body.title).toBe('市财政局党组书记、局长');
      expect(updated.audit).toMatchObject({ action: 'org.task_force.update', entityId: memberId });
      expect(updated.audit.before).toMatchObject({ title: '市财政局局长' });
      expect(updated.audit.after).toMatchObject({ title: '市财政局党组书记、局长' });

      const removed = await audited(() => call(app, admin, 'DELETE', `/api/org/task-force/${memberId}`));
      expect(removed.body).toEqual({ ok: true });
      expect(removed.audit).toMatchObject({
        action: 'org.task_force.remove',
        entityId: memberId,
        after: null,
      });
      expect(removed.audit.before).toMatchObject({ title: '市财政局党组书记、局长' });
      force = (await call(app, admin, 'GET', `/api/org/task-force?regionId=${cityId}`)).json();
      expect(force.members).toHaveLength(10);
      expect(force.standingUnitCount).toBe(7);
    });

    it('refuses changes outside the scope or with unknown references, writing nothing', async () => {
      const input = {
        regionId: cityId,
        position: 'member',
        personName: '越权成员',
        title: '局长',
      };
      expectError(
        await refused(() => call(app, countyAdmin, 'POST', '/api/org/task-force', input)),
        'org.out_of_scope',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/task-force', { ...input, unitId: 'no-such-unit' }),
        ),
        'org.unit_not_found',
      );
      expectError(
        await refused(() =>
          call(app, admin, 'POST', '/api/org/task-force', { ...input, personId: 'no-such-person' }),
        ),
        'org.person_not_found',
      );
      expectError(
        await refused(() => call(app, admin, 'DELETE', `/api/org/task-force/${memberId}`)),
        'org.task_force_member_not_found',
      );
      const cityMember = (await call(app, admin, 'GET', `/api/org/task-force?regionId=${cityId}`)).json()
        .members[0];
      expectError(
        await refused(() => call(app, countyAdmin, 'DELETE', `/api/org/task-force/${cityMember.id}`)),
        'org.task_force_member_not_found',
      );
      expectError(
        await refused(() =>
          call(app, countyAdmin, 'PUT', `/api/org/task-force/${cityMember.id}`, {
            ...input,
            regionId: dongyuanId,
          }),
        ),
        'org.task_force_member_not_found',
      );
    });
  });

  it('lists the regions, city first', async () => {
    const regions = (await call(app, unitLeader, 'GET', '/api/org/regions')).json();
    expect(regions).toHaveLength(9);
    expect(regions[0]).toMatchObject({ name: '河源市', kind: 'city', parentId: null });
    expect(regions.slice(1).every((r: { parentId: string }) => r.parentId === cityId)).toBe(true);
  });
});
