/** Retry rules: every outcome moves a queued lead on, by the campaign's delays and limits. */
import { DEFAULT_RETRY_RULES, type RetryRules } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { ABANDON_REST_MS, moveAfter } from './campaigns.retry.js';

const now = new Date('2026-12-03T06:00:00Z');
const rules: RetryRules = { ...DEFAULT_RETRY_RULES, no_answer: { delayMinutes: 90, maxAttempts: 3 }, busy: { delayMinutes: 15, maxAttempts: 1 } };
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('retry rules', () => {
  it('tries a lead that did not answer again after the delay, until the limit, then gives it up', () => {
    const first = moveAfter({ kind: 'retry', outcome: 'no_answer' }, {}, rules, now);
    expect(first).toMatchObject({ status: 'retry', nextAttemptAt: later(90), outcomes: { no_answer: 1 }, lastOutcome: 'no_answer' });
    const second = moveAfter({ kind: 'retry', outcome: 'no_answer' }, first.outcomes, rules, now);
    expect(second).toMatchObject({ status: 'retry', outcomes: { no_answer: 2 } });
    const third = moveAfter({ kind: 'retry', outcome: 'no_answer' }, second.outcomes, rules, now);
    expect(third).toMatchObject({ status: 'exhausted', nextAttemptAt: null, outcomes: { no_answer: 3 } });
  });

  it('counts each outcome against its own limit', () => {
    const busy = moveAfter({ kind: 'retry', outcome: 'busy' }, { no_answer: 2 }, rules, now);
    expect(busy).toMatchObject({ status: 'exhausted', outcomes: { no_answer: 2, busy: 1 } });
    const machine = moveAfter({ kind: 'retry', outcome: 'machine' }, { no_answer: 2 }, rules, now);
    expect(machine).toMatchObject({ status: 'retry', nextAttemptAt: later(DEFAULT_RETRY_RULES.machine.delayMinutes) });
  });

  it('rests an abandoned lead 72 hours and marks when; a promised callback comes back first at its time', () => {
    expect(moveAfter({ kind: 'abandoned' }, {}, rules, now)).toMatchObject({
      status: 'retry',
      nextAttemptAt: new Date(now.getTime() + ABANDON_REST_MS),
      abandonedAt: now,
      lastOutcome: 'abandoned',
    });
    expect(moveAfter({ kind: 'callback', at: later(600) }, {}, rules, now)).toMatchObject({ status: 'retry', nextAttemptAt: later(600), callback: true });
    expect(moveAfter({ kind: 'connected' }, { busy: 1 }, rules, now)).toMatchObject({ status: 'done', outcomes: { busy: 1 } });
  });

  it('records a refusal with its reason: held back for a while, or given up for good', () => {
    expect(moveAfter({ kind: 'refused', reason: 'calling_hours', until: later(30) }, {}, rules, now)).toMatchObject({
      status: 'retry',
      nextAttemptAt: later(30),
      lastOutcome: 'refused:calling_hours',
    });
    expect(moveAfter({ kind: 'refused', reason: 'dnd', until: null }, {}, rules, now)).toMatchObject({ status: 'exhausted', lastOutcome: 'refused:dnd' });
    // Released by our side (a restart before the dial): back in the queue, no attempt counted.
    expect(moveAfter({ kind: 'released' }, { no_answer: 1 }, rules, now)).toMatchObject({ status: 'pending', outcomes: { no_answer: 1 } });
  });
});
