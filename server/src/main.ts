import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { scheduleJobs } from './jobs/jobs.ts';
import { seedDemoActivity } from './seed/demo-activity.ts';
import { seedHeyuanDemo } from './seed/heyuan.ts';

const config = loadConfig();
const { app, ctx } = await buildApp(config);

if (config.demo) {
  const { seeded } = await seedHeyuanDemo(ctx);
  if (seeded) {
    app.log.info('Seeded the Heyuan demo data; every demo account uses the password printed in the README');
    if (config.demoActivity) {
      const activity = await seedDemoActivity(ctx);
      app.log.info(activity, 'Seeded demo appeals and an event');
    }
  }
}

// The calendar is cached in memory; pick up what another instance's administrator changed.
const refresh = setInterval(() => {
  ctx.calendar
    .load(ctx.db)
    .catch((error: unknown) => app.log.error({ err: error }, 'calendar refresh failed'));
}, 60_000);
refresh.unref();

// Sweeps and deliveries; each is idempotent, so several instances may run them at once.
const stopJobs = scheduleJobs(ctx, app.log);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Face-to-Face is serving on http://localhost:${config.port} (${ctx.dialect === 'postgres' ? 'PostgreSQL' : config.sqliteFile})`,
);
