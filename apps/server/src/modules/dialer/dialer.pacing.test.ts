/** The forecast and the pacing decision as pure functions. */
import { describe, expect, it } from 'vitest';
import { answerRate, cdf, durations, endsWithin, freeWithin } from './dialer.forecast.js';
import { lineOutlook, outlook } from './dialer.outlook.js';
import { abandonTarget, decide, type PacingInput, powerHeldBack } from './dialer.pacing.js';

const talk = durations([], 180);
/** What the outlook sees in the base state: nobody free or busy, no lines out. */
const shape = {
  wraps: [] as number[],
  free: 0,
  busy: [],
  ringingAges: [],
  waiting: 0,
  p: 0.33,
  rings: [],
  earlyRing: 12,
  unanswered: [],
  talk,
  wrapUpSeconds: 20,
  waitSeconds: 2,
};
const base: PacingInput = {
  mode: 'predictive',
  ratio: 2,
  maxAbandonRate: 0.03,
  free: 0,
  busy: [],
  ringing: 0,
  waiting: 0,
  answerRate: { estimate: 0.3, upper: 0.33 },
  ringToAnswer: 12,
  talk,
  wrapUpSeconds: 20,
  today: { answered: 200, abandoned: 1 },
  rolling30: { answered: 5000, abandoned: 40 },
};

describe('forecast', () => {
  it('uses the sample once it is large enough, and a log-normal with the fallback mean before', () => {
    expect(cdf(talk, 180)).toBeGreaterThan(0.5);
    expect(cdf(talk, 180)).toBeLessThan(0.7);
    const sample = durations(
      Array.from({ length: 100 }, (_, i) => i + 1),
      180,
    );
    expect(cdf(sample, 50)).toBeCloseTo(0.5, 2);
    expect(cdf(sample, 0)).toBe(0);
  });

  it('gives a call that has run long a fair chance of ending, and one just begun a small one', () => {
    const sample = durations(
      Array.from({ length: 200 }, (_, i) => 100 + i),
      180,
    );
    expect(endsWithin(sample, 0, 10)).toBe(0);
    expect(endsWithin(sample, 250, 10)).toBeGreaterThan(0.15);
    expect(endsWithin(sample, 290, 10)).toBe(1);
    // Past every sample: still comes free, at about within / mean.
    expect(endsWithin(sample, 500, 10)).toBeGreaterThan(0);
  });

  it('counts the wrap-up: an agent in wrap-up with 5 s left is free within 12 s; one ringing for a reserved call is not', () => {
    expect(freeWithin({ state: 'wrap_up', elapsedSeconds: 15 }, 12, talk, 20)).toBe(1);
    expect(freeWithin({ state: 'wrap_up', elapsedSeconds: 0 }, 5, talk, 20)).toBeLessThan(0.1);
    expect(freeWithin({ state: 'ringing', elapsedSeconds: 100 }, 30, talk, 20)).toBe(0);
    // On a call: free only if the call ends and the wrap-up is done within the horizon.
    expect(freeWithin({ state: 'on_call', elapsedSeconds: 300 }, 10, talk, 20)).toBe(0);
    expect(freeWithin({ state: 'on_call', elapsedSeconds: 300 }, 40, talk, 20)).toBeGreaterThan(0);
  });

  it('measures the answer rate over the window, with an upper bound above the estimate that narrows with data', () => {
    const few = answerRate(
      Array.from({ length: 10 }, (_, i) => ({ human: i < 3 })),
      0.25,
    );
    const many = answerRate(
      Array.from({ length: 60 }, (_, i) => ({ human: i % 10 < 3 })),
      0.25,
    );
    expect(many.estimate).toBeCloseTo((18 + 2.5) / 70, 5);
    expect(few.upper - few.estimate).toBeGreaterThan(many.upper - many.estimate);
    // Only the latest window counts: a drop shows at once.
    const dropped = answerRate([...Array.from({ length: 60 }, () => ({ human: true })), ...Array.from({ length: 60 }, () => ({ human: false }))], 0.25);
    expect(dropped.estimate).toBeLessThan(0.05);
  });
});

describe('pacing', () => {
  it('progressive dials one line per free agent; power its ratio; preview none', () => {
    expect(decide({ ...base, mode: 'progressive', free: 3 }).lines).toBe(3);
    expect(decide({ ...base, mode: 'power', free: 3, ratio: 2 }).lines).toBe(6);
    expect(decide({ ...base, mode: 'power', free: 3, ratio: 2, ringing: 4 }).lines).toBe(2);
    expect(decide({ ...base, mode: 'preview', free: 3 }).lines).toBe(0);
  });

  it('predictive dials ahead of agents about to come free, and not with nobody free or coming free', () => {
    expect(decide({ ...base, busy: [{ state: 'on_call', elapsedSeconds: 10 }] }).lines).toBe(0);
    const soon = decide({ ...base, busy: Array.from({ length: 5 }, () => ({ state: 'wrap_up' as const, elapsedSeconds: 15 })) });
    expect(soon.lines).toBeGreaterThan(5);
    const free = decide({ ...base, free: 2 });
    expect(free.lines).toBeGreaterThanOrEqual(2);
    // Expected abandons of what it dialled stay under the target; one line more would pass it.
    const ahead = outlook({ ...shape, free: 2 });
    let last = ahead.current();
    for (let n = 0; n < free.lines; n++) last = ahead.add();
    expect(last.abandons / last.answers).toBeLessThanOrEqual(free.target);
    const more = ahead.add();
    expect(more.abandons / more.answers).toBeGreaterThan(free.target);
  });

  it('counts when leads answer: an agent whose wrap-up ends in 10 s can take leads who answer after 15 s, not after 3 s', () => {
    const wrapping = Array.from({ length: 4 }, () => ({ state: 'wrap_up' as const, elapsedSeconds: 20 }));
    const wrapUp = { ...base, wrapUpSeconds: 30, busy: wrapping };
    const late = decide({ ...wrapUp, rings: Array.from({ length: 50 }, (_, i) => 15 + i / 10) });
    const early = decide({ ...wrapUp, rings: Array.from({ length: 50 }, (_, i) => 3 + i / 100) });
    expect(late.lines).toBeGreaterThan(early.lines);
    // And the same state always gives the same decision: the scenarios are drawn from a fixed seed.
    expect(decide({ ...wrapUp, rings: Array.from({ length: 50 }, (_, i) => 15 + i / 10) })).toEqual(late);
  });

  it('leads nobody takes: with one agent and two lines sure to be answered together, one of them', () => {
    const sure = { ...shape, p: 1, free: 1, rings: Array.from({ length: 40 }, () => 10) };
    const ahead = outlook(sure);
    expect(ahead.add()).toEqual({ abandons: 0, answers: 1 });
    expect(ahead.add()).toEqual({ abandons: 1, answers: 2 });
    // An agent free in 5 s takes the second: its lead answers after 10 s.
    const helped = outlook({ ...sure, busy: [{ state: 'wrap_up', elapsedSeconds: 25 }] });
    helped.add();
    expect(helped.add().abandons).toBe(0);
    // One free only after the lead's wait has run out does not.
    const tooLate = outlook({ ...sure, busy: [{ state: 'on_call', elapsedSeconds: 0 }] });
    tooLate.add();
    expect(tooLate.add().abandons).toBeGreaterThan(0.9);
  });

  it('reads a line that has rung long: past every answer it will not be answered; when unanswered lines ring longer, the chance falls with age', () => {
    const rings = Array.from({ length: 100 }, (_, i) => 5 + (15 * i) / 100);
    const sameClock = { p: 0.3, rings, earlyRing: 3, unanswered: rings };
    expect(lineOutlook(sameClock, 0).p).toBeCloseTo(0.3, 6);
    expect(lineOutlook(sameClock, 12).p).toBeCloseTo(0.3, 6);
    expect(lineOutlook(sameClock, 25).p).toBe(0);
    // Lines nobody answers ring 30 s: one that has rung 15 s is less likely a person than a fresh one.
    const longer = { ...sameClock, unanswered: Array.from({ length: 100 }, () => 30) };
    expect(lineOutlook(longer, 15).p).toBeLessThan(0.3);
    expect(lineOutlook(longer, 15).p).toBeGreaterThan(0);
    // A person on a line that has rung 15 s answers within the 5 s of answers left.
    const after = lineOutlook(longer, 15).after;
    for (const u of [0, 0.5, 0.99]) expect(after(u)).toBeLessThanOrEqual(5);
  });

  it('counts the leads already waiting and the lines already ringing', () => {
    const idle = decide({ ...base, free: 4 }).lines;
    expect(decide({ ...base, free: 4, ringing: 6 }).lines).toBeLessThan(idle);
    expect(decide({ ...base, free: 4, waiting: 3 }).lines).toBeLessThan(idle);
  });

  it('spends less of the cap as the measured rate nears it, dials only safe lines close to it, and progressive at its edge', () => {
    const month = { answered: 5000, abandoned: 40 };
    // Well under the cap (0.5% today): 80% of it.
    expect(abandonTarget({ answered: 200, abandoned: 1 }, month, 0.03).target).toBeCloseTo(0.024, 6);
    // At 2.4% (80% of the cap) still 80%; halfway to 95% of the cap (2.625%) half as much; from 95% (2.85%) on, nothing.
    expect(abandonTarget({ answered: 1000, abandoned: 24 }, month, 0.03).target).toBeCloseTo(0.024, 6);
    expect(abandonTarget({ answered: 4000, abandoned: 105 }, month, 0.03).target).toBeCloseTo(0.012, 6);
    expect(abandonTarget({ answered: 2000, abandoned: 57 }, month, 0.03)).toEqual({ target: 0, backOff: true, progressive: false });
    // Smoothly in between: a little more measured never allows more.
    let last = Number.POSITIVE_INFINITY;
    for (let a = 40; a <= 60; a++) {
      const { target } = abandonTarget({ answered: 2000, abandoned: a }, month, 0.03);
      expect(target).toBeLessThanOrEqual(last);
      last = target;
    }
    // At 97% of the cap, today or over 30 days: progressive.
    expect(abandonTarget({ answered: 2000, abandoned: 59 }, month, 0.03).progressive).toBe(true);
    expect(abandonTarget({ answered: 10, abandoned: 0 }, { answered: 5000, abandoned: 146 }, 0.03).progressive).toBe(true);
    // One more abandon would take today past 90% of the cap: no room left. One fewer, and there is.
    expect(abandonTarget({ answered: 200, abandoned: 5 }, month, 0.03).backOff).toBe(true);
    expect(abandonTarget({ answered: 200, abandoned: 4 }, month, 0.03).backOff).toBe(false);
    // A day spends nothing, whatever the 30 days say, until its answers can afford one abandon (37 at a 3% cap).
    const clean = { answered: 5000, abandoned: 50 };
    expect(abandonTarget({ answered: 0, abandoned: 0 }, clean, 0.03)).toEqual({ target: 0, backOff: true, progressive: false });
    expect(abandonTarget({ answered: 36, abandoned: 0 }, clean, 0.03).backOff).toBe(true);
    expect(abandonTarget({ answered: 37, abandoned: 0 }, clean, 0.03)).toEqual({ target: 0.024, backOff: false, progressive: false });
    // Nothing to spend: predictive still dials the lines none of its drawn scenarios abandons: the free
    // agents' own, and a line more where every one of them answering at once is rarer than the draws.
    const safe = decide({ ...base, mode: 'predictive', free: 8, today: { answered: 10, abandoned: 0 } });
    expect(safe).toMatchObject({ mode: 'predictive', backedOff: true, target: 0 });
    expect(safe.lines).toBeGreaterThanOrEqual(8);
    expect(safe.lines).toBeLessThan(decide({ ...base, mode: 'predictive', free: 8 }).lines);
    // One abandon among the first few answers is noise for today, but not above the cap.
    expect(abandonTarget({ answered: 5, abandoned: 1 }, { answered: 0, abandoned: 0 }, 0.03).backOff).toBe(true);
    const d = decide({ ...base, free: 2, today: { answered: 200, abandoned: 6 } });
    expect(d).toMatchObject({ mode: 'progressive', backedOff: true, lines: 2 });
  });

  it('holds power back to progressive at 90% of the cap, or when one more abandon would take today past 85%', () => {
    const month = { answered: 5000, abandoned: 40 };
    expect(powerHeldBack({ answered: 200, abandoned: 1 }, month, 0.03)).toBe(false);
    expect(powerHeldBack({ answered: 200, abandoned: 5 }, month, 0.03)).toBe(true);
    expect(powerHeldBack({ answered: 200, abandoned: 4 }, month, 0.03)).toBe(false);
    expect(powerHeldBack({ answered: 10, abandoned: 0 }, { answered: 5000, abandoned: 140 }, 0.03)).toBe(true);
    // Its ratio is the manager's choice: a fresh day is not held back before it has answers to judge by.
    expect(decide({ ...base, mode: 'power', ratio: 2, free: 3, today: { answered: 10, abandoned: 0 } })).toMatchObject({ mode: 'power', lines: 6 });
    expect(decide({ ...base, mode: 'power', ratio: 2, free: 3, today: { answered: 200, abandoned: 6 } })).toMatchObject({ mode: 'progressive', lines: 3 });
  });

  it('never dials beyond six lines per agent, whatever the answer rate', () => {
    const d = decide({ ...base, free: 2, answerRate: { estimate: 0.01, upper: 0.01 } });
    expect(d.lines).toBeLessThanOrEqual(12);
  });
});
