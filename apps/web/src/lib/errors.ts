import { ApiError as ApiErrorBody } from '@telehub/shared';

export type ApiErrorDetail = { path: string; message: string };

/** Every failed call ends here: the server's stable code, its message, and per-field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly extra: Record<string, unknown>;

  constructor(init: { status: number; code: string; message: string; details?: ApiErrorDetail[]; extra?: Record<string, unknown>; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.extra = init.extra ?? {};
  }

  static network(cause: unknown): ApiError {
    return new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'The server could not be reached', cause });
  }

  /** The message the server gave for one field, if any. */
  detailFor(field: string): string | undefined {
    return this.details.find((d) => d.path === field || d.path.startsWith(`${field}.`))?.message;
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

const KNOWN_FIELDS = new Set(['statusCode', 'code', 'error', 'message', 'details']);

export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ApiErrorBody.safeParse(json);
  if (parsed.success) {
    const { statusCode, code, message, details } = parsed.data;
    const extra = Object.fromEntries(Object.entries(json as Record<string, unknown>).filter(([key]) => !KNOWN_FIELDS.has(key)));
    return new ApiError({ status: statusCode, code, message, details, extra });
  }
  return new ApiError({ status: res.status, code: `HTTP_${res.status}`, message: res.statusText || `Request failed with status ${res.status}` });
}
