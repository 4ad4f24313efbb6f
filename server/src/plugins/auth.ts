import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '@f2f/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext, RequestMeta } from '../context.ts';
import { AppError } from '../errors.ts';
import { deleteSession, findSession, touchSession } from '../modules/auth/session.repository.ts';

/**
 * Who may call a route: anyone, any signed-in person, or only the listed roles.
 * Every /api route must declare it; buildApp refuses to start otherwise.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** One declared route and who may call it, as the onRoute hook saw it. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route that declares its access, in registration order (tests walk it). */
    routeAccess: readonly RouteAccess[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
  }
}

export const SESSION_COOKIE = 'f2f_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes without declared access that belong to the documentation plugin. */
const UNDECLARED_ALLOWED = /^\/api\/docs/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { actor: request.actor, ip: request.ip, requestId: request.id };
}

/** The actor of a route whose access is not public: the hook has already refused anyone else. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.unauthenticated');
  return request.actor;
}

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.roles.some((role) => wanted.includes(role));
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);

  const declared: RouteAccess[] = [];
  app.decorate('routeAccess', declared);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access) for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
    if (!route.url.startsWith('/api') || UNDECLARED_ALLOWED.test(route.url)) return;
    if (!route.config?.access) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} does not declare who may call it (config.access)`,
      );
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // static files and documentation

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(ctx.db, hashToken(token));
      const now = ctx.clock.now();
      const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
      if (session) {
        const expired =
          Date.parse(session.expiresAt) <= now.getTime() ||
          now.getTime() - Date.parse(session.lastSeenAt) > idleLimit;
        if (expired) {
          await deleteSession(ctx.db, session.id);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
        } else {
          request.actor = session.actor;
          request.sessionId = session.id;
          request.csrfToken = session.csrfToken;
          request.mustChangePassword = session.mustChangePassword;
          // Avoid a write on every request: record activity at most once a minute.
          if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
            await touchSession(ctx.db, session.id, now.toISOString());
          }
        }
      }
    }

    if (access === 'public') return;
    if (!request.actor) throw new AppError('auth.unauthenticated');
    if (access !== 'authenticated' && !hasRole(request.actor, ...access))
      throw new AppError('auth.forbidden');
    if (request.mustChangePassword && !request.url.startsWith('/api/auth/')) {
      throw new AppError('auth.password_change_required');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.csrfToken || !sameToken(sent, request.csrfToken)) {
        throw new AppError('auth.csrf_invalid');
      }
    }
  });
}
