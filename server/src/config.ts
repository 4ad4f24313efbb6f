import os from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Directory for the SQLite file and attachments. */
  dataDir: string;
  /** PostgreSQL connection string; SQLite under dataDir when absent. */
  databaseUrl: string | null;
  /** SQLite file path; ':memory:' is allowed for throwaway runs. */
  sqliteFile: string;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts per IP per minute before 429. */
  loginRateLimitPerMinute: number;
  /** Seed the Heyuan demo data on an empty database. */
  demo: boolean;
  /** With the demo: sample appeals, a verification, an assignment and an event drafting its catalogue. */
  demoActivity: boolean;
  /** Working days a lead unit has to accept (签收) or return an assignment. */
  acceptWorkingDays: number;
  /** A co-unit's input is due this many working days before the lead unit's deadline (at least one working day away). */
  coInputLeadWorkingDays: number;
  /** Working days after closure before the enterprise is reminded to rate (N). */
  ratingReminderWorkingDays: number;
  /** Working days after closure after which a missing rating is recorded as not given (M). */
  ratingWorkingDays: number;
  /** How many times a dissatisfied appeal may be reopened (重办). */
  reopenCap: number;
  /** SMTP server for e-mail (smtp://user:pass@host:587); null: e-mails are written to the server log. */
  smtpUrl: string | null;
  /** The From of every e-mail. */
  mailFrom: string;
  /** HTTP gateway for SMS; null: SMS are written to the server log. */
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  /** HTTP gateway for WeCom (企业微信) messages; null: they are written to the server log. */
  wecomGatewayUrl: string | null;
  wecomGatewayToken: string | null;
  /** Delivery attempts of one outbox message before it is marked failed. */
  outboxMaxAttempts: number;
  /** First retry after this many seconds, doubling each time (capped at 6 hours). */
  outboxRetryBaseSeconds: number;
  /** Serve the built web interface from this folder when it exists. */
  webDist: string | null;
  logLevel: string;
  timeZone: string;
  bodyLimitBytes: number;
  /** Largest single attachment (the JSON body limit does not apply to uploads). */
  attachmentMaxBytes: number;
  /** Signed intake requests per API key per minute before 429. */
  intakeRateLimitPerMinute: number;
  /**
   * How long (seconds) a dashboard's figures are kept before they are counted again; any change committed
   * on this server recounts them at once. 0: count on every request.
   */
  dashboardCacheSeconds: number;
  /** SQLite reader threads (db/sqlite-readers.ts); 0 runs every query on the main thread. */
  sqliteReaders: number;
  /**
   * Which proxies may set X-Forwarded-For (false: none; the client address is the socket's).
   * Trusting every proxy would let any client forge its address past the sign-in rate limit.
   */
  trustProxy: boolean | string;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** TRUST_PROXY: unset or false (none), true (all: only behind a proxy that overwrites the header), or addresses/CIDRs such as 127.0.0.1,10.0.0.0/8. */
function trustProxyFrom(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw;
}

/** Reads configuration from the environment; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data'));
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    sqliteFile: env.SQLITE_FILE ?? path.join(dataDir, 'face-to-face.sqlite'),
    cookieSecure: boolFrom(env, 'COOKIE_SECURE', false),
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 480),
    sessionMaxHours: intFrom(env, 'SESSION_MAX_HOURS', 168),
    loginMaxFailures: intFrom(env, 'LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: intFrom(env, 'LOGIN_LOCK_MINUTES', 15),
    loginRateLimitPerMinute: intFrom(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20),
    demo: boolFrom(env, 'DEMO', true),
    demoActivity: boolFrom(env, 'DEMO_ACTIVITY', true),
    acceptWorkingDays: intFrom(env, 'ACCEPT_WORKING_DAYS', 2),
    coInputLeadWorkingDays: intFrom(env, 'CO_INPUT_LEAD_WORKING_DAYS', 3),
    ratingReminderWorkingDays: intFrom(env, 'RATING_REMINDER_WORKING_DAYS', 3),
    ratingWorkingDays: intFrom(env, 'RATING_WORKING_DAYS', 10),
    reopenCap: intFrom(env, 'REOPEN_CAP', 2),
    smtpUrl: env.SMTP_URL ? env.SMTP_URL : null,
    mailFrom: env.MAIL_FROM ?? '面对面政企交流平台 <noreply@localhost>',
    smsGatewayUrl: env.SMS_GATEWAY_URL ? env.SMS_GATEWAY_URL : null,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN ? env.SMS_GATEWAY_TOKEN : null,
    wecomGatewayUrl: env.WECOM_GATEWAY_URL ? env.WECOM_GATEWAY_URL : null,
    wecomGatewayToken: env.WECOM_GATEWAY_TOKEN ? env.WECOM_GATEWAY_TOKEN : null,
    outboxMaxAttempts: Math.max(1, intFrom(env, 'OUTBOX_MAX_ATTEMPTS', 6)),
    outboxRetryBaseSeconds: intFrom(env, 'OUTBOX_RETRY_BASE_SECONDS', 60),
    webDist: env.WEB_DIST ?? path.join(repoRoot, 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    timeZone: env.TZ_CITY ?? 'Asia/Shanghai',
    bodyLimitBytes: intFrom(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    attachmentMaxBytes: intFrom(env, 'ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024),
    intakeRateLimitPerMinute: intFrom(env, 'INTAKE_RATE_LIMIT_PER_MINUTE', 600),
    dashboardCacheSeconds: intFrom(env, 'DASHBOARD_CACHE_SECONDS', 10),
    // One reader a core (at most 8): with the main thread beside them, the cores stay busy under load.
    sqliteReaders: intFrom(env, 'SQLITE_READERS', Math.min(8, os.availableParallelism())),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    ...overrides,
  };
}
