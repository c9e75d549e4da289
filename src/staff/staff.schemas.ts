/** Shared zod schemas of staff accounts and sessions. */
import { z } from 'zod';

/** Roles, as architecture.md defines them. */
export const ROLES = [
  'network_admin',
  'director',
  'methodologist',
  'cataloguer',
  'acquisitions',
  'librarian',
  'municipal_official',
  'reader',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Scope = a subtree of the organisation tree; a municipal official is scoped to a municipality. */
export const SCOPE_KINDS = ['installation', 'region', 'network', 'library', 'municipality'] as const;
export const ZScopeKind = z.enum(SCOPE_KINDS);
export type TScopeKind = z.infer<typeof ZScopeKind>;

export const LANGUAGES = ['ru', 'ky', 'en'] as const;
export const ZLanguage = z.enum(LANGUAGES);
export type TLanguage = z.infer<typeof ZLanguage>;

export const ZPassword = z.string().min(8, { message: 'password_short' }).max(200);

export const ZStaffInput = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9._-]+$/, { message: 'login' }),
  fullName: z.string().trim().min(1).max(200),
  email: z.union([z.literal(''), z.email({ message: 'email' })]).default(''),
  position: z.string().trim().max(200).default(''),
  role: ZRole,
  scopeKind: ZScopeKind,
  scopeId: z.uuid().nullable().default(null),
  libraryId: z.uuid().nullable().default(null),
  language: ZLanguage.default('ru'),
  isActive: z.boolean().default(true),
});
export type TStaffInput = z.infer<typeof ZStaffInput>;

export const ZLoginRequest = z.object({
  login: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
});
