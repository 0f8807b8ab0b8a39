/**
 * Meta's error codes, sorted into what to do about them. Rate limits and transient failures are
 * retried with backoff; everything else fails the message at once with Meta's code and title
 * (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */

/** Throttling: the app, the account or the pair of numbers sent too much; waiting helps. */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131048, 131056]);
/** Meta's side was briefly unable to answer (temporary outage, unknown error); trying again helps. */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 131000, 131016]);

export type WhatsAppErrorKind = 'rate_limited' | 'transient' | 'permanent';

export class WhatsAppError extends Error {
  constructor(
    readonly code: number | null,
    readonly title: string,
    readonly kind: WhatsAppErrorKind,
    readonly httpStatus: number | null,
    readonly details?: string,
  ) {
    super(`WhatsApp ${code ?? httpStatus ?? 'network'}: ${title}${details ? ` (${details})` : ''}`);
    this.name = 'WhatsAppError';
  }

  get retryable(): boolean {
    return this.kind !== 'permanent';
  }
}

/** The kind of a Graph error from its code and the HTTP status it came with. */
export function kindOf(code: number | null, httpStatus: number | null): WhatsAppErrorKind {
  if (code !== null && RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (code !== null && TRANSIENT_CODES.has(code)) return 'transient';
  if (httpStatus === 429) return 'rate_limited';
  // No answer at all, or Meta's side failing: try again.
  if (httpStatus === null || httpStatus >= 500) return 'transient';
  return 'permanent';
}

type GraphErrorBody = {
  error?: { message?: unknown; code?: unknown; error_subcode?: unknown; error_data?: { details?: unknown }; error_user_title?: unknown };
};

/** A WhatsAppError from a Graph error answer (`{error: {message, type, code, error_data: {details}}}`). */
export function fromGraphAnswer(httpStatus: number, body: unknown): WhatsAppError {
  const e = (typeof body === 'object' && body !== null ? (body as GraphErrorBody).error : undefined) ?? {};
  const code = typeof e.code === 'number' ? e.code : null;
  const title = typeof e.message === 'string' ? e.message : `HTTP ${httpStatus}`;
  const details = typeof e.error_data?.details === 'string' ? e.error_data.details : undefined;
  return new WhatsAppError(code, title, kindOf(code, httpStatus), httpStatus, details);
}
