import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { sweepRatings } from './modules/handling/ratings.service.ts';
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

// Rating reminders and lapses; idempotent, so several instances may run it at once.
const sweep = setInterval(() => {
  sweepRatings(ctx)
    .then((result) => {
      if (result.reminded + result.lapsed > 0) app.log.info(result, 'rating sweep');
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'rating sweep failed'));
}, 10 * 60_000);
sweep.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Face-to-Face is serving on http://localhost:${config.port} (${ctx.dialect === 'postgres' ? 'PostgreSQL' : config.sqliteFile})`,
);
