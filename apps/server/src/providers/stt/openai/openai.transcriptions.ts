/**
 * One utterance to an OpenAI-compatible transcription endpoint, with retries: what a live stream
 * and a finished recording both send (openai.stt.ts describes the request). A 429, 408, 5xx or
 * network failure is tried again with backoff; anything else is the caller's to judge (401/403: the
 * key is wrong; another 4xx: this utterance). Stops at once when `signal` aborts.
 */
import { wavFile } from '../audio.js';
import { SttError } from '../stt.port.js';

export type TranscriptionClientOptions = {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  /** One request's time-out. Default 20 s. */
  timeoutMs?: number;
  /** Further attempts after a failure that may pass. Default 2. */
  retries?: number;
  /** First backoff, doubled each attempt. Default 300 ms. */
  backoffMs?: number;
  fetch?: typeof fetch;
};

export type TranscriptionClient = {
  /** The text of one utterance (16-bit PCM mono at `sampleRate`); `language` null lets the engine tell. */
  transcribe(samples: Int16Array, o: { sampleRate: number; language: string | null; signal: AbortSignal }): Promise<string>;
};

export function createTranscriptionClient(opts: TranscriptionClientOptions): TranscriptionClient {
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`;
  const doFetch = opts.fetch ?? fetch;

  async function post(samples: Int16Array, o: { sampleRate: number; language: string | null; signal: AbortSignal }): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wavFile(samples, o.sampleRate))], { type: 'audio/wav' }), 'utterance.wav');
    form.append('model', opts.model);
    if (o.language) form.append('language', o.language);
    form.append('response_format', 'json');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
    const res = await doFetch(endpoint, {
      method: 'POST',
      headers,
      body: form,
      signal: AbortSignal.any([o.signal, AbortSignal.timeout(opts.timeoutMs ?? 20_000)]),
    });
    const body = await res.text();
    if (!res.ok) {
      let message = body.slice(0, 200);
      try {
        const parsed = JSON.parse(body) as { error?: { message?: unknown } };
        if (typeof parsed.error?.message === 'string') message = parsed.error.message;
      } catch {
        // not JSON: the excerpt says enough
      }
      const retryable = res.status === 429 || res.status >= 500 || res.status === 408;
      throw new SttError(`transcription endpoint answered ${res.status}: ${message}`, res.status, retryable);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SttError('transcription endpoint answered with something other than JSON', res.status, false);
    }
    const text = typeof parsed === 'object' && parsed !== null && 'text' in parsed ? (parsed as { text: unknown }).text : undefined;
    if (typeof text !== 'string') throw new SttError('transcription endpoint answered without a text field', res.status, false);
    return text.trim();
  }

  return {
    async transcribe(samples, o) {
      const retries = opts.retries ?? 2;
      for (let attempt = 0; ; attempt++) {
        try {
          return await post(samples, o);
        } catch (err) {
          const retryable = err instanceof SttError ? err.retryable : !o.signal.aborted;
          if (!retryable || attempt >= retries || o.signal.aborted) throw err;
          await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 300) * 2 ** attempt));
        }
      }
    },
  };
}
