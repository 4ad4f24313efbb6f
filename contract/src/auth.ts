import { z } from 'zod';
import { Id } from './common.ts';
import { roles } from './roles.ts';

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionInfo = z.object({
  person: z.object({
    id: Id,
    username: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    unitId: Id.nullable(),
    enterpriseId: Id.nullable(),
    orgName: z.string(),
    regionId: Id,
    regionName: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  roles: z.array(z.enum(roles)),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE'),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const UpdateProfileInput = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/)
    .nullable()
    .optional(),
  email: z.email().max(120).nullable().optional(),
});
