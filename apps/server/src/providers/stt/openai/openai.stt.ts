/**
 * An OpenAI-compatible transcription endpoint behind the STT port (OpenAI's Whisper API, or a
 * self-hosted server that speaks it: faster-whisper-server, LocalAI, whisper.cpp's server). Such an
 * endpoint takes whole files, not streams, so each channel runs an energy voice activity detector
 * (vad.ts) that cuts utterances; each utterance becomes a WAV file (16-bit PCM mono at the stream's
 * rate) posted as:
 *
 *   POST {STT_OPENAI_BASE_URL}/audio/transcriptions      (base like https://api.openai.com/v1)
 *   Authorization: Bearer <STT_OPENAI_API_KEY>           (left out when no key is set)
 *   multipart/form-data: file=<utterance.wav; audio/wav>, model=<STT_OPENAI_MODEL>,
 *                        language=<en|hi> (left out for multi), response_format=json
 *   200 {"text": "..."}; errors {"error": {"message", "type", "code"}} with 4xx/5xx.
 *
 * One request at a time per channel keeps a speaker's utterances in order. A 429, 5xx or network
 * failure is tried again (twice, with backoff: openai.transcriptions.ts); 401/403 stops the stream
 * (the key is wrong); another 4xx drops that utterance. There are no interim results. The JSON
 * answer says no language: the result's language is the one asked for, or null for multi.
 * A finished call's recording is cut the same way, channel by channel, and sent likewise
 * (openai.files.ts).
 */
import type { Logger } from '../../../platform/logging.js';
import { AudioTimeline, decodeAudio } from '../audio.js';
import { SttError, type SttProvider, type SttStream, type SttStreamOptions } from '../stt.port.js';
import { transcribeOpenAiFile } from './openai.files.js';
import { createTranscriptionClient, type TranscriptionClient } from './openai.transcriptions.js';
import { EnergyVad, type Utterance, type VadOptions } from './vad.js';

export type OpenAiSttOptions = {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  logger: Logger;
  vad: Omit<VadOptions, 'sampleRate'>;
  /** One request's time-out. Default 20 s. */
  timeoutMs?: number;
  /** Further attempts after a failure that may pass. Default 2. */
  retries?: number;
  /** First backoff, doubled each attempt. Default 300 ms. */
  backoffMs?: number;
  /** How long end() waits for the utterances still being transcribed. Default 30 s. */
  endTimeoutMs?: number;
  /** A recording's utterances sent at once. Default 4. */
  fileConcurrency?: number;
  /** How long a whole recording may take. Default 10 min. */
  fileTimeoutMs?: number;
  fetch?: typeof fetch;
};

export function createOpenAiSttProvider(opts: OpenAiSttOptions): SttProvider {
  const client = createTranscriptionClient(opts);
  return {
    name: 'openai',
    transcribesAudio: true,
    interimResults: false,
    detectsLanguage: false,
    multichannel: false,
    transcribesFiles: true,
    open: (s) => openStream(client, opts, s),
    transcribeFile: (wav, file) =>
      transcribeOpenAiFile(client, { vad: opts.vad, logger: opts.logger, concurrency: opts.fileConcurrency, endTimeoutMs: opts.fileTimeoutMs }, wav, file),
  };
}

type Job = { channel: number; utterance: Utterance };

function openStream(client: TranscriptionClient, opts: OpenAiSttOptions, s: SttStreamOptions): SttStream {
  const log = opts.logger.child({ stt: 'openai', stream: s.label });
  const timelines = Array.from({ length: s.channels }, () => new AudioTimeline(s.sampleRate));
  const queues: Job[][] = Array.from({ length: s.channels }, () => []);
  const busy = new Array<boolean>(s.channels).fill(false);
  /**
   * Audio (ms) in utterances waiting for the endpoint. The one being transcribed does not count:
   * a channel is behind only when the next utterance ends before the last one's answer came.
   */
  let backlog = 0;
  let closed = false;
  const controller = new AbortController();
  let idle: (() => void) | null = null;
  const language = s.language === 'multi' ? null : s.language;

  const vads = timelines.map(
    (_, channel) =>
      new EnergyVad({ ...opts.vad, sampleRate: s.sampleRate }, (utterance) => {
        queues[channel]?.push({ channel, utterance });
        backlog += (utterance.samples.length / s.sampleRate) * 1000;
        void drain(channel);
      }),
  );

  async function drain(channel: number) {
    const queue = queues[channel];
    if (!queue || busy[channel]) return;
    busy[channel] = true;
    try {
      for (let job = queue.shift(); job && !closed; job = queue.shift()) {
        backlog -= (job.utterance.samples.length / s.sampleRate) * 1000;
        try {
          const text = await client.transcribe(job.utterance.samples, { sampleRate: s.sampleRate, language, signal: controller.signal });
          const timeline = timelines[channel];
          if (text && timeline && !closed) {
            s.onResult({
              channel,
              text,
              final: true,
              startMs: timeline.toStreamMs(job.utterance.startMs),
              endMs: timeline.toStreamMs(job.utterance.endMs),
              language,
              confidence: null,
            });
          }
        } catch (err) {
          if (err instanceof SttError && !err.retryable && (err.status === 401 || err.status === 403)) {
            fail(err);
            return;
          }
          log.warn({ err: err instanceof Error ? err.message : String(err), channel }, 'utterance not transcribed; dropped');
        }
      }
    } finally {
      busy[channel] = false;
      if (busy.every((b) => !b) && queues.every((q) => q.length === 0)) idle?.();
    }
  }

  function fail(err: Error) {
    if (closed) return;
    shut();
    s.onError(err);
  }

  function shut() {
    closed = true;
    controller.abort();
    for (const q of queues) q.length = 0;
    backlog = 0;
    idle?.();
  }

  return {
    write(channel, audio, streamMs) {
      const vad = vads[channel];
      const timeline = timelines[channel];
      if (closed || !vad || !timeline) return;
      const samples = decodeAudio(s.encoding, audio);
      timeline.append(samples.length, streamMs);
      vad.push(samples);
    },
    backlogMs: () => Math.max(0, backlog),
    end() {
      if (closed) return Promise.resolve();
      for (const vad of vads) vad.flush();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('utterances still being transcribed at the end of the stream; dropped');
          shut();
        }, opts.endTimeoutMs ?? 30_000);
        timer.unref();
        idle = () => {
          clearTimeout(timer);
          closed = true;
          resolve();
        };
        if (busy.every((b) => !b) && queues.every((q) => q.length === 0)) idle();
      });
    },
    abort() {
      if (!closed) shut();
    },
  };
}
