import { creditCodeCheckCharacter, type ErrorCode } from '@f2f/contract';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { auditAfter, countRows, expectError, lastAuditSeq, regionId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

interface AppealDetail {
  id: string;
  number: string;
  channel: string;
  commonIssueId: string | null;
  commonIssueTitle: string | null;
  version: number;
  allowedActions: string[];
  timeline: { kind: string; actorName: string | null; data: unknown }[];
}

describe('common issues', async () => {
  const { app, ctx, clock } = await createTestApp();
  const office = await login(app, 'office');
  const countyOffice = await login(app, 'countyoffice');
  const collector = await login(app, 'collector');
  const leader = await login(app, 'leader');
  const enterprise = await login(app, 'enterprise');
  const cityId = await regionId(ctx, '河源市');
  const dongyuanId = await regionId(ctx, '东源县');

  let creditSeq = 0;
  async function createEnterprise(name: string, region: string): Promise<string> {
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
        regionId: await regionId(ctx, region),
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return id;
  }
  const heping = await createEnterprise('和平县金山电子有限公司', '和平县');
  const dongyuanA = await createEnterprise('东源县万绿饮料有限公司', '东源县');
  const dongyuanB = await createEnterprise('东源县新港建材有限公司', '东源县');

  async function created(response: LightMyRequestResponse): Promise<AppealDetail> {
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const lighting = {
    title: '工业园区路灯不亮',
    content: '园区主干道路灯长期不亮，夜班员工出行存在安全隐患，希望尽快维修。',
    category: 'land',
  };
  // The same problem raised through three channels.
  const online = await created(await call(app, enterprise, 'POST', '/api/appeals/submit', lighting));
  const gathered = await created(
    await call(app, collector, 'POST', '/api/appeals', {
      ...lighting,
      title: '园区路灯损坏无人维修',
      enterpriseId: heping,
      channel: 'collector',
    }),
  );
  const visited = await created(
    await call(app, office, 'POST', '/api/appeals', {
      ...lighting,
      title: '园区道路照明设施缺失',
      enterpriseId: dongyuanA,
      channel: 'visit',
    }),
  );
  // Two appeals in 东源县 on another matter, and one more for later.
  const dyWater = await created(
    await call(app, countyOffice, 'POST', '/api/appeals', {
      title: '园区供水压力不足',
      content: '夏季用水高峰期园区供水压力不足，影响饮料生产线正常运转。',
      category: 'land',
      enterpriseId: dongyuanA,
      channel: 'phone',
    }),
  );
  const dyWater2 = await created(
    await call(app, countyOffice, 'POST', '/api/appeals', {
      title: '厂区自来水经常停水',
      content: '厂区自来水每月停水多次且无提前通知，影响建材生产。',
      category: 'land',
      enterpriseId: dongyuanB,
      channel: 'visit',
    }),
  );
  const dySpare = await created(
    await call(app, countyOffice, 'POST', '/api/appeals', {
      title: '建材运输车辆限行',
      content: '县城道路对建材运输车辆限行时段过长，影响按期交货。',
      category: 'land',
      enterpriseId: dongyuanB,
      channel: 'visit',
    }),
  );

  async function appeal(id: string, session: Session = office): Promise<AppealDetail> {
    const response = await call(app, session, 'GET', `/api/appeals/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function snapshot() {
    return {
      issues: await countRows(ctx, 'commonIssues'),
      timeline: await countRows(ctx, 'appealTimeline'),
      grouped: (
        await ctx.db.selectFrom('appeals').select(['id', 'commonIssueId', 'version']).orderBy('id').execute()
      ).map((r) => `${r.id}:${r.commonIssueId}:${r.version}`),
      audit: await lastAuditSeq(ctx),
    };
  }

  async function refused(code: ErrorCode, work: () => Promise<LightMyRequestResponse>) {
    const before = await snapshot();
    const body = expectError(await work(), code);
    expect(await snapshot()).toEqual(before);
    return body;
  }

  let cityIssue: { id: string };
  let countyIssue: { id: string };

  it('the office groups two similar appeals: each keeps its number and channel, both record it', async () => {
    const before = await lastAuditSeq(ctx);
    clock.set('2025-06-02T03:00:00.000Z');
    const response = await call(app, office, 'POST', '/api/common-issues', {
      title: '工业园区道路照明不足',
      description: '多家企业反映园区路灯损坏、照明不足',
      appealIds: [online.id, gathered.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const issue = response.json();
    expect(issue).toMatchObject({
      title: '工业园区道路照明不足',
      description: '多家企业反映园区路灯损坏、照明不足',
      regionId: cityId,
      createdAt: '2025-06-02T03:00:00.000Z',
      createdByName: '王晓敏',
      appealCount: 2,
      version: 1,
    });
    expect(issue.appeals.map((a: { id: string }) => a.id).sort()).toEqual([online.id, gathered.id].sort());
    for (const original of [online, gathered]) {
      const now = await appeal(original.id);
      expect(now).toMatchObject({
        number: original.number,
        channel: original.channel,
        commonIssueId: issue.id,
        commonIssueTitle: '工业园区道路照明不足',
        version: original.version + 1,
        allowedActions: [
          'edit',
          'addAttachment',
          'removeFromCommonIssue',
          'requestVerification',
          'assess',
          'recordConsultation',
          'reject',
          'handleDirectly',
          'putOnCatalogue',
          // County ↔ city: both appeals are the city's own work (their counties have no office).
          'handDown',
        ],
      });
      expect(now.timeline.map((t) => t.kind)).toEqual(['created', 'grouped']);
      expect(now.timeline[1]).toMatchObject({ actorName: '王晓敏', data: { commonIssueId: issue.id } });
    }
    expect(online.channel).toBe('online');
    expect(gathered.channel).toBe('collector');
    // The enterprise sees that its appeal was grouped; it still may edit it.
    expect(await appeal(online.id, enterprise)).toMatchObject({
      commonIssueId: issue.id,
      allowedActions: ['edit', 'addAttachment'],
    });
    const audit = await auditAfter(ctx, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['commonIssue.create', issue.id],
      ['appeal.group', online.id],
      ['appeal.group', gathered.id],
    ]);
    expect(audit[1]).toMatchObject({ before: { commonIssueId: null }, after: { commonIssueId: issue.id } });
    cityIssue = issue;
  });

  it('refuses fewer than two appeals, a short title and unknown appeals, writing nothing', async () => {
    await refused('request.invalid', () =>
      call(app, office, 'POST', '/api/common-issues', { title: '只有一条诉求', appealIds: [visited.id] }),
    );
    await refused('request.invalid', () =>
      call(app, office, 'POST', '/api/common-issues', { title: '短', appealIds: [visited.id, dySpare.id] }),
    );
    const body = await refused('appeal.not_found', () =>
      call(app, office, 'POST', '/api/common-issues', {
        title: '含有不存在的诉求',
        appealIds: [visited.id, 'no-such-appeal'],
      }),
    );
    expect(body.details).toEqual({ appealId: 'no-such-appeal' });
  });

  it('adds a third appeal; adding one that is already in the issue changes nothing', async () => {
    const response = await call(app, office, 'POST', `/api/common-issues/${cityIssue.id}/appeals`, {
      appealIds: [visited.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: cityIssue.id, appealCount: 3 });
    const third = await appeal(visited.id);
    expect(third).toMatchObject({ commonIssueId: cityIssue.id, number: visited.number, channel: 'visit' });
    expect(third.timeline.map((t) => t.kind)).toEqual(['created', 'grouped']);

    const before = await snapshot();
    const again = await call(app, office, 'POST', `/api/common-issues/${cityIssue.id}/appeals`, {
      appealIds: [online.id],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().appealCount).toBe(3);
    expect(await snapshot()).toEqual(before);
  });

  it('a county office groups its county’s appeals under a county issue', async () => {
    clock.set('2025-06-02T04:00:00.000Z');
    const response = await call(app, countyOffice, 'POST', '/api/common-issues', {
      title: '园区供水保障不足',
      appealIds: [dyWater.id, dyWater2.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    countyIssue = response.json();
    expect(countyIssue).toMatchObject({ regionId: dongyuanId, appealCount: 2, createdByName: '罗丽娟' });
  });

  it('refuses an appeal already grouped under another issue with 409, changing nothing', async () => {
    const body = await refused('commonIssue.appeal_already_grouped', () =>
      call(app, office, 'POST', '/api/common-issues', {
        title: '重复归并的共性问题',
        appealIds: [dySpare.id, visited.id],
      }),
    );
    expect(body.details).toEqual({ appealId: visited.id, number: visited.number });
    await refused('commonIssue.appeal_already_grouped', () =>
      call(app, office, 'POST', `/api/common-issues/${countyIssue.id}/appeals`, {
        appealIds: [dySpare.id, visited.id],
      }),
    );
    expect((await appeal(dySpare.id)).commonIssueId).toBeNull();
  });

  it('takes an appeal out of an issue, recording it on the appeal', async () => {
    const before = await lastAuditSeq(ctx);
    const response = await call(
      app,
      office,
      'DELETE',
      `/api/common-issues/${cityIssue.id}/appeals/${gathered.id}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const issue = response.json();
    expect(issue.appealCount).toBe(2);
    expect(issue.appeals.map((a: { id: string }) => a.id).sort()).toEqual([online.id, visited.id].sort());
    const out = await appeal(gathered.id);
    expect(out).toMatchObject({
      commonIssueId: null,
      number: gathered.number,
      version: gathered.version + 2,
    });
    expect(out.allowedActions).toContain('groupIntoCommonIssue');
    expect(out.timeline.map((t) => t.kind)).toEqual(['created', 'grouped', 'ungrouped']);
    expect(out.timeline[2]).toMatchObject({ actorName: '王晓敏', data: { commonIssueId: cityIssue.id } });
    const audit = await auditAfter(ctx, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'appeal.ungroup',
      entityId: gathered.id,
      before: { commonIssueId: cityIssue.id },
      after: { commonIssueId: null },
    });
    // Not in the issue (any more): 404.
    await refused('appeal.not_found', () =>
      call(app, office, 'DELETE', `/api/common-issues/${cityIssue.id}/appeals/${gathered.id}`),
    );
    await refused('appeal.not_found', () =>
      call(app, office, 'DELETE', `/api/common-issues/${countyIssue.id}/appeals/${visited.id}`),
    );
  });

  it('a county office can neither see nor change a city issue, nor group appeals it cannot see', async () => {
    await refused('commonIssue.not_found', () =>
      call(app, countyOffice, 'GET', `/api/common-issues/${cityIssue.id}`),
    );
    await refused('commonIssue.not_found', () =>
      call(app, countyOffice, 'POST', `/api/common-issues/${cityIssue.id}/appeals`, {
        appealIds: [dySpare.id],
      }),
    );
    await refused('commonIssue.not_found', () =>
      call(app, countyOffice, 'DELETE', `/api/common-issues/${cityIssue.id}/appeals/${visited.id}`),
    );
    // An appeal of another region, grouped or not, is simply absent for the county office.
    for (const hidden of [gathered.id, online.id]) {
      const body = await refused('appeal.not_found', () =>
        call(app, countyOffice, 'POST', '/api/common-issues', {
          title: '跨区域归并尝试',
          appealIds: [dySpare.id, hidden],
        }),
      );
      expect(body.details).toEqual({ appealId: hidden });
    }
    const listed = (await call(app, countyOffice, 'GET', '/api/common-issues')).json();
    expect(listed.map((i: { id: string }) => i.id)).toEqual([countyIssue.id]);
    const detail = (await call(app, countyOffice, 'GET', `/api/common-issues/${countyIssue.id}`)).json();
    expect(detail.appeals.map((a: { id: string }) => a.id).sort()).toEqual([dyWater.id, dyWater2.id].sort());
  });

  it('only the office changes issues; oversight roles read them', async () => {
    for (const session of [collector, leader, enterprise]) {
      await refused('auth.forbidden', () =>
        call(app, session, 'POST', '/api/common-issues', {
          title: '无权归并的尝试',
          appealIds: [dySpare.id, gathered.id],
        }),
      );
      await refused('auth.forbidden', () =>
        call(app, session, 'POST', `/api/common-issues/${cityIssue.id}/appeals`, {
          appealIds: [gathered.id],
        }),
      );
      await refused('auth.forbidden', () =>
        call(app, session, 'DELETE', `/api/common-issues/${cityIssue.id}/appeals/${online.id}`),
      );
    }
    expectError(await call(app, collector, 'GET', '/api/common-issues'), 'auth.forbidden');
    expectError(await call(app, enterprise, 'GET', `/api/common-issues/${cityIssue.id}`), 'auth.forbidden');
    const asLeader = await call(app, leader, 'GET', `/api/common-issues/${cityIssue.id}`);
    expect(asLeader.statusCode, asLeader.body).toBe(200);
    expect(asLeader.json().appealCount).toBe(2);
  });

  it('lists issues, newest first, with their appeal counts; the pool filters by issue', async () => {
    const expected = [
      { id: countyIssue.id, title: '园区供水保障不足', regionId: dongyuanId, appealCount: 2 },
      { id: cityIssue.id, title: '工业园区道路照明不足', regionId: cityId, appealCount: 2 },
    ];
    for (const session of [office, leader]) {
      const response = await call(app, session, 'GET', '/api/common-issues');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject(expected);
    }
    const pool = (await call(app, office, 'GET', `/api/appeals?commonIssueId=${cityIssue.id}`)).json();
    expect(pool.items.map((a: { id: string }) => a.id).sort()).toEqual([online.id, visited.id].sort());
    expectError(await call(app, office, 'GET', `/api/common-issues/${uuidv7()}`), 'commonIssue.not_found');
  });
});
