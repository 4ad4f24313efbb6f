import { ChangePasswordInput, LoginInput, Ok, SessionInfo, UpdateProfileInput } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requestMeta, SESSION_COOKIE } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import * as service from './auth.service.ts';

const tags = ['登录 Sign-in'];

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: '登录 Sign in with username and password',
        description:
          'Answers with the session cookie (HttpOnly, SameSite=Strict) and the person, roles and CSRF token. ' +
          'Repeated failures lock the account for a while; too many attempts from one address answer 429.',
        body: LoginInput,
        response: { 200: SessionInfo, ...errorResponses },
      },
      config: {
        access: 'public',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const { token, session } = await service.login(
        ctx,
        requestMeta(request),
        request.body,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        maxAge: ctx.config.sessionMaxHours * 3600,
      });
      return session;
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: '退出登录 Sign out', response: { 200: Ok, ...errorResponses } },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      if (request.sessionId) await service.logout(ctx, requestMeta(request), request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: {
        tags,
        summary: '当前登录信息 The current session',
        response: { 200: SessionInfo, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      if (!request.sessionId) throw new AppError('auth.unauthenticated');
      return service.sessionInfo(ctx, request.sessionId);
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码 Change my password (ends my other sessions)',
        body: ChangePasswordInput,
        response: { 200: Ok, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      if (!request.sessionId) throw new AppError('auth.unauthenticated');
      await service.changePassword(ctx, requestMeta(request), request.sessionId, request.body);
      return { ok: true as const };
    },
  );

  r.patch(
    '/api/auth/profile',
    {
      schema: {
        tags,
        summary: '修改我的联系方式 Update my phone and e-mail',
        body: UpdateProfileInput,
        response: { 200: SessionInfo, ...errorResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      if (!request.sessionId) throw new AppError('auth.unauthenticated');
      await service.updateProfile(ctx, requestMeta(request), request.body);
      return service.sessionInfo(ctx, request.sessionId);
    },
  );
}
