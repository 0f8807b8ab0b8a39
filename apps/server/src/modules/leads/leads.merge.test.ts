import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const get = (url: string, as = t.cast.manager) => t.request({ method: 'GET', url, as });
const post = (url: string, payload: object, as = t.cast.manager) => t.request({ method: 'POST', url, as, payload });

describe('possible duplicates', () => {
  it('pairs the same email and the same name in one city, and forgets dismissed pairs', async () => {
    const { leads } = t.app.services;
    const a = await leads.create(SYSTEM_ACTOR, { name: 'Ritu Singh', phone: '9700000001', email: 'ritu@example.org' });
    const b = await leads.create(SYSTEM_ACTOR, { name: 'R. Singh', phone: '9700000002', email: 'Ritu@example.org' });
    const c = await leads.create(SYSTEM_ACTOR, { name: 'Mohan  Lal', phone: '9700000003', city: 'Indore' });
    const d = await leads.create(SYSTEM_ACTOR, { name: 'mohan lal', phone: '9700000004', city: 'indore' });
    await leads.create(SYSTEM_ACTOR, { name: 'Mohan Lal', phone: '9700000005', city: 'Bhopal' });
    const page = (await get('/api/v1/leads/duplicates')).json();
    const pairs = page.items.map((p: { a: { id: string }; b: { id: string }; reasons: string[] }) => [[p.a.id, p.b.id].sort().join(), p.reasons]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [[a.id, b.id].sort().join(), ['same_email']],
        [[c.id, d.id].sort().join(), ['same_name_city']],
      ]),
    );
    expect(page.total).toBe(2);
    expect((await post('/api/v1/leads/duplicates/dismiss', { leadIds: [d.id, c.id] })).statusCode).toBe(204);
    expect((await get('/api/v1/leads/duplicates')).json().total).toBe(1);
    const similar = (await get(`/api/v1/leads/${a.id}/duplicates`)).json();
    expect(similar.items.map((x: { id: string }) => x.id)).toContain(b.id);
  });

  it('shows a manager only the pairs within their teams and the unassigned', async () => {
    const { leads } = t.app.services;
    const mine = await leads.create(SYSTEM_ACTOR, { name: 'Kavya Iyer', phone: '9700000011', email: 'kavya@example.org', ownerId: t.cast.telecaller.id });
    const theirs = await leads.create(SYSTEM_ACTOR, { name: 'K. Iyer', phone: '9700000012', email: 'kavya@example.org', ownerId: t.cast.otherTelecaller.id });
    const ids = (r: { json(): { items: { a: { id: string }; b: { id: string } }[] } }) => r.json().items.flatMap((p) => [p.a.id, p.b.id]);
    // Half of this pair belongs to the other team: neither manager sees it; an admin does.
    expect(ids(await get('/api/v1/leads/duplicates'))).not.toContain(mine.id);
    expect(ids(await get('/api/v1/leads/duplicates', t.cast.otherManager))).not.toContain(theirs.id);
    expect(ids(await get('/api/v1/leads/duplicates', t.cast.admin))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await get(`/api/v1/leads/${mine.id}/duplicates`)).json().items).toEqual([]);
  });
});

describe('merging two leads', () => {
  it('explains, merges, and undoes completely', async () => {
    const { leads, campaigns } = t.app.services;
    const keep = await leads.create(SYSTEM_ACTOR, { name: 'Geeta Rao', phone: '9711111111', tags: ['parent'] });
    const other = await leads.create(SYSTEM_ACTOR, {
      name: 'Geetha Rao',
      phone: '9722222222',
      email: 'geetha@example.org',
      city: 'Mysuru',
      tags: ['webinar'],
      ownerId: t.cast.telecaller.id,
    });
    await leads.addNote(SYSTEM_ACTOR, other.id, 'Asked about fees');
    const camp = await campaigns.create(SYSTEM_ACTOR, { name: 'Merge campaign' });
    await campaigns.addLeads(SYSTEM_ACTOR, camp.id, [other.id]);

    const preview = (await get(`/api/v1/leads/${keep.id}/merge-preview?otherId=${other.id}`)).json();
    const action = (f: string) => preview.fields.find((x: { field: string }) => x.field === f);
    expect(action('email')).toMatchObject({ action: 'fill', result: 'geetha@example.org' });
    expect(action('name')).toMatchObject({ action: 'keep', result: 'Geeta Rao' });
    expect(action('phone')).toMatchObject({ action: 'alternate', other: '+919722222222' });
    expect(action('tags').result).toEqual(['parent', 'webinar']);
    expect(preview.moves.activities).toBeGreaterThanOrEqual(2);

    const merged = await post(`/api/v1/leads/${keep.id}/merge`, { otherId: other.id });
    expect(merged.statusCode).toBe(200);
    const mergeId = merged.json().mergeId;
    const after = (await get(`/api/v1/leads/${keep.id}`)).json();
    expect(after).toMatchObject({
      email: 'geetha@example.org',
      city: 'Mysuru',
      ownerId: t.cast.telecaller.id,
      tags: ['parent', 'webinar'],
      metadata: { alternatePhones: ['+919722222222'] },
    });
    expect((await get(`/api/v1/leads/${other.id}`)).statusCode).toBe(404);
    const timeline = (await get(`/api/v1/leads/${keep.id}/activities`)).json().items;
    expect(timeline.map((a: { type: string; body?: string }) => a.body ?? a.type)).toEqual(expect.arrayContaining(['merged', 'Asked about fees']));
    expect((await get(`/api/v1/leads?campaignId=${camp.id}`)).json().items.map((l: { id: string }) => l.id)).toEqual([keep.id]);
    // The merge is listed on the survivor, with what it needs for the undo button.
    expect((await get(`/api/v1/leads/${keep.id}/merges`)).json().items).toHaveLength(1);

    const undo = await post(`/api/v1/leads/merges/${mergeId}/undo`, {});
    expect(undo.statusCode).toBe(200);
    const back = (await get(`/api/v1/leads/${other.id}`)).json();
    expect(back).toMatchObject({ name: 'Geetha Rao', phone: '+919722222222', email: 'geetha@example.org' });
    const restored = (await get(`/api/v1/leads/${keep.id}`)).json();
    expect(restored).toMatchObject({ email: null, city: null, ownerId: null, tags: ['parent'] });
    expect(restored.metadata.alternatePhones).toBeUndefined();
    const otherTimeline = (await get(`/api/v1/leads/${other.id}/activities`)).json().items;
    expect(otherTimeline.map((a: { body: string | null }) => a.body)).toContain('Asked about fees');
    expect((await get(`/api/v1/leads?campaignId=${camp.id}`)).json().items.map((l: { id: string }) => l.id)).toEqual([other.id]);
    expect((await post(`/api/v1/leads/merges/${mergeId}/undo`, {})).statusCode).toBe(409);
  });

  it("refuses to undo when the retired lead's phone was taken meanwhile", async () => {
    const { leads } = t.app.services;
    const keep = await leads.create(SYSTEM_ACTOR, { name: 'Keep', phone: '9733333333' });
    const other = await leads.create(SYSTEM_ACTOR, { name: 'Other', phone: '9744444444' });
    const mergeId = (await post(`/api/v1/leads/${keep.id}/merge`, { otherId: other.id })).json().mergeId;
    await leads.create(SYSTEM_ACTOR, { name: 'New holder', phone: '9744444444' });
    const res = await post(`/api/v1/leads/merges/${mergeId}/undo`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MERGE_UNDO_PHONE_TAKEN');
  });

  it('refuses merging a lead into itself and is for staff only', async () => {
    const { leads } = t.app.services;
    const l = await leads.create(SYSTEM_ACTOR, { name: 'Solo', phone: '9755555555', ownerId: t.cast.telecaller.id });
    expect((await post(`/api/v1/leads/${l.id}/merge`, { otherId: l.id })).statusCode).toBe(400);
    expect((await post(`/api/v1/leads/${l.id}/merge`, { otherId: l.id }, t.cast.telecaller)).statusCode).toBe(403);
  });
});
