import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, type RawBuilder, SqliteDialect, sql } from 'kysely';
import { z } from 'zod';
import { migrations } from '../../../migrations/index.ts';
import { type Db, type DialectName, openDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isDerivedTable, rebuildAppealIndex } from '../search/search.repository.ts';
import { rebuildTopicStats } from '../topics/topics.repository.ts';

/**
 * Logical backups: a gzip'd file of JSON lines that either database can read back.
 *
 *   {"format":"f2f-backup","version":1,"createdAt":…,"dialect":…,"migrations":[…]}
 *   {"type":"table","table":"regions","columns":[…],"primaryKey":["id"]}
 *   ["…","…",…]                                   one line per row, values in column order
 *   {"type":"tableEnd","table":"regions","rows":9}
 *   …every table, parents before the tables that reference them…
 *   {"type":"file","path":"2025/06/a.pdf","size":1234}
 *   {"type":"chunk","data":"<base64>"}            the file's bytes, in chunks
 *   {"type":"end","tables":{"regions":9,…},"files":1,"fileBytes":1234}
 *
 * Tables, columns, keys and foreign keys are read from the database itself, so a table added by
 * a later migration is backed up without touching this file. The trailer makes a truncated
 * copy detectable.
 */

export const BACKUP_FORMAT = 'f2f-backup';
export const BACKUP_VERSION = 1;

/**
 * Sign-ins are not data: a restored system asks everyone to sign in again. The dashboard aggregates are
 * kept by triggers: a restore's inserts rebuild them (migrations 0011, 0012 and 0016).
 */
const excludedNames: readonly string[] = [
  'sessions',
  'appeal_stats',
  'assignment_stats',
  'rating_stats',
  'unit_stats',
  'unit_rating_stats',
  'supervision_stats',
  'open_work_stats',
];

/** Left out of backups: sign-ins, and derived tables (the search index) rebuilt after a restore. */
export function isExcludedTable(name: string): boolean {
  return excludedNames.includes(name) || isDerivedTable(name);
}

const DEFAULT_PAGE_SIZE = 1000;
/** Bound parameters per INSERT, well below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 4000;
/** Raw bytes per chunk line (512 KiB of base64). */
const FILE_CHUNK_BYTES = 384 * 1024;

/** An expected backup or restore failure, with a stable code and a message in both languages. */
export class BackupError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly details: unknown;

  constructor(code: string, zh: string, en: string, details?: unknown) {
    super(en);
    this.name = 'BackupError';
    this.code = code;
    this.zh = zh;
    this.details = details;
  }
}

const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  migrations: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

type Value = string | number | boolean | null;
type Row = Record<string, unknown>;
type Raw = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// What the database holds

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Other tables this one references; they are written and restored first. */
  references: string[];
  /** Columns that reference the table itself (a parent region or unit). */
  selfReferences: string[];
  /** A column filled from a sequence (PostgreSQL identity or serial), reset after a restore. */
  sequenced: string | null;
}

/** Every table of the application (migration bookkeeping aside), in no particular order. */
export async function readTables(db: Raw, dialect: DialectName): Promise<TableInfo[]> {
  const raw = db.withoutPlugins();
  return dialect === 'postgres' ? readPostgresTables(raw) : readSqliteTables(raw);
}

const isApplicationTable = (name: string) => !name.startsWith('sqlite_') && !name.startsWith('kysely_');

async function readSqliteTables(db: Raw): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  const result: TableInfo[] = [];
  for (const { name } of tables.filter((t) => isApplicationTable(t.name))) {
    const { rows: columns } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const { rows: keys } = await sql<{ referenced: string; column: string }>`
      select "table" as referenced, "from" as "column" from pragma_foreign_key_list(${name})`.execute(db);
    result.push({
      name,
      columns: columns.map((c) => c.name),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(keys.filter((k) => k.referenced !== name).map((k) => k.referenced))],
      selfReferences: keys.filter((k) => k.referenced === name).map((k) => k.column),
      // AUTOINCREMENT follows explicitly inserted values by itself.
      sequenced: null,
    });
  }
  return result;
}

async function readPostgresTables(db: Raw): Promise<TableInfo[]> {
  const { rows: columns } = await sql<{ table: string; column: string; sequenced: boolean }>`
    select c.relname as "table", a.attname as "column",
      pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) is not null
        as sequenced
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname, a.attnum`.execute(db);
  const { rows: constraints } = await sql<{
    kind: string;
    table: string;
    referenced: string | null;
    column: string;
  }>`
    select con.contype as kind, t.relname as "table", r.relname as referenced, a.attname as "column"
    from pg_constraint con
    join pg_class t on t.oid = con.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    left join pg_class r on r.oid = con.confrelid
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where n.nspname = 'public' and con.contype in ('p', 'f')
    order by t.relname, con.conname, k.ord`.execute(db);
  const byName = new Map<string, TableInfo>();
  for (const c of columns) {
    if (!isApplicationTable(c.table)) continue;
    let table = byName.get(c.table);
    if (!table) {
      table = {
        name: c.table,
        columns: [],
        primaryKey: [],
        references: [],
        selfReferences: [],
        sequenced: null,
      };
      byName.set(c.table, table);
    }
    table.columns.push(c.column);
    if (c.sequenced) table.sequenced = c.column;
  }
  for (const c of constraints) {
    const table = byName.get(c.table);
    if (!table) continue;
    if (c.kind === 'p') table.primaryKey.push(c.column);
    else if (c.referenced === c.table) table.selfReferences.push(c.column);
    else if (c.referenced && !table.references.includes(c.referenced)) table.references.push(c.referenced);
  }
  return [...byName.values()];
}

/** Parents before children; ties broken by name so that every backup lists tables alike. */
export function inDependencyOrder(tables: TableInfo[]): TableInfo[] {
  const pending = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()]
      .filter((t) => t.references.every((r) => !pending.has(r)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const next = ready[0];
    if (!next) {
      throw new BackupError(
        'backup.table_cycle',
        `数据表之间存在循环引用，无法确定备份顺序：${[...pending.keys()].join(', ')}`,
        `Tables reference each other in a cycle: ${[...pending.keys()].join(', ')}`,
      );
    }
    ordered.push(next);
    pending.delete(next.name);
  }
  return ordered;
}

/** The application tables that hold at least one row. */
export async function tablesWithRows(db: Raw, dialect: DialectName): Promise<string[]> {
  const raw = db.withoutPlugins();
  const found: string[] = [];
  for (const table of await readTables(raw, dialect)) {
    const { rows } = await sql`select 1 as one from ${sql.table(table.name)} limit 1`.execute(raw);
    if (rows.length > 0) found.push(table.name);
  }
  return found.sort();
}

async function appliedMigrations(db: Raw): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.map((r) => r.name);
  } catch (error) {
    throw new BackupError(
      'backup.not_migrated',
      '数据库尚未初始化（没有迁移记录），请先运行 migrate',
      'The database has no migration history; run `migrate` first',
      { cause: String(error) },
    );
  }
}

/** The migrations this version knows, in the order they run. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

// ---------------------------------------------------------------------------------------------
// Writing a backup

/** Writes JSON lines through gzip into a file, waiting whenever the disk falls behind. */
class LineWriter {
  private readonly gzip = zlib.createGzip();
  private readonly finished: Promise<void>;
  private failure: unknown = null;

  constructor(file: string) {
    this.finished = pipeline(this.gzip, fs.createWriteStream(file, { flags: 'wx' }));
    this.finished.catch((error: unknown) => {
      this.failure = error;
    });
  }

  async write(value: unknown): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(`${JSON.stringify(value)}\n`)) {
      await Promise.race([
        once(this.gzip, 'drain'),
        this.finished.then(() => {
          throw new Error('backup stream closed early');
        }),
      ]);
    }
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.finished;
  }

  abort(): void {
    this.gzip.destroy();
  }
}

export interface BackupProgress {
  table: string;
  /** Rows of this table written so far. */
  rows: number;
}

export interface BackupOptions {
  /** The attachments folder to include; skipped when null or missing. */
  attachmentsDir?: string | null;
  createdAt?: string;
  /** Rows read per query (the backup pages through each table by primary key). */
  pageSize?: number;
  /** Called after every page; the backup waits for it. */
  onProgress?: (progress: BackupProgress) => void | Promise<void>;
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  tables: Record<string, number>;
  files: number;
  fileBytes: number;
  /** Size of the backup file. */
  bytes: number;
}

function portable(value: unknown, table: string, column: string): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
  if (value instanceof Date) return value.toISOString();
  throw new BackupError(
    'backup.unsupported_value',
    `${table}.${column} 的值无法写入备份`,
    `${table}.${column} holds a value a backup cannot carry (${typeof value})`,
  );
}

/**
 * Writes a consistent backup of the database (and the attachments folder) to `file`, which must
 * not exist yet. Every table is read inside one read transaction (PostgreSQL: REPEATABLE READ,
 * read only; SQLite: one transaction, whose WAL snapshot lets others keep writing), page by page,
 * so neither the rows nor the file are ever held in memory whole. On SQLite, pass a connection of
 * its own: the transaction holds it until the tables are written.
 */
export async function createBackup(
  source: { db: Db; dialect: DialectName },
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  if (fs.existsSync(file)) {
    throw new BackupError('backup.file_exists', `备份文件已存在：${file}`, `The backup file exists: ${file}`);
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  const out = new LineWriter(partial);
  try {
    const raw = source.db.withoutPlugins();
    const transaction =
      source.dialect === 'postgres'
        ? raw.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
        : raw.transaction();
    const { header, tables } = await transaction.execute(async (trx) => {
      // The first read fixes the snapshot every later page sees.
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: options.createdAt ?? new Date().toISOString(),
        dialect: source.dialect,
        migrations: await appliedMigrations(trx),
      };
      await out.write(header);
      const tables: Record<string, number> = {};
      for (const table of inDependencyOrder(await readTables(trx, source.dialect))) {
        if (isExcludedTable(table.name)) continue;
        tables[table.name] = await writeTable(trx, table, out, pageSize, options.onProgress);
      }
      return { header, tables };
    });
    const attachments = await writeAttachments(options.attachmentsDir ?? null, out);
    await out.write({ type: 'end', tables, ...attachments });
    await out.close();
    const handle = await fsp.open(partial, 'r+');
    await handle.sync();
    await handle.close();
    await fsp.rename(partial, file);
    return { file, header, tables, ...attachments, bytes: (await fsp.stat(file)).size };
  } catch (error) {
    out.abort();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

async function writeTable(
  trx: Raw,
  table: TableInfo,
  out: LineWriter,
  pageSize: number,
  onProgress: BackupOptions['onProgress'],
): Promise<number> {
  if (table.primaryKey.length === 0) {
    throw new BackupError(
      'backup.no_primary_key',
      `数据表 ${table.name} 没有主键，无法分页备份`,
      `Table ${table.name} has no primary key to page by`,
    );
  }
  await out.write({ type: 'table', table: table.name, columns: table.columns, primaryKey: table.primaryKey });
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const key = sql.join(table.primaryKey.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  let count = 0;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${key}) > (${sql.join(after)})` : sql``;
    const { rows } = await sql<Row>`
      select ${columns} from ${sql.table(table.name)} ${where} order by ${key} limit ${pageSize}`.execute(
      trx,
    );
    for (const row of rows) await out.write(table.columns.map((c) => portable(row[c], table.name, c)));
    count += rows.length;
    const last = rows.at(-1);
    if (last) await onProgress?.({ table: table.name, rows: count });
    if (!last || rows.length < pageSize) break;
    after = table.primaryKey.map((c) => last[c]);
  }
  await out.write({ type: 'tableEnd', table: table.name, rows: count });
  return count;
}

/** Every regular file under `dir`, as sorted '/'-separated relative paths. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fsp.readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

async function writeAttachments(
  dir: string | null,
  out: LineWriter,
): Promise<{ files: number; fileBytes: number }> {
  if (!dir || !fs.existsSync(dir)) return { files: 0, fileBytes: 0 };
  let fileBytes = 0;
  const files = await listFiles(dir);
  for (const relative of files) {
    const full = path.join(dir, relative);
    const { size } = await fsp.stat(full);
    await out.write({ type: 'file', path: relative, size });
    let written = 0;
    for await (const chunk of fs.createReadStream(full, { highWaterMark: FILE_CHUNK_BYTES })) {
      const bytes = chunk as Buffer;
      written += bytes.length;
      await out.write({ type: 'chunk', data: bytes.toString('base64') });
    }
    if (written !== size) {
      throw new BackupError(
        'backup.file_changed',
        `附件在备份过程中被修改：${relative}`,
        `An attachment changed while it was being copied: ${relative}`,
      );
    }
    fileBytes += size;
  }
  return { files: files.length, fileBytes };
}

// ---------------------------------------------------------------------------------------------
// Reading a backup

function corrupt(reason: string): BackupError {
  return new BackupError(
    'backup.corrupt',
    `备份文件损坏或不完整：${reason}`,
    `The backup is damaged or incomplete: ${reason}`,
  );
}

/** The lines of a gzip'd backup, read as a stream. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new BackupError('backup.not_found', `找不到备份文件：${file}`, `No such backup file: ${file}`);
    }
    throw corrupt(error instanceof Error ? error.message : String(error));
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw corrupt('a line is not JSON');
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  const parsed = BackupHeader.safeParse(line === undefined ? undefined : parseLine(line));
  if (!parsed.success) {
    throw new BackupError(
      'backup.not_a_backup',
      '该文件不是本系统的备份（格式或版本不符）',
      'This file is not a Face-to-Face backup of a supported format version',
    );
  }
  return parsed.data;
}

/** Reads the first line of a backup: when and from what it was taken. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = readLines(file);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value);
  } finally {
    await lines.return(undefined);
  }
}

/**
 * The backup's migrations must be the first ones this version knows, in order: a backup from a
 * newer version (or another product) is refused. Returns the last one, or null for none.
 */
export function checkMigrations(backup: readonly string[]): string | null {
  const known = knownMigrations();
  const unknown = backup.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      'backup.newer_version',
      `备份来自更新的版本（含未知迁移 ${unknown.join(', ')}），请先升级本系统`,
      `The backup comes from a newer version (unknown migrations: ${unknown.join(', ')}); upgrade first`,
      { unknown },
    );
  }
  if (backup.some((name, index) => known[index] !== name)) {
    throw new BackupError(
      'backup.migrations_mismatch',
      '备份的迁移记录与本版本不一致',
      'The backup’s migration history does not match this version',
      { backup, known },
    );
  }
  return backup.at(-1) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Restoring

export interface RestoreTarget {
  databaseUrl: string | null;
  sqliteFile: string;
  /** Attachments go to dataDir/attachments. */
  dataDir: string;
}

export interface RestoreOptions {
  /** Replace a target that already holds data. */
  force?: boolean;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: Record<string, number>;
  files: number;
  /** Tables of the target that held rows before (replaced, since force was given). */
  replaced: string[];
  /** Migrations run after loading, to bring an older backup up to this version. */
  upgradedBy: string[];
  /** PostgreSQL: other sessions connected to the database while it was restored. */
  otherConnections: number;
}

export const attachmentsDirOf = (dataDir: string): string => path.join(dataDir, 'attachments');

/**
 * Restores a backup into the configured database, which must be empty unless `force` is given.
 * SQLite: the backup is loaded into a fresh file beside the database, which then replaces it.
 * PostgreSQL: in one transaction, schema public is dropped and recreated, migrated and loaded.
 * Either way a failure leaves the database as it was. Stop the server first.
 */
export async function restoreBackup(
  target: RestoreTarget,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  const lastMigration = checkMigrations(header.migrations);
  const attachmentsDir = attachmentsDirOf(target.dataDir);
  const staging = path.join(target.dataDir, `.attachments.restore-${process.pid}`);
  const existingFiles = fs.existsSync(attachmentsDir) ? (await listFiles(attachmentsDir)).length : 0;
  const refuseIfNotEmpty = (tables: string[]) => {
    if ((tables.length > 0 || existingFiles > 0) && !options.force) {
      throw new BackupError(
        'restore.target_not_empty',
        `目标数据库已有数据（${[...tables, ...(existingFiles ? ['attachments'] : [])].join(', ')}）；确认覆盖请加 --force`,
        `The target already holds data (${[...tables, ...(existingFiles ? ['attachments'] : [])].join(', ')}); add --force to replace it`,
        { tables, attachments: existingFiles },
      );
    }
  };
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const loaded = target.databaseUrl
      ? await restorePostgres(target.databaseUrl, file, lastMigration, staging, refuseIfNotEmpty)
      : await restoreSqlite(target.sqliteFile, file, lastMigration, staging, refuseIfNotEmpty);
    swapDirectory(staging, attachmentsDir);
    return { header, ...loaded };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

type Loaded = Omit<RestoreSummary, 'header'>;

async function restoreSqlite(
  dbFile: string,
  file: string,
  lastMigration: string | null,
  staging: string,
  refuseIfNotEmpty: (tables: string[]) => void,
): Promise<Loaded> {
  if (dbFile === ':memory:') {
    throw new BackupError('restore.memory_database', '不能恢复到内存数据库', 'Cannot restore into :memory:');
  }
  let replaced: string[] = [];
  if (fs.existsSync(dbFile)) {
    const probe = new SQLite(dbFile, { timeout: 0, fileMustExist: true });
    const probeDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: probe }) });
    try {
      replaced = await tablesWithRows(probeDb, 'sqlite');
      refuseIfNotEmpty(replaced);
      // Leaving WAL mode needs the only connection: if another one is open, a server is running
      // and would go on writing into the file we are about to replace.
      try {
        probe.pragma('journal_mode = delete');
      } catch {
        throw new BackupError(
          'restore.database_in_use',
          '数据库正在被使用（服务器是否仍在运行？），请先停止服务器',
          'The database is in use (is the server still running?); stop it first',
        );
      }
    } finally {
      await probeDb.destroy();
    }
  }
  const fresh = path.join(path.dirname(dbFile), `.${path.basename(dbFile)}.restore-${process.pid}`);
  const removeFresh = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(fresh + suffix, { force: true });
  };
  removeFresh();
  try {
    const handle = openDatabase({ databaseUrl: null, sqliteFile: fresh });
    let loaded: Omit<Loaded, 'replaced' | 'otherConnections'>;
    try {
      loaded = await handle.db
        .connection()
        .execute((conn) => loadBackup(conn, 'sqlite', file, lastMigration, staging));
      handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await handle.close();
    }
    // The old write-ahead log belongs to the old file: remove it before the new file takes its
    // place, so that nobody ever opens the new database with it.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });
    fs.renameSync(fresh, dbFile);
    return { ...loaded, replaced, otherConnections: 0 };
  } finally {
    removeFresh();
  }
}

async function restorePostgres(
  databaseUrl: string,
  file: string,
  lastMigration: string | null,
  staging: string,
  refuseIfNotEmpty: (tables: string[]) => void,
): Promise<Loaded> {
  const handle = openDatabase({ databaseUrl, sqliteFile: '' });
  try {
    const replaced = await tablesWithRows(handle.db, 'postgres');
    refuseIfNotEmpty(replaced);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`.execute(
      handle.db,
    );
    const loaded = await handle.db
      .connection()
      .execute((conn) => loadBackup(conn, 'postgres', file, lastMigration, staging));
    return { ...loaded, replaced, otherConnections: rows[0]?.n ?? 0 };
  } finally {
    await handle.close();
  }
}

function migrationFailed(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
}

/**
 * Loads a backup over one connection, in one transaction: (PostgreSQL: a fresh schema public),
 * the migrations the backup was taken at, every row, the sequences, then the migrations that
 * came after. The tables are fresh, so the audit log's append-only triggers never object, and
 * its rows keep their sequence numbers and hashes.
 */
async function loadBackup(
  conn: Raw,
  dialect: DialectName,
  file: string,
  lastMigration: string | null,
  staging: string,
): Promise<Omit<Loaded, 'replaced' | 'otherConnections'>> {
  const raw = conn.withoutPlugins();
  const migrator = new Migrator({
    db: raw,
    provider: { getMigrations: async () => migrations },
    disableTransactions: true,
  });
  await sql`begin`.execute(raw);
  try {
    if (dialect === 'postgres') {
      await sql`drop schema if exists public cascade`.execute(raw);
      await sql`create schema public`.execute(raw);
      // PostgreSQL's own default for schema public.
      await sql`grant usage on schema public to public`.execute(raw);
    }
    if (lastMigration) migrationFailed(await migrator.migrateTo(lastMigration));
    const tables = new Map((await readTables(raw, dialect)).map((t) => [t.name, t]));
    const counts = await loadLines(raw, dialect, file, tables, staging);
    for (const name of tables.keys()) {
      if (!isExcludedTable(name) && counts.tables[name] === undefined) {
        throw new BackupError(
          'restore.schema_mismatch',
          `备份中缺少数据表 ${name}`,
          `The backup lacks table ${name}`,
        );
      }
    }
    for (const table of tables.values()) {
      if (dialect !== 'postgres' || !table.sequenced) continue;
      const column = sql.ref(table.sequenced);
      await sql`select setval(pg_get_serial_sequence(${`public.${table.name}`}, ${table.sequenced}),
        coalesce((select max(${column}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(raw);
    }
    const upgrade = await migrator.migrateToLatest();
    migrationFailed(upgrade);
    await rebuildAppealIndex(raw, dialect);
    await rebuildTopicStats(raw);
    await sql`commit`.execute(raw);
    return {
      tables: counts.tables,
      files: counts.files,
      upgradedBy: (upgrade.results ?? []).map((r) => r.migrationName),
    };
  } catch (error) {
    await sql`rollback`.execute(raw).catch(() => undefined);
    throw error;
  }
}

function bindable(dialect: DialectName, value: Value): Value {
  // better-sqlite3 binds no booleans; PostgreSQL reads 1/0 back as booleans if a column is one.
  return dialect === 'sqlite' && typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function safeRelativePath(value: string): string {
  const normal = path.posix.normalize(value);
  if (
    !value ||
    normal !== value ||
    value.startsWith('/') ||
    value.includes('\\') ||
    value.split('/').some((part) => part === '..' || part === '.' || part === '')
  ) {
    throw corrupt(`unsafe attachment path ${JSON.stringify(value)}`);
  }
  return value;
}

/** Any line but a row: a table's start or end, a file, a chunk of it, or the end. */
interface BackupLine {
  type?: unknown;
  [key: string]: unknown;
}

interface TableInProgress {
  info: TableInfo;
  columns: string[];
  batch: Value[][];
  rows: number;
  /** [primary key values, self-reference values] to set once the whole table is in. */
  deferred: [Value[], Value[]][];
}

/** Inserts the rows batched so far; self-references wait until every row of the table is in. */
async function insertBatch(db: Raw, dialect: DialectName, table: TableInProgress): Promise<void> {
  if (table.batch.length === 0) return;
  const { info, columns } = table;
  const selfIndexes = info.selfReferences.map((c) => columns.indexOf(c));
  const keyIndexes = info.primaryKey.map((c) => columns.indexOf(c));
  const values = table.batch.map((row) => {
    if (selfIndexes.length === 0) return row;
    const refs = selfIndexes.map((i) => row[i] ?? null);
    if (refs.some((v) => v !== null)) table.deferred.push([keyIndexes.map((i) => row[i] ?? null), refs]);
    return row.map((v, i) => (selfIndexes.includes(i) ? null : v));
  });
  await sql`insert into ${sql.table(info.name)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(
    values.map((row) => sql`(${sql.join(row.map((v) => bindable(dialect, v)))})`),
  )}`.execute(db);
  table.batch = [];
}

async function setSelfReferences(db: Raw, table: TableInProgress): Promise<void> {
  const { info } = table;
  for (const [key, refs] of table.deferred) {
    const set = sql.join(info.selfReferences.map((c, i) => sql`${sql.ref(c)} = ${refs[i] ?? null}`));
    const where = sql.join(
      info.primaryKey.map((c, i) => sql`${sql.ref(c)} = ${key[i] ?? null}`),
      sql` and `,
    );
    await sql`update ${sql.table(info.name)} set ${set} where ${where}`.execute(db);
  }
}

async function loadLines(
  db: Raw,
  dialect: DialectName,
  file: string,
  tables: Map<string, TableInfo>,
  staging: string,
): Promise<{ tables: Record<string, number>; files: number }> {
  const counts: Record<string, number> = {};
  let current: TableInProgress | null = null;
  let openFile: { path: string; size: number; written: number; handle: fsp.FileHandle } | null = null;
  let files = 0;
  let ended = false;

  const closeFile = async () => {
    if (!openFile) return;
    await openFile.handle.close();
    if (openFile.written !== openFile.size) throw corrupt(`attachment ${openFile.path} is incomplete`);
    openFile = null;
    files += 1;
  };

  fs.mkdirSync(staging, { recursive: true });
  try {
    let first = true;
    for await (const line of readLines(file)) {
      if (first) {
        first = false;
        continue; // the header, checked before
      }
      if (ended) throw corrupt('lines after the end');
      if (line === '') continue;
      const value = parseLine(line);
      if (Array.isArray(value)) {
        if (!current) throw corrupt('a row outside a table');
        if (value.length !== current.columns.length)
          throw corrupt(`a row of ${current.info.name} has the wrong width`);
        current.batch.push(value as Value[]);
        current.rows += 1;
        if (current.batch.length * current.columns.length >= MAX_PARAMETERS)
          await insertBatch(db, dialect, current);
        continue;
      }
      const record = (value ?? {}) as BackupLine;
      switch (record.type) {
        case 'table': {
          if (current) throw corrupt('a table inside a table');
          const name = String(record.table);
          const info = tables.get(name);
          const columns = Array.isArray(record.columns) ? record.columns.map(String) : [];
          if (!info || isExcludedTable(name) || counts[name] !== undefined) {
            throw new BackupError(
              'restore.schema_mismatch',
              `备份中的数据表 ${name} 与本版本不符`,
              `Table ${name} of the backup does not exist in this version`,
            );
          }
          if (columns.length !== info.columns.length || columns.some((c) => !info.columns.includes(c))) {
            throw new BackupError(
              'restore.schema_mismatch',
              `备份中数据表 ${name} 的字段与本版本不符`,
              `The columns of ${name} in the backup do not match this version`,
              { backup: columns, database: info.columns },
            );
          }
          current = { info, columns, batch: [], rows: 0, deferred: [] };
          break;
        }
        case 'tableEnd': {
          if (!current || record.table !== current.info.name) throw corrupt('a table end without its table');
          await insertBatch(db, dialect, current);
          if (record.rows !== current.rows) throw corrupt(`table ${current.info.name} is incomplete`);
          await setSelfReferences(db, current);
          const { info } = current;
          counts[info.name] = current.rows;
          current = null;
          break;
        }
        case 'file': {
          if (current) throw corrupt('a file inside a table');
          await closeFile();
          const relative = safeRelativePath(String(record.path));
          const full = path.join(staging, ...relative.split('/'));
          fs.mkdirSync(path.dirname(full), { recursive: true });
          openFile = {
            path: relative,
            size: Number(record.size),
            written: 0,
            handle: await fsp.open(full, 'wx'),
          };
          break;
        }
        case 'chunk': {
          if (!openFile) throw corrupt('file data outside a file');
          const bytes = Buffer.from(String(record.data), 'base64');
          await openFile.handle.write(bytes);
          openFile.written += bytes.length;
          break;
        }
        case 'end': {
          if (current) throw corrupt('the end inside a table');
          await closeFile();
          const expected = (record.tables ?? {}) as Record<string, unknown>;
          const names = new Set([...Object.keys(expected), ...Object.keys(counts)]);
          if ([...names].some((n) => expected[n] !== counts[n]) || record.files !== files) {
            throw corrupt('the row or file counts do not match the trailer');
          }
          ended = true;
          break;
        }
        default:
          throw corrupt(`an unknown line ${JSON.stringify(record.type)}`);
      }
    }
    await closeFile();
  } finally {
    // After a failure, the file being written is not left open.
    await (openFile as { handle: fsp.FileHandle } | null)?.handle.close().catch(() => undefined);
  }
  if (!ended) throw corrupt('the end line is missing (was the copy cut short?)');
  return { tables: counts, files };
}

/** Puts `fresh` in the place of `dir`, removing the old folder afterwards. */
function swapDirectory(fresh: string, dir: string): void {
  if (!fs.existsSync(fresh)) return;
  const old = `${dir}.old-${process.pid}`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(fresh, dir);
  fs.rmSync(old, { recursive: true, force: true });
}
