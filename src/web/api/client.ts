/**
 * The one way the staff app talks to the JSON API: same-origin cookies, the session's CSRF token on
 * every state-changing request, and RFC 9457 problems turned into `ApiError`.
 */
import { currentLanguage, i18n } from '../i18n/setup';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  title: string;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
  ) {
    super(problem.title);
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

let csrfToken = '';
let handleUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can return to the login screen. */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  handleUnauthorized = handler;
}

/** Builds `path?query`, leaving out empty values so links and cache keys stay short. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { title: i18n.t('errors.unknown'), code: `http_${response.status}` };
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, title: body.title || fallback.title };
  } catch {
    return fallback;
  }
}

interface RequestOptions {
  /** Login and the session probe answer 401 as a normal outcome, not as "session expired". */
  isAuthProbe?: boolean;
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  // A file goes as it is (uploads); anything else as JSON.
  const isRaw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = isRaw ? 'application/octet-stream' : 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isRaw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: i18n.t('errors.network'), code: 'network' });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.isAuthProbe) handleUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams, options?: RequestOptions) =>
    request<T>('GET', withQuery(path, params), undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Sends a file as the raw request body (application/octet-stream), options in the query. */
  upload: <T>(path: string, file: Blob, params?: QueryParams) => request<T>('POST', withQuery(path, params), file),
};

/** Requests made before login carry the chosen language so the server answers errors in it. */
export function withLanguage(path: string): string {
  return withQuery(path, { lang: currentLanguage() });
}
