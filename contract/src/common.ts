import { z } from 'zod';
import { errorCatalog } from './errors.ts';

export const Id = z.string().min(1).max(64).describe('Identifier (UUIDv7)');
export const IdParams = z.object({ id: Id });

/** A calendar date in the city's time zone, YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a real date')
  .describe('Calendar date YYYY-MM-DD');

/** A UTC instant as an ISO 8601 string. */
export const Instant = z.string().describe('UTC instant, ISO 8601');

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

const errorCodes = Object.keys(errorCatalog) as [keyof typeof errorCatalog, ...(keyof typeof errorCatalog)[]];

export const ErrorBody = z
  .object({
    code: z.enum(errorCodes).describe('Stable error code'),
    message: z.string().describe('Chinese by default; English with Accept-Language: en'),
    details: z.unknown().optional(),
    requestId: z.string().optional().describe('Present on 5xx answers'),
  })
  .describe('The one error shape every route answers with');

export const Ok = z.object({ ok: z.literal(true) });
