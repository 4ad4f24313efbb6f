import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { listAppeals } from '../src/modules/appeals/appeals.repository.ts';
import { findSession } from '../src/modules/auth/session.repository.ts';
import { getDashboard } from '../src/modules/dashboard/dashboard.service.ts';
import { signIntake } from '../src/modules/integrations/signature.ts';
import { mergeSearchIndex } from '../src/modules/search/search-maintenance.ts';
import { hashToken } from '../src/plugins/auth.ts';
import { DEMO_PASSWORD, seedHeyuanDemo } from '../src/seed/heyuan.ts';
import { creditCode, generate, intakeText } from './generate.ts';

/**
 * `npm run bench`: fills a fresh database with realistic appeals, starts the real server in a child
 * process and measures it over HTTP with 50 concurrent connections and a signed-in session, beside
 * two baselines: a Fastify hello-world in the same server process, and the same query run directly
 * in-process. Prints a table and writes bench/results.json (bench/results-postgres.json on PostgreSQL). A
 * benchmark, never a test.
 */
const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '1000000' },
    enterprises: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    // Keep the database of an earlier run with the same --appeals instead of generating it again.
    reuse: { type: 'boolean', default: false },
    // Generate the database and stop (to --reuse it later).
    'generate-only': { type: 'boolean', default: false },
  },
});
const APPEALS = Number(values.appeals);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const sourceUrl = process.env.DATABASE_URL ?? null;
const dialect = sourceUrl ? 'postgres' : 'sqlite';
/** On PostgreSQL the bench works in a fresh database of its own beside the one DATABASE_URL names. */
const databaseUrl = sourceUrl
  ? (() => {
      const url = new URL(sourceUrl);
      url.pathname = '/f2f_bench';
      return url.toString();
    })()
  : null;
const dataDir = path.join(repoRoot, 'bench', 'data', dialect);

interface Row {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  baseline: string;
  ratio: number | null;
}

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function reuse(): Promise<{ ctx: AppContext; sampleIds: string[] } | null> {
  const marker = path.join(dataDir, 'generated.json');
  if (!values.reuse || !fs.existsSync(marker)) return null;
  const { appeals } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { appeals: number };
  if (appeals !== APPEALS) return null;
  const config = loadConfig(
    { ...process.env, DATA_DIR: dataDir },
    // The in-process baselines run each query on this thread, directly: no reader threads here.
    { logLevel: 'silent', webDist: null, databaseUrl, sqliteReaders: 0 },
  );
  const ctx = await createContext(config);
  const rows = await ctx.db.selectFrom('appeals').select('id').orderBy('seq').execute();
  const sampleIds = Array.from(
    { length: 500 },
    (_, i) => rows[Math.floor((i * rows.length) / 500)]?.id as string,
  );
  log(`reusing the ${APPEALS} appeals generated earlier`);
  return { ctx, sampleIds };
}

async function prepare(): Promise<{ ctx: AppContext; sampleIds: string[] }> {
  const reused = await reuse();
  if (reused) return reused;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  if (sourceUrl) {
    const admin = new pg.Client({ connectionString: sourceUrl });
    await admin.connect();
    await admin.query('drop database if exists f2f_bench with (force)');
    await admin.query('create database f2f_bench');
    await admin.end();
  }
  const config = loadConfig(
    { ...process.env, DATA_DIR: dataDir },
    // The in-process baselines run each query on this thread, directly: no reader threads here.
    { logLevel: 'silent', webDist: null, databaseUrl, sqliteReaders: 0 },
  );
  const ctx = await createContext(config);
  await seedHeyuanDemo(ctx);
  const started = Date.now();
  const { appealIds } = await generate(ctx, {
    enterprises: Number(values.enterprises),
    appeals: APPEALS,
    days: 720,
    until: new Date(),
    onProgress: (done) => {
      if (done % 20000 === 0)
        log(`generated ${done} appeals (${Math.round((Date.now() - started) / 1000)} s)`);
    },
  });
  log(`generated ${APPEALS} appeals in ${Math.round((Date.now() - started) / 1000)} s`);
  fs.writeFileSync(path.join(dataDir, 'generated.json'), JSON.stringify({ appeals: APPEALS }));
  const sampleIds = Array.from(
    { length: 500 },
    (_, i) => appealIds[Math.floor((i * appealIds.length) / 500)] as string,
  );
  return { ctx, sampleIds };
}

function startServer(): Promise<{ child: ChildProcess; port: number; helloPort: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DEMO: 'false',
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => {
      const { port, helloPort } = JSON.parse(chunk.toString()) as { port: number; helloPort: number };
      resolve({ child, port, helloPort });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function signIn(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no cookie');
  return cookie;
}

async function load(url: string, options: { cookie?: string; paths?: string[] } = {}) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: options.cookie ? { cookie: options.cookie } : {},
    requests: options.paths
      ? [
          {
            setupRequest: (request) => {
              i = (i + 1) % (options.paths?.length ?? 1);
              return { ...request, path: options.paths?.[i] ?? request.path };
            },
          },
        ]
      : undefined,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Runs `work` repeatedly for `seconds` in this process and returns operations per second. */
async function inProcessRate(seconds: number, work: () => Promise<unknown>): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let count = 0;
  const started = Date.now();
  while (Date.now() < end) {
    await work();
    count += 1;
  }
  return Math.round((count * 1000) / (Date.now() - started));
}

function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Downloads the whole ledger, counting its bytes, while sampling the server's resident memory; the rows are
 * those the server reports it wrote (the audit row of the export), or all appeals when it ran to the end.
 */
async function exportLedger(
  base: string,
  cookie: string,
  pid: number | undefined,
  signal?: AbortSignal,
): Promise<{
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  ok: boolean;
}> {
  let peak = 0;
  const sample = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      // the process is gone
    }
  };
  // What the server held before the export (its page cache, the earlier measures' heap): the export's own
  // memory is the peak less this.
  sample();
  const before = peak;
  const timer = setInterval(sample, 100);
  const started = performance.now();
  let bytes = 0;
  let ok = false;
  try {
    const response = await fetch(`${base}/api/exports/ledger.xlsx`, { headers: { cookie }, signal });
    if (!response.body) throw new Error(`ledger: ${response.status}`);
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
    ok = response.ok;
  } finally {
    clearInterval(timer);
  }
  sample();
  const total = await ctx.db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: Number(total.n),
    bytes,
    seconds: (performance.now() - started) / 1000,
    rssBeforeMb: Math.round(before),
    peakRssMb: Math.round(peak),
    ok,
  };
}

const { ctx, sampleIds } = await prepare();
// The search index as the nightly job leaves it (search-maintenance.ts): the load's segments merged into one.
const merged = await mergeSearchIndex(ctx);
if (merged.steps)
  log(
    `search index merged: ${merged.segmentsBefore} segments → ${merged.segmentsAfter} in ${merged.steps} steps`,
  );
if (ctx.dialect === 'postgres') {
  // The tables as autovacuum keeps them in production (it may be off where the bench runs): without a vacuum,
  // a bulk-loaded table has no visibility map (no index-only scans) and every first read sets hint bits.
  const started = Date.now();
  await sql`vacuum (analyze)`.execute(ctx.db);
  log(`vacuumed in ${Math.round((Date.now() - started) / 1000)} s`);
}
if (values['generate-only']) {
  await ctx.handle.close();
  process.exit(0);
}
const { child, port, helloPort } = await startServer();
try {
  const cookie = await signIn(port);
  const base = `http://127.0.0.1:${port}`;
  const rows: Row[] = [];

  log('hello-world baseline');
  const hello = await load(`http://127.0.0.1:${helloPort}/hello`);
  rows.push({ name: 'hello-world (same process)', ...hello, baseline: '-', ratio: null });

  log('appeal detail');
  const detail = await load(base, { cookie, paths: sampleIds.map((id) => `/api/appeals/${id}`) });
  rows.push({
    name: 'appeal detail',
    ...detail,
    baseline: 'hello-world',
    ratio: detail.requestsPerSecond / hello.requestsPerSecond,
  });

  const regions = await ctx.db.selectFrom('regions').select('id').execute();
  const poolPaths = regions.flatMap((r) =>
    ['land', 'finance', 'labour'].map(
      (category) =>
        `/api/appeals?regionId=${r.id}&category=${category}&sort=submittedAt&order=desc&page=2&pageSize=20`,
    ),
  );
  log('pool page');
  const pool = await load(base, { cookie, paths: poolPaths });
  const sessionToken = cookie.split('=')[1] as string;
  const session = await findSession(ctx.db, hashToken(sessionToken));
  if (!session) throw new Error('no session');
  let k = 0;
  const poolDirect = await inProcessRate(3, () => {
    const region = regions[k++ % regions.length] as { id: string };
    return listAppeals(
      ctx.db,
      ctx.dialect,
      session.actor,
      { regionId: region.id, category: 'land', sort: 'submittedAt', order: 'desc', page: 2, pageSize: 20 },
      ctx.config.timeZone,
    );
  });
  rows.push({
    name: 'pool page (filtered, sorted, 20)',
    ...pool,
    baseline: `in-process query ${poolDirect}/s`,
    ratio: pool.requestsPerSecond / poolDirect,
  });

  for (const term of ['用地', '融资担', '技改补贴']) {
    log(`search ${term}`);
    const search = await load(base, {
      cookie,
      paths: [`/api/appeals?q=${encodeURIComponent(term)}&pageSize=20`],
    });
    const searchDirect = await inProcessRate(3, () =>
      listAppeals(
        ctx.db,
        ctx.dialect,
        session.actor,
        { q: term, sort: 'submittedAt', order: 'desc', page: 1, pageSize: 20 },
        ctx.config.timeZone,
      ),
    );
    rows.push({
      name: `search "${term}" (${[...term].length} chars)`,
      ...search,
      baseline: `in-process query ${searchDirect}/s`,
      ratio: search.requestsPerSecond / searchDirect,
    });
  }

  log('dashboard');
  const year = new Date().getFullYear();
  const dashboardPaths = [
    `/api/dashboard?from=${year}-01&to=${year}-12`,
    `/api/dashboard?from=${year - 1}-01&to=${year}-12`,
    ...regions.map((r) => `/api/dashboard?regionId=${r.id}`),
  ];
  const dashboard = await load(base, { cookie, paths: dashboardPaths });
  // Counted in-process every time (the server keeps figures DASHBOARD_CACHE_SECONDS; this baseline does not).
  const counting = { ...ctx, config: { ...ctx.config, dashboardCacheSeconds: 0 } };
  const dashboardDirect = await inProcessRate(3, () =>
    getDashboard(counting, session.actor, { from: `${year}-01`, to: `${year}-12` }),
  );
  rows.push({
    name: 'leaders’ dashboard',
    ...dashboard,
    baseline: `counted in-process ${dashboardDirect}/s`,
    ratio: dashboard.requestsPerSecond / dashboardDirect,
  });

  log(`ledger export of all ${APPEALS} appeals`);
  const ledger = await exportLedger(base, cookie, child.pid);
  rows.push({
    name: `ledger export (${ledger.rows.toLocaleString('en')} rows, ${Math.round(ledger.bytes / 1e6)} MB)`,
    requestsPerSecond: Math.round(ledger.rows / ledger.seconds),
    p50Ms: Math.round(ledger.seconds * 1000),
    p99Ms: Math.round(ledger.seconds * 1000),
    errors: ledger.ok ? 0 : 1,
    baseline: `rows/s; server RSS ${ledger.rssBeforeMb} → peak ${ledger.peakRssMb} MB`,
    ratio: null,
  });

  log('appeal detail while a dashboard poller and a ledger export run');
  const controller = new AbortController();
  const background = [
    exportLedger(base, cookie, child.pid, controller.signal).catch(() => null),
    (async () => {
      let polls = 0;
      while (!controller.signal.aborted) {
        await fetch(`${base}${dashboardPaths[polls % dashboardPaths.length]}`, {
          headers: { cookie },
          signal: controller.signal,
        })
          .then((r) => r.arrayBuffer())
          .catch(() => null);
        polls += 1;
      }
      return polls;
    })(),
  ];
  await new Promise((resolve) => setTimeout(resolve, 500));
  const busyDetail = await load(base, { cookie, paths: sampleIds.map((id) => `/api/appeals/${id}`) });
  controller.abort();
  await Promise.all(background);
  rows.push({
    name: 'appeal detail, while a dashboard poller and a ledger export run',
    ...busyDetail,
    baseline: 'appeal detail alone',
    ratio: busyDetail.requestsPerSecond / detail.requestsPerSecond,
  });

  log('similar appeals');
  const similar = await load(base, {
    cookie,
    paths: sampleIds.slice(0, 100).map((id) => `/api/appeals/${id}/similar`),
  });
  rows.push({
    name: 'similar appeals of one appeal',
    ...similar,
    baseline: 'hello-world',
    ratio: similar.requestsPerSecond / hello.requestsPerSecond,
  });

  log('signed platform intake');
  const adminLogin = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  const adminCookie = adminLogin.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await adminLogin.json()) as { csrfToken: string };
  const dataUnit = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', '河源市政务服务和数据管理局')
    .executeTakeFirstOrThrow();
  const keyResponse = await fetch(`${base}/api/admin/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: '粤商通（压测）', channel: 'yueshangtong', unitId: dataUnit.id }),
  });
  const key = (await keyResponse.json()) as { keyId: string; secret: string };
  let sent = 0;
  const enterpriseCount = Number(values.enterprises);
  const intakeResult = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/intake/appeals',
        setupRequest: (request) => {
          sent += 1;
          const index = sent % enterpriseCount;
          const text = intakeText(sent);
          const body = JSON.stringify({
            enterprise: { creditCode: creditCode(index), name: `压测企业${index}` },
            title: text.title,
            content: `${text.content}（编号${sent}）`,
            category: text.category,
            externalId: `bench-${sent}`,
          });
          const timestamp = String(Math.floor(Date.now() / 1000));
          return {
            ...request,
            body,
            headers: {
              'content-type': 'application/json',
              'x-api-key': key.keyId,
              'x-timestamp': timestamp,
              'x-signature': signIntake(key.secret, timestamp, body),
              'idempotency-key': `bench-${process.pid}-${sent}`,
            },
          };
        },
      },
    ],
  });
  rows.push({
    name: 'intake through the signed platform API',
    requestsPerSecond: Math.round(intakeResult.requests.average),
    p50Ms: intakeResult.latency.p50,
    p99Ms: intakeResult.latency.p99,
    errors: intakeResult.errors + intakeResult.non2xx,
    baseline: 'hello-world',
    ratio: intakeResult.requests.average / hello.requestsPerSecond,
  });

  const results = {
    ranAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    database: dialect,
    appeals: APPEALS,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    serverPeakRssMb: peakRssMb(child.pid),
    rows,
  };
  fs.mkdirSync(path.join(repoRoot, 'bench'), { recursive: true });
  // One file per database, so that a PostgreSQL run does not replace the SQLite one.
  const file = dialect === 'postgres' ? 'results-postgres.json' : 'results.json';
  fs.writeFileSync(path.join(repoRoot, 'bench', file), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\n${APPEALS.toLocaleString('en')} appeals, ${dialect}, ${CONNECTIONS} connections, ${DURATION} s each`,
  );
  console.log('| scenario | req/s | p50 ms | p99 ms | errors | baseline | ratio |');
  console.log('|---|---:|---:|---:|---:|---|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.requestsPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} | ${row.baseline} | ${row.ratio === null ? '-' : `${(row.ratio * 100).toFixed(0)}%`} |`,
    );
  }
  console.log(`server peak RSS: ${results.serverPeakRssMb} MB`);
} finally {
  child.kill();
  await ctx.handle.close();
}
