/** The first-run form: the installation's first network and administrator. */
import { z } from 'zod';
import { ZLanguage, ZPassword } from './staff.schemas';

export const ZSetupRequest = z.object({
  regionName: z.string().trim().min(1).max(200),
  networkName: z.string().trim().min(1).max(200),
  networkShortName: z.string().trim().min(1).max(60),
  country: z.enum(['KG', 'RU']).default('KG'),
  centralLibraryName: z.string().trim().min(1).max(200),
  settlement: z.string().trim().max(120).default(''),
  language: ZLanguage.default('ru'),
  admin: z.object({
    login: z
      .string()
      .trim()
      .min(3)
      .max(60)
      .regex(/^[a-z0-9._-]+$/i, { message: 'login' }),
    fullName: z.string().trim().min(1).max(200),
    password: ZPassword,
  }),
});
export type TSetupRequest = z.infer<typeof ZSetupRequest>;
