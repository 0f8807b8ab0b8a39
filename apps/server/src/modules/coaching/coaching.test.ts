/**
 * Coaching through the app, on scored calls laid down in the database: the skill matrix per
 * telecaller beside the team, a suggestion where one telecaller answers price objections far less
 * often than the team (with their own calls and the team's best as examples), a manager's own
 * assignment, and the item measured again once enough new calls have been made.
 */
import type { CoachingItem, SkillHistory, SkillMatrix } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
let second: Person;
let leadId: string;
let cardId: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  const u = await t.app.services.users.create(SYSTEM_ACTOR, {
    email: 'caller3@test.example',
    name: 'Second Caller',
    role: 'telecaller',
    password: 'correct-horse-battery',
    teamId: t.cast.teamId,
  });
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'caller3@test.example', password: 'correct-horse-battery' },
    remoteAddress: '127.9.0.1',
  });
  second = { id: u.id, email: 'caller3@test.example', role: 'telecaller', teamId: t.cast.teamId, token: login.json<{ accessToken: string }>().accessToken };
  leadId = (await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Coached Lead', phone: '9001144501', ownerId: t.cast.telecaller.id })).id;
  const sections = [
    {
      title: 'All',
      titleHi: null,
      questions: [{ key: 'greet', text: 'Greets', textHi: null, weight: 1, check: { kind: 'checkpoint', checkpoint: 'greeting' } }],
    },
  ];
  // Scored calls are laid down as QA and the analysis store them (their own tests cover how they get there).
  const [card] = rowsOf<{ id: string }>(
    await t.db.database.db.execute(sql`insert into qa_scorecards (name, sections) values ('Card', ${JSON.stringify(sections)}::jsonb) returning id`),
  );
  cardId = card?.id ?? '';
});
afterAll(async () => {
  await t?.close();
});

/** A scored call of `agentId` at `at` where a price objection was answered or not. */
async function scoredCall(agentId: string, at: Date, priceHandled: boolean, score: number): Promise<string> {
  const db = t.db.database.db;
  const [c] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into calls (lead_id, agent_id, provider, provider_call_id, status, answered_at, ended_at, disposition)
      values (${leadId}, ${agentId}, 'simulator', ${`coach-${++seq}`}, 'completed', ${at.toISOString()}, ${at.toISOString()}, 'interested') returning id`),
  );
  const callId = c?.id ?? '';
  const analysis = {
    talkRatio: 0.5,
    deadAirSeconds: 2,
    sentiment: { lead: 'neutral', agent: 'positive' },
    objections: [{ type: 'price', handled: priceHandled, atMs: 10_000 }],
    qaScore: score,
  };
  await db.execute(
    sql`insert into call_analyses (call_id, status, analyzed_at, result) values (${callId}, 'done', ${at.toISOString()}, ${JSON.stringify(analysis)}::jsonb)`,
  );
  const answers = [
    {
      key: 'greet',
      section: 'All',
      text: 'Greets',
      textHi: null,
      weight: 1,
      kind: 'checkpoint',
      auto: 'pass',
      evidence: null,
      atMs: 0,
      override: null,
      comment: null,
    },
  ];
  await db.execute(sql`insert into call_scores (call_id, agent_id, call_at, scorecard_id, scorecard_name, scorecard_version, answers, auto_score, score, scored_at)
    values (${callId}, ${agentId}, ${at.toISOString()}, ${cardId}, 'Card', 1, ${JSON.stringify(answers)}::jsonb, ${score}, ${score}, ${at.toISOString()})`);
  return callId;
}

const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
const ownCalls: string[] = [];
const bestCalls: string[] = [];

describe('coaching', () => {
  it('measures each telecaller’s skills beside the team’s, and a telecaller sees only their own row', async () => {
    // The telecaller answers 2 price objections in 10; the colleague 11 in 12.
    for (let i = 0; i < 10; i++) ownCalls.push(await scoredCall(t.cast.telecaller.id, ago(20 - i * 0.5), i < 2, 60));
    for (let i = 0; i < 12; i++) bestCalls.push(await scoredCall(second.id, ago(20 - i * 0.5), i !== 5, 80 + i));
    // An old call outside the window counts for nothing.
    await scoredCall(t.cast.telecaller.id, ago(60), true, 100);

    const res = await t.request({ method: 'GET', url: '/api/v1/coaching/skills', as: t.cast.manager });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<SkillMatrix>();
    const mine = m.agents.find((a) => a.id === t.cast.telecaller.id);
    expect(mine).toMatchObject({
      calls: 10,
      skills: { 'objection:price': { value: 0.2, n: 10 }, qa_score: { value: 0.6, n: 10 }, 'qa:greet': { value: 1, n: 10 } },
    });
    expect(m.agents.find((a) => a.id === second.id)?.skills['objection:price']).toEqual({ value: 0.917, n: 12 });
    expect(m.team['objection:price']).toEqual({ value: 0.591, n: 22 });
    expect(m.skills.map((s) => s.key)).toEqual(['qa_score', 'qa:greet', 'objection:price', 'talk_balance', 'lead_sentiment', 'dead_air']);
    expect(m.skills.find((s) => s.key === 'qa:greet')?.label).toBe('Greets');
    // The other team's manager sees neither.
    const other = (await t.request({ method: 'GET', url: '/api/v1/coaching/skills', as: t.cast.otherManager })).json<SkillMatrix>();
    expect(other.agents.map((a) => a.id)).not.toContain(t.cast.telecaller.id);

    const own = (await t.request({ method: 'GET', url: '/api/v1/coaching/skills', as: t.cast.telecaller })).json<SkillMatrix>();
    expect(own.agents.map((a) => a.id)).toEqual([t.cast.telecaller.id]);
    expect(own.team['objection:price']).toEqual({ value: 0.591, n: 22 });
  });

  it('suggests an item where a telecaller is far under the team, with their calls and the team’s best', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/coaching/suggest', as: t.cast.manager });
    expect(res.json()).toEqual({ created: 1 });
    // Suggesting again does not repeat an open item.
    expect((await t.request({ method: 'POST', url: '/api/v1/coaching/suggest', as: t.cast.manager })).json()).toEqual({ created: 0 });
    const items = (await t.request({ method: 'GET', url: '/api/v1/coaching/items', as: t.cast.telecaller })).json<{ items: CoachingItem[] }>().items;
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item).toMatchObject({
      agent: { id: t.cast.telecaller.id },
      skill: { key: 'objection:price', kind: 'objection', param: 'price' },
      source: 'engine',
      status: 'open',
      baseline: 0.2,
      teamBaseline: 0.917,
      baselineCalls: 10,
      progress: 0,
    });
    // Own examples: the latest unanswered ones; best: the colleague's answered ones, best scored first.
    expect(item?.examples.own).toEqual([ownCalls[9], ownCalls[8], ownCalls[7]]);
    expect(item?.examples.best).toEqual([bestCalls[11], bestCalls[10], bestCalls[9]]);
    // The colleague sees none of it.
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/coaching/items', as: second })).json<{ items: CoachingItem[] }>().items;
    expect(theirs).toEqual([]);
  });

  it('lets a manager assign a skill to a telecaller they coach, and refuses what is not theirs to assign', async () => {
    for (const skill of ['charm', 'qa:nope', 'objection:weather']) {
      const bad = await t.request({ method: 'POST', url: '/api/v1/coaching/items', as: t.cast.manager, payload: { agentId: second.id, skill } });
      expect(bad.json()).toMatchObject({ code: 'COACHING_SKILL_UNKNOWN' });
    }
    const notMine = await t.request({
      method: 'POST',
      url: '/api/v1/coaching/items',
      as: t.cast.otherManager,
      payload: { agentId: second.id, skill: 'talk_balance' },
    });
    expect(notMine.statusCode).toBe(404);
    const byTelecaller = await t.request({
      method: 'POST',
      url: '/api/v1/coaching/items',
      as: t.cast.telecaller,
      payload: { agentId: second.id, skill: 'talk_balance' },
    });
    expect(byTelecaller.statusCode).toBe(403);
    const few = await t.request({
      method: 'POST',
      url: '/api/v1/coaching/items',
      as: t.cast.manager,
      payload: { agentId: second.id, skill: 'talk_balance', measureAfterCalls: 1 },
    });
    expect(few.statusCode).toBe(400);
    expect(few.body).toContain('measure after 3 to 100 calls');

    const res = await t.request({
      method: 'POST',
      url: '/api/v1/coaching/items',
      as: t.cast.manager,
      payload: { agentId: second.id, skill: 'qa:greet', note: 'Keep greeting by name', measureAfterCalls: 5 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<CoachingItem>();
    expect(item).toMatchObject({
      source: 'manager',
      assignedBy: { id: t.cast.manager.id },
      baseline: 1,
      skill: { label: 'Greets', labelHi: null },
      measureAfterCalls: 5,
    });
    const dismissed = await t.request({ method: 'PATCH', url: `/api/v1/coaching/items/${item.id}`, as: t.cast.manager, payload: { status: 'dismissed' } });
    expect(dismissed.json<CoachingItem>().status).toBe('dismissed');
    const empty = await t.request({ method: 'PATCH', url: `/api/v1/coaching/items/${item.id}`, as: t.cast.manager, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('measures the item again after the next calls and shows whether the skill moved', async () => {
    const [item] = (await t.request({ method: 'GET', url: '/api/v1/coaching/items?status=open', as: t.cast.manager })).json<{ items: CoachingItem[] }>().items;
    // Nine calls since: not yet.
    const later = (i: number) => new Date(Date.parse(item?.createdAt ?? '') + 1000 + i * 60_000);
    for (let i = 0; i < 9; i++) await scoredCall(t.cast.telecaller.id, later(i), i < 7, 75);
    expect(await t.app.services.coaching.remeasure()).toBe(0);
    const waiting = (await t.request({ method: 'GET', url: `/api/v1/coaching/items?agentId=${t.cast.telecaller.id}`, as: t.cast.manager })).json<{
      items: CoachingItem[];
    }>().items;
    expect(waiting[0]).toMatchObject({ status: 'open', progress: 9 });
    await scoredCall(t.cast.telecaller.id, later(9), true, 80);
    expect(await t.app.services.coaching.remeasure()).toBe(1);
    const done = (await t.request({ method: 'GET', url: '/api/v1/coaching/items', as: t.cast.telecaller })).json<{ items: CoachingItem[] }>().items;
    expect(done[0]).toMatchObject({ status: 'measured', progress: 10, result: { value: 0.8, calls: 10, moved: 'up' } });
    const reopen = await t.request({ method: 'PATCH', url: `/api/v1/coaching/items/${done[0]?.id}`, as: t.cast.manager, payload: { status: 'open' } });
    expect(reopen.json()).toMatchObject({ code: 'COACHING_ITEM_MEASURED' });
  });

  it('tells a skill week by week beside the team', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/coaching/skills/${t.cast.telecaller.id}/history?skill=objection:price&weeks=4`,
      as: t.cast.telecaller,
    });
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json<SkillHistory>();
    expect(h.weeks).toHaveLength(4);
    const n = h.weeks.reduce((s, w) => s + (w.agent?.n ?? 0), 0);
    expect(n).toBe(20);
    expect(h.weeks.at(-1)?.agent).toEqual({ value: 0.8, n: 10 });
    const forbidden = await t.request({ method: 'GET', url: `/api/v1/coaching/skills/${second.id}/history?skill=objection:price`, as: t.cast.telecaller });
    expect(forbidden.statusCode).toBe(404);
  });
});
