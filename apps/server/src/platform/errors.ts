/**
 * Coded domain errors. Services throw them; the HTTP edge (http/errors.ts) maps them to
 * status codes once. 5xx messages never leave the server.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many'
  | 'bad_gateway'
  | 'unavailable'
  | 'internal';

export const KIND_STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many: 429,
  bad_gateway: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get statusCode(): number {
    return KIND_STATUS[this.kind];
  }
}

/** Declares a family of coded errors: `const LeadErrors = defineErrors({ LEAD_NOT_FOUND: ['not_found', 'Lead not found'] })`. */
export function defineErrors<const T extends Record<string, readonly [ErrorKind, string]>>(defs: T) {
  const out = {} as { [K in keyof T]: (message?: string, extra?: Record<string, unknown>) => AppError };
  for (const [code, [kind, defaultMessage]] of Object.entries(defs)) {
    out[code as keyof T] = (message?: string, extra?: Record<string, unknown>) => new AppError(code, kind, message ?? defaultMessage, undefined, extra);
  }
  return out;
}

export const CommonErrors = defineErrors({
  UNAUTHENTICATED: ['unauthorized', 'Sign in to continue'],
  TOKEN_EXPIRED: ['unauthorized', 'Your session has expired'],
  FORBIDDEN: ['forbidden', 'You do not have permission to do this'],
  NOT_FOUND: ['not_found', 'Not found'],
  VALIDATION_FAILED: ['bad_request', 'The request is not valid'],
  RATE_LIMITED: ['too_many', 'Too many requests; try again shortly'],
  UNAVAILABLE: ['unavailable', 'The service is not ready'],
});

/** What a request refused by a rate limit is told: how long to wait, in whole seconds. */
export const retryInSeconds = (ttlMs: number) => Math.ceil(ttlMs / 1000);
export const rateLimitedMessage = (ttlMs: number) => `Too many attempts; try again in ${retryInSeconds(ttlMs)} seconds`;
