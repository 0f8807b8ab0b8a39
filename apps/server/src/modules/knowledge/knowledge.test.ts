/**
 * The knowledge base through the API: who may do what, articles written, found across scripts,
 * and the search index following every change, on this node and on another one.
 */
import { type KnowledgeArticle, type KnowledgeHit, OBJECTION_TYPES } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { createKnowledgeService, type KnowledgeService } from './knowledge.service.js';

let t: TestApp;
let campaignId: string;
beforeAll(async () => {
  t = await createTestApp();
  campaignId = (await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Second Chance 2026' })).id;
  // The demo organisation's articles and cards: a realistic base to search.
  expect(await t.app.services.knowledge.seedDemo(SYSTEM_ACTOR, { campaignId })).toEqual({ articles: 31, battlecards: 9 });
});
afterAll(() => t?.close());

const search = async (q: string, query = '', as: Person = t.cast.telecaller) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/knowledge/search?q=${encodeURIComponent(q)}${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: KnowledgeHit[] }>().items;
};
const titles = async (q: string, query = '') => (await search(q, query)).map((h) => h.title);

const create = async (body: Record<string, unknown>, as: Person = t.cast.admin) =>
  t.request({ method: 'POST', url: '/api/v1/knowledge/articles', as, payload: { language: 'en', ...body } });

describe('searching across scripts and spellings', () => {
  it('answers a Hinglish question with the Hindi and the English hostel articles', async () => {
    const top = (await titles('hostel ka kharcha kitna hai')).slice(0, 2);
    expect(top.sort()).toEqual(['Hostel for girls: fees and facilities', 'लड़कियों का हॉस्टल: फीस और सुविधाएँ'].sort());
  });

  // Where a topic is written in both languages, either may come first; both are among the first three.
  it.each([
    ['chhatravritti', ['छात्रवृत्ति: किसे मिलती है']],
    ['chatravriti', ['छात्रवृत्ति: किसे मिलती है']],
    ['scholarship', ['Scholarships: who qualifies']],
    ['kist mein fees', ['Paying in instalments', 'किस्तों में फीस']],
    ['किस्त', ['किस्तों में फीस', 'Paying in instalments']],
    ['placement record', ['Placement record of Vocational Skilling']],
    ['naukri milegi?', ['वोकेशनल स्किलिंग में नौकरी (प्लेसमेंट)', 'Placement record of Vocational Skilling']],
    ['registered sanstha hai kya', ['क्या हमारी संस्था पंजीकृत है?']],
    ['refund milega', ['Refund policy', 'फीस वापसी के नियम']],
    ['online padhai', ['Online classes (Digital Shala)', 'ऑनलाइन कक्षाएँ (डिजिटल शाला)']],
    ['pati se poochna hai', ['When the family needs to decide', 'जब परिवार से पूछना हो']],
    ['kya ye fraud hai', ['Are we a registered organisation?', 'क्या हमारी संस्था पंजीकृत है?']],
  ])('"%s" finds %j first', async (q, expected) => {
    const found = await titles(q);
    expect(expected).toContain(found[0]);
    for (const title of expected) expect(found.slice(0, 3)).toContain(title);
  });

  it('finds English articles from Devanagari words and Hindi ones from Latin words', async () => {
    expect(await titles('हॉस्टल', '&lang=en')).toContain('Hostel for girls: fees and facilities');
    expect(await titles('फीस', '&lang=en')).toContain('Course fees and what they include');
    expect(await titles('phees', '&lang=hi')).toContain('कोर्स की फीस और उसमें क्या शामिल है');
    expect((await titles('scholarship', '&lang=hi'))[0]).toBe('छात्रवृत्ति: किसे मिलती है');
  });

  it('gives snippets of the text around the match, and honours the limit', async () => {
    const hits = await search('fees', '&limit=3');
    expect(hits).toHaveLength(3);
    expect(hits[0]?.snippet).toMatch(/fee|फीस/i);
    expect(hits[0]?.snippet).not.toMatch(/[*#|]/);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('shows a campaign its own articles and everyone’s, and no other campaign’s', async () => {
    const dates = 'Second Chance 2026: batch start dates';
    expect(await titles('batch start dates', `&campaignId=${campaignId}`)).toContain(dates);
    const other = (await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Another drive' })).id;
    const elsewhere = await titles('batch start dates', `&campaignId=${other}`);
    expect(elsewhere).not.toContain(dates);
    expect(elsewhere).toContain('Batch timings');
    expect((await t.app.services.knowledge.search('batch start dates', { campaignId: null })).map((h) => h.title)).not.toContain(dates);
  });

  it('refuses an empty query', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/knowledge/search?q=', as: t.cast.telecaller });
    expect(res.statusCode).toBe(400);
  });
});

describe('demo content', () => {
  it('has a default battlecard for every objection in both languages, and the enrolment drive’s own price card', async () => {
    const { knowledge } = t.app.services;
    for (const objection of OBJECTION_TYPES) {
      const c = await knowledge.battlecardFor(null, objection);
      expect({ objection, campaignId: c?.campaignId, hi: Boolean(c?.title.hi && c.body.hi && c.suggestedReply?.hi) }).toEqual({
        objection,
        campaignId: null,
        hi: true,
      });
    }
    expect((await knowledge.battlecardFor(campaignId, 'price'))?.title).toEqual({ en: 'Fees: free in this drive', hi: 'फीस: इस अभियान में मुफ़्त' });
    expect((await knowledge.battlecardFor(campaignId, 'timing'))?.campaignId).toBeNull();
  });
});

describe('articles', () => {
  it('are written by admins only, read by everyone', async () => {
    expect((await create({ title: 'Manager note', body: 'x' }, t.cast.manager)).statusCode).toBe(403);
    expect((await create({ title: 'Caller note', body: 'x' }, t.cast.telecaller)).statusCode).toBe(403);
    const res = await create({ title: 'Exam centres', body: 'The **exam centre** is the nearest NIOS study centre.', tags: ['exam', 'exam'] });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<KnowledgeArticle>();
    expect(a).toMatchObject({ title: 'Exam centres', language: 'en', tags: ['exam'], campaignId: null, active: true, updatedBy: t.cast.admin.id });
    const read = await t.request({ method: 'GET', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.telecaller });
    expect(read.json()).toEqual(a);
    for (const as of [t.cast.manager, t.cast.telecaller]) {
      expect((await t.request({ method: 'PATCH', url: `/api/v1/knowledge/articles/${a.id}`, as, payload: { title: 'x' } })).statusCode).toBe(403);
      expect((await t.request({ method: 'DELETE', url: `/api/v1/knowledge/articles/${a.id}`, as })).statusCode).toBe(403);
    }
  });

  it('check their fields and their campaign', async () => {
    const empty = await create({ title: '  ', body: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/title/);
    expect((await create({ title: 'Bad language', body: 'x', language: 'fr' })).statusCode).toBe(400);
    const unknown = await create({ title: 'No campaign', body: 'x', campaignId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('KNOWLEDGE_CAMPAIGN_UNKNOWN');
  });

  it('list a page at a time, filtered by language, campaign, tag and state', async () => {
    const list = async (query: string, as: Person = t.cast.admin) =>
      (await t.request({ method: 'GET', url: `/api/v1/knowledge/articles?${query}`, as })).json<{ items: KnowledgeArticle[]; total: number }>();
    const hindi = await list('language=hi&pageSize=5');
    expect(hindi.total).toBe(15);
    expect(hindi.items).toHaveLength(5);
    expect(hindi.items.every((a) => a.language === 'hi')).toBe(true);
    const second = await list('language=hi&pageSize=5&page=2');
    expect(second.items.map((a) => a.id)).not.toContain(hindi.items[0]?.id);
    expect((await list(`campaignId=${campaignId}`)).items.map((a) => a.title)).toEqual(['Second Chance 2026: batch start dates']);
    expect((await list('campaignId=none&pageSize=100')).items.every((a) => a.campaignId === null)).toBe(true);
    expect((await list('tag=hostel')).items.map((a) => a.title)).toEqual(['Hostel for girls: fees and facilities']);
    // With words, the list is ranked by the search telecallers use.
    expect((await list('q=hostal%20kharcha&pageSize=2')).items.map((a) => a.language).sort()).toEqual(['en', 'hi']);

    const hidden = (await create({ title: 'Withdrawn offer', body: 'The laptop scheme ended.', active: false })).json<KnowledgeArticle>();
    expect((await list('active=false')).items.map((a) => a.id)).toEqual([hidden.id]);
    expect((await list('q=laptop')).items.map((a) => a.id)).toEqual([hidden.id]);
    // Telecallers never see inactive articles, whatever they ask for.
    const asked = await list('active=false&pageSize=100', t.cast.telecaller);
    expect(asked.items.length).toBeGreaterThan(0);
    expect(asked.items.every((a) => a.active)).toBe(true);
    expect((await list('q=laptop', t.cast.telecaller)).items).toEqual([]);
    expect((await t.request({ method: 'GET', url: `/api/v1/knowledge/articles/${hidden.id}`, as: t.cast.telecaller })).statusCode).toBe(404);
  });

  it('are found as soon as they are written, changed, hidden or deleted', async () => {
    const a = (await create({ title: 'Uniform policy', body: 'Learners wear a kurta of any colour.', tags: ['dress'] })).json<KnowledgeArticle>();
    expect(await titles('kurta')).toContain('Uniform policy');
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/v1/knowledge/articles/${a.id}`,
      as: t.cast.admin,
      payload: { body: 'Learners may wear a salwar suit.', language: 'en' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Uniform policy', tags: ['dress'], body: 'Learners may wear a salwar suit.' });
    expect(await titles('kurta')).not.toContain('Uniform policy');
    expect(await titles('सलवार सूट')).toContain('Uniform policy');
    await t.request({ method: 'PATCH', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin, payload: { active: false } });
    expect(await titles('salwar')).not.toContain('Uniform policy');
    await t.request({ method: 'PATCH', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin, payload: { active: true } });
    expect(await titles('salwar')).toContain('Uniform policy');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin })).statusCode).toBe(204);
    expect(await titles('salwar')).not.toContain('Uniform policy');
    expect((await t.request({ method: 'GET', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin })).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin })).statusCode).toBe(404);
  });

  it('leave an audit trail', async () => {
    const a = (await create({ title: 'Audited', body: 'Written for the log.' })).json<KnowledgeArticle>();
    const log = await t.request({ method: 'GET', url: `/api/v1/audit?entityType=knowledge_article&entityId=${a.id}`, as: t.cast.admin });
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual(['knowledge.create']);
  });
});

describe('another node', () => {
  let other: KnowledgeService;
  beforeAll(async () => {
    // A second node: its own index over the same database, hearing the same bus.
    const s = t.app.services;
    other = createKnowledgeService({
      db: t.db.database.db,
      clock: s.clock,
      logger: createLogger({ level: 'silent' }),
      audit: s.audit,
      bus: s.bus,
      nodeId: 'node-b',
      resyncMs: 0,
    });
    await other.start();
  });
  afterAll(() => other?.stop());

  const otherFinds = async (q: string) => (await other.search(q)).map((h) => h.title);

  it('reads again what this node changed', async () => {
    const a = (await create({ title: 'Lab visits', body: 'Science learners visit the district lab twice a year.' })).json<KnowledgeArticle>();
    await until('node b finds the new article', async () => (await otherFinds('district lab')).includes('Lab visits'));
    await t.request({ method: 'PATCH', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin, payload: { title: 'Science lab visits' } });
    await until('node b sees the new title', async () => (await otherFinds('district lab')).includes('Science lab visits'));
    await t.request({ method: 'DELETE', url: `/api/v1/knowledge/articles/${a.id}`, as: t.cast.admin });
    await until('node b drops it', async () => !(await otherFinds('district lab')).includes('Science lab visits'));
  });

  it('mends what a lost message left behind when it compares versions', async () => {
    // Written by a node whose message never came: straight into the database.
    const created = await t.app.services.knowledge.articles.create(SYSTEM_ACTOR, {
      title: 'Library hours',
      body: 'The library opens at nine.',
      language: 'en',
      tags: [],
      campaignId: null,
      active: true,
    });
    await other.idle();
    await until('the announced article arrives first', async () => (await otherFinds('library')).includes('Library hours'));
    const { knowledgeArticles } = await import('./knowledge.tables.js');
    const { eq } = await import('drizzle-orm');
    await t.db.database.db
      .update(knowledgeArticles)
      .set({ title: 'Reading room hours', updatedAt: new Date(Date.now() + 1000) })
      .where(eq(knowledgeArticles.id, created.id));
    expect(await otherFinds('library')).toContain('Library hours');
    expect(await other.resync()).toBe(1);
    expect(await otherFinds('library')).toContain('Reading room hours');
    expect(await other.resync()).toBe(0);
  });
});
