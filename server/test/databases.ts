import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Test databases. `npm test` uses SQLite; `npm run test:pg` (F2F_TEST_DB=postgres) uses the
 * PostgreSQL on 127.0.0.1:5432. Global setup prepares one migrated, seeded template; every test
 * file gets its own copy (a file copy, or CREATE DATABASE … TEMPLATE), dropped at the end.
 */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.F2F_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL = process.env.F2F_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const RUN_ID = process.env.F2F_TEST_RUN_ID ?? `${process.pid}`;
export const TEMPLATE_NAME = `f2f_tpl_${RUN_ID}`;
export const WORK_DIR = path.join(os.tmpdir(), `f2f-test-${RUN_ID}`);
export const SQLITE_TEMPLATE = path.join(WORK_DIR, 'template.sqlite');

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A fresh copy of the template for one test file: a SQLite file path or a PostgreSQL URL. */
export async function cloneTemplate(): Promise<{
  sqliteFile: string;
  databaseUrl: string | null;
  drop(): Promise<void>;
}> {
  counter += 1;
  const name = `f2f_t_${RUN_ID}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  if (testDialect === 'postgres') {
    await pgAdmin((c) => c.query(`create database ${name} template ${TEMPLATE_NAME}`));
    return {
      sqliteFile: '',
      databaseUrl: pgUrl(name),
      drop: () =>
        pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }
  const file = path.join(WORK_DIR, `${name}.sqlite`);
  fs.copyFileSync(SQLITE_TEMPLATE, file);
  return {
    sqliteFile: file,
    databaseUrl: null,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
