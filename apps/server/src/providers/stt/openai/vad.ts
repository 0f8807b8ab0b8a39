/**
 * An energy voice activity detector for one channel of telephone audio: cuts the stream into
 * utterances for engines that transcribe whole files (the OpenAI-compatible endpoint).
 *
 * Each 20 ms frame's power (dBFS) is compared with an adaptive noise floor: the quietest frame of
 * the last two seconds (minimum statistics: speech always has gaps between words, so the minimum
 * is the line's own hiss or hum, whatever its level, and follows it when it changes). A frame is
 * voiced when it is `marginDb` above the floor (and above an absolute minimum). Until the stream
 * has 200 ms of history the floor is taken as very low, so a first word is not missed. Speech starts after `onsetFrames` voiced frames in a row (a click is not
 * speech) and ends `hangoverMs` after the last voiced frame (the pauses between words and
 * sentences stay inside the utterance). An utterance keeps `preRollMs` of audio before its onset
 * (soft first syllables) and a short tail; one shorter than `minUtteranceMs` of speech is dropped,
 * and one longer than `maxUtteranceMs` is cut there and the next begins at once.
 *
 * Why energy and not Silero (@ricky0123/vad-node): see README "Live speech" (it installs and runs, but
 * brings a 290 MB native runtime to every install for the one adapter that needs a detector).
 */

export type VadOptions = {
  sampleRate: number;
  /** Silence after the last voiced frame that ends an utterance. Default 500 ms. */
  hangoverMs?: number;
  /** Shorter stretches of speech are not utterances (coughs, clicks). Default 300 ms. */
  minUtteranceMs?: number;
  /** Longer speech is cut here. Default 15000 ms. */
  maxUtteranceMs?: number;
  /** Audio kept before the onset. Default 200 ms. */
  preRollMs?: number;
  /** dB above the noise floor that counts as voice. Default 10. */
  marginDb?: number;
  /** Below this nothing is voice, however quiet the line. Default -50 dBFS. */
  minDbfs?: number;
  /**
   * Whether a frame (its index from the first sample pushed) may be voice at all: a recording's
   * channel passes frames that are the other side's echo as not voice. Default: every frame.
   */
  mayBeVoice?: (frame: number) => boolean;
};

export type Utterance = {
  samples: Int16Array;
  /** Stream-clock ms (samples given to the detector) of the first and last voiced frame's edges. */
  startMs: number;
  endMs: number;
  /** When the detector decided the utterance was over (ms on the same clock): end + hangover. */
  decidedAtMs: number;
};

const FRAME_MS = 20;
const ONSET_FRAMES = 3;
const TAIL_MS = 100;
/** The floor is the minimum over this many blocks of this many frames: 2 s. */
const FLOOR_BLOCKS = 10;
const BLOCK_FRAMES = 10;
const START_FLOOR_DB = -70;

export class EnergyVad {
  private readonly frame: number;
  private readonly hangoverFrames: number;
  private readonly minFrames: number;
  private readonly maxFrames: number;
  private readonly preRollFrames: number;
  private readonly margin: number;
  private readonly minDbfs: number;
  private readonly mayBeVoice: ((frame: number) => boolean) | null;
  /** Samples not yet a whole frame. */
  private partial: Int16Array = new Int16Array(0);
  /** Recent frames kept for the pre-roll. */
  private history: Int16Array[] = [];
  private floor = START_FLOOR_DB;
  /** Minima of the last blocks of frames, and of the block under way. */
  private blockMins: number[] = [];
  private blockMin = Number.POSITIVE_INFINITY;
  private frames = 0;
  private voicedRun = 0;
  private speaking = false;
  private current: Int16Array[] = [];
  private startFrame = 0;
  /** Frame index of current[0] (the pre-roll's first frame). */
  private firstFrame = 0;
  private lastVoicedFrame = 0;
  private voicedFrames = 0;
  private silentRun = 0;

  constructor(
    opts: VadOptions,
    private readonly onUtterance: (u: Utterance) => void,
  ) {
    this.frame = Math.round((opts.sampleRate * FRAME_MS) / 1000);
    this.hangoverFrames = Math.ceil((opts.hangoverMs ?? 500) / FRAME_MS);
    this.minFrames = Math.ceil((opts.minUtteranceMs ?? 300) / FRAME_MS);
    this.maxFrames = Math.ceil((opts.maxUtteranceMs ?? 15_000) / FRAME_MS);
    this.preRollFrames = Math.ceil((opts.preRollMs ?? 200) / FRAME_MS);
    this.margin = opts.marginDb ?? 10;
    this.minDbfs = opts.minDbfs ?? -50;
    this.mayBeVoice = opts.mayBeVoice ?? null;
  }

  /** The noise floor now (dBFS), for tests and logs. */
  get noiseFloor(): number {
    return this.floor;
  }

  /** Audio in, in order; utterances come out through the callback as they end. */
  push(samples: Int16Array): void {
    let data = samples;
    if (this.partial.length > 0) {
      data = new Int16Array(this.partial.length + samples.length);
      data.set(this.partial);
      data.set(samples, this.partial.length);
    }
    let at = 0;
    for (; at + this.frame <= data.length; at += this.frame) this.step(data.slice(at, at + this.frame));
    this.partial = data.slice(at);
  }

  /** The stream ended: an utterance under way ends here. */
  flush(): void {
    if (this.speaking) this.close(this.frames);
    this.partial = new Int16Array(0);
  }

  private step(frame: Int16Array): void {
    const db = power(frame);
    this.track(db);
    const index = this.frames++;
    const voiced = db > Math.max(this.floor + this.margin, this.minDbfs) && (this.mayBeVoice?.(index) ?? true);

    if (!this.speaking) {
      this.history.push(frame);
      if (this.history.length > this.preRollFrames + ONSET_FRAMES) this.history.shift();
      this.voicedRun = voiced ? this.voicedRun + 1 : 0;
      if (this.voicedRun >= ONSET_FRAMES) {
        this.speaking = true;
        this.current = [...this.history];
        this.firstFrame = index - this.history.length + 1;
        this.startFrame = index - ONSET_FRAMES + 1;
        this.lastVoicedFrame = index;
        this.voicedFrames = ONSET_FRAMES;
        this.silentRun = 0;
        this.history = [];
      }
      return;
    }
    this.current.push(frame);
    if (voiced) {
      this.lastVoicedFrame = index;
      this.voicedFrames++;
      this.silentRun = 0;
    } else this.silentRun++;
    if (this.silentRun >= this.hangoverFrames) this.close(index + 1);
    else if (index + 1 - this.startFrame >= this.maxFrames) {
      this.close(index + 1);
      // Still speaking: the next utterance begins with the next frame, no onset needed.
      this.speaking = true;
      this.firstFrame = index + 1;
      this.startFrame = index + 1;
      this.lastVoicedFrame = index;
      this.voicedFrames = 0;
    }
  }

  /** Minimum statistics over the last two seconds (and a low floor for the first 200 ms). */
  private track(db: number): void {
    this.blockMin = Math.min(this.blockMin, Math.max(-90, db));
    if ((this.frames + 1) % BLOCK_FRAMES === 0) {
      this.blockMins.push(this.blockMin);
      if (this.blockMins.length > FLOOR_BLOCKS) this.blockMins.shift();
      this.blockMin = Number.POSITIVE_INFINITY;
    }
    this.floor = this.blockMins.length === 0 ? Math.min(START_FLOOR_DB, this.blockMin) : Math.min(this.blockMin, ...this.blockMins);
  }

  /** Ends the utterance under way; `decidedFrame` is the frame count when that was known. */
  private close(decidedFrame: number): void {
    const tailFrames = Math.ceil(TAIL_MS / FRAME_MS);
    const keepFrames = this.lastVoicedFrame + 1 + tailFrames - this.firstFrame;
    const frames = this.current.slice(0, Math.max(0, Math.min(this.current.length, keepFrames)));
    const voiced = this.voicedFrames;
    this.speaking = false;
    this.current = [];
    this.voicedRun = 0;
    this.silentRun = 0;
    this.voicedFrames = 0;
    if (voiced < this.minFrames) return;
    const samples = new Int16Array(frames.length * this.frame);
    frames.forEach((f, i) => {
      samples.set(f, i * this.frame);
    });
    this.onUtterance({
      samples,
      startMs: this.startFrame * FRAME_MS,
      endMs: (this.lastVoicedFrame + 1) * FRAME_MS,
      decidedAtMs: decidedFrame * FRAME_MS,
    });
  }
}

function power(frame: Int16Array): number {
  let sum = 0;
  for (const v of frame) sum += v * v;
  const mean = sum / (frame.length * 32768 * 32768);
  return mean > 1e-12 ? 10 * Math.log10(mean) : -120;
}
