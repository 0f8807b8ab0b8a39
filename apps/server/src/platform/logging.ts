/**
 * Structured logs (pino) with personal data masked: phone numbers and email addresses never
 * reach a log line in clear, whether they sit in the message, a field, or a request URL.
 *
 * Logging must never cost more than the work it describes: masking runs in time linear in the
 * text, strings are cut at MAX_LOG_STRING, only a bounded part of an object is walked, and a
 * request or reply is logged as a few chosen fields, never walked (its body could be megabytes).
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

/** Longest string written to a log line; longer ones are cut and end with a marker. */
export const MAX_LOG_STRING = 8 * 1024;

/** How much of one logged object is walked: deeper, wider or later parts become markers. */
const LIMITS = { depth: 6, keys: 50, items: 20, nodes: 1_000, chars: 64 * 1024 };

// Character classes as bit flags over ASCII, so the scanners test a character in one step.
const LOCAL = 1; // an address's local part: A-Z a-z 0-9 . _ % + -
const ENCODED_LOCAL = 2; // the same, URL-encoded (no +)
const ENCODED_FIRST = 4; // first character of an encoded local part (no %)
const DOMAIN = 8; // A-Z a-z 0-9 . -
const LETTER = 16;
const TOKEN = 32; // anything that can sit inside an address or a written phone number
const CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const alnum = /[A-Za-z0-9]/.test(ch);
  let flags = 0;
  if (alnum || '._%+-'.includes(ch)) flags |= LOCAL | TOKEN;
  if (alnum || '._%-'.includes(ch)) flags |= ENCODED_LOCAL;
  if (alnum || '._-'.includes(ch)) flags |= ENCODED_FIRST;
  if (alnum || '.-'.includes(ch)) flags |= DOMAIN;
  if (/[A-Za-z]/.test(ch)) flags |= LETTER;
  if ('@()'.includes(ch) || /\s/.test(ch)) flags |= TOKEN;
  CLASSES[c] = flags;
}
const is = (code: number, cls: number) => code < 128 && ((CLASSES[code] ?? 0) & cls) !== 0;

/**
 * End of the domain in text[from, to) as /[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ would match it from
 * `from` (the last dot followed by two letters, and the letters after it), or -1.
 */
function domainEnd(text: string, from: number, to: number): number {
  for (let dot = to - 3; dot > from; dot--) {
    if (text.charCodeAt(dot) === 46 && is(text.charCodeAt(dot + 1), LETTER) && is(text.charCodeAt(dot + 2), LETTER)) {
      let end = dot + 3;
      while (end < to && is(text.charCodeAt(end), LETTER)) end++;
      return end;
    }
  }
  return -1;
}

/**
 * Masks every `local<sep>domain.tld` as `l***<sep>domain.tld`. One pass: each character is
 * looked at a bounded number of times, because a local part is scanned back only to the end of
 * the previous separator and a domain never contains one (a regular expression with an
 * unbounded local part retried from every position of a long run: quadratic).
 */
function maskAddresses(text: string, sep: '@' | '%40', local: number, first: number): string {
  const sepIsLocal = [...sep].every((c) => is(c.charCodeAt(0), local));
  let out = '';
  let copied = 0;
  let floor = 0;
  // Where the local run that reaches `floor` began, when `floor` ends a separator that matched
  // nothing ("a%40b%40c.org"): the run goes on through it without being scanned again.
  let carried = -1;
  for (let at = text.indexOf(sep); at !== -1; at = text.indexOf(sep, floor)) {
    const domainStart = at + sep.length;
    let start = at;
    while (start > floor && is(text.charCodeAt(start - 1), local)) start--;
    if (start === floor && carried !== -1) start = carried;
    const runStart = start;
    while (start < at && !is(text.charCodeAt(start), first)) start++;
    let end = domainStart;
    while (end < text.length && is(text.charCodeAt(end), DOMAIN)) end++;
    const domain = domainEnd(text, domainStart, end);
    if (start < at && domain !== -1) {
      out += `${text.slice(copied, start)}${text[start]}***${sep}${text.slice(domainStart, domain)}`;
      copied = domain;
      floor = domain;
      carried = -1;
    } else {
      floor = domainStart;
      carried = sepIsLocal ? runStart : -1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// Seven or more digits, optionally with +, spaces, dots, dashes or brackets between them,
// not glued to letters or hyphens (so UUID groups and hex ids are left alone). Linear: a start
// must follow a non-word character, and a run can only fail for the few starts (at most seven)
// that lie within seven digits of the last place a number may end.
const PHONE = /(?<![\w-])\+?\d(?:[\s().-]?\d){6,}(?![\w-])/g;
// A URL-encoded +91... as it appears in query strings.
const ENCODED_PHONE = /%2B\d{7,}/gi;

/** Masks email addresses and phone numbers, plain or URL-encoded, in time linear in the text. */
export function maskPii(text: string): string {
  const withoutAddresses = maskAddresses(maskAddresses(text, '@', LOCAL, LOCAL), '%40', ENCODED_LOCAL, ENCODED_FIRST);
  return withoutAddresses
    .replace(ENCODED_PHONE, (m) => `%2B***${m.slice(-2)}`)
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      return `${m.startsWith('+') ? '+' : ''}***${digits.slice(-2)}`;
    });
}

/**
 * maskPii for a log line: a text longer than `limit` is cut, and the cut never keeps half an
 * address or number (half of one would no longer be recognised, and so not be masked).
 */
export function maskLogText(text: string, limit = MAX_LOG_STRING): string {
  if (text.length <= limit) return maskPii(text);
  let cut = limit;
  if (is(text.charCodeAt(cut), TOKEN)) {
    // An address is at most 320 characters: walk back over the token the cut falls in.
    const stop = Math.max(0, cut - 320);
    while (cut > stop && is(text.charCodeAt(cut - 1), TOKEN)) cut--;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // never split a surrogate pair
  return `${maskPii(text.slice(0, cut))}…[truncated ${text.length - cut} of ${text.length} chars]`;
}

/** Webhook URLs that carry a secret in the path (Exotel's callback token: status, and inbound's incoming, passthru and greeting). */
export function redactSecrets(url: string): string {
  return url.replace(/(\/webhooks\/exotel\/(?:status|incoming|passthru|greeting)\/)[^/?#]+/, '$1[redacted]');
}

type Budget = { nodes: number; chars: number };
const newBudget = (): Budget => ({ nodes: LIMITS.nodes, chars: LIMITS.chars });

function maskString(text: string, budget: Budget): string {
  const limit = Math.max(0, Math.min(MAX_LOG_STRING, budget.chars));
  budget.chars -= Math.min(text.length, limit);
  return maskLogText(text, limit);
}

function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

function maskError(err: Error, depth: number, budget: Budget): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: typeof err.constructor === 'function' ? err.constructor.name : err.name,
    message: typeof err.message === 'string' ? maskString(err.message, budget) : err.message,
    stack: typeof err.stack === 'string' ? maskString(err.stack, budget) : undefined,
  };
  let keys = 0;
  for (const key in err) {
    if (!Object.hasOwn(err, key) || key in out || key === 'cause') continue;
    if (keys++ >= LIMITS.keys) break;
    out[key] = walk(read(err, key), depth + 1, budget);
  }
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined) out.cause = walk(cause, depth + 1, budget);
  return out;
}

function walk(value: unknown, depth: number, budget: Budget): unknown {
  if (typeof value === 'string') return maskString(value, budget);
  if (value === null || typeof value !== 'object') return value;
  if (budget.nodes-- <= 0) return '[…]';
  if (depth >= LIMITS.depth) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (value instanceof Error) return maskError(value, depth, budget);
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return walk(toJSON.call(value), depth, budget);
    } catch {
      return '[unserializable]';
    }
  }
  if (Array.isArray(value)) {
    const shown = Math.min(value.length, LIMITS.items);
    const out: unknown[] = [];
    for (let i = 0; i < shown; i++) out.push(walk(value[i], depth + 1, budget));
    if (value.length > shown) out.push(`…[${value.length - shown} more items]`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (keys++ >= LIMITS.keys) {
      out['…'] = 'more keys';
      break;
    }
    out[key] = walk(read(value, key), depth + 1, budget);
  }
  return out;
}

/** Masks personal data in any value, walking only a bounded part of it. */
export function maskValue(value: unknown): unknown {
  return walk(value, 0, newBudget());
}

// Summaries already made (the record formatter runs before pino's serializers, which must not
// summarise a summary again).
const summaries = new WeakSet<object>();

type RequestLike = { id?: unknown; method?: unknown; url?: unknown; routeOptions?: { url?: unknown }; route?: unknown; ip?: unknown; remoteAddress?: unknown };

/**
 * A request as a log line shows it: method, URL (masked, secrets redacted), route pattern, id,
 * client address. Works on a Fastify request, a raw one, or a plain object; never reads a body.
 */
export function summarizeRequest(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return maskValue(value);
  if (summaries.has(value)) return value;
  const req = value as RequestLike;
  const pick = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const options = req.routeOptions;
  const url = pick(req.url);
  const out = {
    id: pick(req.id),
    method: pick(req.method),
    url: url === undefined ? undefined : maskLogText(redactSecrets(url)),
    route: pick(options && typeof options === 'object' ? options.url : req.route),
    remoteAddress: pick(req.ip ?? req.remoteAddress),
  };
  summaries.add(out);
  return out;
}

/** A reply as a log line shows it: the status code. */
export function summarizeReply(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return maskValue(value);
  if (summaries.has(value)) return value;
  const statusCode = (value as { statusCode?: unknown }).statusCode;
  const out = { statusCode: typeof statusCode === 'number' ? statusCode : undefined };
  summaries.add(out);
  return out;
}

/** Every logged object passes here before it is written: bounded, masked, requests summarised. */
function formatRecord(obj: Record<string, unknown>): Record<string, unknown> {
  const budget = newBudget();
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    if (keys++ >= LIMITS.keys) {
      out['…'] = 'more keys';
      break;
    }
    const value = obj[key];
    out[key] = key === 'req' ? summarizeRequest(value) : key === 'res' ? summarizeReply(value) : walk(value, 1, budget);
  }
  return out;
}

// Lines waiting for a slow reader beyond this are dropped rather than held in memory.
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
let stdout: pino.DestinationStream | undefined;

/**
 * Standard output as a log destination that drops lines once a write has failed. When the reader
 * is gone (EPIPE: the parent died, the pipe closed) logging stops instead of retrying: pino's
 * default destination retried the final flush forever, and the process never exited.
 */
export function stdoutDestination(): pino.DestinationStream {
  if (stdout) return stdout;
  let failed = false;
  process.stdout.on('error', () => {
    failed = true;
  });
  stdout = {
    write(line: string) {
      if (failed || process.stdout.destroyed || process.stdout.writableLength > MAX_PENDING_BYTES) return;
      process.stdout.write(line);
    },
  };
  return stdout;
}

export type LoggerOptions = { level: string; destination?: pino.DestinationStream };

export function createLogger(opts: LoggerOptions): Logger {
  const logger = pino(
    {
      level: opts.level,
      base: { service: 'telehub' },
      redact: {
        paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'accessToken', '*.accessToken'],
        censor: '[redacted]',
      },
      // These run after formatters.log (already summarised values pass through) and on child
      // bindings; they also replace Fastify's own, which would read a request's headers.
      serializers: {
        req: summarizeRequest,
        res: summarizeReply,
        err: (err: unknown) => (err instanceof Error ? maskValue(err) : err),
      },
      formatters: {
        log: (obj) => formatRecord(obj),
      },
      hooks: {
        logMethod(args, method) {
          const [first] = args;
          // pino takes the message of a lone error (`log.error(err)`, `log.error({ err })`) as is.
          const fields = first !== null && typeof first === 'object' && !(first instanceof Error) ? (first as { err?: unknown; msg?: unknown }) : undefined;
          const err = first instanceof Error ? first : fields?.msg === undefined ? fields?.err : undefined;
          if (args.length === 1 && err instanceof Error && typeof err.message === 'string') {
            method.apply(this, [fields ?? { err }, maskLogText(err.message)] as Parameters<typeof method>);
            return;
          }
          // Strings anywhere, and objects a message formats in (`%o`, `%j`: every argument after a
          // string message), are masked; a leading object is the record, masked by its formatter.
          const formatting = typeof first === 'string';
          const masked = args.map((a, i) =>
            typeof a === 'string' ? maskLogText(a) : formatting && i > 0 && a !== null && typeof a === 'object' ? maskValue(a) : a,
          ) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    opts.destination ?? stdoutDestination(),
  );
  // What a child logger is bound to (`log.child({ phone })`) is written on every line it logs, and
  // pino's bindings formatter does not reach children: mask the bindings on the way in. Children
  // inherit this method, so theirs are masked too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, maskValue(bindings) as typeof bindings, options);
  } as typeof logger.child;
  return logger;
}
