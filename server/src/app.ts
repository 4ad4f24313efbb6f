import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type DbHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { jobRoutes } from './jobs/jobs.routes.ts';
import { appealRoutes } from './modules/appeals/appeals.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { Calendar } from './modules/calendar/calendar.service.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes.ts';
import { eventAccountabilityRoutes } from './modules/events/event-accountability.routes.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { ledgerRoutes } from './modules/exports/ledger.routes.ts';
import { listExportRoutes } from './modules/exports/list-exports.routes.ts';
import { handlingRoutes, ratingRoutes } from './modules/handling/handling.routes.ts';
import { integrationRoutes } from './modules/integrations/integrations.routes.ts';
import { levelRoutes } from './modules/levels/levels.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { topicRoutes } from './modules/topics/topics.routes.ts';
import { verificationRoutes } from './modules/verification/verification.routes.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { openApiDocument, registerOpenApi } from './plugins/openapi.ts';
import { registerWeb } from './plugins/web.ts';
import { ensureReferenceData } from './seed/reference.ts';

export interface BuildOptions {
  clock?: Clock;
  /** Use an already open database (tests share one per file); otherwise open from config. */
  handle?: DbHandle;
  /** Run migrations and load reference data (the default). */
  prepareDatabase?: boolean;
  logger?: boolean;
}

/** Opens the database context the server and the CLI share. */
export async function createContext(config: Config, options: BuildOptions = {}): Promise<AppContext> {
  const handle = options.handle ?? openDatabase({ ...config, readers: config.sqliteReaders });
  const ctx: AppContext = {
    config,
    clock: options.clock ?? systemClock,
    handle,
    db: handle.db,
    dialect: handle.dialect,
    calendar: new Calendar(),
  };
  if (options.prepareDatabase !== false) {
    await migrateToLatest(ctx.db);
    await ensureReferenceData(ctx);
  } else {
    await ctx.calendar.load(ctx.db);
  }
  return ctx;
}

/** Builds the whole server without listening; tests inject requests into it. */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx = await createContext(config, options);
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array' } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('request.rate_limited'),
  });
  await registerOpenApi(app);
  registerAuth(app, ctx);

  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  calendarRoutes(app, ctx);
  auditRoutes(app, ctx);
  appealRoutes(app, ctx);
  verificationRoutes(app, ctx);
  eventRoutes(app, ctx);
  eventAccountabilityRoutes(app, ctx);
  handlingRoutes(app, ctx);
  ratingRoutes(app, ctx);
  levelRoutes(app, ctx);
  supervisionRoutes(app, ctx);
  await enterpriseRoutes(app, ctx);
  exportRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  reportRoutes(app, ctx);
  topicRoutes(app, ctx);
  ledgerRoutes(app, ctx);
  listExportRoutes(app, ctx);
  jobRoutes(app, ctx);
  await attachmentRoutes(app, ctx);
  await integrationRoutes(app, ctx);
  notificationRoutes(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    openApiDocument(app),
  );
  await registerWeb(app, config.webDist);
  app.addHook('onClose', async () => {
    if (!options.handle) await ctx.handle.close();
  });
  await app.ready();
  return { app, ctx };
}
