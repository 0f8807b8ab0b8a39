/**
 * The two vendors' media stream messages, read into one shape.
 *
 * Twilio Media Streams (<Start><Stream track="both_tracks">; one-way): text frames of JSON,
 *   {"event":"connected","protocol":"Call","version":"1.0.0"}
 *   {"event":"start","sequenceNumber":"1","streamSid":"MZ..","start":{"accountSid","streamSid","callSid",
 *     "tracks":["inbound","outbound"],"customParameters":{},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}
 *   {"event":"media","sequenceNumber":"3","streamSid":"MZ..","media":{"track":"inbound"|"outbound","chunk":"1",
 *     "timestamp":"5" (ms since the stream started),"payload":"<base64 mu-law, 8 kHz, no header; 160 bytes = 20 ms>"}}
 *   {"event":"stop","sequenceNumber":"5","streamSid":"MZ..","stop":{"accountSid","callSid"}}, and mark, dtmf.
 * Exotel stream / voicebot applet: text frames of JSON, snake_case (camelCase also read: parts are
 *   unverified), one mono channel of 16-bit little-endian PCM, about 100 ms a frame,
 *   {"event":"connected"}
 *   {"event":"start","sequence_number":"1","stream_sid":"..","start":{"stream_sid","call_sid","account_sid","from","to",
 *     "custom_parameters":{},"media_format":{"encoding":"audio/x-raw","sample_rate":"8000","bit_rate":"16"}}}
 *   {"event":"media","sequence_number":"3","stream_sid":"..","media":{"chunk":"2","timestamp":"200","payload":"<base64 PCM>"}}
 *   {"event":"stop","sequence_number":"..","stream_sid":"..","stop":{"call_sid","account_sid","reason"}}, and dtmf, mark, clear.
 */
import type { AudioEncoding } from '../../providers/stt/index.js';
import type { MediaVendor } from './speech.tokens.js';

export type Track = 'inbound' | 'outbound';

export type StreamStart = {
  streamSid: string;
  callSid: string | null;
  accountSid: string | null;
  tracks: Track[];
  encoding: AudioEncoding;
  sampleRate: number;
  custom: Record<string, string>;
};

export type StreamMessage =
  | { kind: 'start'; start: StreamStart }
  | { kind: 'media'; track: Track; timestampMs: number | null; audio: Buffer }
  | { kind: 'stop'; reason: string | null }
  | { kind: 'other'; event: string }
  | { kind: 'invalid'; reason: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A field under either spelling (Exotel's are partly unverified). */
const pick = (o: Json, ...names: string[]): unknown => names.map((n) => o[n]).find((v) => v !== undefined);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function strings(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string' || typeof val === 'number') out[k] = String(val);
  return out;
}

function readMedia(media: unknown, defaultTrack: Track | null): StreamMessage {
  if (!isObject(media)) return { kind: 'invalid', reason: 'media event without media' };
  const payload = media.payload;
  if (typeof payload !== 'string' || payload.length % 4 !== 0 || !BASE64.test(payload)) return { kind: 'invalid', reason: 'media payload is not base64' };
  const rawTrack = media.track ?? defaultTrack;
  // Twilio spells tracks inbound/outbound in media events (and inbound_track in dtmf events).
  const track =
    rawTrack === 'inbound' || rawTrack === 'inbound_track' ? 'inbound' : rawTrack === 'outbound' || rawTrack === 'outbound_track' ? 'outbound' : null;
  if (!track) return { kind: 'invalid', reason: `unknown track ${String(rawTrack)}` };
  const ts = Number(text(media.timestamp));
  return { kind: 'media', track, timestampMs: Number.isFinite(ts) && ts >= 0 ? ts : null, audio: Buffer.from(payload, 'base64') };
}

function readTwilioStart(m: Json): StreamMessage {
  const s = m.start;
  if (!isObject(s)) return { kind: 'invalid', reason: 'start event without start' };
  const format = isObject(s.mediaFormat) ? s.mediaFormat : {};
  if (format.encoding !== 'audio/x-mulaw' || Number(format.sampleRate) !== 8000 || Number(format.channels ?? 1) !== 1) {
    return { kind: 'invalid', reason: `unsupported media format ${JSON.stringify(format)}` };
  }
  const tracks = Array.isArray(s.tracks) ? s.tracks.filter((t): t is Track => t === 'inbound' || t === 'outbound') : [];
  const streamSid = text(s.streamSid) ?? text(m.streamSid);
  if (!streamSid) return { kind: 'invalid', reason: 'start without streamSid' };
  return {
    kind: 'start',
    start: {
      streamSid,
      callSid: text(s.callSid),
      accountSid: text(s.accountSid),
      tracks: tracks.length > 0 ? [...new Set(tracks)] : ['inbound'],
      encoding: 'mulaw',
      sampleRate: 8000,
      custom: strings(s.customParameters),
    },
  };
}

function readExotelStart(m: Json): StreamMessage {
  const s = m.start;
  if (!isObject(s)) return { kind: 'invalid', reason: 'start event without start' };
  const format = pick(s, 'media_format', 'mediaFormat');
  const f = isObject(format) ? format : {};
  const encoding = text(f.encoding);
  const rate = Number(text(pick(f, 'sample_rate', 'sampleRate')) ?? 8000);
  const bits = Number(text(pick(f, 'bit_rate', 'bitRate', 'bits_per_sample')) ?? 16);
  if ((encoding !== null && !/raw|pcm|l16|linear/i.test(encoding)) || bits !== 16 || ![8000, 16000, 24000].includes(rate)) {
    return { kind: 'invalid', reason: `unsupported media format ${JSON.stringify(f)}` };
  }
  const streamSid = text(pick(s, 'stream_sid', 'streamSid')) ?? text(pick(m, 'stream_sid', 'streamSid'));
  if (!streamSid) return { kind: 'invalid', reason: 'start without stream_sid' };
  return {
    kind: 'start',
    start: {
      streamSid,
      callSid: text(pick(s, 'call_sid', 'callSid')),
      accountSid: text(pick(s, 'account_sid', 'accountSid')),
      tracks: ['inbound'],
      encoding: 'linear16',
      sampleRate: rate,
      custom: strings(pick(s, 'custom_parameters', 'customParameters')),
    },
  };
}

/** One websocket text frame from `vendor`, read. */
export function readStreamMessage(vendor: MediaVendor, frame: string): StreamMessage {
  let m: unknown;
  try {
    m = JSON.parse(frame);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isObject(m) || typeof m.event !== 'string') return { kind: 'invalid', reason: 'no event' };
  switch (m.event) {
    case 'start':
      return vendor === 'twilio' ? readTwilioStart(m) : readExotelStart(m);
    case 'media':
      return readMedia(m.media, vendor === 'exotel' ? 'inbound' : null);
    case 'stop': {
      const stop = isObject(m.stop) ? m.stop : {};
      return { kind: 'stop', reason: text(stop.reason) };
    }
    default:
      return { kind: 'other', event: m.event };
  }
}
