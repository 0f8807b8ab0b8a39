/**
 * Live assist through the real app: analyze for any role, the battlecard an admin writes reaching
 * the card, and a live call's segments becoming cards that its agent and their manager can read
 * and nobody else can.
 */
import type { AnalyzeResult, AssistCard } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let callId = '';
beforeAll(async () => {
  t = await createTestApp();
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Assist Lead', phone: '9300000077', ownerId: t.cast.telecaller.id });
  // A call answered 40 s ago, as the ingestion path leaves it (the simulator is not asked to speak).
  const [row] = rowsOf<{ id: string }>(
    await t.db.database.db.execute(sql`
      insert into calls (lead_id, agent_id, provider, provider_call_id, status, answered_at)
      values (${lead.id}, ${t.cast.telecaller.id}, 'simulator', 'SIM-assist-1', 'in_progress', ${new Date(Date.now() - 40_000)})
      returning id`),
  );
  callId = row?.id ?? '';
});
afterAll(() => t?.close());

const segment = (seq: number, speaker: 'agent' | 'lead', text: string, language: 'en' | 'hi' | 'hinglish' = 'en'): ProviderEvent => ({
  provider: 'simulator',
  providerEventId: `SIM-assist-1:seg:${seq}`,
  providerCallId: 'SIM-assist-1',
  callId,
  kind: 'transcript',
  occurredAt: new Date(),
  segment: { seq, speaker, language, text, startMs: seq * 3000, endMs: seq * 3000 + 2500 },
  raw: {},
});

/** The cards published for the call until `until` holds of them (or 5 s pass). */
function cardsUntil(until: (cards: AssistCard[]) => boolean): Promise<AssistCard[]> {
  const seen: AssistCard[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(seen);
    }, 5000);
    const off = t.app.services.bus.subscribe('assist.card', ({ card }) => {
      if (card.callId !== callId) return;
      seen.push(card);
      if (until(seen)) {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    });
  });
}

describe('POST /assist/analyze', () => {
  it('reads a price objection in Hinglish for any role, with a card of plain advice when no battlecard exists', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/assist/analyze',
      as: t.cast.telecaller,
      payload: { text: 'Fees bahut zyada hai, itna paisa nahi hai hamare paas' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<AnalyzeResult>();
    expect(body.lang).toBe('hinglish');
    expect(body.objections[0]?.type).toBe('price');
    expect(body.cards[0]).toMatchObject({ kind: 'objection', source: 'rules', objection: { type: 'price' } });
  });

  it('gives the admin-written battlecard, in Hindi too', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/api/v1/battlecards',
      as: t.cast.admin,
      payload: {
        campaignId: null,
        objection: 'price',
        title: { en: 'Fees feel high', hi: 'फीस ज़्यादा लगती है' },
        body: { en: 'Scholarships cover up to 70%; instalments from ₹1,500.', hi: 'छात्रवृत्ति 70% तक; किस्तें ₹1,500 से।' },
      },
    });
    expect(put.statusCode).toBeLessThan(300);
    const res = await t.request({ method: 'POST', url: '/api/v1/assist/analyze', as: t.cast.manager, payload: { text: 'फीस बहुत ज़्यादा है, हम नहीं दे पाएँगे' } });
    const body = res.json<AnalyzeResult>();
    expect(body.lang).toBe('hi');
    expect(body.cards[0]).toMatchObject({ kind: 'objection', source: 'battlecard', title: { en: 'Fees feel high', hi: 'फीस ज़्यादा लगती है' } });
  });

  it('answers a plain remark with no objection, and refuses empty or missing text', async () => {
    const ok = await t.request({ method: 'POST', url: '/api/v1/assist/analyze', as: t.cast.admin, payload: { text: 'Okay, that sounds good, thank you.' } });
    expect(ok.json<AnalyzeResult>().objections).toEqual([]);
    expect((await t.request({ method: 'POST', url: '/api/v1/assist/analyze', as: t.cast.admin, payload: { text: '   ' } })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/assist/analyze', as: t.cast.admin, payload: {} })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/assist/analyze', as: t.cast.admin, payload: { text: 'hi', lang: 'fr' } })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/assist/analyze', payload: { text: 'fees' } })).statusCode).toBe(401);
  });
});

describe('a live call', () => {
  it('turns the lead’s objection into its battlecard, and the agent’s words into the checklist and a late-notice nudge', async () => {
    const waiting = cardsUntil((cards) => cards.some((c) => c.kind === 'objection') && cards.some((c) => c.key === 'nudge:recording_disclosure'));
    const { ingest } = t.app.services;
    await ingest(segment(1, 'agent', 'Hello, this is Asha from Shiksha Foundation. Am I speaking with the student?'));
    await ingest(segment(2, 'lead', 'Seventy percent sounds good, but the remaining fee is still too expensive for us.'));
    await ingest(segment(11, 'agent', 'I understand. We also have an instalment plan.'));
    const cards = await waiting;
    const objection = cards.find((c) => c.kind === 'objection');
    expect(objection).toMatchObject({ key: 'objection:price', source: 'battlecard', segmentSeq: 2 });
    expect(objection?.latencyMs).toBeGreaterThanOrEqual(0);
    const script = cards.filter((c) => c.kind === 'script').at(-1);
    expect(script?.checklist?.filter((c) => c.done).map((c) => c.checkpoint)).toEqual(expect.arrayContaining(['greeting', 'objection_handling']));
    expect(cards.some((c) => c.kind === 'sentiment')).toBe(true);
    // 33 s into the call and nothing said about recording.
    expect(cards.some((c) => c.key === 'nudge:recording_disclosure')).toBe(true);
  });

  it('keeps the cards for the agent and their manager; others get 404', async () => {
    await t.app.services.assistEngine.flush();
    const mine = await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/assist`, as: t.cast.telecaller });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ items: AssistCard[] }>().items.some((c) => c.key === 'objection:price')).toBe(true);
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/assist`, as: t.cast.manager })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/assist`, as: t.cast.otherManager })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/assist`, as: t.cast.otherTelecaller })).statusCode).toBe(404);
  });

  it('suggests a reply from the battlecard when no language model is configured', async () => {
    const res = await t.request({ method: 'POST', url: `/api/v1/calls/${callId}/assist/suggest`, as: t.cast.telecaller });
    expect(res.statusCode).toBe(200);
    expect(res.json<AssistCard>()).toMatchObject({
      kind: 'suggestion',
      source: 'battlecard',
      body: { en: expect.stringContaining('Scholarships cover up to 70%') },
    });
    expect((await t.request({ method: 'POST', url: `/api/v1/calls/${callId}/assist/suggest`, as: t.cast.otherTelecaller })).statusCode).toBe(404);
  });

  it('answers a question from the knowledge base by what it asks, and says nothing when one shared word is all there is', async () => {
    const articles = [
      { title: 'Hostel for girls: fees and facilities', body: 'The hostel is inside the campus, with a warden and meals included.' },
      { title: 'When the family needs to decide', body: 'Offer to call back when the parents are home, and send the details first.' },
    ];
    for (const a of articles) {
      const res = await t.request({ method: 'POST', url: '/api/v1/knowledge/articles', as: t.cast.admin, payload: { ...a, language: 'en' } });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.app.services.knowledge.idle();
    const waiting = cardsUntil((cards) => cards.some((c) => c.segmentSeq === 21 && c.kind === 'sentiment'));
    // "call" is the only word here any article has: no answer. Then the hostel question, after the small talk before it.
    await t.app.services.ingest(segment(20, 'lead', 'Haan boliye, kis baare mein call kiya?', 'hinglish'));
    await t.app.services.ingest(segment(21, 'lead', 'Okay. Is there a hostel? The college is far from my home.'));
    const cards = await waiting;
    expect(cards.filter((c) => c.segmentSeq === 20 && c.kind === 'knowledge')).toEqual([]);
    const answer = cards.find((c) => c.segmentSeq === 21 && c.kind === 'knowledge');
    expect(answer?.title.en).toMatch(/hostel/i);
  });
});
