import { describe, expect, it } from 'vitest';
import { call, createTestApp, login } from './test-app.ts';

describe('the application', async () => {
  const { app } = await createTestApp();

  it('answers health once the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('signs in a demo account and lists regions', async () => {
    const admin = await login(app, 'admin');
    const response = await call(app, admin, 'GET', '/api/org/regions');
    expect(response.statusCode).toBe(200);
    expect(response.json().map((r: { name: string }) => r.name)).toContain('东源县');
  });
});
