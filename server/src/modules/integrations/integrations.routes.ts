import {
  ApiKey,
  CreateApiKeyInput,
  CreatedApiKey,
  creditCodeCheckCharacter,
  IdParams,
  INTAKE_TIMESTAMP_WINDOW_SECONDS,
  IntakeAppealInput,
  IntakeAppealResult,
  intakeHeaders,
} from '@f2f/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requestMeta } from '../../plugins/auth.ts';
import { errorResponses, typed } from '../../plugins/route-kit.ts';
import * as keys from './api-keys.service.ts';
import { intakeAppeal } from './intake.service.ts';
import { findKeyForIntake, type IntakeKey, signatureSeen } from './integrations.repository.ts';
import { signatureMatches, timestampInWindow } from './signature.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact body text of a signed intake request (what the signature covers). */
    rawBody: string;
    /** The API key a signed intake request names, once the hooks have accepted it. */
    intakeKey: IntakeKey | null;
  }
}

const tags = ['对接 Integrations'];

/** Marks a body that is not JSON; answered after the signature check, so the caller learns why. */
const MALFORMED_JSON = Symbol('malformed JSON');

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const exampleCreditCode = (() => {
  const first17 = '91441625MA55HYX2K';
  return first17 + (creditCodeCheckCharacter(first17) ?? '');
})();

const exampleBody = {
  enterprise: { creditCode: exampleCreditCode, name: '东源县示例新材料有限公司', regionCode: '441625' },
  title: '申请协调解决二期厂房用地指标',
  content: '我司二期扩产项目已完成备案，目前缺少约 30 亩工业用地指标，恳请协调自然资源部门加快办理。',
  category: 'land',
  externalId: 'YST-2025-000123',
};

const intakeDescription = `
Lets another platform (such as 粤商通) hand an enterprise's appeal to the pool. There is no session:
an administrator issues an API key (\`POST /api/admin/api-keys\`), bound to a channel and a collecting unit,
and every request is signed with its secret.

**Headers**

| header | value |
|---|---|
| \`X-Api-Key\` | the key id, e.g. \`f2f_…\` |
| \`X-Timestamp\` | now, in unix seconds; refused when more than ${INTAKE_TIMESTAMP_WINDOW_SECONDS} s from the server's clock |
| \`X-Signature\` | lower-case hex of HMAC-SHA256, keyed with the secret (its UTF-8 text), over \`X-Timestamp + "\\n" + body\` |
| \`Idempotency-Key\` | your unique id for this appeal (at most 100 characters) |
| \`Content-Type\` | \`application/json\` |

Sign the exact bytes you send. A signature is accepted once: to retry, sign again with a new
timestamp and the **same** Idempotency-Key and body, and you get the original appeal back
(\`replayedFromIdempotencyKey: true\`); nothing is created twice.

**Node.js**

\`\`\`js
import { createHmac, randomUUID } from 'node:crypto';

const body = JSON.stringify(${JSON.stringify(exampleBody)});
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = createHmac('sha256', SECRET).update(\`\${timestamp}\\n\${body}\`).digest('hex');
const response = await fetch('https://f2f.example.gov.cn/api/intake/appeals', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-Api-Key': KEY_ID,
    'X-Timestamp': timestamp,
    'X-Signature': signature,
    'Idempotency-Key': randomUUID(), // store it with your record and reuse it on retries
  },
  body, // exactly the signed text
});
\`\`\`

**Refusals** (nothing is written): 401 \`integration.signature_missing\` (a header is missing),
401 \`integration.key_invalid\` (unknown or revoked key), 401 \`integration.timestamp_out_of_window\`,
401 \`integration.signature_invalid\`, 409 \`integration.replayed\` (this exact signature was already
accepted), 400 \`integration.idempotency_key_missing\`, 422 \`integration.idempotency_mismatch\` (the key
was used with a different body), 400 \`request.invalid\` / \`appeal.unknown_category\`, 429
\`request.rate_limited\` (per key and minute).

The enterprise is found by its credit code; an unknown one is registered with the given name and
region (\`regionCode\`, default: the key's unit's region). The appeal is recorded with the key's
channel and collecting unit and reaches the task-force office's pool.
`.trim();

/** The administrator's side: issue, list and revoke keys. */
function apiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get(
    '/api/admin/api-keys',
    {
      schema: {
        tags,
        summary: 'API 密钥列表 API keys of other platforms (secrets are never shown again)',
        response: { 200: z.array(ApiKey), ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => keys.listApiKeys(ctx, requestMeta(request)),
  );

  r.post(
    '/api/admin/api-keys',
    {
      schema: {
        tags,
        summary: '签发 API 密钥 Issue a key for a platform; the secret is in this answer only',
        body: CreateApiKeyInput,
        response: { 200: CreatedApiKey, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => keys.createApiKey(ctx, requestMeta(request), request.body),
  );

  r.post(
    '/api/admin/api-keys/:id/revoke',
    {
      schema: {
        tags,
        summary: '停用 API 密钥 Revoke a key at once',
        params: IdParams,
        response: { 200: ApiKey, ...errorResponses },
      },
      config: { access: ['admin'] },
    },
    async (request) => keys.revokeApiKey(ctx, requestMeta(request), request.params.id),
  );
}

/**
 * The signed intake, in its own scope: the JSON parser here keeps the raw text (the signature
 * covers it), and the hooks check the key and timestamp before the body is read, then the
 * signature before the body is validated.
 */
async function intakeScope(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  scope.decorateRequest('rawBody', '');
  scope.decorateRequest('intakeKey', null);
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, MALFORMED_JSON);
    }
  });

  scope.addHook('preParsing', async (request, _reply, payload) => {
    const keyId = header(request, intakeHeaders.apiKey);
    const timestamp = header(request, intakeHeaders.timestamp);
    const signature = header(request, intakeHeaders.signature);
    if (!keyId || !timestamp || !signature) throw new AppError('integration.signature_missing');
    const key = await findKeyForIntake(ctx.db, keyId);
    if (!key?.active) throw new AppError('integration.key_invalid');
    if (!timestampInWindow(timestamp, ctx.clock.now())) {
      throw new AppError('integration.timestamp_out_of_window');
    }
    request.intakeKey = key;
    return payload;
  });

  scope.addHook('preValidation', async (request) => {
    const key = request.intakeKey;
    const timestamp = header(request, intakeHeaders.timestamp);
    const signature = header(request, intakeHeaders.signature);
    if (!key || !timestamp || !signature) throw new AppError('integration.signature_missing');
    if (!signatureMatches(key.secret, timestamp, request.rawBody, signature)) {
      throw new AppError('integration.signature_invalid');
    }
    if (await signatureSeen(ctx.db, signature.toLowerCase())) throw new AppError('integration.replayed');
    if (!header(request, intakeHeaders.idempotencyKey)) {
      throw new AppError('integration.idempotency_key_missing');
    }
    if (request.body === MALFORMED_JSON) throw new AppError('request.invalid', 'malformed JSON');
  });

  typed(scope).post(
    '/api/intake/appeals',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: '外部平台推送诉求 A platform (e.g. 粤商通) sends an appeal, signed with its API key',
        description: intakeDescription,
        security: [{ intakeApiKey: [], intakeTimestamp: [], intakeSignature: [] }],
        headers: z.looseObject({
          'idempotency-key': z
            .string()
            .trim()
            .min(1)
            .max(100)
            .describe('Your unique id for this appeal; a retry with the same key returns the original'),
        }),
        body: IntakeAppealInput.meta({ example: exampleBody }),
        response: { 200: IntakeAppealResult, ...errorResponses },
      },
      config: {
        // No session: the hooks above authenticate the request by its signature.
        access: 'public',
        rateLimit: {
          max: ctx.config.intakeRateLimitPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => {
            const keyId = header(request, intakeHeaders.apiKey);
            return keyId ? `intake-key:${keyId}` : `intake-ip:${request.ip}`;
          },
        },
      },
    },
    async (request) => {
      const key = request.intakeKey;
      if (!key) throw new AppError('integration.signature_missing');
      return intakeAppeal(
        ctx,
        // Never the session of a browser that happens to send a cookie: the key is the caller.
        { actor: null, ip: request.ip, requestId: request.id },
        {
          key,
          rawBody: request.rawBody,
          signature: (header(request, intakeHeaders.signature) ?? '').toLowerCase(),
          idempotencyKey: header(request, intakeHeaders.idempotencyKey) ?? '',
          input: request.body,
        },
      );
    },
  );
}

export async function integrationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  apiKeyRoutes(app, ctx);
  await app.register(async (scope) => intakeScope(scope, ctx));
}
