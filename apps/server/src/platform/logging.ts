/**
 * Structured logs (pino) with personal data masked: phone numbers and email addresses never
 * reach a log line in clear, whether they sit in the message, a field, or a request URL.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// Seven or more digits, optionally with +, spaces, dots, dashes or brackets between them,
// not glued to letters or hyphens (so UUID groups and hex ids are left alone).
const PHONE = /(?<![\w-])\+?\d(?:[\s().-]?\d){6,}(?![\w-])/g;
// URL-encoded forms as they appear in query strings (%2B91..., %40).
const ENCODED_EMAIL = /([A-Za-z0-9._-])[A-Za-z0-9._%-]*%40([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const ENCODED_PHONE = /%2B\d{7,}/gi;

export function maskPii(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(ENCODED_EMAIL, (_m, first: string, domain: string) => `${first}***%40${domain}`)
    .replace(ENCODED_PHONE, (m) => `%2B***${m.slice(-2)}`)
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      return `${m.startsWith('+') ? '+' : ''}***${digits.slice(-2)}`;
    });
}

/** Webhook URLs that carry a secret in the path (Exotel's status callback token). */
export function redactSecrets(url: string): string {
  return url.replace(/(\/webhooks\/exotel\/status\/)[^/?#]+/, '$1[redacted]');
}

const SKIP_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'reqId', 'responseTime', 'statusCode']);

export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return {
      type: value.name,
      message: maskPii(value.message),
      stack: value.stack ? maskPii(value.stack) : undefined,
      ...(cause !== undefined ? { cause: maskValue(cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SKIP_KEYS.has(k) ? v : maskValue(v, depth + 1);
  return out;
}

export type LoggerOptions = { level: string; destination?: pino.DestinationStream };

export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'telehub' },
      redact: {
        paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'accessToken', '*.accessToken'],
        censor: '[redacted]',
      },
      serializers: {
        err: pino.stdSerializers.err,
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          method: req.method,
          url: req.url ? maskPii(redactSecrets(req.url)) : req.url,
          id: req.id,
        }),
      },
      formatters: {
        log: (obj) => maskValue(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    opts.destination,
  );
}
