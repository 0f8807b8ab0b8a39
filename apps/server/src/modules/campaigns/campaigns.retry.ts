/**
 * Where a queued lead goes after an attempt: a pure function of how the attempt ended, the
 * campaign's retry rules and the attempts so far. Every outcome moves the lead on (to a later
 * attempt, done or exhausted): nothing loops.
 */
import type { MemberState, RetryOutcome, RetryRules } from '@telehub/shared';

/** How an attempt ended, from the dialer's side. */
export type AttemptOutcome =
  | { kind: 'connected' }
  | { kind: 'callback'; at: Date }
  | { kind: 'abandoned' }
  | { kind: 'retry'; outcome: RetryOutcome }
  /** Ended before anyone answered by our side (a stop, a restart): no attempt is counted. */
  | { kind: 'released' }
  /** Refused by the gates before dialling; `until` is when it may pass (calling hours, today's limit). */
  | { kind: 'refused'; reason: string; until: Date | null };

export type MemberMove = {
  status: MemberState;
  nextAttemptAt: Date | null;
  lastOutcome: string;
  outcomes: Record<string, number>;
  callback: boolean;
  abandonedAt?: Date;
};

/** The predictive pacer leaves an abandoned lead alone this long. */
export const ABANDON_REST_MS = 72 * 3_600_000;

export function moveAfter(o: AttemptOutcome, outcomes: Record<string, number>, rules: RetryRules, now: Date): MemberMove {
  switch (o.kind) {
    case 'connected':
      return { status: 'done', nextAttemptAt: null, lastOutcome: 'connected', outcomes, callback: false };
    case 'callback':
      return { status: 'retry', nextAttemptAt: o.at, lastOutcome: 'callback', outcomes, callback: true };
    case 'abandoned': {
      const n = (outcomes.abandoned ?? 0) + 1;
      return {
        status: 'retry',
        nextAttemptAt: new Date(now.getTime() + ABANDON_REST_MS),
        lastOutcome: 'abandoned',
        outcomes: { ...outcomes, abandoned: n },
        callback: false,
        abandonedAt: now,
      };
    }
    case 'retry': {
      const rule = rules[o.outcome];
      const n = (outcomes[o.outcome] ?? 0) + 1;
      const next = { ...outcomes, [o.outcome]: n };
      if (n >= rule.maxAttempts) return { status: 'exhausted', nextAttemptAt: null, lastOutcome: o.outcome, outcomes: next, callback: false };
      return { status: 'retry', nextAttemptAt: new Date(now.getTime() + rule.delayMinutes * 60_000), lastOutcome: o.outcome, outcomes: next, callback: false };
    }
    case 'released':
      return { status: 'pending', nextAttemptAt: null, lastOutcome: 'released', outcomes, callback: false };
    case 'refused':
      return o.until
        ? { status: 'retry', nextAttemptAt: o.until, lastOutcome: `refused:${o.reason}`, outcomes, callback: false }
        : { status: 'exhausted', nextAttemptAt: null, lastOutcome: `refused:${o.reason}`, outcomes, callback: false };
  }
}
