/**
 * A call whose live transcript missed a side (no engine on the call, a stream that never started,
 * Exotel's one mono track) still has its words in the recording. When the speech engine can
 * transcribe files, the analysis has the recording transcribed and stored as the call's transcript
 * before it reads it.
 *
 * The rule: an answered call with a recording the audio measures could read; a side with no live
 * segments at all; and the recording showing that side speaking for at least
 * MISSING_SIDE_MIN_SPEECH_SECONDS (a lead who only said "hello?" is not worth a transcription).
 * Then every side without live segments is transcribed (both, when there is no live transcript),
 * and the sides the live engine heard are kept as they were: the telecaller saw those words. A
 * call transcribed from its recording once is not transcribed again (its segments say so).
 * Failing to transcribe is not failing the analysis: the audio measures stand and `error` says why.
 */
import type { Readable } from 'node:stream';
import type { CallWithLead, Transcript, TranscriptSegment } from '@telehub/shared';
import { type Actor, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Logger } from '../../platform/logging.js';
import type { AudioMeasures } from './analysis.audio.js';

type Side = 'lead' | 'agent';

export type RecordedLine = Pick<TranscriptSegment, 'speaker' | 'language' | 'text' | 'startMs' | 'endMs'>;

/** The speech engine for recordings, and where the call's transcript is kept. */
export type RecordingTranscription = {
  /** What these sides said in a dual-channel WAV recording (channel 1 the lead, 2 the agent), in recording time. */
  transcribe(wav: Buffer, opts: { speakers: Side[]; label: string }): Promise<RecordedLine[]>;
  /** Stores them as the call's transcript, once (a call transcribed from its recording before takes no more); answers how many were stored. */
  store(callId: string, lines: RecordedLine[]): Promise<number>;
};

/** A side missing from the live transcript is transcribed when the recording has it speaking at least this long. */
export const MISSING_SIDE_MIN_SPEECH_SECONDS = 5;

export type TranscriptOrigin = 'live' | 'recording' | 'both';

/** The sides to transcribe from the recording; none when the live transcript will do. */
export function sidesToTranscribe(items: Pick<TranscriptSegment, 'speaker' | 'source'>[], audio: Pick<AudioMeasures, 'talkSeconds'>): Side[] {
  if (items.some((s) => s.source === 'recording')) return [];
  const missing = (['lead', 'agent'] as const).filter((side) => !items.some((s) => s.speaker === side));
  return missing.some((side) => audio.talkSeconds[side] >= MISSING_SIDE_MIN_SPEECH_SECONDS) ? missing : [];
}

/** Where the transcript's words came from, or null without any. */
export function transcriptOrigin(items: Pick<TranscriptSegment, 'source'>[]): TranscriptOrigin | null {
  if (items.length === 0) return null;
  const recorded = items.filter((s) => s.source === 'recording').length;
  return recorded === 0 ? 'live' : recorded === items.length ? 'recording' : 'both';
}

export type CompleteTranscriptDeps = {
  logger: Logger;
  transcription: RecordingTranscription | null;
  recordings: { open(callId: string): Promise<Readable> };
  calls: { transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript> };
};

/**
 * The call's transcript, completed from its recording when the rule says so. `audio` is what the
 * recording's measures found (null: no recording, or one that could not be read).
 */
export async function completeTranscript(
  deps: CompleteTranscriptDeps,
  call: Pick<CallWithLead, 'id' | 'answeredAt'>,
  items: TranscriptSegment[],
  audio: AudioMeasures | null,
): Promise<{ items: TranscriptSegment[]; problem: string | null }> {
  if (!deps.transcription || call.answeredAt === null || audio === null) return { items, problem: null };
  const speakers = sidesToTranscribe(items, audio);
  if (speakers.length === 0) return { items, problem: null };
  const log = deps.logger.child({ callId: call.id });
  let lines: RecordedLine[];
  try {
    const chunks: Buffer[] = await (await deps.recordings.open(call.id)).toArray();
    lines = await deps.transcription.transcribe(Buffer.concat(chunks), { speakers, label: call.id });
  } catch (err) {
    log.warn({ err: (err as Error).message, speakers }, 'the recording could not be transcribed');
    return { items, problem: `the recording could not be transcribed: ${(err as Error).message}` };
  }
  const stored = await deps.transcription.store(call.id, lines);
  log.info({ speakers, utterances: lines.length, stored }, 'transcript completed from the recording');
  return { items: stored > 0 ? (await deps.calls.transcript(SYSTEM_ACTOR, call.id, -1)).items : items, problem: null };
}
