/** Media stream URL tokens, the vendors' messages, and the first cut at a segment's language. */
import { describe, expect, it } from 'vitest';
import { segmentLanguage } from './speech.language.js';
import { readStreamMessage } from './speech.protocol.js';
import { createMediaTokens } from './speech.tokens.js';

const SECRET = 'a-media-secret-of-at-least-thirty-two-chars';
const CALL = '0b6f5a1e-1234-4000-8000-00000000abcd';

describe('media tokens', () => {
  const tokens = createMediaTokens(SECRET);
  const now = new Date('2026-05-01T10:00:00Z');

  it('grant what they were signed for until they expire, and fit in a URL path segment', () => {
    const token = tokens.sign({ kind: 'call', vendor: 'twilio', callId: CALL, leg: 'agent', expiresAt: now.getTime() + 60_000 });
    expect(token.length).toBeLessThan(100);
    expect(tokens.verify(token, now)).toEqual({
      ok: true,
      grant: { kind: 'call', vendor: 'twilio', callId: CALL, leg: 'agent', expiresAt: now.getTime() + 60_000 },
    });
    expect(tokens.verify(token, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' });
    const applet = tokens.sign({ kind: 'applet', vendor: 'exotel', expiresAt: now.getTime() + 86_400_000 });
    expect(tokens.verify(applet, now)).toMatchObject({ ok: true, grant: { kind: 'applet', vendor: 'exotel' } });
  });

  it('refuse a changed, truncated or foreign token', () => {
    const token = tokens.sign({ kind: 'call', vendor: 'twilio', callId: CALL, leg: 'lead', expiresAt: now.getTime() + 60_000 });
    const [body = '', mac = ''] = token.split('.');
    const other = createMediaTokens(`${SECRET}!`).sign({ kind: 'call', vendor: 'twilio', callId: CALL, leg: 'lead', expiresAt: now.getTime() + 60_000 });
    const bytes = Buffer.from(body, 'base64url');
    bytes[3] = 0; // the leg, agent -> lead
    bytes[2] = 1; // the vendor, twilio -> exotel
    for (const bad of [other, `${bytes.toString('base64url')}.${mac}`, `${body}.${mac.slice(0, -2)}`, body, `${token}.x`, '']) {
      expect(tokens.verify(bad, now).ok, bad).toBe(false);
    }
  });
});

describe('stream messages', () => {
  it('reads Twilio’s start and media, and refuses a format it cannot transcribe', () => {
    const start = readStreamMessage(
      'twilio',
      JSON.stringify({
        event: 'start',
        sequenceNumber: '1',
        streamSid: 'MZ1',
        start: {
          accountSid: 'AC1',
          streamSid: 'MZ1',
          callSid: 'CA1',
          tracks: ['inbound', 'outbound'],
          customParameters: { a: 'b' },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }),
    );
    expect(start).toEqual({
      kind: 'start',
      start: { streamSid: 'MZ1', callSid: 'CA1', accountSid: 'AC1', tracks: ['inbound', 'outbound'], encoding: 'mulaw', sampleRate: 8000, custom: { a: 'b' } },
    });
    const media = readStreamMessage(
      'twilio',
      JSON.stringify({ event: 'media', media: { track: 'outbound', chunk: '2', timestamp: '20', payload: Buffer.from([1, 2]).toString('base64') } }),
    );
    expect(media).toEqual({ kind: 'media', track: 'outbound', timestampMs: 20, audio: Buffer.from([1, 2]) });
    expect(
      readStreamMessage(
        'twilio',
        JSON.stringify({ event: 'start', streamSid: 'MZ', start: { streamSid: 'MZ', mediaFormat: { encoding: 'audio/x-l16', sampleRate: 16000 } } }),
      ).kind,
    ).toBe('invalid');
    expect(readStreamMessage('twilio', JSON.stringify({ event: 'media', media: { track: 'inbound', payload: 'not base64!' } })).kind).toBe('invalid');
    expect(readStreamMessage('twilio', JSON.stringify({ event: 'mark', mark: { name: 'x' } }))).toEqual({ kind: 'other', event: 'mark' });
  });

  it('reads Exotel’s snake_case (and camelCase) start as one channel of 16-bit PCM', () => {
    const start = readStreamMessage(
      'exotel',
      JSON.stringify({
        event: 'start',
        stream_sid: 'S1',
        start: {
          stream_sid: 'S1',
          call_sid: 'C1',
          account_sid: 'A1',
          custom_parameters: { speaker: 'agent' },
          media_format: { encoding: 'audio/x-raw', sample_rate: '16000', bit_rate: '16' },
        },
      }),
    );
    expect(start).toMatchObject({
      kind: 'start',
      start: { callSid: 'C1', tracks: ['inbound'], encoding: 'linear16', sampleRate: 16000, custom: { speaker: 'agent' } },
    });
    expect(readStreamMessage('exotel', JSON.stringify({ event: 'start', streamSid: 'S2', start: { streamSid: 'S2', callSid: 'C2' } }))).toMatchObject({
      kind: 'start',
      start: { callSid: 'C2', sampleRate: 8000 },
    });
    expect(readStreamMessage('exotel', JSON.stringify({ event: 'media', media: { payload: 'AAA=', timestamp: '100' } }))).toMatchObject({
      kind: 'media',
      track: 'inbound',
      timestampMs: 100,
    });
    expect(
      readStreamMessage('exotel', JSON.stringify({ event: 'start', stream_sid: 'S', start: { stream_sid: 'S', media_format: { bit_rate: '8' } } })).kind,
    ).toBe('invalid');
  });
});

describe('segment language', () => {
  it.each([
    ['मुझे फीस के बारे में सोचना होगा।', null, 'hi'],
    ['The fee is forty thousand rupees.', null, 'en'],
    ['The fee is forty thousand rupees.', 'en', 'en'],
    ['Koi baat nahi, aap kal tak bata dijiye.', null, 'hinglish'],
    ['fees thoda zyada hai, main papa se baat karke bataunga', null, 'hinglish'],
    ['ok done', 'hi', 'hinglish'],
    ['EMI option है क्या?', null, 'hi'],
    ['Is there an EMI option? हाँ', null, 'hinglish'],
  ] as const)('%s (engine: %s) is %s', (text, detected, expected) => {
    expect(segmentLanguage(text, detected)).toBe(expected);
  });
});
