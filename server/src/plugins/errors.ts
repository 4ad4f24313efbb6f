import { type ErrorCode, errorCatalog } from '@f2f/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { localeFrom } from './locale.ts';

// Validation messages in Chinese by default; English ones are rebuilt per request below.
z.config(z.locales.zhCN());
const englishMessages = z.locales.en().localeError;

interface FieldProblem {
  field: string;
  message: string;
}

function send(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  const spec = errorCatalog[code];
  const locale = localeFrom(request.headers['accept-language']);
  const body: Record<string, unknown> = { code, message: locale === 'en' ? spec.en : spec.zh };
  if (details !== undefined) body.details = details;
  if (spec.status >= 500) body.requestId = request.id;
  return reply.status(spec.status).send(body);
}

/** Fastify's own client errors, by their code, mapped to ours. */
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
};

/** The English message of a validation issue (our own custom messages carry both languages already). */
function englishMessage(issue: {
  keyword: string;
  params: Record<string, unknown>;
  instancePath: string;
}): string | null {
  const raw = {
    ...issue.params,
    code: issue.keyword,
    path: issue.instancePath.split('/').filter(Boolean),
    input: undefined,
  };
  const result = englishMessages(raw as Parameters<typeof englishMessages>[0]);
  const message = typeof result === 'string' ? result : (result?.message ?? null);
  // The input itself is not kept with the issue, so "received …" cannot be told: leave it out.
  return message?.replace(/, received \w+$/, '') ?? null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return send(request, reply, error.code, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const english = localeFrom(request.headers['accept-language']) === 'en';
      const problems: FieldProblem[] = error.validation.map((issue) => ({
        field: [error.validationContext, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')]
          .filter(Boolean)
          .join('.'),
        message:
          (english && issue.keyword !== 'custom' && englishMessage(issue)) || issue.message || 'invalid',
      }));
      return send(request, reply, 'request.invalid', problems);
    }
    if ('statusCode' in error && error.statusCode === 429)
      return send(request, reply, 'request.rate_limited');
    const mapped = 'code' in error && typeof error.code === 'string' ? frameworkCodes[error.code] : undefined;
    if (mapped) return send(request, reply, mapped, mapped === 'request.invalid' ? error.message : undefined);
    if (error instanceof SyntaxError) return send(request, reply, 'request.invalid', 'malformed JSON');
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) return send(request, reply, 'request.invalid', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'server.internal');
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(request, reply, 'request.not_found');
}
