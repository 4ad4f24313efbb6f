import { creditCodeCheckCharacter } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { expectError, regionId, unitId } from './helpers.ts';
import { call, createTestApp, login, type Session } from './test-app.ts';

interface Similar {
  appeal: { id: string; number: string; enterpriseId: string };
  score: number;
  sameEnterprise: boolean;
  sharedTerms: string[];
}

describe('appeal search and similar appeals', async () => {
  const { app, ctx, clock } = await createTestApp();
  const office = await login(app, 'office');
  const collector = await login(app, 'collector');
  const county = await login(app, 'county');
  const enterprise = await login(app, 'enterprise');
  const cppccId = await unitId(ctx, '政协河源市委员会办公室');

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

  const lvyuan = await createEnterprise('河源市绿源新材料有限公司', '源城区');
  const huaxing = await createEnterprise('东源县华兴机械有限公司', '东源县');
  const anda = await createEnterprise('和平县安达物流有限公司', '和平县');
  const hengsheng = await createEnterprise('紫金县恒盛食品有限公司', '紫金县');

  async function record(session: Session, body: Record<string, unknown>): Promise<string> {
    const response = await call(app, session, 'POST', '/api/appeals', { channel: 'collector', ...body });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().id;
  }

  // Gathered by the collector (市人大办).
  const landA = await record(collector, {
    enterpriseId: lvyuan,
    title: '项目用地指标审批缓慢',
    content: '我公司新建厂房项目的用地指标迟迟未能落实，土地审批手续办理缓慢，影响项目开工。',
    category: 'land',
  });
  const landB = await record(collector, {
    enterpriseId: huaxing,
    title: '扩建厂房用地指标不足',
    content: '企业扩建生产线需要新增用地，但用地指标不足，土地审批进度缓慢，请协调解决。',
    category: 'land',
  });
  const labour = await record(collector, {
    enterpriseId: anda,
    title: '技术工人招工困难',
    content: '春节后一线技术工人流失严重，招工困难，希望人社部门组织专场招聘会帮助企业用工。',
    category: 'labour',
  });
  const schooling = await record(collector, {
    enterpriseId: lvyuan,
    title: '员工子女入学问题',
    content: '外地员工子女就近入学难，希望教育部门统筹安排学位。',
    category: 'labour',
  });
  // Recorded by the office, so the collector does not see them.
  const finance = await record(office, {
    enterpriseId: hengsheng,
    channel: 'visit',
    title: '中小企业融资难融资贵',
    content: '银行贷款审批周期长，担保要求高，企业融资成本居高不下，希望加大信贷支持。',
    category: 'finance',
  });
  const punctuated = await record(office, {
    enterpriseId: anda,
    channel: 'visit',
    title: '关于用地的问题',
    content: '项目涉及用地。审批环节较多，请予以关注。',
    category: 'land',
  });
  const erp = await record(office, {
    enterpriseId: huaxing,
    channel: 'visit',
    title: 'ERP系统对接问题',
    content: '企业ERP系统与粤商通平台对接失败，错误代码E1024，请技术部门协助排查。',
    category: 'finance',
  });
  const landC = await record(office, {
    enterpriseId: lvyuan,
    channel: 'visit',
    collectingUnitId: cppccId,
    title: '新厂区用地指标审批',
    content: '新厂区项目用地指标审批进展缓慢，土地审批手续多，希望加快用地报批。',
    category: 'land',
  });
  // The demo enterprise's own appeal.
  const submitted = await call(app, enterprise, 'POST', '/api/appeals/submit', {
    title: '扩产用地指标申请',
    content: '扩产需要新增用地指标，希望自然资源部门给予支持。',
    category: 'land',
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const own = submitted.json().id as string;

  async function search(session: Session, q: string, extra = ''): Promise<string[]> {
    const response = await call(
      app,
      session,
      'GET',
      `/api/appeals?pageSize=200&q=${encodeURIComponent(q)}${extra}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.total).toBe(body.items.length);
    return body.items.map((i: { id: string }) => i.id).sort();
  }

  const sorted = (...list: string[]) => [...list].sort();

  describe('full-text search', () => {
    it('finds two-character words', async () => {
      expect(await search(office, '用地')).toEqual(sorted(landA, landB, landC, punctuated, own));
      expect(await search(office, '融资')).toEqual([finance]);
      expect(await search(office, '招工')).toEqual([labour]);
      expect(await search(office, '入学')).toEqual([schooling]);
    });

    it('finds three- and four-character terms as phrases', async () => {
      expect(await search(office, '用地指')).toEqual(sorted(landA, landB, landC, own));
      expect(await search(office, '土地审批')).toEqual(sorted(landA, landB, landC));
      expect(await search(office, '粤商通平台')).toEqual([erp]);
      // In order: the same characters in another order are another word.
      expect(await search(office, '指用地')).toEqual([]);
    });

    it('never matches across punctuation', async () => {
      // 用地。审批 holds 用地 and 审批, but not 地审 nor 用地审批.
      expect(await search(office, '地审')).toEqual(sorted(landA, landB, landC));
      expect(await search(office, '用地审批')).toEqual([]);
      expect(await search(office, '审批')).toContain(punctuated);
    });

    it('requires every term of a query with several terms', async () => {
      expect(await search(office, '用地 开工')).toEqual([landA]);
      expect(await search(office, '用地 缓慢')).toEqual(sorted(landA, landB, landC));
      expect(await search(office, '用地　报批')).toEqual([landC]); // an ideographic space separates too
      expect(await search(office, '用地 融资')).toEqual([]);
    });

    it('finds Latin words and numbers, whatever their case or width', async () => {
      for (const q of ['ERP', 'erp', 'ＥＲＰ', 'E1024', 'e1024', 'ERP 粤商通']) {
        expect(await search(office, q), q).toEqual([erp]);
      }
      expect(await search(office, 'ERP 用地')).toEqual([]);
    });

    it('searches the enterprise name too', async () => {
      expect(await search(office, '绿源')).toEqual(sorted(landA, schooling, landC));
      expect(await search(office, '华兴机械 ERP')).toEqual([erp]);
    });

    it('treats a single character as the start of a word', async () => {
      expect(await search(office, '融')).toEqual([finance]);
    });

    it('combines with filters and with what the person may see', async () => {
      const dongyuan = await regionId(ctx, '东源县');
      expect(await search(office, '用地', `&regionId=${dongyuan}`)).toEqual([landB]);
      expect(await search(office, '用地', `&collectingUnitId=${cppccId}`)).toEqual([landC]);
      expect(await search(collector, '用地')).toEqual(sorted(landA, landB));
      expect(await search(county, '用地')).toEqual([]);
      expect(await search(enterprise, '用地')).toEqual([own]);
    });

    it('finds nothing for a query of punctuation only, and refuses an over-long one', async () => {
      expect(await search(office, '。，！')).toEqual([]);
      expectError(
        await call(app, office, 'GET', `/api/appeals?q=${encodeURIComponent('长'.repeat(51))}`),
        'request.invalid',
      );
    });
  });

  describe('similar appeals', () => {
    async function similarTo(session: Session, id: string): Promise<Similar[]> {
      const response = await call(app, session, 'GET', `/api/appeals/${id}/similar`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    }

    function expectWellFormed(results: Similar[]) {
      for (const r of results) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }

    it('finds appeals with the same land-use wording, above an unrelated labour appeal', async () => {
      const results = await similarTo(office, landA);
      expectWellFormed(results);
      const byId = new Map(results.map((r) => [r.appeal.id, r]));
      expect(byId.has(landA)).toBe(false);
      const b = byId.get(landB);
      const c = byId.get(landC);
      expect(b).toMatchObject({ sameEnterprise: false });
      expect(b?.sharedTerms).toEqual(expect.arrayContaining(['用地', '指标', '审批']));
      expect(c).toMatchObject({ sameEnterprise: true });
      expect(b?.score).toBeGreaterThan(0.3);
      expect(b?.score ?? 0).toBeGreaterThan(byId.get(labour)?.score ?? 0);
      expect(byId.get(finance)?.score ?? 0).toBeLessThan(b?.score ?? 0);
      // The same enterprise's other appeals are offered even when their wording differs.
      expect(byId.get(schooling)).toMatchObject({ sameEnterprise: true });
      expect(byId.get(schooling)?.score ?? 1).toBeLessThan(b?.score ?? 0);
    });

    it('shows only what the person may see', async () => {
      const results = await similarTo(collector, landA);
      expectWellFormed(results);
      const found = results.map((r) => r.appeal.id);
      expect(found).toContain(landB);
      expect(found).toContain(schooling);
      // landC is as alike, but the CPPCC office gathered it.
      expect(found).not.toContain(landC);
      expect(found).not.toContain(own);
      for (const id of found) expect([landA, landB, labour, schooling]).toContain(id);
      // Nobody learns about appeals they cannot see, nor gets similar results for them.
      expectError(await call(app, county, 'GET', `/api/appeals/${landA}/similar`), 'appeal.not_found');
      expectError(await call(app, collector, 'GET', `/api/appeals/${landC}/similar`), 'appeal.not_found');
      expectError(await call(app, enterprise, 'GET', `/api/appeals/${own}/similar`), 'auth.forbidden');
    });

    it('checks a draft for existing similar appeals while it is being recorded', async () => {
      const draft = {
        enterpriseId: anda,
        title: '厂房用地指标审批慢',
        content: '新项目用地指标一直没有批下来，土地审批手续繁琐。',
      };
      const response = await call(app, collector, 'POST', '/api/appeals/similar-preview', draft);
      expect(response.statusCode, response.body).toBe(200);
      const results: Similar[] = response.json();
      expectWellFormed(results);
      const byId = new Map(results.map((r) => [r.appeal.id, r]));
      expect(byId.get(landA)).toMatchObject({ sameEnterprise: false });
      expect(byId.get(landB)).toMatchObject({ sameEnterprise: false });
      // The labour appeal is the same enterprise's, so it is offered, below the land-use ones.
      expect(byId.get(labour)).toMatchObject({ sameEnterprise: true });
      expect(byId.get(labour)?.score ?? 1).toBeLessThan(byId.get(landA)?.score ?? 0);
      expect(byId.has(landC)).toBe(false);
      expect(byId.has(punctuated)).toBe(false);

      const asOffice: Similar[] = (
        await call(app, office, 'POST', '/api/appeals/similar-preview', draft)
      ).json();
      const officeIds = asOffice.map((r) => r.appeal.id);
      expect(officeIds).toEqual(expect.arrayContaining([landA, landB, landC, own]));
      // Same enterprise: the office also sees the appeal it recorded for 安达物流.
      expect(asOffice.find((r) => r.appeal.id === punctuated)).toMatchObject({ sameEnterprise: true });
    });

    it('shows an enterprise only its own appeals, and nothing for an empty draft', async () => {
      const response = await call(app, enterprise, 'POST', '/api/appeals/similar-preview', {
        title: '用地指标',
        content: '新增用地指标审批',
      });
      expect(response.statusCode, response.body).toBe(200);
      const results: Similar[] = response.json();
      expect(results.map((r) => r.appeal.id)).toEqual([own]);
      expect(results[0]?.sameEnterprise).toBe(true);
      const empty = await call(app, collector, 'POST', '/api/appeals/similar-preview', {});
      expect(empty.statusCode, empty.body).toBe(200);
      expect(empty.json()).toEqual([]);
    });
  });
});
