import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCityWideAdministrator } from '../modules/org/org.policy.ts';
import { requestMeta } from '../plugins/auth.ts';
import { errorResponses } from '../plugins/route-kit.ts';
import { type Job, jobs } from './jobs.ts';

const tags = ['jobs'];

const JobInfo = z.object({ name: z.string(), everyMs: z.number().int() });

/** The administrator's view of the scheduled jobs, and a button to run one now. */
export function jobRoutes(app: FastifyInstance, ctx: AppContext, list: Job[] = jobs): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin/jobs',
    {
      schema: {
        tags,
        summary: '定时任务列表 The scheduled jobs and how often each runs',
        response: { 200: z.array(JobInfo), ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async () => list.map(({ name, everyMs }) => ({ name, everyMs })),
  );

  r.post(
    '/api/admin/jobs/:name/run',
    {
      schema: {
        tags,
        summary: '立即执行定时任务 Run a scheduled job now (it is idempotent; what it did is counted)',
        params: z.object({ name: z.string().max(100) }),
        response: {
          200: z.object({ name: z.string(), result: z.record(z.string(), z.number()) }),
          ...errorResponses,
        },
      },
      config: { access: ['admin'] },
    },
    async (request) => {
      // Jobs sweep every region: the city's administrators run them.
      assertCityWideAdministrator(requestMeta(request));
      const job = list.find((candidate) => candidate.name === request.params.name);
      if (!job) throw new AppError('job.not_found', { name: request.params.name });
      return { name: job.name, result: await job.run(ctx, request.log) };
    },
  );
}
