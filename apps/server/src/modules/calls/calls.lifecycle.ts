/**
 * The call state machine as a pure merge: a call's state after an event depends only on the set
 * of events seen, never on their order, so late, duplicate and shuffled deliveries end the same.
 * Status only moves forward (queued < dialing < ringing < in_progress < terminal); between two
 * terminal reports a fixed priority decides; each timestamp keeps a deterministic choice.
 */
import { type CallStatus, type HangupSide, isTerminalStatus } from '@telehub/shared';
import type { ProviderEvent } from '../../providers/telephony/telephony.port.js';

export type CallState = {
  status: CallStatus;
  startedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  /** Talk time the provider reported (the largest report wins); see talkSeconds() for the effective value. */
  reportedDuration: number | null;
  hangupBy: HangupSide | null;
  recordingUrl: string | null;
};

const RANK: Record<CallStatus, number> = {
  queued: 0,
  dialing: 1,
  ringing: 2,
  in_progress: 3,
  completed: 4,
  no_answer: 4,
  busy: 4,
  failed: 4,
  canceled: 4,
  abandoned: 4,
};

/**
 * Which terminal report wins when a call gets two: the one that says more about what happened.
 * abandoned is the engine's verdict on an answered call nobody took; the provider only sees it
 * end (completed), so the verdict stands whichever arrives last.
 */
const TERMINAL_PRIORITY: Partial<Record<CallStatus, number>> = {
  abandoned: 7,
  completed: 6,
  busy: 4,
  no_answer: 3,
  canceled: 2,
  failed: 1,
};

const earliest = (a: Date | null, b: Date | undefined | null): Date | null => (!b ? a : !a || b < a ? b : a);

function wins(next: CallStatus, current: CallStatus): boolean {
  if (RANK[next] !== RANK[current]) return RANK[next] > RANK[current];
  if (!isTerminalStatus(next) || next === current) return false;
  return (TERMINAL_PRIORITY[next] ?? 0) > (TERMINAL_PRIORITY[current] ?? 0);
}

/** The state after `event`; returns the same object when the event changes nothing. */
export function applyEvent(state: CallState, event: ProviderEvent): CallState {
  const next: CallState = { ...state };
  const status = event.kind === 'status' ? event.status : undefined;
  if (status) {
    const statusWins = wins(status, state.status);
    if (statusWins) next.status = status;
    if (RANK[status] >= RANK.dialing && RANK[status] <= RANK.ringing) next.startedAt = earliest(next.startedAt, event.occurredAt);
    if (status === 'in_progress') next.answeredAt = earliest(next.answeredAt, event.answeredAt ?? event.occurredAt);
    else if (event.answeredAt) next.answeredAt = earliest(next.answeredAt, event.answeredAt);
    if (isTerminalStatus(status)) {
      const ended = event.endedAt ?? event.occurredAt;
      if (statusWins) {
        next.endedAt = ended;
        next.hangupBy = event.hangupBy ?? state.hangupBy;
        next.reportedDuration = event.durationSeconds ?? null;
      } else if (status === state.status) {
        // Equal reports: the earliest end stands, and missing details are filled from any of them.
        if (!state.endedAt || ended < state.endedAt) {
          next.endedAt = ended;
          next.hangupBy = event.hangupBy ?? state.hangupBy;
        } else next.hangupBy = state.hangupBy ?? event.hangupBy ?? null;
        if (event.durationSeconds !== undefined) next.reportedDuration = Math.max(state.reportedDuration ?? 0, event.durationSeconds);
      }
    }
  }
  // A report of who hung up without a status (a conference ending) fills the gap, never overrides.
  if (!status && event.hangupBy && next.hangupBy === null) next.hangupBy = event.hangupBy;
  if (event.recordingUrl && event.recordingStatus !== 'failed' && event.recordingStatus !== 'absent' && !next.recordingUrl) {
    next.recordingUrl = event.recordingUrl;
  }
  return sameState(state, next) ? state : next;
}

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

export function sameState(a: CallState, b: CallState): boolean {
  return (
    a.status === b.status &&
    sameTime(a.startedAt, b.startedAt) &&
    sameTime(a.answeredAt, b.answeredAt) &&
    sameTime(a.endedAt, b.endedAt) &&
    a.reportedDuration === b.reportedDuration &&
    a.hangupBy === b.hangupBy &&
    a.recordingUrl === b.recordingUrl
  );
}

/** Whether the agent is on the line with the lead, waiting for them, or done. */
export const isLive = (s: CallStatus) => !isTerminalStatus(s);

/** Talk time: what the provider reported, else answer to end; 0 for a call nobody answered. */
export function talkSeconds(s: CallState): number | null {
  if (s.reportedDuration !== null) return s.reportedDuration;
  if (s.answeredAt && s.endedAt) return Math.max(0, Math.round((s.endedAt.getTime() - s.answeredAt.getTime()) / 1000));
  return isTerminalStatus(s.status) ? 0 : null;
}
