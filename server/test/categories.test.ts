import { describe, expect, it } from 'vitest';
import { auditAfter, expectError, lastAuditSeq } from './helpers.ts';
import { call, createTestApp, login } from './test-app.ts';

describe('appeal categories as configuration', async () => {
  const { app, ctx } = await createTestApp();
  const admin = await login(app, 'admin');
  const enterprise = await login(app, 'enterprise');

  it('lists the plan’s default categories to everyone signed in', async () => {
    const response = await call(app, enterprise, 'GET', '/api/appeal-categories');
    expect(response.statusCode).toBe(200);
    expect(response.json().map((c: { code: string }) => c.code)).toEqual([
      'land',
      'finance',
      'labour',
      'approvals',
      'utilities',
      'logistics',
      'policyDelivery',
      'other',
    ]);
  });

  it('lets an administrator add, rename and retire a category, each change audited', async () => {
    const before = await lastAuditSeq(ctx);
    const created = await call(app, admin, 'POST', '/api/appeal-categories', {
      code: 'environment',
      nameZh: '环保',
      nameEn: 'Environment',
      sortOrder: 75,
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({
      code: 'environment',
      nameZh: '环保',
      nameEn: 'Environment',
      sortOrder: 75,
      active: true,
    });
    expectError(
      await call(app, admin, 'POST', '/api/appeal-categories', {
        code: 'environment',
        nameZh: '环境',
        nameEn: 'Env',
      }),
      'appeal.category_code_taken',
    );

    const retired = await call(app, admin, 'PUT', '/api/appeal-categories/environment', { active: false });
    expect(retired.json()).toMatchObject({ nameZh: '环保', active: false });
    // A rename sends only the name: the category stays retired.
    const renamed = await call(app, admin, 'PUT', '/api/appeal-categories/environment', {
      nameZh: '生态环保',
    });
    expect(renamed.json()).toMatchObject({ nameZh: '生态环保', active: false, sortOrder: 75 });

    const active = await call(app, enterprise, 'GET', '/api/appeal-categories');
    expect(active.json().map((c: { code: string }) => c.code)).not.toContain('environment');
    const all = await call(app, admin, 'GET', '/api/appeal-categories?includeInactive=true');
    expect(all.json().map((c: { code: string }) => c.code)).toContain('environment');

    // A retired category takes no new appeals.
    expectError(
      await call(app, enterprise, 'POST', '/api/appeals/submit', {
        title: '园区环保设施问题',
        content: '园区污水处理设施容量不足，影响企业扩产。',
        category: 'environment',
      }),
      'appeal.unknown_category',
    );
    const audit = await auditAfter(ctx, before);
    expect(audit.map((r) => r.action)).toEqual([
      'appeal.category.create',
      'appeal.category.update',
      'appeal.category.update',
    ]);
  });

  it('refuses an unknown category code and non-administrators', async () => {
    expectError(
      await call(app, admin, 'PUT', '/api/appeal-categories/nosuch', { active: false }),
      'appeal.category_not_found',
    );
    expectError(
      await call(app, enterprise, 'POST', '/api/appeal-categories', {
        code: 'x1',
        nameZh: '某',
        nameEn: 'X',
      }),
      'auth.forbidden',
    );
  });

  it('is the city’s to keep: a county’s administrator reads the categories but changes nothing', async () => {
    const countyAdmin = await login(app, 'countyadmin');
    const before = await lastAuditSeq(ctx);
    expect((await call(app, countyAdmin, 'GET', '/api/appeal-categories')).statusCode).toBe(200);
    expectError(
      await call(app, countyAdmin, 'POST', '/api/appeal-categories', {
        code: 'county1',
        nameZh: '县',
        nameEn: 'C',
      }),
      'org.out_of_scope',
    );
    expectError(
      await call(app, countyAdmin, 'PUT', '/api/appeal-categories/land', { nameZh: '县里改的名字' }),
      'org.out_of_scope',
    );
    const land = (await call(app, admin, 'GET', '/api/appeal-categories')).json() as {
      code: string;
      nameZh: string;
    }[];
    expect(land.find((c) => c.code === 'land')?.nameZh).not.toBe('县里改的名字');
    expect(land.some((c) => c.code === 'county1')).toBe(false);
    expect(await lastAuditSeq(ctx)).toBe(before);
  });
});
