/**
 * Calls on the shared graphql-ws socket: the documents, and their answers in the REST API's
 * names (lower-case statuses, durationSeconds, recordingAvailable), so one cache holds both.
 */
import { CALL_STATUSES, type Call, type CallStatus, HANGUP_SIDES, type HangupSide, type TranscriptSegment } from '@telehub/shared';

export const CALL_CHANGED = `subscription CallChanged($telecallerId: ID) {
  callStatusChanged(telecallerId: $telecallerId) {
    id status startedAt answeredAt endedAt duration disposition notes callbackAt wrapUpPending hangupBy recording updatedAt
  }
}`;

export const TRANSCRIPT = `subscription Transcript($callId: ID!, $afterSeq: Int) {
  transcript(callId: $callId, afterSeq: $afterSeq) { id callId seq speaker language text startMs endMs }
}`;

/** A call as callStatusChanged sends it. */
export type LiveCallData = {
  id: string;
  status: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  duration: number | null;
  disposition: string | null;
  notes: string | null;
  callbackAt: string | null;
  wrapUpPending: boolean;
  hangupBy: string | null;
  recording: string | null;
  updatedAt: string;
};

/** What a change tells about a call, in REST's names: merged into the call's cache entry. */
export type CallChange = Pick<
  Call,
  | 'id'
  | 'status'
  | 'startedAt'
  | 'answeredAt'
  | 'endedAt'
  | 'durationSeconds'
  | 'disposition'
  | 'notes'
  | 'callbackAt'
  | 'wrapUpPending'
  | 'hangupBy'
  | 'recordingAvailable'
  | 'updatedAt'
>;

const isStatus = (v: string): v is CallStatus => (CALL_STATUSES as readonly string[]).includes(v);
const isSide = (v: string): v is HangupSide => (HANGUP_SIDES as readonly string[]).includes(v);

/** The change in REST's names, or null for a status this client does not know (a newer server). */
export function toCallChange(c: LiveCallData): CallChange | null {
  const status = c.status.toLowerCase();
  if (!isStatus(status)) return null;
  const side = c.hangupBy?.toLowerCase() ?? null;
  return {
    id: c.id,
    status,
    startedAt: c.startedAt,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    durationSeconds: c.duration,
    disposition: c.disposition,
    notes: c.notes,
    callbackAt: c.callbackAt,
    wrapUpPending: c.wrapUpPending,
    hangupBy: side && isSide(side) ? side : null,
    // The path is sent only when the recording is stored and the viewer may hear it.
    recordingAvailable: c.recording !== null,
    updatedAt: c.updatedAt,
  };
}

/** A transcript segment as the transcript subscription sends it (speaker upper-case). */
export type LiveSegmentData = Omit<TranscriptSegment, 'speaker'> & { speaker: string };

export const toSegment = (s: LiveSegmentData): TranscriptSegment => ({ ...s, speaker: s.speaker.toLowerCase() === 'lead' ? 'lead' : 'agent' });
