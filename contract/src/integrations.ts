import { z } from 'zod';
import { appealChannels } from './appeals.ts';
import { Id, Instant } from './common.ts';
import { CreditCode } from './enterprises.ts';

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

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(2).max(60).describe('e.g. 粤商通'),
  channel: z.enum(appealChannels),
  unitId: Id.describe('The collecting unit the platform’s appeals are recorded under'),
  webhookUrl: z.url().max(300).nullable().optional().describe('Where status changes are posted (signed)'),
});

export const CreatedApiKey = ApiKey.extend({
  secret: z.string().describe('Shown once: the HMAC-SHA256 key for signing requests'),
});

export const IntakeAppealInput = z
  .object({
    enterprise: z.object({
      creditCode: CreditCode,
      name: z.string().trim().min(2).max(100),
      regionCode: z
        .string()
        .trim()
        .max(20)
        .optional()
        .describe('Administrative code, e.g. 441625; defaults to the key’s region'),
    }),
    title: z.string().trim().min(4).max(100),
    content: z.string().trim().min(10).max(5000),
    category: z.string().trim().min(1).max(30),
    externalId: z.string().trim().max(80).optional().describe('The platform’s own id for this appeal'),
  })
  .describe(
    'Sign the request: X-Api-Key: <keyId>, X-Timestamp: <unix seconds>, ' +
      'X-Signature: hex(HMAC-SHA256(secret, timestamp + "\\n" + raw body)), and Idempotency-Key: <unique per appeal>.',
  );

export const IntakeAppealResult = z.object({
  id: Id,
  number: z.string(),
  status: z.string(),
  replayedFromIdempotencyKey: z.boolean(),
});
