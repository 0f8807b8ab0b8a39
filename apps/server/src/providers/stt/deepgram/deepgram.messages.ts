/**
 * What Deepgram's live transcription (v1 listen, streaming) sends and takes, as documented:
 *
 * Connect: wss://api.deepgram.com/v1/listen?<query>, header `Authorization: Token <API key>`.
 *   Query used here: model, encoding (mulaw | linear16), sample_rate, channels, multichannel=true
 *   (channels > 1, audio interleaved sample by sample), language (en | hi | multi),
 *   interim_results=true, punctuate=true, smart_format=true, endpointing=<ms of silence that ends
 *   an utterance>. A refused handshake is an HTTP answer: 400 bad query, 401 bad key, 402 no
 *   credit, 429 too many requests, 5xx the service; `dg-error` carries the reason.
 * Client -> Deepgram: binary frames of raw audio; text frames {"type":"KeepAlive"} (at least every
 *   10 s without audio, or Deepgram closes with NET-0001), {"type":"Finalize"}, and
 *   {"type":"CloseStream"} (Deepgram answers the audio still owed, sends Metadata, then closes 1000).
 * Deepgram -> client (text frames, JSON):
 *   {"type":"Results","channel_index":[ch, channels],"start":s,"duration":s,"is_final":bool,
 *    "speech_final":bool,"from_finalize":bool,"channel":{"alternatives":[{"transcript":"...",
 *    "confidence":0.98,"words":[{"word","start","end","confidence","punctuated_word","language"?}],
 *    "languages":["hi","en"]?}]},"metadata":{"request_id",...}}
 *     is_final: this stretch of audio will not be transcribed again; speech_final: the speaker
 *     paused for `endpointing` ms, so the utterance is over. An utterance is the is_final pieces
 *     up to the one with speech_final. `languages` (multi) lists what was heard, most first.
 *   {"type":"Metadata","request_id","created","duration","channels",...}
 *   {"type":"SpeechStarted","channel":[ch, channels],"timestamp":s} (vad_events=true only)
 *   {"type":"UtteranceEnd","channel":[ch, channels],"last_word_end":s} (utterance_end_ms only)
 *   Errors close the socket: 1008 DATA-0000 (audio it cannot decode), 1011 NET-0000/NET-0001.
 */
import { z } from 'zod';

const Word = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number().optional(),
  punctuated_word: z.string().optional(),
  language: z.string().optional(),
});

const Alternative = z.object({
  transcript: z.string(),
  confidence: z.number().optional(),
  words: z.array(Word).optional(),
  languages: z.array(z.string()).optional(),
});

export const DeepgramResults = z.object({
  type: z.literal('Results'),
  channel_index: z.array(z.number().int()).min(1),
  start: z.number(),
  duration: z.number(),
  is_final: z.boolean().optional(),
  speech_final: z.boolean().optional(),
  from_finalize: z.boolean().optional(),
  channel: z.object({ alternatives: z.array(Alternative) }),
});
export type DeepgramResults = z.infer<typeof DeepgramResults>;

export const DeepgramUtteranceEnd = z.object({
  type: z.literal('UtteranceEnd'),
  channel: z.array(z.number().int()).min(1),
  last_word_end: z.number().optional(),
});

export type DeepgramMessage =
  | { kind: 'results'; results: DeepgramResults }
  | { kind: 'utterance_end'; channel: number }
  | { kind: 'other'; type: string }
  | { kind: 'malformed'; reason: string };

export function readDeepgramMessage(text: string): DeepgramMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? String((json as { type: unknown }).type) : '';
  if (type === 'Results') {
    const r = DeepgramResults.safeParse(json);
    return r.success ? { kind: 'results', results: r.data } : { kind: 'malformed', reason: r.error.issues[0]?.message ?? 'bad Results' };
  }
  if (type === 'UtteranceEnd') {
    const r = DeepgramUtteranceEnd.safeParse(json);
    return r.success ? { kind: 'utterance_end', channel: r.data.channel[0] ?? 0 } : { kind: 'malformed', reason: 'bad UtteranceEnd' };
  }
  return { kind: 'other', type };
}

/** The query a stream connects with. */
export function listenQuery(opts: {
  model: string;
  encoding: 'mulaw' | 'linear16';
  sampleRate: number;
  channels: number;
  language: string;
  endpointingMs: number;
}): URLSearchParams {
  const q = new URLSearchParams({
    model: opts.model,
    encoding: opts.encoding,
    sample_rate: String(opts.sampleRate),
    channels: String(opts.channels),
    language: opts.language,
    interim_results: 'true',
    punctuate: 'true',
    smart_format: 'true',
    endpointing: String(opts.endpointingMs),
  });
  if (opts.channels > 1) q.set('multichannel', 'true');
  return q;
}
