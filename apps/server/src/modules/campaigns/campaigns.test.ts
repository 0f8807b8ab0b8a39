import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('campaigns', () => {
  it('queues leads once, counts members, and filters the lead list by campaign', async () => {
    const { leads } = t.app.services;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await leads.create(SYSTEM_ACTOR, { name: `Camp ${i}`, phone: `96000000${i}0`, ownerId: i < 2 ? t.cast.telecaller.id : null })).id);
    const c = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      as: t.cast.manager,
      payload: { name: 'Winter enrolment', startDate: '2026-12-01', endDate: '2026-12-31' },
    });
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    const add = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${id}/leads`,
      as: t.cast.manager,
      payload: { leadIds: [ids[0], ids[1], ids[2], ids[0]] },
    });
    expect(add.json()).toEqual({ added: 3 });
    const again = await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/leads`, as: t.cast.manager, payload: { leadIds: [ids[2], ids[3]] } });
    expect(again.json()).toEqual({ added: 1 });

    const listed = (await t.request({ method: 'GET', url: '/api/v1/campaigns', as: t.cast.telecaller })).json();
    expect(listed.items.find((x: { id: string }) => x.id === id)).toMatchObject({ name: 'Winter enrolment', members: 4 });

    const filtered = (await t.request({ method: 'GET', url: `/api/v1/leads?campaignId=${id}&pageSize=100`, as: t.cast.admin })).json();
    expect(filtered.total).toBe(4);
    const other = (await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.admin, payload: { name: 'Empty one' } })).json();
    expect((await t.request({ method: 'GET', url: `/api/v1/leads?campaignId=${other.id}`, as: t.cast.admin })).json().total).toBe(0);
    // A telecaller's view of a campaign is still only their own leads.
    expect((await t.request({ method: 'GET', url: `/api/v1/leads?campaignId=${id}`, as: t.cast.telecaller })).json().total).toBe(2);
  });

  it('refuses unknown leads, unknown campaigns and reversed dates', async () => {
    const c = (await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.admin, payload: { name: 'Checks' } })).json();
    const unknown = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${c.id}/leads`,
      as: t.cast.admin,
      payload: { leadIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknown.statusCode).toBe(422);
    const missing = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/leads',
      as: t.cast.admin,
      payload: { leadIds: [c.id] },
    });
    expect(missing.statusCode).toBe(404);
    const dates = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      as: t.cast.admin,
      payload: { name: 'Back', startDate: '2026-12-31', endDate: '2026-12-01' },
    });
    expect(dates.statusCode).toBe(400);
    const badDate = await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.admin, payload: { name: 'Bad', startDate: '31/12/2026' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('startDate');
  });

  it('fills its queue from the segment and keeps it in step as leads change; listed leads stay', async () => {
    const { leads } = t.app.services;
    const tagged = await leads.create(SYSTEM_ACTOR, { name: 'Seg A', phone: '9600000901', tags: ['mba'], city: 'Pune' });
    await leads.create(SYSTEM_ACTOR, { name: 'Seg B', phone: '9600000902', tags: ['mba'], city: 'Delhi' });
    const listed = await leads.create(SYSTEM_ACTOR, { name: 'Seg C', phone: '9600000903' });
    const c = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      as: t.cast.manager,
      payload: { name: 'MBA Pune', segment: { tags: ['mba'], cities: ['pune'] } },
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ members: 1, segment: { tags: ['mba'], cities: ['pune'] }, status: 'draft', dialMode: 'preview', maxAbandonRate: 0.03 });
    const id = c.json().id;
    await t.request({ method: 'POST', url: `/api/v1/campaigns/${id}/leads`, as: t.cast.manager, payload: { leadIds: [listed.id] } });
    // The other lead moves to Pune: it joins; the first leaves the tag: it leaves (it came by the segment); the listed one stays.
    const other = (await t.request({ method: 'GET', url: '/api/v1/leads?q=Seg%20B', as: t.cast.admin })).json().items[0];
    await leads.update(SYSTEM_ACTOR, other.id, { city: 'Pune' });
    await leads.update(SYSTEM_ACTOR, tagged.id, { tags: [] });
    await t.app.services.campaigns.refreshSegment(id);
    const members = (await t.request({ method: 'GET', url: `/api/v1/leads?campaignId=${id}&pageSize=100`, as: t.cast.admin })).json();
    expect(members.items.map((l: { name: string }) => l.name).sort()).toEqual(['Seg B', 'Seg C']);
  });

  it('moves through draft, running, paused, stopped and archived only as allowed, and edits a running campaign', async () => {
    const req = (method: 'POST' | 'PATCH', url: string, payload?: object) => t.request({ method, url, as: t.cast.manager, ...(payload ? { payload } : {}) });
    const c = (await req('POST', '/api/v1/campaigns', { name: 'Lifecycle', dialMode: 'progressive' })).json();
    expect((await req('POST', `/api/v1/campaigns/${c.id}/pause`)).json()).toMatchObject({ code: 'CAMPAIGN_TRANSITION_INVALID' });
    expect((await req('POST', `/api/v1/campaigns/${c.id}/start`)).json()).toMatchObject({ code: 'CAMPAIGN_NO_AGENTS' });
    expect((await req('PATCH', `/api/v1/campaigns/${c.id}`, { teamIds: [t.cast.teamId] })).statusCode).toBe(200);
    expect((await req('POST', `/api/v1/campaigns/${c.id}/start`)).json()).toMatchObject({ status: 'running' });
    const edited = await req('PATCH', `/api/v1/campaigns/${c.id}`, { dialMode: 'power', ratio: 2.5 });
    expect(edited.json()).toMatchObject({ status: 'running', dialMode: 'power', ratio: 2.5 });
    expect((await req('POST', `/api/v1/campaigns/${c.id}/archive`)).statusCode).toBe(409);
    expect((await req('POST', `/api/v1/campaigns/${c.id}/pause`)).json()).toMatchObject({ status: 'paused' });
    expect((await req('POST', `/api/v1/campaigns/${c.id}/archive`)).json()).toMatchObject({ status: 'archived', active: false });
    expect((await req('PATCH', `/api/v1/campaigns/${c.id}`, { name: 'Again' })).json()).toMatchObject({ code: 'CAMPAIGN_ARCHIVED' });
  });

  it('checks what it is given: the abandon cap, retry rules, people, script stages', async () => {
    const post = (payload: object) => t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.manager, payload });
    const cap = await post({ name: 'Greedy', maxAbandonRate: 0.2 });
    expect(cap.statusCode).toBe(400);
    expect(cap.json().message).toContain('maxAbandonRate');
    expect((await post({ name: 'Retry', retry: { no_answer: { delayMinutes: 0, maxAttempts: 1 } } })).statusCode).toBe(400);
    const stranger = await post({ name: 'Stranger', agentIds: [t.cast.manager.id] });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().message).toContain('not an active telecaller');
    const script = await post({ name: 'Script', script: [{ key: 'Greeting', title: 'Hi', text: 'Hello' }] });
    expect(script.statusCode).toBe(400);
    const ok = await post({
      name: 'Scripted',
      script: [{ key: 'greeting', title: 'Greeting', titleHi: 'अभिवादन', text: 'Hello, this is TeleHub', textHi: 'नमस्ते' }],
      dispositions: ['interested', 'not_interested'],
    });
    expect(ok.json()).toMatchObject({ script: [{ key: 'greeting', titleHi: 'अभिवादन' }], dispositions: ['interested', 'not_interested'] });
  });
});
