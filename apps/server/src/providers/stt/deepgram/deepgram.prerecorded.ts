/**
 * A finished call's recording through Deepgram's pre-recorded API, as documented:
 *
 *   POST {base}/v1/listen?model=..&multichannel=true&utterances=true&punctuate=true&smart_format=true
 *        &language=<en|hi|multi>            (https://api.deepgram.com; a ws(s) base is read as http(s))
 *   Authorization: Token <API key>          Content-Type: audio/wav       body: the WAV file itself
 *   200 {"metadata":{"request_id","duration","channels",...},
 *        "results":{"channels":[{"alternatives":[{"transcript","confidence","words":[..],"languages"?}],
 *                                "detected_language"?}],
 *                   "utterances":[{"start":s,"end":s,"confidence","channel":ch,"transcript":"..",
 *                                  "words":[{"word","start","end","confidence","punctuated_word","language"?}],
 *                                  "speaker"?,"id"}]}}
 *   Errors: {"err_code","err_msg","request_id"} with 400 (the query, or audio it cannot decode),
 *   401 (the key), 402 (no credit), 403, 413 (too large), 429 (too many requests), 5xx.
 *
 * With multichannel each channel is transcribed on its own and every utterance names its channel;
 * `utterances` splits each channel's words where its speaker pauses. A 429, 408, 5xx, a time-out or
 * a dropped connection is tried again with backoff (Retry-After when Deepgram sends one); any other
 * 4xx fails at once with Deepgram's reason: sending the same file again cannot help.
 */
import { z } from 'zod';
import type { Logger } from '../../../platform/logging.js';
import { SttError, type SttFileOptions, type SttResult } from '../stt.port.js';

export type DeepgramFileOptions = {
  apiKey: string;
  /** https://api.deepgram.com (a ws(s) base is read as http(s)). */
  baseUrl: string;
  model: string;
  logger: Logger;
  /** One request's time-out (the whole file is transcribed while it waits). Default 300 s. */
  timeoutMs?: number;
  /** Further attempts after a failure that may pass. Default 3. */
  retries?: number;
  /** First backoff, doubled each attempt (up to 30 s). Default 500 ms. */
  backoffMs?: number;
  /** A longer Retry-After than this is not waited for: the failure stands. Default 60 s. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
};

const Word = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number().optional(),
  punctuated_word: z.string().optional(),
  language: z.string().optional(),
});

const Utterance = z.object({
  start: z.number(),
  end: z.number(),
  confidence: z.number().optional(),
  channel: z.number().int().min(0),
  transcript: z.string(),
  words: z.array(Word).optional(),
});

export const DeepgramPrerecorded = z.object({
  metadata: z.object({ request_id: z.string().optional(), duration: z.number().optional(), channels: z.number().int().optional() }).optional(),
  results: z.object({
    channels: z.array(
      z.object({
        alternatives: z.array(z.object({ transcript: z.string(), languages: z.array(z.string()).optional() })),
        detected_language: z.string().optional(),
      }),
    ),
    utterances: z.array(Utterance).optional(),
  }),
});
export type DeepgramPrerecorded = z.infer<typeof DeepgramPrerecorded>;

/** The query a recording is posted with. */
export function prerecordedQuery(opts: { model: string; language: string }): URLSearchParams {
  return new URLSearchParams({
    model: opts.model,
    multichannel: 'true',
    utterances: 'true',
    punctuate: 'true',
    smart_format: 'true',
    language: opts.language,
  });
}

/** `retry-after` in seconds or as an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The most frequent of the words' languages, or null when they name none. */
function wordsLanguage(words: { language?: string | undefined }[]): string | null {
  const counts = new Map<string, number>();
  for (const w of words) if (w.language) counts.set(w.language, (counts.get(w.language) ?? 0) + 1);
  let best: string | null = null;
  for (const [language, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = language;
  return best;
}

/** Deepgram's answer as results: one final result per utterance on a wanted channel, in order of start. */
export function readPrerecorded(body: DeepgramPrerecorded, opts: SttFileOptions): SttResult[] {
  const utterances = body.results.utterances;
  if (!utterances) throw new SttError('Deepgram answered without utterances (utterances=true was asked)', 200, false);
  const fixed = opts.language === 'multi' ? null : opts.language;
  const out: SttResult[] = [];
  for (const u of utterances) {
    const text = u.transcript.trim();
    if (!text || (opts.channels && !opts.channels.includes(u.channel))) continue;
    const channel = body.results.channels[u.channel];
    const words = u.words ?? [];
    out.push({
      channel: u.channel,
      text,
      final: true,
      startMs: Math.round((words[0]?.start ?? u.start) * 1000),
      endMs: Math.round((words[words.length - 1]?.end ?? u.end) * 1000),
      language: wordsLanguage(words) ?? channel?.detected_language ?? channel?.alternatives[0]?.languages?.[0] ?? fixed,
      confidence: u.confidence ?? null,
    });
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.channel - b.channel);
}

export async function transcribeDeepgramFile(opts: DeepgramFileOptions, wav: Buffer, file: SttFileOptions): Promise<SttResult[]> {
  const log = opts.logger.child({ stt: 'deepgram', recording: file.label });
  const base = opts.baseUrl.replace(/^ws/, 'http').replace(/\/+$/, '');
  const url = `${base}/v1/listen?${prerecordedQuery({ model: opts.model, language: file.language })}`;
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 3;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 60_000;
  // fetch takes bytes over an ArrayBuffer of their own; sent as they are on every attempt.
  const body = new Uint8Array(wav);

  async function attempt(): Promise<{ results: SttResult[] } | { error: SttError; waitMs: number | null }> {
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Token ${opts.apiKey}`, 'content-type': 'audio/wav', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 300_000),
      });
      text = await res.text();
    } catch (err) {
      return { error: new SttError(`Deepgram could not be reached: ${(err as Error).message}`, null, true, { cause: err }), waitMs: null };
    }
    if (!res.ok) {
      let reason = text.slice(0, 200);
      try {
        const parsed = JSON.parse(text) as { err_msg?: unknown; err_code?: unknown };
        if (typeof parsed.err_msg === 'string') reason = typeof parsed.err_code === 'string' ? `${parsed.err_code}: ${parsed.err_msg}` : parsed.err_msg;
      } catch {
        // not JSON: the excerpt says enough
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const error = new SttError(`Deepgram ${retryable ? 'answered' : 'refused the recording:'} ${res.status} ${reason}`.trim(), res.status, retryable);
      return { error, waitMs: retryAfterMs(res.headers.get('retry-after')) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { error: new SttError('Deepgram answered with something other than JSON', res.status, false), waitMs: null };
    }
    const parsed = DeepgramPrerecorded.safeParse(json);
    if (!parsed.success) {
      return {
        error: new SttError(`Deepgram answered in a shape it does not document: ${parsed.error.issues[0]?.message ?? ''}`, res.status, false),
        waitMs: null,
      };
    }
    return { results: readPrerecorded(parsed.data, file) };
  }

  const started = Date.now();
  for (let n = 0; ; n++) {
    const r = await attempt();
    if ('results' in r) {
      log.info({ utterances: r.results.length, attempts: n + 1, ms: Date.now() - started }, 'recording transcribed');
      return r.results;
    }
    if (!r.error.retryable) throw r.error;
    if (n >= retries) throw new SttError(`Deepgram: gave up after ${retries + 1} attempts (${r.error.message})`, r.error.status, false, { cause: r.error });
    if (r.waitMs !== null && r.waitMs > maxRetryAfter) throw r.error;
    const wait = r.waitMs ?? Math.min(30_000, (opts.backoffMs ?? 500) * 2 ** n);
    log.warn({ err: r.error.message, attempt: n + 1, retryInMs: wait }, 'recording not transcribed; trying again');
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
