/** Battlecards through the API, and `battlecardFor`: the campaign's card, else the default, cached and kept current. */
import type { Battlecard } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { createKnowledgeService, type KnowledgeService } from './knowledge.service.js';

let t: TestApp;
let campaignId: string;
let otherCampaignId: string;
beforeAll(async () => {
  t = await createTestApp();
  campaignId = (await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Enrolment' })).id;
  otherCampaignId = (await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Volunteers' })).id;
});
afterAll(() => t?.close());

const put = (body: Record<string, unknown>, as: Person = t.cast.admin) => t.request({ method: 'PUT', url: '/api/v1/battlecards', as, payload: body });
const card = (objection: string, campaign: string | null, en: string, hi: string | null = null) => ({
  campaignId: campaign,
  objection,
  title: { en, hi },
  body: { en: `${en} (body)`, hi: hi ? `${hi} (विवरण)` : null },
});

describe('battlecards', () => {
  it('start empty on an install without demo data: the assist engine falls back to generic words', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/battlecards', as: t.cast.telecaller })).json()).toEqual({ items: [] });
    expect(await t.app.services.knowledge.battlecardFor(campaignId, 'price')).toBeNull();
  });

  it('are created and replaced by (campaign, objection), by admins only', async () => {
    const created = await put({ ...card('price', null, 'Fees feel high', 'फीस ज़्यादा लगती है'), suggestedReply: { en: 'Most pay nothing.', hi: '  ' } });
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json<Battlecard>();
    expect(first).toMatchObject({
      campaignId: null,
      objection: 'price',
      title: { en: 'Fees feel high', hi: 'फीस ज़्यादा लगती है' },
      body: { en: 'Fees feel high (body)', hi: 'फीस ज़्यादा लगती है (विवरण)' },
      // Hindi left blank is no Hindi.
      suggestedReply: { en: 'Most pay nothing.', hi: null },
      updatedBy: t.cast.admin.id,
    });
    const replaced = await put(card('price', null, 'The fee worries her'));
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ id: first.id, title: { en: 'The fee worries her', hi: null }, suggestedReply: null });
    expect((await put(card('price', null, 'x'), t.cast.manager)).statusCode).toBe(403);
    expect((await put(card('price', null, 'x'), t.cast.telecaller)).statusCode).toBe(403);
    const one = await t.request({ method: 'GET', url: `/api/v1/battlecards/${first.id}`, as: t.cast.telecaller });
    expect(one.json()).toMatchObject({ id: first.id, title: { en: 'The fee worries her' } });
  });

  it('refuse an unknown objection, a missing English text and an unknown campaign', async () => {
    expect((await put(card('weather', null, 'x'))).statusCode).toBe(400);
    expect((await put(card('timing', null, ''))).statusCode).toBe(400);
    const unknown = await put(card('timing', '00000000-0000-4000-8000-000000000000', 'x'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('KNOWLEDGE_CAMPAIGN_UNKNOWN');
  });

  it('give a campaign its own card, else the default one, and follow every change at once', async () => {
    const { knowledge } = t.app.services;
    await put(card('trust', null, 'Is this genuine? (default)'));
    expect((await knowledge.battlecardFor(campaignId, 'trust'))?.title.en).toBe('Is this genuine? (default)');
    const own = (await put(card('trust', campaignId, 'Is this genuine? (enrolment)'))).json<Battlecard>();
    expect((await knowledge.battlecardFor(campaignId, 'trust'))?.title.en).toBe('Is this genuine? (enrolment)');
    expect((await knowledge.battlecardFor(otherCampaignId, 'trust'))?.title.en).toBe('Is this genuine? (default)');
    expect((await knowledge.battlecardFor(null, 'trust'))?.title.en).toBe('Is this genuine? (default)');
    await put(card('trust', campaignId, 'Is this genuine? (enrolment, edited)'));
    expect((await knowledge.battlecardFor(campaignId, 'trust'))?.title.en).toBe('Is this genuine? (enrolment, edited)');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/battlecards/${own.id}`, as: t.cast.admin })).statusCode).toBe(204);
    expect((await knowledge.battlecardFor(campaignId, 'trust'))?.title.en).toBe('Is this genuine? (default)');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/battlecards/${own.id}`, as: t.cast.admin })).statusCode).toBe(404);
    expect(await knowledge.battlecardFor(campaignId, 'logistics')).toBeNull();
  });

  it('list the default cards or one campaign’s', async () => {
    await put(card('timing', campaignId, 'Evening batch'));
    const list = async (q: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/battlecards${q}`, as: t.cast.manager }))
        .json<{ items: Battlecard[] }>()
        .items.map((c) => [c.objection, c.campaignId]);
    expect(await list('?campaignId=default')).toEqual([
      ['price', null],
      ['trust', null],
    ]);
    expect(await list(`?campaignId=${campaignId}`)).toEqual([['timing', campaignId]]);
    expect(await list('?objection=timing')).toEqual([['timing', campaignId]]);
  });

  it('reach another node: its cached card is forgotten when this one changes it', async () => {
    const s = t.app.services;
    const other: KnowledgeService = createKnowledgeService({
      db: t.db.database.db,
      clock: s.clock,
      logger: createLogger({ level: 'silent' }),
      audit: s.audit,
      bus: s.bus,
      nodeId: 'node-b',
      resyncMs: 0,
    });
    await other.start();
    try {
      expect((await other.battlecardFor(campaignId, 'timing'))?.title.en).toBe('Evening batch');
      await put(card('timing', campaignId, 'Weekend batch'));
      await until('node b reads the new card', async () => (await other.battlecardFor(campaignId, 'timing'))?.title.en === 'Weekend batch');
    } finally {
      await other.stop();
    }
  });

  it('are left alone by the demo loader once an admin has written any', async () => {
    const { knowledge } = t.app.services;
    expect(await knowledge.seedDemo(SYSTEM_ACTOR, { campaignId })).toEqual({ articles: 0, battlecards: 0 });
  });
});
