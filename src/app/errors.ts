/**
 * Errors are answered as RFC 9457 problem+json: a stable `code`, a message in the user's language and,
 * for invalid input, the fields with their own messages.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodError } from 'zod';
import { requestLanguage, t, type MessageKey } from './i18n';
import { ru } from './messages/ru';
import type { TLanguage } from '../staff/staff.schemas';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly messageKey: MessageKey,
    public readonly fields: { field: string; code: string; key: MessageKey; params?: Record<string, string | number> }[] = [],
    /** Values of the message's {placeholders} (how many copies, which address…). */
    public readonly messageParams: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const unauthorized = () => new AppError(401, 'unauthorized', 'error.unauthorized');
export const forbidden = () => new AppError(403, 'forbidden', 'error.forbidden');
export const notFound = () => new AppError(404, 'not_found', 'error.not_found');
export const conflict = (field?: string) =>
  new AppError(409, 'conflict', 'error.conflict', field ? [{ field, code: 'conflict', key: 'error.conflict' }] : []);

interface IssueLike {
  code?: string;
  keyword?: string;
  path?: PropertyKey[];
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
  keys?: string[];
}

/** A custom zod message naming one of the `validation.*` texts (e.g. 'phone' → validation.phone). */
const isCustomKey = (message: string) => Object.hasOwn(ru, `validation.${message}`);

/** Maps one zod issue to a message key and its parameters. */
function describeIssue(issue: IssueLike): { key: MessageKey; code: string; params: Record<string, string | number> } {
  const code = issue.code ?? issue.keyword ?? 'invalid';
  const p = { ...(issue.params ?? {}), ...issue } as Record<string, unknown>;
  if (issue.message && isCustomKey(issue.message)) {
    return { key: `validation.${issue.message}` as MessageKey, code: issue.message, params: {} };
  }
  const min = Number(p.minimum ?? 0);
  const max = Number(p.maximum ?? 0);
  switch (code) {
    case 'too_small':
      if (p.origin === 'string') return min <= 1 ? { key: 'validation.required', code: 'required', params: {} } : { key: 'validation.too_short', code, params: { min } };
      if (p.origin === 'array' && min >= 1) return { key: 'validation.required', code: 'required', params: {} };
      return { key: 'validation.too_small', code, params: { min } };
    case 'too_big':
      return p.origin === 'string' ? { key: 'validation.too_long', code, params: { max } } : { key: 'validation.too_big', code, params: { max } };
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return { key: 'validation.required', code: 'required', params: {} };
      if (p.expected === 'int') return { key: 'validation.not_integer', code, params: {} };
      return { key: 'validation.invalid_type', code, params: {} };
    case 'invalid_value':
      return { key: 'validation.invalid_option', code, params: {} };
    case 'unrecognized_keys':
      return { key: 'validation.unknown_field', code, params: {} };
    case 'invalid_format':
      if (p.format === 'email') return { key: 'validation.email', code, params: {} };
      if (p.format === 'uuid') return { key: 'validation.uuid', code, params: {} };
      return { key: 'validation.invalid', code, params: {} };
    default:
      return { key: 'validation.invalid', code, params: {} };
  }
}

function issuePath(issue: IssueLike): string {
  if (issue.path) return issue.path.map(String).join('.');
  return (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
}

/** Turns zod issues into an AppError (422) that names each field. */
export function validationError(issues: readonly IssueLike[], prefix = ''): AppError {
  const fields = issues.flatMap((issue) => {
    const described = describeIssue(issue);
    const base = [prefix, issuePath(issue)].filter(Boolean).join('.');
    const keys = issue.keys ?? (issue.params?.keys as string[] | undefined);
    if (described.code === 'unrecognized_keys' && keys?.length) {
      return keys.map((k) => ({ field: [base, k].filter(Boolean).join('.'), code: described.code, key: described.key, params: described.params }));
    }
    return [{ field: base, code: described.code, key: described.key, params: described.params }];
  });
  return new AppError(422, 'validation_failed', 'error.validation', fields);
}

export function fromZodError(error: ZodError, prefix = ''): AppError {
  return validationError(error.issues, prefix);
}

/**
 * The problem as people read it and as programs read it: `detail` is sentences for a person — the fields'
 * messages, each said once, never an internal field name ("barcode", "marc") —, while `errors` names each
 * field with its code and message for API clients.
 */
function problemBody(error: AppError, lang: TLanguage, instance: string) {
  const title = t(lang, error.messageKey, error.messageParams);
  const errors = error.fields.map((f): FieldProblem => ({ field: f.field, code: f.code, message: t(lang, f.key, f.params) }));
  return {
    type: `about:blank`,
    title,
    status: error.status,
    code: error.code,
    detail: errors.length ? [...new Set(errors.map((e) => e.message))].join(' ') : title,
    instance,
    ...(errors.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(error, requestLanguage(request), request.url));
}

/** PostgreSQL unique violation → 409 naming the constraint's field. */
function fromDatabaseError(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pgCode = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint ?? '';
  if (pgCode === '23505') return conflict(constraint.split('__')[1]?.replace(/_/g, '.') ?? undefined);
  if (pgCode === '23503') return new AppError(409, 'in_use', 'error.in_use');
  return null;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, request, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext === 'querystring' ? 'query' : error.validationContext === 'params' ? 'params' : '';
      return sendProblem(reply, request, validationError(error.validation, part));
    }
    const dbError = fromDatabaseError(error);
    if (dbError) return sendProblem(reply, request, dbError);
    if (error.statusCode === 429) return sendProblem(reply, request, new AppError(429, 'rate_limited', 'error.login_rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).type('application/problem+json; charset=utf-8').send({
        type: 'about:blank', title: error.message, status: error.statusCode, code: error.code ?? 'bad_request', detail: error.message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, new AppError(500, 'internal', 'error.internal'));
  });
}

/** Unknown API addresses get problem+json; anything else (a mistyped portal link) gets the portal's page. */
export function registerNotFound(
  app: FastifyInstance,
  htmlNotFound: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
) {
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/sru') || request.url.startsWith('/oai')) {
      return sendProblem(reply, request, notFound());
    }
    return htmlNotFound(request, reply);
  });
}
