/**
 * The speech-to-text port: what the speech module asks of an engine. A call's media stream opens
 * one SttStream with one or two channels (the lead and the agent, each on its own channel, never
 * mixed), writes each channel's audio as it arrives, and hears back results in stream time:
 * interim ones while someone speaks (engines that have them), and one final result per utterance.
 * Engines that can also transcribe a finished call's recording (transcribesFiles) take the WAV
 * file whole and answer each channel's utterances in recording time.
 * Adapters: simulator (default; takes no audio: the simulator's calls carry their own transcript),
 * deepgram (streaming websocket), openai (an OpenAI-compatible transcription endpoint fed
 * utterances cut by a voice activity detector). Chosen by STT_PROVIDER.
 */
import type { AudioEncoding } from './audio.js';

export type SttProviderName = 'simulator' | 'deepgram' | 'openai';

/** The language asked of the engine: one, or `multi` for code-switched speech (Hinglish). */
export type SttLanguage = 'en' | 'hi' | 'multi';

export type SttResult = {
  /** The channel index the words were heard on. */
  channel: number;
  text: string;
  /** False: a guess that later results replace (not stored). True: the utterance, settled. */
  final: boolean;
  /** Stream time (ms since the stream started) of the utterance's first and last word. */
  startMs: number;
  endMs: number;
  /** What the engine says it heard ('en', 'hi', ...), or null when it does not say. */
  language: string | null;
  confidence: number | null;
};

export type SttStreamOptions = {
  encoding: AudioEncoding;
  /** 8000 or 16000. */
  sampleRate: number;
  /** 1 or 2 channels, written separately. */
  channels: number;
  language: SttLanguage;
  onResult(result: SttResult): void;
  /** The stream cannot go on (credentials refused, the engine gone past its retries); no result follows. */
  onError(err: Error): void;
  /** Names the stream in logs (a call id). */
  label: string;
};

export interface SttStream {
  /**
   * Audio for one channel: whole samples in the stream's encoding. `streamMs` is the stream time
   * of its first sample when the vendor says (a gap since the last write is skipped, not played as
   * silence); null continues where the channel's last write ended.
   */
  write(channel: number, audio: Buffer, streamMs: number | null): void;
  /** Milliseconds of audio taken but not yet with the engine: how far behind it is (back-pressure). */
  backlogMs(): number;
  /** No more audio: the engine's last finals are delivered, then it closes. Resolves when done (bounded in time). */
  end(): Promise<void>;
  /** Closes at once; results still owed are dropped. */
  abort(): void;
}

export type SttFileOptions = {
  language: SttLanguage;
  /** Names the recording in logs (a call id). */
  label: string;
  /** The channels (0-based) wanted; results on others are left out. Default: every channel. */
  channels?: number[];
};

export interface SttProvider {
  readonly name: SttProviderName;
  /** False for the simulator: nothing here takes audio, and open() is absent. */
  readonly transcribesAudio: boolean;
  /** Sends interim results while someone is still speaking. */
  readonly interimResults: boolean;
  /** Says which language it heard (SttResult.language). */
  readonly detectsLanguage: boolean;
  /** Carries several channels on one connection (Deepgram multichannel) rather than one engine each. */
  readonly multichannel: boolean;
  /** Transcribes a whole recording after the fact (transcribeFile). False for the simulator, whose calls carry their own transcript. */
  readonly transcribesFiles: boolean;
  open?(opts: SttStreamOptions): SttStream;
  /**
   * A recorded WAV file, each channel its own speaker (never mixed): the final result of every
   * utterance heard on the wanted channels, times in ms from the start of the file, in order of
   * start. Rejects with an SttError when the engine refuses the file or fails past its retries.
   */
  transcribeFile?(wav: Buffer, opts: SttFileOptions): Promise<SttResult[]>;
  close?(): Promise<void>;
}

export class SttError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SttError';
  }
}
