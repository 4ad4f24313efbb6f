import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { CalendarDay, errorCatalog, PutCalendarYearInput } from '@f2f/contract';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { createContext } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { type AppContext, systemMeta, transact } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { verifyAuditChain } from './modules/audit/audit.repository.ts';
import { assertStrongPassword, hashPassword } from './modules/auth/password.ts';
import {
  attachmentsDirOf,
  BackupError,
  createBackup,
  readBackupHeader,
  restoreBackup,
} from './modules/backup/backup.ts';
import { putYear } from './modules/calendar/calendar.admin.ts';
import { listYears } from './modules/calendar/calendar.repository.ts';
import * as orgRepo from './modules/org/org.repository.ts';
import { hasAnyRegion, seedHeyuanDemo } from './seed/heyuan.ts';
import { ensureReferenceData } from './seed/reference.ts';
import { writeCitySettings } from './seed/settings.ts';

/**
 * Administrator commands: `npm run cli -- <command>`. Each command is a few lines over the same
 * services the server uses; results go to stdout, failures to stderr in Chinese and English,
 * with exit code 1 (2 for a mistyped command).
 */

const HELP = `“面对面”政企交流平台 管理命令 / Face-to-Face admin commands

用法 Usage: npm run cli -- <command> [options]

  migrate                              执行数据库迁移并载入基础数据（节假日）
                                       Run migrations and load reference data (official holidays)
  seed --demo                          数据库为空时载入河源演示数据 / Seed the Heyuan demo data into an empty database
  init --city 河源市 --code 441600 --prefix HY --admin USERNAME --name 姓名 [--unit 单位名称]
                                       正式部署初始化：市级区域、系统管理单位和第一位管理员
                                       Set up a real installation: the city, an administration unit, the first admin
                                       密码取自环境变量 F2F_ADMIN_PASSWORD，否则从标准输入读取
                                       The password comes from F2F_ADMIN_PASSWORD, or else from stdin
  calendar shift YYYY-MM-DD ±N         N 个工作日之后（负数为之前）的日期 / The date N working days later (earlier if negative)
  calendar is-workday YYYY-MM-DD       是否工作日：true / false / Whether the date is a working day
  calendar between FROM TO             FROM 之后至 TO（含）的工作日数 / Working days after FROM up to and including TO
  calendar import FILE                 导入一年的节假日安排（holiday-cn JSON 格式）/ Import a year (holiday-cn JSON)
  calendar years                       已录入的年份 / The years the calendar knows
  audit verify                         校验审计日志哈希链 / Verify the audit log's hash chain
  backup FILE                          在线备份数据库和附件（服务器可继续运行）/ Back up the database and attachments online
  restore FILE [--force]               从备份恢复（请先停止服务器；已有数据时须加 --force）
                                       Restore a backup (stop the server first; --force replaces existing data)
  help                                 显示本帮助 / Show this help

配置 Configuration: DATA_DIR, DATABASE_URL（PostgreSQL）, SQLITE_FILE
退出码 Exit codes: 0 成功 success, 1 失败 failure, 2 用法错误 usage error`;

const CALENDAR_HELP = `用法 Usage:
  calendar shift YYYY-MM-DD ±N      例 e.g. calendar shift 2025-10-09 -4  →  2025-09-26
  calendar is-workday YYYY-MM-DD
  calendar between FROM TO
  calendar import FILE
  calendar years`;

/** A mistyped command: the message, then the help that shows the right form. */
class UsageError extends Error {
  constructor(
    readonly zh: string,
    en: string,
    readonly help: string = HELP,
  ) {
    super(en);
  }
}

/** A failure the command reports in its own words (already printed to stdout, if anything). */
class CommandFailed extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

// parseArgs reads "-4" as an unknown short option. Here a negative number is always a value
// (`calendar shift 2025-10-09 -4`), so it passes through parseArgs behind a marker.
const NEGATIVE_NUMBER = /^-\d+$/;
const MARK = '\u0000';
const unmark = (value: string) => (value.startsWith(MARK) ? value.slice(MARK.length) : value);

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse(args: string[], options: OptionSpec, help: string) {
  try {
    const { values, positionals } = parseArgs({
      args: args.map((a) => (NEGATIVE_NUMBER.test(a) ? MARK + a : a)),
      options,
      allowPositionals: true,
      strict: true,
    });
    const strings: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(values)) {
      strings[key] = typeof value === 'string' ? unmark(value) : (value as boolean | undefined);
    }
    return { values: strings, positionals: positionals.map(unmark) };
  } catch (error) {
    throw new UsageError('参数有误', error instanceof Error ? error.message : String(error), help);
  }
}

function expectPositionals(positionals: string[], count: number, help: string): string[] {
  if (positionals.length !== count) {
    throw new UsageError(
      `需要 ${count} 个参数，实际 ${positionals.length} 个`,
      `Expected ${count} argument(s), got ${positionals.length}`,
      help,
    );
  }
  return positionals;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Opens the database the way the server does: migrated, reference data loaded. */
async function withContext<T>(config: Config, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.handle.close();
  }
}

async function migrate(config: Config): Promise<void> {
  const handle = openDatabase(config);
  try {
    const ran = await migrateToLatest(handle.db);
    const ctx = await createContext(config, { handle, prepareDatabase: false });
    const years = await ensureReferenceData(ctx);
    out(ran.length > 0 ? `migrations run: ${ran.join(', ')}` : 'migrations: up to date');
    out(years.length > 0 ? `holiday years loaded: ${years.join(', ')}` : 'holiday years: up to date');
  } finally {
    await handle.close();
  }
}

async function seed(config: Config, args: string[]): Promise<void> {
  const { values } = parse(args, { demo: { type: 'boolean' } }, HELP);
  if (!values.demo) throw new UsageError('目前只支持 seed --demo', 'Only `seed --demo` exists');
  await withContext(config, async (ctx) => {
    const { seeded } = await seedHeyuanDemo(ctx);
    out(
      seeded
        ? '已载入河源演示数据 / Seeded the Heyuan demo data'
        : '数据库已有数据，未载入演示数据 / The database is not empty; demo data not seeded',
    );
  });
}

const InitInput = z.object({
  city: z.string().trim().min(2).max(30),
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{2,20}$/, 'letters, digits, -'),
  prefix: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,6}$/, '1–6 capital letters'),
  admin: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,40}$/, '3–40 letters, digits, _ . -'),
  name: z.string().trim().min(1).max(40),
  unit: z.string().trim().min(2).max(60).optional(),
});

async function readPassword(): Promise<string> {
  const fromEnv = process.env.F2F_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('管理员密码 Administrator password: ');
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line.trim();
  } finally {
    lines.close();
  }
  throw new UsageError(
    '未提供密码：请设置 F2F_ADMIN_PASSWORD 或从标准输入输入',
    'No password: set F2F_ADMIN_PASSWORD or type it on stdin',
  );
}

async function init(config: Config, args: string[]): Promise<void> {
  const names = ['city', 'code', 'prefix', 'admin', 'name', 'unit'] as const;
  const { values, positionals } = parse(
    args,
    Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
    HELP,
  );
  expectPositionals(positionals, 0, HELP);
  const parsed = InitInput.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UsageError(`参数有误：${problems}`, `Invalid options: ${problems}`);
  }
  const input = parsed.data;
  await withContext(config, async (ctx) => {
    if (await hasAnyRegion(ctx)) {
      throw new CommandFailed(
        '数据库已有行政区域，不能再次初始化',
        'The database already has regions; init runs only once, on an empty database',
      );
    }
    const password = await readPassword();
    assertStrongPassword(password);
    const passwordHash = await hashPassword(password);
    const unitName = input.unit ?? `${input.city}“面对面”平台系统管理组`;
    await transact(ctx, systemMeta, async (tx) => {
      const region = {
        id: uuidv7(),
        code: input.code,
        name: input.city,
        kind: 'city',
        parentId: null,
        sortOrder: 0,
      };
      await tx.trx.insertInto('regions').values(region).execute();
      await tx.audit({
        action: 'org.region.create',
        entityType: 'region',
        entityId: region.id,
        after: region,
      });
      const unitRow = {
        id: uuidv7(),
        name: unitName,
        shortName: '系统管理组',
        type: 'department',
        regionId: region.id,
        parentId: null,
        isCollector: 0 as const,
        active: 1 as const,
        sortOrder: 10,
        version: 1,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      await tx.trx.insertInto('units').values(unitRow).execute();
      const unit = orgRepo.toUnit(unitRow);
      await tx.audit({ action: 'org.unit.create', entityType: 'unit', entityId: unit.id, after: unit });
      const personId = uuidv7();
      await tx.trx
        .insertInto('people')
        .values({
          id: personId,
          username: input.admin,
          passwordHash,
          name: input.name,
          title: null,
          unitId: unit.id,
          enterpriseId: null,
          phone: null,
          email: null,
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          // The operator chose this password just now.
          mustChangePassword: 0,
          lastLoginAt: null,
          version: 1,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .execute();
      await orgRepo.setRoles(tx.trx, personId, ['admin']);
      const person = await orgRepo.getPerson(tx.trx, personId, tx.now);
      await tx.audit({
        action: 'org.person.create',
        entityType: 'person',
        entityId: personId,
        after: person,
      });
      const settings = {
        productName: `${input.city}“面对面”政企交流平台`,
        cityName: input.city,
        cityRegionId: region.id,
        appealNumberPrefix: input.prefix,
      };
      await writeCitySettings(tx.trx, settings, tx.now);
      await tx.audit({ action: 'system.init', entityType: 'system', entityId: 'city', after: settings });
    });
    out(
      `已初始化 ${input.city}（${input.code}），管理员 ${input.admin} / Initialised; administrator ${input.admin}`,
    );
  });
}

/** A year file as NateScarlet/holiday-cn publishes it. */
const HolidayCnFile = z.object({
  year: z.number().int().min(2000).max(2100),
  papers: z.array(z.string()),
  days: z.array(CalendarDay),
});

async function calendarImport(config: Config, file: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandFailed(
      `无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`,
      `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = HolidayCnFile.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'request.invalid',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  }
  const { year, papers, days } = parsed.data;
  // holiday-cn lists the last days of the previous year in the next year's file when a holiday
  // spans New Year (2023.json holds 2022-12-31); they belong to the previous year's arrangement.
  const previousYear = days.filter((d) => d.date.startsWith(`${year - 1}-`));
  const input = PutCalendarYearInput.parse({
    source: `国务院办公厅关于${year}年部分节假日安排的通知 ${papers.join(' ')}`.trim().slice(0, 300),
    days: days.filter((d) => !previousYear.includes(d)),
  });
  await withContext(config, async (ctx) => {
    await putYear(ctx, systemMeta, year, input);
    const offDays = input.days.filter((d) => d.isOffDay).length;
    out(
      `imported ${year}: ${offDays} holidays, ${input.days.length - offDays} make-up working days ` +
        `/ 已导入 ${year} 年：节假日 ${offDays} 天，调休上班 ${input.days.length - offDays} 天`,
    );
  });
  for (const day of previousYear) {
    err(`skipped ${day.date} (belongs to ${year - 1}) / 已跳过 ${day.date}（属于 ${year - 1} 年）`);
  }
}

async function calendar(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { positionals } = parse(rest, {}, CALENDAR_HELP);
  switch (sub) {
    case 'shift': {
      const [date, days] = expectPositionals(positionals, 2, CALENDAR_HELP) as [string, string];
      if (!/^[+-]?\d{1,4}$/.test(days) || Math.abs(Number(days)) > 1000) {
        throw new UsageError(
          '工作日数须为 -1000 到 1000 之间的整数',
          'The number of working days must be an integer from -1000 to 1000',
          CALENDAR_HELP,
        );
      }
      return withContext(config, async (ctx) => out(ctx.calendar.addWorkdays(date, Number(days))));
    }
    case 'is-workday': {
      const [date] = expectPositionals(positionals, 1, CALENDAR_HELP) as [string];
      return withContext(config, async (ctx) => out(String(ctx.calendar.isWorkday(date))));
    }
    case 'between': {
      const [from, to] = expectPositionals(positionals, 2, CALENDAR_HELP) as [string, string];
      return withContext(config, async (ctx) => out(String(ctx.calendar.workdaysBetween(from, to))));
    }
    case 'import': {
      const [file] = expectPositionals(positionals, 1, CALENDAR_HELP) as [string];
      return calendarImport(config, file);
    }
    case 'years': {
      expectPositionals(positionals, 0, CALENDAR_HELP);
      return withContext(config, async (ctx) => {
        for (const y of await listYears(ctx.db)) {
          out(
            `${y.year}\t节假日 holidays ${y.holidayCount}\t调休上班 make-up ${y.makeUpWorkdayCount}\t${y.source ?? ''}`,
          );
        }
      });
    }
    case undefined:
    case 'help':
      out(CALENDAR_HELP);
      return;
    default:
      throw new UsageError(
        `未知的 calendar 子命令：${sub}`,
        `Unknown calendar command: ${sub}`,
        CALENDAR_HELP,
      );
  }
}

async function audit(config: Config, args: string[]): Promise<void> {
  const { positionals } = parse(args, {}, HELP);
  if (positionals.length !== 1 || positionals[0] !== 'verify') {
    throw new UsageError('用法：audit verify', 'Usage: audit verify');
  }
  const handle = openDatabase(config);
  try {
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      out(`ok: ${result.checked} rows checked`);
      return;
    }
    out(`broken at seq ${result.firstBadSeq}: ${result.reason}`);
    throw new CommandFailed(errorCatalog['audit.chain_broken'].zh, errorCatalog['audit.chain_broken'].en);
  } finally {
    await handle.close();
  }
}

async function backup(config: Config, args: string[]): Promise<void> {
  const { positionals } = parse(args, {}, HELP);
  const [file] = expectPositionals(positionals, 1, HELP) as [string];
  if (!config.databaseUrl && (config.sqliteFile === ':memory:' || !fs.existsSync(config.sqliteFile))) {
    throw new CommandFailed(
      `找不到数据库文件：${config.sqliteFile}`,
      `No database file at ${config.sqliteFile}`,
    );
  }
  // A connection of its own: the server may go on writing while the backup reads its snapshot.
  const handle = openDatabase(config);
  try {
    const summary = await createBackup(handle, file, { attachmentsDir: attachmentsDirOf(config.dataDir) });
    const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
    for (const [table, count] of Object.entries(summary.tables)) out(`  ${table}: ${count}`);
    out(
      `backup written: ${file} (${rows} rows in ${Object.keys(summary.tables).length} tables, ` +
        `${summary.files} attachments, ${summary.bytes} bytes) / 备份完成`,
    );
  } finally {
    await handle.close();
  }
}

async function restore(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' } }, HELP);
  const [file] = expectPositionals(positionals, 1, HELP) as [string];
  const header = await readBackupHeader(file);
  out(`backup of ${header.createdAt} (${header.dialect}, ${header.migrations.length} migrations)`);
  const summary = await restoreBackup(config, file, { force: values.force === true });
  if (summary.otherConnections > 0) {
    err(
      `注意：恢复期间另有 ${summary.otherConnections} 个连接在使用该数据库，请重启服务器 / ` +
        `Note: ${summary.otherConnections} other connection(s) used the database; restart the server`,
    );
  }
  if (summary.replaced.length > 0) out(`replaced existing data in: ${summary.replaced.join(', ')}`);
  for (const [table, count] of Object.entries(summary.tables)) out(`  ${table}: ${count}`);
  if (summary.upgradedBy.length > 0) out(`migrations run after loading: ${summary.upgradedBy.join(', ')}`);
  out(`restored ${file} (${summary.files} attachments) / 恢复完成`);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return;
  }
  if (args.includes('--help') || args.includes('-h')) {
    out(command === 'calendar' ? CALENDAR_HELP : HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      expectPositionals(parse(args, {}, HELP).positionals, 0, HELP);
      return migrate(config);
    case 'seed':
      return seed(config, args);
    case 'init':
      return init(config, args);
    case 'calendar':
      return calendar(config, args);
    case 'audit':
      return audit(config, args);
    case 'backup':
      return backup(config, args);
    case 'restore':
      return restore(config, args);
    default:
      throw new UsageError(`未知命令：${command}`, `Unknown command: ${command}`);
  }
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    err(`${error.zh} / ${error.message}`);
    err('');
    err(error.help);
    return 2;
  }
  if (error instanceof AppError) {
    const { zh, en } = errorCatalog[error.code];
    err(`${error.code}: ${zh} / ${en}`);
    if (error.details !== undefined) err(JSON.stringify(error.details));
    return 1;
  }
  if (error instanceof BackupError) {
    err(`${error.code}: ${error.zh} / ${error.message}`);
    return 1;
  }
  if (error instanceof CommandFailed) {
    err(`${error.zh} / ${error.message}`);
    return 1;
  }
  err(`错误 Error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.F2F_DEBUG && error instanceof Error && error.stack) err(error.stack);
  return 1;
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  process.exitCode = report(error);
}
