import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.ts';

/**
 * The one typed client of the API. Same-origin cookies carry the session; the CSRF token from
 * the sign-in answer (or GET /api/auth/session) goes along with every state-changing request,
 * and Accept-Language follows the interface language so that error messages match it.
 */

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(language: 'zh-CN' | 'en'): void {
  acceptLanguage = language;
}

/** What the API told us about the session that the interface must react to. */
export type AuthEvent = 'unauthenticated' | 'passwordChangeRequired';
const authListeners = new Set<(event: AuthEvent) => void>();

export function onAuthEvent(listener: (event: AuthEvent) => void): () => void {
  authListeners.add(listener);
  return () => {
    authListeners.delete(listener);
  };
}

function emit(event: AuthEvent): void {
  for (const listener of authListeners) listener(event);
}

/** Paths whose 401 is an answer for the page itself, not a lost session. */
const OWN_401 = ['/api/auth/login', '/api/auth/session'];

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', acceptLanguage);
    if (UNSAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    const path = new URL(request.url, window.location.origin).pathname;
    if (response.status === 401 && !OWN_401.includes(path)) {
      emit('unauthenticated');
    } else if (response.status === 403) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      if (isErrorBody(body) && body.code === 'auth.password_change_required') emit('passwordChangeRequired');
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);

/** A field the server rejected, from `details` of a 400 request.invalid answer. */
export interface FieldProblem {
  field: string;
  message: string;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** An answer of the API's one error shape, or a network failure (status 0, code `network.failed`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  /** The field problems of a validation error; empty for any other error. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (item): item is FieldProblem =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { field?: unknown }).field === 'string' &&
        typeof (item as { message?: unknown }).message === 'string',
    );
  }

  /** A value of `details` (an object) by key, such as the date of a calendar error. */
  detail(key: string): unknown {
    if (typeof this.details !== 'object' || this.details === null || Array.isArray(this.details)) {
      return undefined;
    }
    return (this.details as Record<string, unknown>)[key];
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an api call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, { code: 'network.failed', message: '' });
  }
  const { data, error, response } = answer;
  if (response.ok && data !== undefined) return data;
  if (isErrorBody(error)) throw new ApiError(response.status, error);
  throw new ApiError(response.status, {
    code: response.status >= 500 ? 'server.unavailable' : 'request.invalid',
    message: '',
  });
}
