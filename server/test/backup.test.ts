import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, createContext } from '../src/app.ts';
import { FakeClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { systemMeta, transact } from '../src/context.ts';
import { type Db, type DialectName, openDatabase } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.repository.ts';
import {
  attachmentsDirOf,
  createBackup,
  isExcludedTable,
  knownMigrations,
  readTables,
  restoreBackup,
} from '../src/modules/backup/backup.ts';
import { seedHeyuanDemo } from '../src/seed/heyuan.ts';
import { cloneTemplate, pgAdmin, pgUrl, RUN_ID, testDialect, WORK_DIR } from './databases.ts';
import { call, login } from './test-app.ts';

interface Target {
  databaseUrl: string | null;
  sqliteFile: string;
  dataDir: string;
  drop(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

let counter = 0;
function freshDir(label: string): string {
  counter += 1;
  const dir = path.join(WORK_DIR, `backup-${process.pid}-${counter}-${label}`);
  fs.mkdirSync(dir, { recursive: true });
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the seeded template, with a data folder of its own. */
async function seededTarget(): Promise<Target> {
  const database = await cloneTemplate();
  const target = { ...database, dataDir: freshDir('data') };
  cleanups.push(() => database.drop());
  return target;
}

/** A database with nothing in it (no file, or a new PostgreSQL database), of the given kind. */
async function emptyTarget(dialect: DialectName = testDialect): Promise<Target> {
  const dataDir = freshDir('empty');
  if (dialect === 'postgres') {
    counter += 1;
    const name = `f2f_t_${RUN_ID}_${process.pid}_bk${counter}`;
    await pgAdmin((c) => c.query(`create database ${name}`));
    const drop = () =>
      pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
    cleanups.push(drop);
    return { databaseUrl: pgUrl(name), sqliteFile: '', dataDir, drop };
  }
  return {
    databaseUrl: null,
    sqliteFile: path.join(dataDir, 'db.sqlite'),
    dataDir,
    drop: async () => undefined,
  };
}

/** The real application on the target; closed by the test, or at the end if the test failed first. */
async function openApp(target: Target) {
  const config = loadConfig(
    {},
    {
      databaseUrl: target.databaseUrl,
      sqliteFile: target.sqliteFile,
      dataDir: target.dataDir,
      webDist: null,
      demo: true,
      logLevel: 'silent',
    },
  );
  const { app, ctx } = await buildApp(config, {
    clock: new FakeClock('2025-06-02T02:00:00.000Z'),
    logger: false,
  });
  let open = true;
  const close = async () => {
    if (open) {
      open = false;
      await app.close();
    }
  };
  cleanups.push(close);
  return { app, ctx, close };
}

/** Every row of every backed-up table, order-free, comparable across SQLite and PostgreSQL. */
async function snapshot(db: Db, dialect: DialectName): Promise<Record<string, string[]>> {
  const raw = db.withoutPlugins();
  const result: Record<string, string[]> = {};
  for (const table of await readTables(raw, dialect)) {
    if (isExcludedTable(table.name)) continue;
    const columns = [...table.columns].sort();
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(raw);
    result[table.name] = rows.map((row) => JSON.stringify(columns.map((c) => row[c]))).sort();
  }
  return result;
}

async function snapshotOf(target: Target): Promise<Record<string, string[]>> {
  const handle = openDatabase(target);
  try {
    return await snapshot(handle.db, handle.dialect);
  } finally {
    await handle.close();
  }
}

function listAttachments(dataDir: string): Record<string, string> {
  const dir = attachmentsDirOf(dataDir);
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full).toString('base64');
  }
  return files;
}

function writeAttachment(dataDir: string, relative: string, content: Buffer | string): void {
  const full = path.join(attachmentsDirOf(dataDir), relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}

async function createUnit(app: FastifyInstance, session: Awaited<ReturnType<typeof login>>, name: string) {
  const regions = await call(app, session, 'GET', '/api/org/regions');
  const city = regions.json().find((r: { parentId: string | null }) => r.parentId === null);
  const response = await call(app, session, 'POST', '/api/org/units', {
    name,
    type: 'department',
    regionId: city.id,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const backupFile = (label: string) => path.join(freshDir('files'), `${label}.f2f.gz`);

describe('backup and restore', () => {
  it('restores exactly what the backup held, attachments and audit chain included', async () => {
    const target = await seededTarget();
    let { app, ctx, close } = await openApp(target);
    const admin = await login(app, 'admin');
    await createUnit(app, admin, '河源市备份测试局');
    writeAttachment(target.dataDir, '2025/06/note.txt', '会议纪要\n');
    writeAttachment(
      target.dataDir,
      'scan.bin',
      Buffer.from(Array.from({ length: 400_000 }, (_, i) => i % 251)),
    );
    const before = await snapshot(ctx.db, ctx.dialect);
    const filesBefore = listAttachments(target.dataDir);

    const file = backupFile('round-trip');
    const summary = await createBackup(ctx, file, { attachmentsDir: attachmentsDirOf(target.dataDir) });
    expect(summary.header.migrations).toEqual(knownMigrations());
    expect(summary.tables.units).toBe(before.units?.length);
    expect(summary.files).toBe(2);

    // Change everything a restore must undo: rows added and edited, files added and removed.
    await createUnit(app, admin, '河源市备份后新增局');
    const profile = await call(app, admin, 'PATCH', '/api/auth/profile', { phone: '0762-1234567' });
    expect(profile.statusCode).toBe(200);
    writeAttachment(target.dataDir, 'later.txt', 'added after the backup');
    fs.rmSync(path.join(attachmentsDirOf(target.dataDir), 'scan.bin'));
    expect(await snapshot(ctx.db, ctx.dialect)).not.toEqual(before);
    await close();

    const restored = await restoreBackup(target, file, { force: true });
    expect(restored.replaced).toContain('units');
    expect(restored.tables).toEqual(summary.tables);
    expect(await snapshotOf(target)).toEqual(before);
    expect(listAttachments(target.dataDir)).toEqual(filesBefore);

    ({ app, ctx, close } = await openApp(target));
    const chain = await verifyAuditChain(ctx.db);
    expect(chain).toMatchObject({ ok: true, checked: before.audit_log?.length });
    // The chain goes on from the restored rows (on PostgreSQL: the sequence was moved past them).
    const last = await ctx.db
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await login(app, 'admin');
    const next = await ctx.db
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(next.seq).toBe(last.seq + 1);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    await close();
  });

  it('refuses a database that holds data unless forced, and leaves it alone', async () => {
    const source = await seededTarget();
    const file = backupFile('refuse');
    const { ctx, close } = await openApp(source);
    await createBackup(ctx, file);
    await close();

    const target = await seededTarget();
    writeAttachment(target.dataDir, 'keep.txt', 'mine');
    const before = await snapshotOf(target);
    await expect(restoreBackup(target, file)).rejects.toMatchObject({ code: 'restore.target_not_empty' });
    expect(await snapshotOf(target)).toEqual(before);
    expect(listAttachments(target.dataDir)).toEqual({ 'keep.txt': Buffer.from('mine').toString('base64') });
  });

  it('takes a consistent snapshot while others keep writing', async () => {
    const source = await seededTarget();
    const { app, ctx, close } = await openApp(source);
    const admin = await login(app, 'admin');
    const before = await snapshot(ctx.db, ctx.dialect);

    // The backup reads through a connection of its own, as the CLI does beside a running server.
    const reader = openDatabase(source);
    const file = backupFile('concurrent');
    let written = 0;
    try {
      await createBackup(reader, file, {
        pageSize: 2,
        onProgress: async () => {
          // Halfway through the first table, others commit rows into tables not yet read.
          if (written > 0) return;
          for (const name of ['河源市并发测试一局', '河源市并发测试二局', '河源市并发测试三局']) {
            await createUnit(app, admin, name);
            written += 1;
          }
        },
      });
    } finally {
      await reader.close();
    }
    expect(written).toBe(3);
    const now = await snapshot(ctx.db, ctx.dialect);
    expect(now.units?.length).toBe((before.units?.length ?? 0) + 3);
    expect(now.audit_log?.length).toBe((before.audit_log?.length ?? 0) + 3);
    await close();

    // An empty database needs no --force.
    const target = await emptyTarget();
    const restored = await restoreBackup(target, file);
    expect(restored.replaced).toEqual([]);
    expect(await snapshotOf(target)).toEqual(before);
    const handle = openDatabase(target);
    try {
      expect(await verifyAuditChain(handle.db)).toMatchObject({
        ok: true,
        checked: before.audit_log?.length,
      });
    } finally {
      await handle.close();
    }
  });

  it('refuses a backup from a newer version, and a damaged one, leaving the database as it was', async () => {
    const source = await seededTarget();
    const good = backupFile('good');
    const handle = openDatabase(source);
    try {
      await createBackup(handle, good);
    } finally {
      await handle.close();
    }
    const lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0] as string);

    const newer = backupFile('newer');
    const future = { ...header, migrations: [...header.migrations, '2999-01-01T0000-from-the-future'] };
    fs.writeFileSync(newer, zlib.gzipSync(`${[JSON.stringify(future), ...lines.slice(1)].join('\n')}\n`));
    const truncated = backupFile('truncated');
    fs.writeFileSync(truncated, zlib.gzipSync(`${lines.slice(0, -40).join('\n')}\n`));
    const notGzip = backupFile('not-gzip');
    fs.writeFileSync(notGzip, 'hello');

    const target = await seededTarget();
    const before = await snapshotOf(target);
    await expect(restoreBackup(target, newer, { force: true })).rejects.toMatchObject({
      code: 'backup.newer_version',
    });
    await expect(restoreBackup(target, truncated, { force: true })).rejects.toMatchObject({
      code: 'backup.corrupt',
    });
    await expect(restoreBackup(target, notGzip, { force: true })).rejects.toMatchObject({
      code: 'backup.corrupt',
    });
    expect(await snapshotOf(target)).toEqual(before);
    // Nothing left behind: no staging folder, no half-written database file.
    const leftovers = [
      ...fs.readdirSync(target.dataDir),
      ...(target.sqliteFile ? fs.readdirSync(path.dirname(target.sqliteFile)) : []).filter((f) =>
        f.startsWith(`.${path.basename(target.sqliteFile)}.restore`),
      ),
    ].filter((f) => f.includes('restore'));
    expect(leftovers).toEqual([]);
  });

  it.runIf(testDialect === 'sqlite')(
    'refuses to replace a SQLite file a running server holds open',
    async () => {
      const target = await seededTarget();
      const file = backupFile('in-use');
      const { app, ctx } = await openApp(target);
      await createBackup(ctx, file);
      await expect(restoreBackup(target, file, { force: true })).rejects.toMatchObject({
        code: 'restore.database_in_use',
      });
      // The server's file was left alone.
      expect((await call(app, null, 'GET', '/healthz')).statusCode).toBe(200);
      expect(await snapshot(ctx.db, ctx.dialect)).toMatchObject({ regions: expect.any(Array) });
    },
  );

  it.runIf(testDialect === 'postgres')('moves data from SQLite to PostgreSQL and back', async () => {
    // A SQLite installation of its own, seeded as the template is.
    const sqliteSource = await emptyTarget('sqlite');
    const config = loadConfig(
      {},
      { databaseUrl: null, sqliteFile: sqliteSource.sqliteFile, dataDir: sqliteSource.dataDir },
    );
    const sqliteCtx = await createContext(config);
    await seedHeyuanDemo(sqliteCtx);
    await transact(sqliteCtx, systemMeta, (tx) =>
      tx.audit({ action: 'test.note', before: { text: '多行\n文本', n: 1.5 }, after: { ok: true } }),
    );
    const fromSqlite = await snapshot(sqliteCtx.db, 'sqlite');
    const sqliteFile = backupFile('from-sqlite');
    await createBackup(sqliteCtx, sqliteFile);
    await sqliteCtx.handle.close();

    const pgTarget = await emptyTarget('postgres');
    await restoreBackup(pgTarget, sqliteFile);
    expect(await snapshotOf(pgTarget)).toEqual(fromSqlite);
    const { app, ctx, close } = await openApp(pgTarget);
    expect(ctx.dialect).toBe('postgres');
    await login(app, 'admin');
    expect(await verifyAuditChain(ctx.db)).toMatchObject({
      ok: true,
      checked: (fromSqlite.audit_log?.length ?? 0) + 1,
    });
    const fromPostgres = await snapshot(ctx.db, 'postgres');
    const pgFile = backupFile('from-postgres');
    await createBackup(ctx, pgFile);
    await close();

    const sqliteTarget = await emptyTarget('sqlite');
    await restoreBackup(sqliteTarget, pgFile);
    expect(await snapshotOf(sqliteTarget)).toEqual(fromPostgres);
    const back = openDatabase(sqliteTarget);
    try {
      expect(back.dialect).toBe('sqlite');
      expect((await verifyAuditChain(back.db)).ok).toBe(true);
    } finally {
      await back.close();
    }
  });
});
