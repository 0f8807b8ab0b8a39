import { getExpectedBodyHash, getExpectedTwilioSignature, validateRequest, validateRequestWithBody } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import {
  bodySha256,
  computeTwilioSignature,
  parseTwilioForm,
  type TwilioParams,
  validateTwilioJsonSignature,
  validateTwilioSignature,
} from './twilio.signature.js';

/** Our X-Twilio-Signature against the official `twilio` package, which is the reference. */

/** A small deterministic generator, so a failure names a case that can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, pick };
}

const PIECES = ['a', 'Z', '0', ' ', '+', '%', '&', '=', '?', '/', "'", '!', '*', '(', ')', '~', 'é', 'ह', 'नमस्ते', '😀', '%20', '+91 98765', ''];
const NAMES = ['CallSid', 'callsid', 'CallStatus', 'To', 'From', 'Body', 'a', 'A', 'z', 'Ünïcode', 'नाम', 'x[]', 'StatusCallbackEvent'];
const HOSTS = [
  'https://telehub.example.com',
  'https://telehub.example.com:443',
  'http://telehub.example.com',
  'http://localhost:3000',
  'https://h.example:8443',
  'http://h.example:80',
];
const PATHS = ['/webhooks/twilio/voice-status', '/webhooks/twilio/recording-status', '/a/b%20c', '/ü'];

function randomCase(seed: number) {
  const r = rng(seed);
  const text = (n: number) => Array.from({ length: n }, () => r.pick(PIECES)).join('');
  const query = new URLSearchParams();
  for (let i = Math.floor(r.next() * 4); i > 0; i--) query.append(r.pick(['callId', 'leg', 'q', 'é', 'x']), text(1 + Math.floor(r.next() * 4)));
  const rawQuery = r.next() < 0.2 ? `q=${encodeURIComponent(text(2))}&p=it's (ok)*` : query.toString();
  const url = `${r.pick(HOSTS)}${r.pick(PATHS)}${rawQuery ? `?${rawQuery}` : ''}`;
  const params: Record<string, string | string[]> = {};
  for (let i = Math.floor(r.next() * 7); i > 0; i--) {
    const name = r.pick(NAMES);
    params[name] =
      r.next() < 0.25 ? Array.from({ length: 2 + Math.floor(r.next() * 3) }, () => text(1 + Math.floor(r.next() * 3))) : text(Math.floor(r.next() * 5));
  }
  return { r, url, params };
}

/** Every spelling Twilio might have signed: as is, port added or removed, legacy query encoding. */
function signedSpellings(url: string): string[] {
  const u = new URL(url);
  const noPort = new URL(url);
  noPort.port = '';
  const withPort = u.port ? u.toString() : `${u.protocol}//${u.host}${u.protocol === 'https:' ? ':443' : ':80'}${u.pathname}${u.search}`;
  return [url, u.toString(), noPort.toString(), withPort];
}

describe('X-Twilio-Signature', () => {
  it('computes the same signature as the twilio package on many URLs and bodies', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { url, params } = randomCase(seed);
      const token = `token-${seed}`;
      expect(computeTwilioSignature(token, url, params), `seed ${seed}`).toBe(getExpectedTwilioSignature(token, url, params));
    }
  });

  it('accepts and refuses exactly what validateRequest does, across ports, query spellings, tampering and wrong tokens', () => {
    let accepted = 0;
    let refused = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { r, url, params } = randomCase(seed);
      const token = `token-${seed}`;
      const signedUrl = r.pick(signedSpellings(url));
      const signature = getExpectedTwilioSignature(token, signedUrl, params);
      const tamperedParams: TwilioParams = { ...params, Extra: 'x' };
      const cases: [string, string, TwilioParams, string][] = [
        ['genuine', signature, params, token],
        ['wrong token', signature, params, `${token}x`],
        ['tampered body', signature, tamperedParams, token],
        ['truncated signature', signature.slice(0, -2), params, token],
        ['empty signature', '', params, token],
      ];
      for (const [what, sig, p, key] of cases) {
        const reference = validateRequest(key, sig, url, p);
        // One deliberate superset: a signature over the URL exactly as requested (which the
        // reference misses when the URL is not in WHATWG-normalized form).
        const expected = reference || (what === 'genuine' && signedUrl === url);
        const ours = validateTwilioSignature({ authToken: key, signature: sig, url, params: p });
        expect(ours, `seed ${seed}, ${what}, signed ${signedUrl}, checked ${url}`).toBe(expected);
        if (ours) accepted++;
        else refused++;
      }
    }
    // Every genuine signature was accepted and every altered one refused.
    expect(accepted).toBe(400);
    expect(refused).toBe(1600);
  });

  it('refuses a signature made for another URL (the query is part of what is signed)', () => {
    const params = { CallSid: 'CA1', CallStatus: 'completed' };
    const signature = getExpectedTwilioSignature('t', 'https://h.example/webhooks/twilio/voice-status?callId=a', params);
    const url = 'https://h.example/webhooks/twilio/voice-status?callId=b';
    expect(validateRequest('t', signature, url, params)).toBe(false);
    expect(validateTwilioSignature({ authToken: 't', signature, url, params })).toBe(false);
    expect(validateTwilioSignature({ authToken: 't', signature: undefined, url, params })).toBe(false);
    expect(validateTwilioSignature({ authToken: 't', signature, url: 'not a url', params })).toBe(false);
  });

  it('signs repeated names with their distinct values sorted, as parsed from a raw form body', () => {
    const raw = 'b=2&a=z&a=y&a=z&c=%E0%A4%B9&d=';
    const params = parseTwilioForm(raw);
    expect(params).toEqual({ b: '2', a: ['z', 'y', 'z'], c: 'ह', d: '' });
    const url = 'https://h.example/x?y=1';
    expect(computeTwilioSignature('tok', url, params)).toBe(getExpectedTwilioSignature('tok', url, { b: '2', a: ['y', 'z'], c: 'ह', d: '' }));
  });

  it('checks JSON bodies by bodySHA256 the way validateRequestWithBody does', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { r } = randomCase(seed);
      const body = JSON.stringify({ seed, text: r.pick(PIECES), nested: { list: [1, 'é', '😀'] } });
      const hash = getExpectedBodyHash(body);
      expect(bodySha256(body)).toBe(hash);
      const url = `https://telehub.example.com/webhooks/twilio/events?bodySHA256=${hash}&callId=c${seed}`;
      const signature = getExpectedTwilioSignature('tok', url, {});
      for (const [sig, raw] of [
        [signature, body],
        [signature, `${body} `],
        [`${signature}x`, body],
      ] as const) {
        expect(validateTwilioJsonSignature({ authToken: 'tok', signature: sig, url, rawBody: raw })).toBe(validateRequestWithBody('tok', sig, url, raw));
      }
    }
    expect(validateTwilioJsonSignature({ authToken: 'tok', signature: 'x', url: 'https://h.example/no-hash', rawBody: '{}' })).toBe(false);
  });
});
