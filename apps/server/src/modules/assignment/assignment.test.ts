import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
let t: TestApp;
let hindi: string;
let tamil: string;
let third: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { TELEHUB_ASSIGNMENT_SLA: '24h' } });
  const { users } = t.app.services;
  const make = async (email: string, languages: ('hi' | 'ta' | 'en')[]) =>
    (
      await users.create(SYSTEM_ACTOR, {
        email,
        name: email.split('@')[0] ?? email,
        role: 'telecaller',
        password: PASSWORD,
        teamId: t.cast.otherTeamId,
        languages,
      })
    ).id;
  hindi = await make('hindi@test.example', ['hi', 'en']);
  tamil = await make('tamil@test.example', ['ta', 'en']);
  third = await make('third@test.example', ['hi']);
});
afterAll(() => t?.close());

// The rules here are for the other team, whose manager runs them.
const post = (url: string, payload: object, as = t.cast.otherManager) => t.request({ method: 'POST', url, as, payload });
// Through the service: the SLA test moves the clock past the access tokens' lifetime.
const ownerOf = async (id: string) => (await t.app.services.leads.get(SYSTEM_ACTOR, id)).ownerId;
let seq = 0;
const lead = (language: string | null, tags: string[] = []) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Lead ${++seq}`, phone: `96${String(10_000_000 + seq)}`, language: language as 'hi', tags });

describe('assignment rules', () => {
  it('round-robins new leads over the team, by language, within the cap', async () => {
    const rule = await post('/api/v1/assignment/rules', {
      name: 'Hindi leads',
      language: 'hi',
      teamId: t.cast.otherTeamId,
      matchLanguage: true,
      maxOpenLeads: 2,
    });
    expect(rule.statusCode).toBe(201);
    // The other team also has caller2 (no languages): matchLanguage keeps Hindi leads with hi speakers.
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await lead('hi')).id);
    const tamilLead = (await lead('ta')).id;
    const run = await post('/api/v1/assignment/run', {});
    expect(run.json()).toEqual({ assigned: 4 });
    const owners = await Promise.all(ids.map(ownerOf));
    expect(owners.slice(0, 4).sort()).toEqual([hindi, hindi, third, third].sort());
    // Both Hindi speakers are at their cap of 2: the fifth waits, and no rule covers Tamil.
    expect(owners[4]).toBeNull();
    expect(await ownerOf(tamilLead)).toBeNull();
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${ids[0]}/activities`, as: t.cast.admin })).json();
    expect(timeline.items.find((a: { type: string }) => a.type === 'assignment').data).toMatchObject({ reason: 'rule', from: null });
  });

  it('matches on campaign and tag, first rule by priority wins', async () => {
    const campaign = (await post('/api/v1/campaigns', { name: 'Tamil Nadu drive' })).json();
    await post('/api/v1/assignment/rules', { name: 'TN campaign', priority: 10, campaignId: campaign.id, teamId: t.cast.otherTeamId, matchLanguage: true });
    const l = await lead('ta', ['webinar']);
    await post(`/api/v1/campaigns/${campaign.id}/leads`, { leadIds: [l.id] });
    await post('/api/v1/assignment/run', {});
    expect(await ownerOf(l.id)).toBe(tamil);
  });

  it('reassigns leads nobody worked within the SLA, and leaves worked ones alone', async () => {
    const rules = (await t.request({ method: 'GET', url: '/api/v1/assignment/rules', as: t.cast.otherManager })).json();
    const hindiRule = rules.items.find((r: { name: string }) => r.name === 'Hindi leads');
    expect(rules.slaHours).toBe(24);
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/assignment/rules/${hindiRule.id}`,
      as: t.cast.otherManager,
      payload: { maxOpenLeads: 100 },
    });
    // A change touches only what it names.
    expect(patched.json()).toMatchObject({ maxOpenLeads: 100, language: 'hi', matchLanguage: true });
    const idle = await lead('hi');
    const worked = await lead('hi');
    await post('/api/v1/leads/assign', { leadIds: [idle.id, worked.id], ownerId: hindi });
    clock.offsetMs = 2 * 3_600_000;
    await t.app.services.leads.addNote(SYSTEM_ACTOR, worked.id, 'Called, will think');
    clock.offsetMs = 25 * 3_600_000;
    try {
      const moved = await t.app.services.assignment.reassignStale();
      expect(moved).toBeGreaterThanOrEqual(1);
      expect(await ownerOf(idle.id)).not.toBe(hindi);
      expect(await ownerOf(worked.id)).toBe(hindi);
      const timeline = await t.app.services.leads.timeline(SYSTEM_ACTOR, idle.id, { limit: 5 });
      expect(timeline.items[0]).toMatchObject({ type: 'assignment', data: { reason: 'sla', from: hindi } });
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('bulk assigns to a person, to nobody, or by the rules; refuses a bad owner', async () => {
    const a = await lead(null);
    const b = await lead(null);
    const to = await post('/api/v1/leads/assign', { leadIds: [a.id, b.id, a.id], ownerId: hindi });
    expect(to.json()).toEqual({ assigned: 2, unchanged: 0 });
    expect(await ownerOf(a.id)).toBe(hindi);
    const again = await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: hindi });
    expect(again.json()).toEqual({ assigned: 0, unchanged: 1 });
    expect((await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: null })).json().assigned).toBe(1);
    expect(await ownerOf(a.id)).toBeNull();
    const bad = await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.statusCode).toBe(422);
    expect((await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: 'someone' })).statusCode).toBe(400);
    expect((await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: null }, t.cast.telecaller)).statusCode).toBe(403);
    // Someone outside the teams this manager leads is not theirs to give leads to.
    const outside = await post('/api/v1/leads/assign', { leadIds: [a.id], ownerId: t.cast.telecaller.id });
    expect(outside.json()).toMatchObject({ statusCode: 422, code: 'ASSIGN_OWNER_INVALID' });
  });

  it('assigns leads right after an import', async () => {
    await post('/api/v1/assignment/rules', { name: 'Everyone else', priority: 1000, teamId: t.cast.teamId, maxOpenLeads: 1000 }, t.cast.manager);
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.manager,
      ...multipart({}, { name: 'a.csv', content: 'Name,Phone\nImported One,9512345678\n' }),
    });
    await t.app.services.jobs.idle();
    const status = (await t.request({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, as: t.cast.manager })).json();
    expect(status.created).toBe(1);
    const page = (await t.request({ method: 'GET', url: '/api/v1/leads?q=9512345678', as: t.cast.admin })).json();
    expect(page.items[0].ownerId).toBe(t.cast.telecaller.id);
  });

  it('validates rules', async () => {
    const bad = await post('/api/v1/assignment/rules', { name: 'x', teamId: '00000000-0000-4000-8000-000000000000' }, t.cast.admin);
    expect(bad.statusCode).toBe(422);
    const notTheirs = await post('/api/v1/assignment/rules', { name: 'x', teamId: t.cast.teamId });
    expect(notTheirs.json()).toMatchObject({ statusCode: 403, code: 'RULE_TEAM_FORBIDDEN' });
    const lang = await post('/api/v1/assignment/rules', { name: 'x', teamId: t.cast.teamId, language: 'klingon' });
    expect(lang.statusCode).toBe(400);
    expect(lang.json().message).toContain('language');
    expect((await t.request({ method: 'DELETE', url: '/api/v1/assignment/rules/00000000-0000-4000-8000-000000000000', as: t.cast.manager })).statusCode).toBe(
      404,
    );
  });
});
