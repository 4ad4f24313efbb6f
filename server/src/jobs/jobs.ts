import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.ts';
import { sweepCatalogueReminders } from '../modules/events/catalogue-reminders.ts';
import { sweepRatings } from '../modules/handling/ratings.service.ts';
import { deliverOutbox } from '../modules/notifications/delivery.ts';
import { sweepSummaryReports } from '../modules/reports/reports.service.ts';
import { mergeIsDue, mergeSearchIndex } from '../modules/search/search-maintenance.ts';
import { sweepSupervision } from '../modules/supervision/supervision.service.ts';

/**
 * The scheduled work of one server instance. Every job must be idempotent and safe when several
 * instances run it at once (claim rows with a conditional UPDATE or a unique key), because every
 * instance schedules every job; each can also be run on demand through its admin route.
 */
export interface Job {
  name: string;
  everyMs: number;
  /** Whether a scheduled tick runs the job (always, unless said); run on demand, it always runs. */
  due?(ctx: AppContext): boolean;
  run(ctx: AppContext, log: FastifyBaseLogger): Promise<Record<string, number>>;
}

export const jobs: Job[] = [
  // Rating reminders and lapses.
  { name: 'ratings', everyMs: 10 * 60_000, run: sweepRatings },
  // E-mail, SMS, WeCom and webhooks waiting in the outbox.
  { name: 'outbox', everyMs: 30_000, run: deliverOutbox },
  // Supervision warnings (due soon, overdue, no progress, returned), on working days.
  { name: 'supervision', everyMs: 10 * 60_000, run: sweepSupervision },
  // The office's reminders of a catalogue due within 2 working days, or overdue.
  { name: 'catalogueReminders', everyMs: 30 * 60_000, run: sweepCatalogueReminders },
  // Last month's (and at a quarter's start last quarter's) summary for the leaders, on the first working day.
  { name: 'summaryReports', everyMs: 30 * 60_000, run: sweepSummaryReports },
  // SQLite's full-text index merged into one segment, once a night (search-maintenance.ts): two ticks in the
  // merge hour, so that a timer's drift never skips it; the second finds little or nothing to do.
  { name: 'searchIndex', everyMs: 30 * 60_000, due: mergeIsDue, run: mergeSearchIndex },
];

/** Starts every job on its interval; returns a function that stops them. */
export function scheduleJobs(ctx: AppContext, log: FastifyBaseLogger, list: Job[] = jobs): () => void {
  const running = new Set<string>();
  const timers = list.map((job) => {
    const timer = setInterval(() => {
      // One run of a job at a time in this instance; a slow run is not stacked.
      if (running.has(job.name) || (job.due && !job.due(ctx))) return;
      running.add(job.name);
      job
        .run(ctx, log)
        .then((result) => {
          if (Object.values(result).some((n) => n > 0)) log.info({ job: job.name, ...result }, 'job ran');
        })
        .catch((error: unknown) => log.error({ err: error, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
