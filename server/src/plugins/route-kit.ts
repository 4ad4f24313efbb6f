import { ErrorBody } from '@f2f/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** Error answers every route documents: the one error shape. */
export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
