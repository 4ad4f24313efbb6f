import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FakeClock } from '../src/clock.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { DEMO_PASSWORD } from '../src/seed/heyuan.ts';
import { cloneTemplate } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: FakeClock;
  config: Config;
}

/**
 * The real application on its own copy of the seeded test database (SQLite or PostgreSQL),
 * with a fake clock. Closed and dropped after the file's tests.
 */
export async function createTestApp(
  options: { now?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await cloneTemplate();
  const clock = new FakeClock(options.now ?? '2025-06-02T02:00:00.000Z');
  const config = loadConfig(
    {},
    {
      databaseUrl: database.databaseUrl,
      sqliteFile: database.sqliteFile,
      webDist: null,
      demo: true,
      logLevel: 'silent',
      ...options.config,
    },
  );
  const { app, ctx } = await buildApp(config, { clock, logger: false });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  return { app, ctx, clock, config };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  username: string;
}

/** Signs in through the real API and returns the cookie and CSRF token. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'f2f_session');
  if (!setCookie) throw new Error('no session cookie');
  return { cookie: `f2f_session=${setCookie.value}`, csrfToken: response.json().csrfToken, username };
}

/** A request as a signed-in person (or nobody), with the CSRF header on unsafe methods. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const all: Record<string, string> = { ...headers };
  if (session) {
    all.cookie = session.cookie;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(String(method))) all['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({
    method,
    url,
    headers: all,
    ...(payload !== undefined && { payload: payload as object }),
  });
}
