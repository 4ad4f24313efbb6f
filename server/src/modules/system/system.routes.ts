import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import { readCitySettings } from '../../seed/settings.ts';

export const PublicSettings = z.object({
  productName: z.string(),
  cityName: z.string(),
  cityRegionId: z.string().nullable(),
  timeZone: z.string(),
  demo: z.boolean(),
});

export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/healthz',
    {
      schema: {
        tags: ['系统 System'],
        summary: 'Health: ok once the database answers',
        response: { 200: z.object({ status: z.literal('ok') }), ...errorResponses },
      },
      config: { access: 'public' },
    },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const };
    },
  );

  r.get(
    '/api/settings/public',
    {
      schema: {
        tags: ['系统 System'],
        summary: '平台名称与城市 Product and city name (for the sign-in page)',
        response: { 200: PublicSettings, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async () => {
      const city = await readCitySettings(ctx.db);
      return { ...city, timeZone: ctx.config.timeZone, demo: ctx.config.demo };
    },
  );
}
