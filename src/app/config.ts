/**
 * Configuration comes from environment variables (and `.env` in the working directory, if present).
 * Every variable is documented in README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  KITEPKANA_DATA: z.string().default('./data'),
  KITEPKANA_DEMO: z.string().default('1'),
  KITEPKANA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KITEPKANA_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  KITEPKANA_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  KITEPKANA_LOGIN_LIMIT: z.coerce.number().int().min(1).default(10),
  /** OAI-PMH repository identifier (a domain name: oai:<id>:<record uuid>); default: kitepkana.local. */
  KITEPKANA_OAI_ID: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)+$/)
    .optional(),
  /** Contact address published by OAI-PMH Identify. */
  KITEPKANA_ADMIN_EMAIL: z.email().optional(),
  /** Outgoing mail server, e.g. smtp://user:password@mail.example.kg:587; unset: no e-mail is sent. */
  KITEPKANA_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  /** Sender of outgoing mail. */
  KITEPKANA_MAIL_FROM: z.string().default('Kitepkana <no-reply@localhost>'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  logLevel: z.infer<typeof ZConfig>['KITEPKANA_LOG_LEVEL'];
  secureCookies: 'auto' | 'always' | 'never';
  sessionDays: number;
  loginLimitPerMinute: number;
  /** OAI-PMH repository identifier; undefined: the host name of each request. */
  oaiRepositoryId?: string;
  /** The administrator's address for OAI-PMH Identify. */
  adminEmail?: string;
  /** SMTP server for outgoing mail; undefined: mail is off. */
  smtpUrl?: string;
  mailFrom: string;
}

let dotenvLoaded = false;

/** Reads the configuration; throws a readable error naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (!dotenvLoaded && env === process.env && existsSync('.env')) {
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL || undefined,
    dataDir: resolve(c.KITEPKANA_DATA),
    demo: c.KITEPKANA_DEMO !== '0',
    logLevel: c.KITEPKANA_LOG_LEVEL,
    secureCookies: c.KITEPKANA_SECURE_COOKIES,
    sessionDays: c.KITEPKANA_SESSION_DAYS,
    loginLimitPerMinute: c.KITEPKANA_LOGIN_LIMIT,
    oaiRepositoryId: c.KITEPKANA_OAI_ID,
    adminEmail: c.KITEPKANA_ADMIN_EMAIL,
    smtpUrl: c.KITEPKANA_SMTP_URL || undefined,
    mailFrom: c.KITEPKANA_MAIL_FROM,
  };
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const APP_VERSION: string = packageJson.version;
