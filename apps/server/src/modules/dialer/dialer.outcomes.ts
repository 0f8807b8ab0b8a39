/** How an ended dialer call, or a refused dial, moves its lead on in the queue. */
import type { Call, DialBlockReason } from '@telehub/shared';
import { AppError } from '../../platform/errors.js';
import type { AttemptOutcome } from '../campaigns/index.js';

export function outcomeOf(call: Call): AttemptOutcome {
  if (call.status === 'abandoned') return { kind: 'abandoned' };
  if (call.answeredBy === 'machine') return { kind: 'retry', outcome: 'machine' };
  switch (call.status) {
    case 'no_answer':
    case 'canceled':
      return { kind: 'retry', outcome: 'no_answer' };
    case 'busy':
      return { kind: 'retry', outcome: 'busy' };
    case 'failed':
      return { kind: 'retry', outcome: 'failed' };
    default:
      // completed: an agent talked with the lead (a callback promised moves it again on disposition).
      return call.answeredAt ? { kind: 'connected' } : { kind: 'retry', outcome: 'no_answer' };
  }
}

/** How long a refusal holds a lead back; null: for good (the lead is exhausted with the reason). */
const HOLD_MS: Record<DialBlockReason, number | null> = {
  dnd: null,
  consent_required: null,
  lead_invalid: null,
  calling_hours: 30 * 60_000,
  attempt_limit: 6 * 3_600_000,
  recently_abandoned: 24 * 3_600_000,
  agent_busy: 0,
  agent_phone_missing: 0,
  agent_offline: 0,
  agent_on_break: 0,
};

/** A dial the gates refused, as the lead's move; undefined for other failures. */
export function refusalOf(err: unknown, now: Date): AttemptOutcome | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.code === 'LEAD_NOT_FOUND') return { kind: 'refused', reason: 'lead_invalid', until: null };
  if (err.code !== 'DIAL_BLOCKED') return undefined;
  const reason = String((err.extra as { reason?: string } | undefined)?.reason ?? 'lead_invalid') as DialBlockReason;
  const hold = HOLD_MS[reason] ?? null;
  if (hold === 0) return { kind: 'released' };
  return { kind: 'refused', reason, until: hold === null ? null : new Date(now.getTime() + hold) };
}
