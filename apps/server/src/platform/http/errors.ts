/** Maps every error to one JSON shape at the edge. 5xx details stay in the log. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const statusText = (code: number) => STATUS_TEXT[code] ?? (code >= 500 ? 'Server Error' : 'Error');

/** "body/email", "querystring/pageSize" -> "email", "pageSize": people know fields, not parts of HTTP. */
function fieldName(instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return parts.length > 0 ? parts.join('.') : '(request)';
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      // An outside system failing (502) is worth a warning; our own failures are errors.
      if (err.statusCode === 502) request.log.warn({ err }, err.message);
      else if (err.statusCode >= 500) request.log.error({ err }, err.message);
      return reply.status(err.statusCode).send({
        statusCode: err.statusCode,
        code: err.code,
        error: statusText(err.statusCode),
        message: err.message,
        ...(err.details ? { details: err.details } : {}),
        ...(err.extra ?? {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: fieldName(v.instancePath),
        message: v.message ?? 'is not valid',
      }));
      const where = err.validationContext === 'querystring' ? 'query' : err.validationContext;
      const first = details[0];
      return reply.status(400).send({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        error: 'Bad Request',
        message: first ? `Invalid ${where}: ${first.path}: ${first.message}` : 'The request is not valid',
        details,
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return reply.status(415).send({
        statusCode: 415,
        code: 'MULTIPART_REQUIRED',
        error: statusText(415),
        message: 'file: send multipart/form-data with the file in a field named "file"',
      });
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply.status(status).send({
        statusCode: status,
        code: 'INTERNAL',
        error: statusText(status),
        message: 'Something went wrong on our side; it has been logged.',
      });
    }
    return reply.status(status).send({
      statusCode: status,
      code: err.code ?? 'BAD_REQUEST',
      error: statusText(status),
      message: err.message,
    });
  });
}
