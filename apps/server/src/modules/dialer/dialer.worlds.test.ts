/**
 * Pacing on synthetic worlds: the real pacer, queue, gates and call engine on a simulated clock
 * (test/dialer-world.ts), in a steady world, one whose answer rate drops mid-shift, and one where
 * half the agents leave. The abandon rate stays under the 3% cap in each, and the floor is kept busy.
 */
import { describe, expect, it } from 'vitest';
import { runWorld } from '../../test/dialer-world.js';

const MINUTES = 45;
const base = { agents: 8, mode: 'predictive' as const, hours: MINUTES / 60, seed: 3 };

describe('predictive pacing on synthetic worlds', () => {
  it('a steady world: under the cap, agents mostly talking', async () => {
    const r = await runWorld({ ...base, answerRate: () => 0.3 });
    expect(r.answered).toBeGreaterThan(50);
    expect(r.abandonRate).toBeLessThanOrEqual(0.03);
    expect(r.talkMinutesPerAgentHour).toBeGreaterThan(38);
  }, 300_000);

  it('the answer rate drops from 30% to 10% for a quarter of an hour, then comes back: still under the cap', async () => {
    const r = await runWorld({ ...base, seed: 5, answerRate: (t) => (t >= 15 * 60_000 && t < 30 * 60_000 ? 0.1 : 0.3) });
    expect(r.answered).toBeGreaterThan(40);
    expect(r.abandonRate).toBeLessThanOrEqual(0.03);
  }, 300_000);

  it('half the floor leaves after 20 minutes: the pacer follows the agents left, under the cap', async () => {
    const r = await runWorld({ ...base, seed: 9, answerRate: () => 0.3, leave: { atMs: 20 * 60_000, agents: 4 } });
    expect(r.answered).toBeGreaterThan(30);
    expect(r.abandonRate).toBeLessThanOrEqual(0.03);
  }, 300_000);
});
