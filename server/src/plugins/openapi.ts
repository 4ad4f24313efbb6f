import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Face-to-Face 面对面政企交流平台 API',
        version: '0.1.0',
        description:
          'Errors always answer `{code, message, details?}` with a stable code; the message is Chinese by default ' +
          'and English with `Accept-Language: en`. Signed-in calls use the `f2f_session` cookie from ' +
          '`POST /api/auth/login`; every POST, PUT, PATCH and DELETE also sends the `X-CSRF-Token` header.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'f2f_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          // The signed intake of other platforms (POST /api/intake/appeals): all three together.
          intakeApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The key id' },
          intakeTimestamp: { type: 'apiKey', in: 'header', name: 'X-Timestamp', description: 'Unix seconds' },
          intakeSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Signature',
            description: 'hex(HMAC-SHA256(secret, timestamp + "\\n" + raw body))',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    hideUntagged: false,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

/** The OpenAPI document, as served at /api/openapi.json and written by `npm run gen`. */
export function openApiDocument(app: FastifyInstance): unknown {
  return app.swagger();
}
