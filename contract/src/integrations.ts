import { z } from 'zod';
import { appealChannels, appealStatuses } from './appeals.ts';
import { Id, Instant } from './common.ts';
import { CreditCode } from './enterprises.ts';

/** How far X-Timestamp may be from the server's clock, either way. */
export const INTAKE_TIMESTAMP_WINDOW_SECONDS = 300;

/** The headers of a signed intake request (lower case, as HTTP/2 and Node deliver them). */
export const intakeHeaders = {
  apiKey: 'x-api-key',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
  idempotencyKey: 'idempotency-key',
} as const;

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  keyId: z.string().describe('Sent as the X-Api-Key header'),
  channel: z.enum(appealChannels),
  unitId: Id,
  unitName: z.string(),
  active: z.boolean(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  webhookUrl: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(2).max(60).describe('e.g. 粤商通'),
  channel: z
    .enum(appealChannels)
    .exclude(['online'])
    .describe('The channel its appeals are recorded under (not "online": that is an enterprise itself)'),
  unitId: Id.describe('The collecting unit the platform’s appeals are recorded under'),
  webhookUrl: z.url().max(300).nullable().optional().describe('Where status changes are posted (signed)'),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const CreatedApiKey = ApiKey.extend({
  secret: z.string().describe('Shown once: the HMAC-SHA256 key for signing requests'),
});

export const IntakeAppealInput = z
  .object({
    enterprise: z.object({
      creditCode: CreditCode,
      name: z.string().trim().min(2).max(100).describe('Used only when the enterprise is not registered yet'),
      regionCode: z
        .string()
        .trim()
        .max(20)
        .optional()
        .describe(
          'Administrative code of its county, e.g. 441625; used only for a new enterprise; defaults to the key’s region',
        ),
    }),
    title: z.string().trim().min(4).max(100),
    content: z.string().trim().min(10).max(5000),
    category: z.string().trim().min(1).max(30).describe('A category code from GET /api/appeal-categories'),
    externalId: z.string().trim().max(80).optional().describe('The platform’s own id for this appeal'),
  })
  .describe(
    'Sign the request: X-Api-Key: <keyId>, X-Timestamp: <unix seconds>, ' +
      'X-Signature: hex(HMAC-SHA256(secret, timestamp + "\\n" + raw body)), and Idempotency-Key: <unique per appeal>.',
  );
export type IntakeAppealInput = z.infer<typeof IntakeAppealInput>;

export const IntakeAppealResult = z.object({
  id: Id,
  number: z.string().describe('The appeal number, e.g. HY-2025-00042'),
  status: z.enum(appealStatuses),
  enterpriseId: Id,
  replayedFromIdempotencyKey: z
    .boolean()
    .describe('True when this Idempotency-Key was seen before: the original appeal, nothing new created'),
});
export type IntakeAppealResult = z.infer<typeof IntakeAppealResult>;
