/** The dialing rules through the API: DND, the lead's time zone, attempts per day, consent. */
import type { Call, Campaign } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

/** 12:00 in India today, whenever the suite runs. */
const clock = noonInIndia();

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock,
    env: { SIMULATOR_ANSWER_RATE: '0', SIMULATOR_SPEED: '1000', TELEHUB_RING_TIMEOUT: '5', TELEHUB_MAX_ATTEMPTS_PER_DAY: '2' },
  });
});
afterAll(() => t?.close());

let n = 0;
const lead = (extra: { timezone?: string } = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Rule Lead ${++n}`, phone: `93${String(20_000_000 + n)}`, ownerId: t.cast.telecaller.id, ...extra });
const dial = (payload: object) => t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload });

/** Dials, waits for the simulator's no-answer, wraps up: one attempt. */
async function attempt(leadId: string) {
  const res = await dial({ leadId });
  if (res.statusCode !== 201) return res;
  const id = res.json<Call>().id;
  for (let i = 0; i < 400; i++) {
    const c = (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
    if (c.wrapUpPending) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const done = await t.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'no_answer' } });
  expect(done.statusCode, done.body).toBe(200);
  return res;
}

describe('dialing rules', () => {
  it('refuses a DND number with the reason and records the refusal in the audit log', async () => {
    const l = await lead();
    await t.app.services.leads.dnd.apply([{ phone: l.phone, blocked: true, categories: [0] }]);
    const res = await dial({ leadId: l.id });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'dnd' });
    const audit = await t.request({ method: 'GET', url: '/api/v1/audit?action=call.blocked', as: t.cast.admin });
    expect(audit.body).toContain(l.id);
  });

  it('refuses a lead whose own clock is outside calling hours', async () => {
    const l = await lead({ timezone: 'America/Los_Angeles' }); // 22:30 the day before
    const res = await dial({ leadId: l.id });
    expect(res.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'calling_hours' });
    expect(res.json<{ message: string }>().message).toContain('America/Los_Angeles');
  });

  it('allows the configured attempts per day, then refuses', async () => {
    const l = await lead();
    expect((await attempt(l.id)).statusCode).toBe(201);
    expect((await attempt(l.id)).statusCode).toBe(201);
    const third = await dial({ leadId: l.id });
    expect(third.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'attempt_limit' });
  });

  it('honours a campaign that needs consent, and its own window', async () => {
    const c = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      as: t.cast.admin,
      payload: { name: 'Consent first', requiresConsent: true, callingHours: '09:00-21:00', maxAttemptsPerDay: 5 },
    });
    expect(c.statusCode, c.body).toBe(201);
    const campaign = c.json<Campaign>();
    expect(campaign).toMatchObject({ requiresConsent: true, callingHours: '09:00-21:00', maxAttemptsPerDay: 5 });
    const l = await lead();
    const refused = await dial({ leadId: l.id, campaignId: campaign.id });
    expect(refused.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'consent_required' });
    // Outside the campaign the organisation's rules apply, which need no consent.
    expect((await attempt(l.id)).statusCode).toBe(201);
    // With the agent confirming consent, the dial goes through and the ledger keeps it.
    const withConsent = await dial({ leadId: l.id, campaignId: campaign.id, consentGiven: true });
    expect(withConsent.statusCode, withConsent.body).toBe(201);
    const ledger = await t.request({ method: 'GET', url: `/api/v1/leads/${l.id}/consents`, as: t.cast.telecaller });
    expect(ledger.json()).toMatchObject({ items: [{ purpose: 'calls', granted: true, channel: 'agent_confirmed', recordedBy: t.cast.telecaller.id }] });
    // Withdrawal is one call too, and blocks the next dial.
    const id = withConsent.json<Call>().id;
    for (let i = 0; i < 400; i++) {
      if ((await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>().wrapUpPending) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'no_answer' } });
    const withdrawn = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/consents`,
      as: t.cast.telecaller,
      payload: { purpose: 'calls', granted: false, channel: 'call' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    expect((await dial({ leadId: l.id, campaignId: campaign.id })).json()).toMatchObject({ reason: 'consent_required' });
  });

  it('validates the campaign rules and the disposition list', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.admin, payload: { name: 'x', callingHours: '9-21' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('callingHours');
    const list = (await t.request({ method: 'GET', url: '/api/v1/dispositions', as: t.cast.telecaller })).json<{ items: { code: string; key: string }[] }>();
    expect(list.items.map((d) => d.code)).toEqual(['interested', 'callback', 'not_interested', 'wrong_number', 'no_answer', 'converted']);
    const dup = await t.request({
      method: 'PUT',
      url: '/api/v1/dispositions',
      as: t.cast.admin,
      payload: { items: [...list.items, { ...list.items[0], code: 'other' }] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json<{ message: string }>().message).toContain('key "1" appears twice');
    expect((await t.request({ method: 'PUT', url: '/api/v1/dispositions', as: t.cast.manager, payload: { items: list.items } })).statusCode).toBe(403);
    const next = [
      ...list.items,
      { code: 'visit_booked', label: 'Campus visit booked', labelHi: null, leadStatus: 'interested', requiresCallback: false, connected: true, key: '7' },
    ];
    const saved = await t.request({ method: 'PUT', url: '/api/v1/dispositions', as: t.cast.admin, payload: { items: next } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/dispositions', as: t.cast.telecaller })).json<{ items: unknown[] }>().items).toHaveLength(7);
  });
});
