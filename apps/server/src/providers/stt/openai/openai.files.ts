/**
 * A finished call's recording through an OpenAI-compatible transcription endpoint, which takes
 * one short file at a time: the WAV is split into its channels, each channel's speech cut into
 * utterances by the same detector a live stream uses (vad.ts), and each utterance sent as a live
 * one is (openai.transcriptions.ts), a few at once. An utterance keeps its place in the recording.
 *
 * A dual-channel telephone recording carries each side's voice faintly on the other's line (echo);
 * the detector, following the line's own noise floor, would take that for speech, and the echo
 * would be paid for and answered with words never said on that side. So a frame 25 dB or more
 * quieter than another channel at the same moment is not voice to the detector (the rule the call
 * analysis uses): an utterance ends where its speaker stops, not where the other side does.
 *
 * 401/403/404 (the key, the model or the URL is wrong) stop the whole file, as does a failure
 * that outlasted its retries; another 4xx drops that utterance, unless every utterance failed.
 */
import type { Logger } from '../../../platform/logging.js';
import { frameDbfs, parseWav, wavChannels } from '../audio.js';
import { SttError, type SttFileOptions, type SttResult } from '../stt.port.js';
import type { TranscriptionClient } from './openai.transcriptions.js';
import { EnergyVad, type Utterance, type VadOptions } from './vad.js';

export type OpenAiFileOptions = {
  vad: Omit<VadOptions, 'sampleRate'>;
  logger: Logger;
  /** Utterances sent at once. Default 4. */
  concurrency?: number | undefined;
  /** The whole file's time limit. Default 10 min. */
  endTimeoutMs?: number | undefined;
};

const FRAME_MS = 20;
/** A frame this much quieter than another channel at the same moment is that channel's echo. */
const ECHO_DB = 25;

type Job = { channel: number; utterance: Utterance };

/** Per 20 ms frame of each channel, its power in dBFS. */
function framePowers(channels: Int16Array[], sampleRate: number): Float64Array[] {
  const size = Math.round((sampleRate * FRAME_MS) / 1000);
  return channels.map((samples) => {
    const out = new Float64Array(Math.floor(samples.length / size));
    for (let f = 0; f < out.length; f++) out[f] = frameDbfs(samples, f * size, (f + 1) * size);
    return out;
  });
}

export async function transcribeOpenAiFile(client: TranscriptionClient, opts: OpenAiFileOptions, wav: Buffer, file: SttFileOptions): Promise<SttResult[]> {
  const log = opts.logger.child({ stt: 'openai', recording: file.label });
  let channels: Int16Array[];
  let sampleRate: number;
  try {
    const parsed = parseWav(wav, { lenient: true });
    sampleRate = parsed.sampleRate;
    channels = wavChannels(parsed);
  } catch (err) {
    throw new SttError(`the recording cannot be read: ${(err as Error).message}`, null, false, { cause: err });
  }
  const wanted = (file.channels ?? channels.map((_, c) => c)).filter((c) => c >= 0 && c < channels.length);
  const powers = framePowers(channels, sampleRate);
  const jobs: Job[] = [];
  for (const channel of wanted) {
    const own = powers[channel] as Float64Array;
    const notEcho = (f: number) => powers.every((other, c) => c === channel || (other[f] ?? -120) - (own[f] ?? -120) < ECHO_DB);
    const vad = new EnergyVad({ ...opts.vad, sampleRate, mayBeVoice: notEcho }, (utterance) => jobs.push({ channel, utterance }));
    vad.push(channels[channel] as Int16Array);
    vad.flush();
  }

  const language = file.language === 'multi' ? null : file.language;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('the recording took too long to transcribe')), opts.endTimeoutMs ?? 600_000);
  timer.unref();
  const results: SttResult[] = [];
  const dropped: SttError[] = [];
  let fatal: unknown = null;
  let next = 0;
  const started = Date.now();

  async function worker() {
    for (let i = next++; i < jobs.length && fatal === null; i = next++) {
      const { channel, utterance } = jobs[i] as Job;
      try {
        const text = await client.transcribe(utterance.samples, { sampleRate, language, signal: controller.signal });
        if (text) results.push({ channel, text, final: true, startMs: utterance.startMs, endMs: utterance.endMs, language, confidence: null });
      } catch (err) {
        const status = err instanceof SttError ? err.status : null;
        if (err instanceof SttError && !err.retryable && status !== null && status >= 400 && status < 500 && ![401, 403, 404].includes(status)) {
          log.warn({ err: err.message, channel, atMs: utterance.startMs }, 'utterance not transcribed; dropped');
          dropped.push(err);
          continue;
        }
        fatal ??= controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : err;
        controller.abort();
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, jobs.length)) }, worker));
  } finally {
    clearTimeout(timer);
  }
  if (fatal !== null) {
    if (fatal instanceof SttError) throw fatal;
    throw new SttError(`the transcription endpoint failed: ${(fatal as Error).message}`, null, false, { cause: fatal });
  }
  if (jobs.length > 0 && dropped.length === jobs.length) throw dropped[0] as SttError;
  log.info({ utterances: jobs.length, dropped: dropped.length, ms: Date.now() - started }, 'recording transcribed');
  return results.sort((a, b) => a.startMs - b.startMs || a.channel - b.channel);
}
