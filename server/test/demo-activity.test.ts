import { describe, expect, it } from 'vitest';
import { seedDemoActivity } from '../src/seed/demo-activity.ts';
import { call, createTestApp, login } from './test-app.ts';

describe('the demo activity of npm start', async () => {
  const { app, ctx } = await createTestApp({ now: '2025-11-03T02:00:00.000Z' });

  it('fills the pool, verifies, assigns and drafts an event through the real services', async () => {
    const result = await seedDemoActivity(ctx);
    expect(result.appeals).toBe(5);
    expect(result.eventId).not.toBeNull();

    const office = await login(app, 'office');
    const pool = (await call(app, office, 'GET', '/api/appeals')).json() as {
      total: number;
      items: { status: string }[];
    };
    expect(pool.total).toBe(5);
    expect(pool.items.map((i) => i.status).sort()).toEqual([
      'assigned',
      'catalogued',
      'catalogued',
      'pooled',
      'pooled',
    ]);

    const event = (await call(app, office, 'GET', `/api/events/${result.eventId}`)).json() as {
      title: string;
      date: string;
      status: string;
      items: { verificationOpinions: unknown[] }[];
    };
    // 15 working days after Monday 3 November 2025 is Monday 24 November: the fourth quarter.
    expect(event).toMatchObject({
      title: '2025年第四季度“面对面”政企交流活动',
      date: '2025-11-24',
      status: 'drafting',
    });
    expect(event.items).toHaveLength(2);
    expect(event.items[0]?.verificationOpinions).toHaveLength(1);

    // The unit asked to verify sees that appeal and the one it was not asked about stays hidden.
    const handler = await login(app, 'handler');
    const seen = (await call(app, handler, 'GET', '/api/appeals')).json() as { total: number };
    expect(seen.total).toBe(1);
  });

  it('skips the event, not the rest, when the calendar does not know the year ahead', async () => {
    const late = await createTestApp({ now: '2026-12-20T02:00:00.000Z' });
    const result = await seedDemoActivity(late.ctx);
    expect(result).toEqual({ appeals: 5, eventId: null });
  });
});
