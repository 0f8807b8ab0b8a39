/**
 * X-Twilio-Signature, checked without the vendor SDK: HMAC-SHA1 (key: the auth token) over the
 * full URL Twilio requested followed by the form parameters sorted by name, base64. Twilio's own
 * libraries accept the URL with and without its default port and with the legacy query-string
 * encoding, because Twilio's signing side is not consistent about either; we accept the same set,
 * plus the URL exactly as requested, so that a proxy in front of us changes nothing.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseLegacyQuery, stringify as stringifyLegacyQuery } from 'node:querystring';

/** Form parameters as signed: a name sent more than once keeps all its values. */
export type TwilioParams = Record<string, string | readonly string[]>;

/** Parses an application/x-www-form-urlencoded body, keeping repeated names as arrays. */
export function parseTwilioForm(raw: string): TwilioParams {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}

/** The first value of a parameter (Twilio's own callbacks never repeat a name). */
export function param(params: TwilioParams, name: string): string | undefined {
  const v = params[name];
  return typeof v === 'string' ? v : v?.[0];
}

/** The signature Twilio sends for `url` and `params`. */
export function computeTwilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  // Default sort (UTF-16 code units, case-sensitive) is what Twilio signs with.
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (typeof value === 'string') data += name + value;
    else if (value) for (const v of [...new Set(value)].sort()) data += name + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Constant-time string comparison; a length mismatch is a plain mismatch. */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function withoutPort(url: URL): string {
  const copy = new URL(url);
  copy.port = '';
  return copy.toString();
}

/** The URL with its port spelled out, the default one when none is given (URL drops defaults). */
function withPort(url: URL): string {
  if (url.port) return url.toString();
  const port = url.protocol === 'https:' ? ':443' : ':80';
  const auth = url.username || url.password ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${auth}${url.host}${port}${url.pathname}${url.search}${url.hash}`;
}

/** The query string as Node's legacy querystring module re-encodes it (older Twilio signers). */
function withLegacyQuery(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  const query = stringifyLegacyQuery(parseLegacyQuery(parsed.search.slice(1)));
  parsed.search = '';
  return `${parsed.toString()}?${query}`;
}

/**
 * Every spelling of `url` Twilio may have signed: first the URL exactly as requested, then the
 * spellings twilio-node also tries (port removed or added, legacy query encoding).
 */
export function signatureUrlCandidates(url: string): string[] {
  const parsed = new URL(url);
  const bare = withoutPort(parsed);
  const ported = withPort(parsed);
  return [...new Set([url, bare, ported, withLegacyQuery(bare), withLegacyQuery(ported)])];
}

export type SignatureCheck = { authToken: string; signature: string | undefined; url: string; params: TwilioParams };

/** True when `signature` is Twilio's for this URL and form body. */
export function validateTwilioSignature(check: SignatureCheck): boolean {
  if (!check.signature || !check.authToken) return false;
  let candidates: string[];
  try {
    candidates = signatureUrlCandidates(check.url);
  } catch {
    return false;
  }
  let ok = false;
  // Every candidate is tried (no early exit) so timing does not tell which spelling matched.
  for (const candidate of candidates) {
    if (safeEqual(check.signature, computeTwilioSignature(check.authToken, candidate, check.params))) ok = true;
  }
  return ok;
}

export const bodySha256 = (rawBody: string): string => createHash('sha256').update(Buffer.from(rawBody, 'utf8')).digest('hex');

/**
 * JSON webhooks: Twilio adds `bodySHA256=<hex>` to the URL and signs the URL alone, so the URL
 * signature is checked with no parameters and then the body against that hash.
 */
export function validateTwilioJsonSignature(check: { authToken: string; signature: string | undefined; url: string; rawBody: string }): boolean {
  let hash: string | null;
  try {
    hash = new URL(check.url).searchParams.get('bodySHA256');
  } catch {
    return false;
  }
  if (!hash) return false;
  const urlOk = validateTwilioSignature({ authToken: check.authToken, signature: check.signature, url: check.url, params: {} });
  return safeEqual(hash, bodySha256(check.rawBody)) && urlOk;
}
