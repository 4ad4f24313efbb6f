import fs from 'node:fs';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedHeyuanDemo } from '../src/seed/heyuan.ts';
import {
  PG_ADMIN_URL,
  pgAdmin,
  pgUrl,
  RUN_ID,
  SQLITE_TEMPLATE,
  TEMPLATE_NAME,
  testDialect,
  WORK_DIR,
} from './databases.ts';

/** Builds the template database once: migrated, reference data loaded, Heyuan demo seeded. */
export async function setup(): Promise<() => Promise<void>> {
  process.env.F2F_TEST_RUN_ID = RUN_ID;
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (testDialect === 'postgres') {
    await pgAdmin(async (c) => {
      await c.query(`drop database if exists ${TEMPLATE_NAME} with (force)`);
      await c.query(`create database ${TEMPLATE_NAME}`);
    });
  }
  const config = loadConfig(
    {},
    {
      databaseUrl: testDialect === 'postgres' ? pgUrl(TEMPLATE_NAME) : null,
      sqliteFile: SQLITE_TEMPLATE,
      dataDir: WORK_DIR,
    },
  );
  const ctx = await createContext(config);
  await seedHeyuanDemo(ctx);
  if (ctx.handle.sqlite) ctx.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await ctx.handle.close();

  return async () => {
    if (testDialect === 'postgres') {
      await pgAdmin(async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          `select datname from pg_database where datname like $1 or datname = $2`,
          [`f2f_t_${RUN_ID}_%`, TEMPLATE_NAME],
        );
        for (const row of rows) await c.query(`drop database if exists ${row.datname} with (force)`);
      });
    }
    fs.rmSync(WORK_DIR, { recursive: true, force: true });
    void PG_ADMIN_URL;
  };
}
