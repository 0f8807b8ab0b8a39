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
});
