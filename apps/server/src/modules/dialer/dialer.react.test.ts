/**
 * The pacer reacts to a line's end at once: a predictive campaign whose lines go unanswered
 * replaces each one as it ends, rather than at its next tick (here 4 s apart, so a pacer that
 * waited for it would leave each line's place empty for 2 s on average).
 */
import type { Call, Campaign } from '@telehub/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock: noonInIndia(),
    env: { SIMULATOR_ANSWER_RATE: '0', SIMULATOR_SPEED: '20', TELEHUB_DIALER_TICK_MS: '4000', TELEHUB_MAX_ATTEMPTS_PER_DAY: '10' },
  });
});
afterAll(() => t?.close());

it('replaces a line that ended unanswered at once, not at the next tick', async () => {
  const leadIds: string[] = [];
  for (let i = 0; i < 60; i++)
    leadIds.push((await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Unanswered ${i}`, phone: `95${String(10_000_000 + i)}` })).id);
  const created = await t.request({
    method: 'POST',
    url: '/api/v1/campaigns',
    as: t.cast.manager,
    payload: { name: 'Nobody answers', dialMode: 'predictive', wrapUpSeconds: 1, teamIds: [t.cast.teamId] },
  });
  const id = created.json<Campaign>().id;
  await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/leads`, as: t.cast.manager, payload: { leadIds } });
  await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/start`, as: t.cast.manager });
  expect(
    (await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: t.cast.telecaller, payload: { state: 'available', campaignId: id } })).statusCode,
  ).toBe(200);
  const calls = async () =>
    (await t.request({ method: 'GET', url: `/api/v1/calls?campaignId=${id}&pageSize=100`, as: t.cast.admin })).json<{ items: Call[] }>().items;
  const ended = (cs: Call[]) => cs.filter((c) => c.endedAt !== null);
  await until('a dozen lines ended', async () => ended(await calls()).length >= 12 && true, 60_000);
  await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/stop`, as: t.cast.manager });
  const all = await calls();
  const dials = all.map((c) => Date.parse(c.createdAt)).sort((a, b) => a - b);
  // For each line that ended, how long until the next dial after it.
  const gaps = ended(all)
    .map((c) => Date.parse(c.endedAt ?? ''))
    .flatMap((end) => {
      const next = dials.find((d) => d >= end);
      return next === undefined ? [] : [next - end];
    })
    .sort((a, b) => a - b);
  expect(gaps.length).toBeGreaterThanOrEqual(8);
  const median = gaps[Math.floor(gaps.length / 2)] ?? Number.POSITIVE_INFINITY;
  expect(median, `gaps ${gaps.join(', ')} ms`).toBeLessThan(1000);
}, 90_000);
