/**
 * Coded errors at the GraphQL edge. Every error leaves with `extensions.code`: the well-known
 * GraphQL codes for the generic kinds (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, BAD_USER_INPUT),
 * the app's own code for the rest (DIAL_BLOCKED with `reason`, CALL_STILL_LIVE, ...), and
 * `appCode` with the precise code. Messages of 5xx errors stay in the log.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { AppError, CommonErrors, type ErrorKind } from '../platform/errors.js';
import { GraphQLError, type GraphQLFormattedError } from './graphql-js.js';

const GENERIC: Partial<Record<ErrorKind, string>> = {
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  bad_request: 'BAD_USER_INPUT',
  unprocessable: 'BAD_USER_INPUT',
  too_many: 'RATE_LIMITED',
};

const HIDDEN: Record<number, string> = {
  502: 'An outside service (such as the telephony provider) did not answer as expected; it has been logged.',
  503: 'The service is not ready; try again shortly.',
};
const INTERNAL_MESSAGE = 'Something went wrong on our side; it has been logged.';

/** The GraphQL form of an app error (5xx messages replaced, details kept). */
export function fromAppError(err: AppError, log: FastifyBaseLogger, base?: GraphQLError): GraphQLError {
  const status = err.statusCode;
  if (status === 502) log.warn({ err }, err.message);
  else if (status >= 500) log.error({ err }, err.message);
  const code = status >= 500 && err.kind === 'internal' ? 'INTERNAL_SERVER_ERROR' : (GENERIC[err.kind] ?? err.code);
  return new GraphQLError(status >= 500 ? (HIDDEN[status] ?? INTERNAL_MESSAGE) : err.message, {
    nodes: base?.nodes,
    source: base?.source,
    positions: base?.positions,
    path: base?.path,
    originalError: err,
    extensions: { ...(err.extra ?? {}), ...(err.details ? { details: err.details } : {}), code, appCode: err.code, status },
  });
}

const hasCode = (e: GraphQLError) => typeof e.extensions.code === 'string';

/** Any error a resolver, hook or validation produced, as it should leave the server. */
export function toClientError(err: unknown, log: FastifyBaseLogger): GraphQLError {
  if (err instanceof AppError) return fromAppError(err, log);
  if (err instanceof GraphQLError) {
    const original = err.originalError;
    if (original instanceof AppError) return fromAppError(original, log, err);
    if (original instanceof GraphQLError && original !== err) {
      if (hasCode(original)) return copy(err, original.extensions);
      if (original.originalError) return toClientError(original, log);
    } else if (original) return fromUnknown(original, log, err);
    if (hasCode(err)) return err;
    // graphql's own errors: the parser's, the validation rules', and variables that do not fit.
    const code = err.message.startsWith('Syntax Error')
      ? 'GRAPHQL_PARSE_FAILED'
      : err.message.startsWith('Variable "$')
        ? 'BAD_USER_INPUT'
        : 'GRAPHQL_VALIDATION_FAILED';
    return copy(err, { code });
  }
  return fromUnknown(err, log);
}

function copy(err: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(err.message, {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    originalError: err.originalError,
    extensions: { ...err.extensions, ...extensions },
  });
}

/** Framework errors with a 4xx status keep their message; everything else is hidden. */
function fromUnknown(err: unknown, log: FastifyBaseLogger, base?: GraphQLError): GraphQLError {
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && typeof e.message === 'string') {
    const code = e.code === 'MER_ERR_GQL_QUERY_DEPTH' ? 'QUERY_TOO_DEEP' : 'BAD_REQUEST';
    return new GraphQLError(e.message, { path: base?.path, extensions: { code, appCode: typeof e.code === 'string' ? e.code : code } });
  }
  log.error({ err }, 'graphql request failed');
  return new GraphQLError(INTERNAL_MESSAGE, { path: base?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** graphql-js ends validation and coercion messages with " Did you mean ...?", naming fields, types and values of the schema. */
const SUGGESTION = /\s*Did you mean .*\?$/s;

/**
 * The error without graphql-js' suggestion: where introspection is closed, the messages must not
 * hand out the schema's names one typo at a time.
 */
export function withoutSuggestion(err: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(err.message)) return err;
  return new GraphQLError(err.message.replace(SUGGESTION, ''), {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    originalError: err.originalError,
    extensions: err.extensions,
  });
}

type Execution = { data?: Record<string, unknown> | null; errors: readonly GraphQLError[]; statusCode?: number };

/**
 * mercurius' errorFormatter: flattens validation failures (mercurius wraps them in one error
 * with `errors`), maps each error, and picks the HTTP status as mercurius would. Without
 * `suggestions`, "Did you mean" leaves the messages.
 */
export function createErrorFormatter(log: FastifyBaseLogger, opts: { suggestions: boolean }) {
  return (execution: Execution): { statusCode: number; response: { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] } } => {
    const flat = execution.errors.flatMap((e) => {
      const inner = (e.originalError as { errors?: unknown } | undefined)?.errors;
      return Array.isArray(inner) ? inner : [e];
    });
    const errors = flat.map((e) => {
      const out = toClientError(e, log);
      return opts.suggestions ? out : withoutSuggestion(out);
    });
    let statusCode = 200;
    if (!execution.data) {
      const only = errors.length === 1 ? errors[0] : undefined;
      const status = only?.extensions.status ?? (execution.errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
      statusCode = execution.statusCode ?? (typeof status === 'number' && status >= 400 ? status : 200);
    }
    return { statusCode, response: { data: execution.data ?? null, errors: errors.map((e) => e.toJSON()) } };
  };
}

/** Zod input problems as BAD_USER_INPUT, each with the field path, like the REST API's 400s. */
export function inputError(issues: z.core.$ZodIssue[], prefix: string): AppError {
  const details = issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
  const first = details[0];
  const err = CommonErrors.VALIDATION_FAILED(first ? `${first.path}: ${first.message}` : 'The input is not valid');
  return new AppError(err.code, err.kind, err.message, details);
}

/** Parses resolver input with a zod schema, or throws BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw inputError(r.error.issues, prefix);
  return r.data;
}
