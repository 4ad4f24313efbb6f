import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { readCitySettings } from '../src/seed/settings.ts';
import { cloneTemplate, pgAdmin, pgUrl, RUN_ID, testDialect, WORK_DIR } from './databases.ts';
import { login } from './test-app.ts';

/**
 * The real command line, spawned as an administrator would run it (`npm run cli -- …` ends in
 * the same `tsx src/cli.ts`; `node --import tsx` skips npm's and tsx's own start-up).
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const workDir = path.join(WORK_DIR, `cli-${process.pid}`);
fs.mkdirSync(workDir, { recursive: true });

interface Database {
  databaseUrl: string | null;
  sqliteFile: string;
  dataDir: string;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(db: Database, args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: db.databaseUrl ?? '',
        SQLITE_FILE: db.sqliteFile,
        DATA_DIR: db.dataDir,
        F2F_ADMIN_PASSWORD: '',
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function seeded(label: string): Promise<Database> {
  const database = await cloneTemplate();
  drops.push(database.drop);
  const dataDir = path.join(workDir, label);
  fs.mkdirSync(dataDir, { recursive: true });
  return { ...database, dataDir };
}

async function empty(label: string): Promise<Database> {
  const dataDir = path.join(workDir, label);
  fs.mkdirSync(dataDir, { recursive: true });
  if (testDialect === 'postgres') {
    const name = `f2f_t_${RUN_ID}_${process.pid}_cli_${label}`;
    await pgAdmin((c) => c.query(`create database ${name}`));
    drops.push(() =>
      pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    );
    return { databaseUrl: pgUrl(name), sqliteFile: '', dataDir };
  }
  return { databaseUrl: null, sqliteFile: path.join(dataDir, 'db.sqlite'), dataDir };
}

async function withDb<T>(
  db: Database,
  work: (handle: ReturnType<typeof openDatabase>) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(db);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const db = await seeded('main');

describe.concurrent('calendar, help and errors', () => {
  it('shifts by working days, counting back over National Day 2025', async () => {
    // A negative count is a value, not an option.
    const result = await cli(db, ['calendar', 'shift', '2025-10-09', '-4']);
    expect(result).toEqual({ code: 0, stdout: '2025-09-26\n', stderr: '' });
  });

  it('steps over the Spring Festival 2026 holiday and onto its make-up Saturday', async () => {
    // Fri 13 Feb, then Sat 14 Feb (make-up working day), then 15–23 Feb off: Tue 24 Feb.
    expect((await cli(db, ['calendar', 'shift', '2026-02-13', '2'])).stdout).toBe('2026-02-24\n');
  });

  it('counts working days across National Day 2025 with its make-up days', async () => {
    // Sun 28 Sep (make-up), 29–30 Sep, 9–10 Oct and Sat 11 Oct (make-up).
    expect((await cli(db, ['calendar', 'between', '2025-09-26', '2025-10-11'])).stdout).toBe('6\n');
  });

  it('knows a make-up Sunday is a working day', async () => {
    expect(await cli(db, ['calendar', 'is-workday', '2025-09-28'])).toEqual({
      code: 0,
      stdout: 'true\n',
      stderr: '',
    });
  });

  it('knows a National Day holiday is not', async () => {
    expect((await cli(db, ['calendar', 'is-workday', '2025-10-02'])).stdout).toBe('false\n');
  });

  it('fails with the error code for a year the calendar does not know', async () => {
    const result = await cli(db, ['calendar', 'shift', '2031-03-03', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('calendar.year_unknown');
    expect(result.stderr).toContain('工作日历尚未包含该年份');
    expect(result.stderr).toContain('does not cover that year');
  });

  it('shows the help for an unknown command and exits 2', async () => {
    const result = await cli(db, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('未知命令');
    expect(result.stderr).toContain('Unknown command: frobnicate');
    expect(result.stderr).toContain('calendar shift YYYY-MM-DD');
  });

  it('imports a year in the holiday-cn format and validates it like the API', async () => {
    const file = path.join(workDir, '2027.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        papers: ['https://www.gov.cn/example-2027'],
        days: [
          { name: '元旦', date: '2026-12-31', isOffDay: true },
          { name: '元旦', date: '2027-01-01', isOffDay: true },
          { name: '春节', date: '2027-02-06', isOffDay: false },
          { name: '春节', date: '2027-02-08', isOffDay: true },
        ],
      }),
    );
    const bad = path.join(workDir, '2028.json');
    // 2028-01-04 is a Tuesday: a make-up working day must fall on a weekend.
    fs.writeFileSync(
      bad,
      JSON.stringify({
        year: 2028,
        papers: [],
        days: [{ name: '元旦', date: '2028-01-04', isOffDay: false }],
      }),
    );
    const [imported, refused] = await Promise.all([
      cli(db, ['calendar', 'import', file]),
      cli(db, ['calendar', 'import', bad]),
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 2027: 2 holidays, 1 make-up working days');
    expect(imported.stderr).toContain('skipped 2026-12-31');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('calendar.make_up_day_not_weekend');

    const years = await cli(db, ['calendar', 'years']);
    expect(years.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual([
      '2023',
      '2024',
      '2025',
      '2026',
      '2027',
      '',
    ]);
    expect(years.stdout).toContain('https://www.gov.cn/example-2027');
  });
});

describe('audit chain, backup and restore', () => {
  const backup = path.join(workDir, 'main.f2f.gz');

  it('verifies the audit chain and backs up the running database', async () => {
    fs.mkdirSync(path.join(db.dataDir, 'attachments'), { recursive: true });
    fs.writeFileSync(path.join(db.dataDir, 'attachments', 'minutes.txt'), '纪要');
    const rows = await withDb(db, async ({ db }) =>
      db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const [verified, backedUp] = await Promise.all([
      cli(db, ['audit', 'verify']),
      cli(db, ['backup', backup]),
    ]);
    expect(verified).toEqual({ code: 0, stdout: `ok: ${Number(rows.n)} rows checked\n`, stderr: '' });
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toContain('backup written');
    expect(backedUp.stdout).toContain('1 attachments');
    expect(fs.statSync(backup).size).toBeGreaterThan(1000);
  });

  it('finds an edited audit row, refuses to restore over data, and restores with --force', async () => {
    const edited = await withDb(db, async (handle) => {
      const trigger =
        handle.dialect === 'postgres' ? 'audit_log_no_change on audit_log' : 'audit_log_no_update';
      await sql.raw(`drop trigger ${trigger}`).execute(handle.db);
      const row = await handle.db
        .selectFrom('auditLog')
        .select('seq')
        .orderBy('seq')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow();
      await handle.db
        .updateTable('auditLog')
        .set({ actorName: '篡改者' })
        .where('seq', '=', row.seq)
        .execute();
      return row.seq;
    });
    fs.rmSync(path.join(db.dataDir, 'attachments', 'minutes.txt'));
    const [broken, refused] = await Promise.all([cli(db, ['audit', 'verify']), cli(db, ['restore', backup])]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      `broken at seq ${edited}: content does not match its hash (the row was altered)\n`,
    );
    expect(broken.stderr).toContain('审计日志校验失败');
    expect(broken.stderr).toContain('failed verification');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('restore.target_not_empty');
    expect(refused.stderr).toContain('--force');

    const restored = await cli(db, ['restore', backup, '--force']);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('restored');
    expect(fs.readFileSync(path.join(db.dataDir, 'attachments', 'minutes.txt'), 'utf8')).toBe('纪要');
    const verified = await cli(db, ['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^ok: \d+ rows checked\n$/);
    // The restored audit log is append-only again.
    await withDb(db, async (handle) => {
      await expect(handle.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
    });
  });
});

describe('init', () => {
  it('sets up an empty installation whose administrator can sign in', async () => {
    const fresh = await empty('init');
    const args = ['init', '--city', '梅州市', '--code', '441400', '--prefix', 'MZ', '--admin', 'mzadmin'];
    const created = await cli(fresh, [...args, '--name', '梅州管理员'], { input: 'Meizhou2025x\n' });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('mzadmin');

    const again = await cli(fresh, [...args, '--name', '另一位'], {
      env: { F2F_ADMIN_PASSWORD: 'Another2025x' },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('不能再次初始化');

    const config = loadConfig({}, { ...fresh, webDist: null, logLevel: 'silent' });
    const { app, ctx } = await buildApp(config, { logger: false });
    try {
      const session = await login(app, 'mzadmin', 'Meizhou2025x');
      const me = await app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: session.cookie },
      });
      expect(me.json()).toMatchObject({
        person: { username: 'mzadmin', name: '梅州管理员', regionName: '梅州市' },
        roles: ['admin'],
        mustChangePassword: false,
      });
      const regions = await app.inject({
        method: 'GET',
        url: '/api/org/regions',
        headers: { cookie: session.cookie },
      });
      expect(regions.json()).toEqual([
        expect.objectContaining({ code: '441400', name: '梅州市', parentId: null }),
      ]);
      expect(await readCitySettings(ctx.db)).toMatchObject({ cityName: '梅州市', appealNumberPrefix: 'MZ' });
      const actions = await ctx.db.selectFrom('auditLog').select('action').orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['org.region.create', 'org.unit.create', 'org.person.create', 'system.init']),
      );
    } finally {
      await app.close();
    }
    // Once is enough.
    expect((await again).code).toBe(1);
    expect((await again).stderr).toContain('不能再次初始化');
  });
});
