/**
 * WhatsApp end to end through the API, against the Graph stand-in: templates synced, a template
 * sent and its statuses arriving out of order, refusals (consent, DND marketing, the window),
 * Meta's errors (a parameter mismatch fails at once, a rate limit is retried), signed webhooks
 * (a bad signature changes nothing), leads writing back (timeline, inbox, the window), and
 * messages following a merge and an erasure.
 */
import type { Activity, Inbox, LeadMessages, Message, MessagingTemplates } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { until } from '../../platform/testing/until.js';
import { WhatsAppStandin } from '../../providers/messaging/whatsapp/testing/whatsapp-standin.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
const meta = new WhatsAppStandin();
let seq = 0;
const phone = () => `+9198765${String(43_000 + ++seq).padStart(5, '0')}`;

async function lead(opts: { consent?: boolean; owner?: Person; language?: 'en' | 'hi' } = {}) {
  const l = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Priya ${++seq}`,
    phone: phone(),
    email: `priya${seq}@test.example`,
    ownerId: (opts.owner ?? t.cast.telecaller).id,
    ...(opts.language ? { language: opts.language } : {}),
  });
  if (opts.consent ?? true) {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/consents`,
      as: t.cast.admin,
      payload: { purpose: 'whatsapp', granted: true, channel: 'call' },
    });
    expect(res.statusCode).toBe(201);
  }
  return l;
}

const send = (leadId: string, payload: Record<string, unknown>, as: Person = t.cast.telecaller) =>
  t.request({ method: 'POST', url: `/api/v1/leads/${leadId}/messages`, as, payload });
const messagesOf = async (leadId: string, as: Person = t.cast.telecaller) =>
  (await t.request({ method: 'GET', url: `/api/v1/leads/${leadId}/messages`, as })).json<LeadMessages>();
const messageWhen = (leadId: string, id: string, ok: (m: Message) => boolean) =>
  until(`message ${id}`, async () => (await messagesOf(leadId)).items.find((m) => m.id === id && ok(m)), 15_000);

beforeAll(async () => {
  meta.addTemplate({ name: 'brochure', language: 'en_US', components: [{ type: 'BODY', text: 'Hi {{1}}, here is the brochure for {{2}}.' }] });
  meta.addTemplate({ name: 'brochure', language: 'hi', components: [{ type: 'BODY', text: 'नमस्ते {{1}}, {{2}} की पुस्तिका।' }] });
  meta.addTemplate({ name: 'offer', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hi {{1}}, 20% off this week.' }] });
  meta.addTemplate({ name: 'draft', language: 'en_US', status: 'PENDING', components: [{ type: 'BODY', text: 'Not yet' }] });
  await meta.start();
  t = await createTestApp({ env: meta.env() });
  meta.webhookTarget = async (body, signature) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        payload: body,
      })
    ).statusCode;
  const synced = await t.request({ method: 'POST', url: '/api/v1/messaging/whatsapp/templates/sync', as: t.cast.admin });
  expect(synced.statusCode).toBe(200);
  expect(synced.json()).toMatchObject({ approved: 3, removed: 0 });
});

afterAll(async () => {
  await t?.close();
  await meta.stop();
});

describe('templates', () => {
  it('lists the approved templates with their languages and variable counts; only admins sync', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/messaging/templates', as: t.cast.telecaller })).json<MessagingTemplates>();
    expect(list.whatsapp.configured).toBe(true);
    expect(list.whatsapp.items.map((i) => `${i.name}/${i.language}/${i.variableCount}/${i.category}`)).toEqual([
      'brochure/en_US/2/UTILITY',
      'brochure/hi/2/UTILITY',
      'offer/en_US/1/MARKETING',
    ]);
    const refused = await t.request({ method: 'POST', url: '/api/v1/messaging/whatsapp/templates/sync', as: t.cast.manager });
    expect(refused.statusCode).toBe(403);
  });
});

describe('sending a template', () => {
  it('is queued, sent through Meta with the filled parameters, and its statuses apply in any order, once', async () => {
    const l = await lead({ language: 'hi' });
    const res = await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['Priya', 'B.Tech'] });
    expect(res.statusCode).toBe(202);
    const { id, status } = res.json<{ id: string; status: string }>();
    expect(status).toBe('queued');
    const sent = await messageWhen(l.id, id, (m) => m.status === 'sent');
    expect(sent).toMatchObject({ channel: 'whatsapp', direction: 'out', template: 'brochure', language: 'hi', body: 'नमस्ते Priya, B.Tech की पुस्तिका।' });
    const accepted = meta.accepted.find((m) => m.callbackData === `msg:${id}`);
    expect(accepted).toMatchObject({ to: l.phone.slice(1), type: 'template', template: { name: 'brochure', language: 'hi', parameters: ['Priya', 'B.Tech'] } });
    const wamid = accepted?.wamid ?? '';
    // Read before delivered, sent again, read twice: the message ends read, with each time kept.
    for (const s of ['read', 'delivered', 'sent', 'read'] as const) expect(await meta.emitStatus(wamid, s)).toBe(200);
    const read = (await messagesOf(l.id)).items.find((m) => m.id === id);
    expect(read?.status).toBe('read');
    expect(read?.deliveredAt).not.toBeNull();
    expect(read?.readAt).not.toBeNull();
    // A late failure after delivery changes nothing.
    await meta.emitStatus(wamid, 'failed');
    expect((await messagesOf(l.id)).items.find((m) => m.id === id)?.status).toBe('read');
    // On the timeline, naming the message.
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${l.id}/activities`, as: t.cast.telecaller })).json<{ items: Activity[] }>();
    expect(timeline.items.find((a) => a.type === 'message')?.data).toMatchObject({
      messageId: id,
      channel: 'whatsapp',
      direction: 'out',
      template: 'brochure',
    });
  });

  it('is refused without WhatsApp consent, and to someone who may not see the lead', async () => {
    const l = await lead({ consent: false });
    const res = await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['A', 'B'] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONSENT_REQUIRED' });
    const other = await lead();
    expect((await send(other.id, { channel: 'whatsapp', template: 'brochure', variables: ['A', 'B'] }, t.cast.otherTelecaller)).statusCode).toBe(404);
    expect((await send(other.id, { channel: 'whatsapp', template: 'brochure', variables: ['A', 'B'] }, t.cast.manager)).statusCode).toBe(202);
  });

  it('refuses marketing templates to a DND lead, and still sends it a utility template', async () => {
    const l = await lead();
    await t.db.database.db.execute(sql`update leads set dnd = true where id = ${l.id}`);
    const res = await send(l.id, { channel: 'whatsapp', template: 'offer', variables: ['Priya'] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DND_MARKETING' });
    expect((await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['Priya', 'MBA'] })).statusCode).toBe(202);
  });

  it('checks the template and its variables before queueing', async () => {
    const l = await lead();
    const wrongCount = await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['only one'] });
    expect(wrongCount.statusCode).toBe(400);
    expect(wrongCount.json()).toMatchObject({ code: 'VARIABLES_MISMATCH', message: 'The template brochure takes 2 variables; 1 given' });
    expect((await send(l.id, { channel: 'whatsapp', template: 'draft', variables: [] })).json()).toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    expect((await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['a\nb', 'c'] })).json()).toMatchObject({ code: 'VARIABLES_MISMATCH' });
    expect((await send(l.id, { channel: 'whatsapp' })).statusCode).toBe(400);
    expect((await send(l.id, { channel: 'email', text: 'hello' })).statusCode).toBe(400);
  });

  it('fails at once with Meta’s code when Meta refuses the parameters (the template changed since the sync)', async () => {
    const l = await lead();
    const saved = meta.templates;
    meta.addTemplate({ name: 'brochure', language: 'en_US', components: [{ type: 'BODY', text: 'Hi {{1}}, the brochure for {{2}} at {{3}}.' }] });
    try {
      const { id } = (await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['Priya', 'MBA'] })).json<{ id: string }>();
      const failed = await messageWhen(l.id, id, (m) => m.status === 'failed');
      expect(failed.errorCode).toBe('132000');
      expect(failed.errorTitle).toContain('Number of parameters does not match');
      expect(meta.requests.filter((r) => r.code === 132000)).toHaveLength(1);
    } finally {
      meta.templates = saved;
    }
  });

  it('retries when Meta rate-limits (130429), then sends', async () => {
    const l = await lead();
    meta.faults = [{ code: 130429, httpStatus: 400, title: '(#130429) Rate limit hit' }];
    const before = meta.requests.length;
    const { id } = (await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['Priya', 'MBA'] })).json<{ id: string }>();
    await messageWhen(l.id, id, (m) => m.status === 'sent');
    const posts = meta.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.code)).toEqual([130429, null]);
    const [row] = rowsOf<{ attempts: number }>(await t.db.database.db.execute(sql`select attempts from messages where id = ${id}`));
    expect(row?.attempts).toBe(2);
  });

  it('records an undeliverable message’s failure from the status webhook', async () => {
    const l = await lead();
    meta.undeliverable.add(l.phone.slice(1));
    const { id } = (await send(l.id, { channel: 'whatsapp', template: 'brochure', variables: ['Priya', 'MBA'] })).json<{ id: string }>();
    await messageWhen(l.id, id, (m) => m.status === 'sent');
    const wamid = meta.accepted.find((m) => m.callbackData === `msg:${id}`)?.wamid ?? '';
    await meta.progress(wamid);
    const failed = await messageWhen(l.id, id, (m) => m.status === 'failed');
    expect(failed).toMatchObject({ errorCode: '131026', errorTitle: 'Message Undeliverable: Message Undeliverable' });
  });
});

describe('webhooks', () => {
  it('answer Meta’s verification with the challenge, and refuse a wrong verify token', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=standin-verify-token&hub.challenge=1158201444',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1' });
    expect(wrong.statusCode).toBe(403);
    const noMode = await t.app.inject({ method: 'GET', url: '/webhooks/whatsapp?hub.verify_token=standin-verify-token&hub.challenge=1' });
    expect(noMode.statusCode).toBe(403);
  });

  it('refuse a bad or missing signature with 403 and change nothing', async () => {
    const l = await lead();
    const { body } = meta.inboundPayload(l.phone, 'forged');
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/webhooks/whatsapp', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    const forged = new WhatsAppStandin({ appSecret: 'not-the-secret' }).sign(body).signature;
    expect((await post({ 'x-hub-signature-256': forged })).statusCode).toBe(403);
    expect((await post({})).statusCode).toBe(403);
    // Signed over other bytes (re-serialized with a space): refused too.
    const other = meta.sign(body).signature;
    const reformatted = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': other },
      payload: JSON.stringify(body, null, 1),
    });
    expect(reformatted.statusCode).toBe(403);
    expect((await messagesOf(l.id)).items).toEqual([]);
  });
});

describe('leads writing back', () => {
  it('land on the timeline and in the inbox of those who see the lead, open the window for replies, and count once', async () => {
    const l = await lead();
    expect((await send(l.id, { channel: 'whatsapp', text: 'Hello!' })).json()).toMatchObject({ code: 'WINDOW_CLOSED' });
    const first = await meta.customerWrites(l.phone, 'What are the fees?');
    expect(first.status).toBe(200);
    // The same delivery again (Meta retries) is kept once.
    const again = meta.inboundPayload(l.phone, 'What are the fees?', 'Customer', first.wamid);
    expect(await meta.deliver(again.body)).toBe(200);

    const mine = await messagesOf(l.id);
    expect(mine.items.filter((m) => m.direction === 'in')).toEqual([expect.objectContaining({ status: 'received', body: 'What are the fees?' })]);
    expect(mine.window.open).toBe(true);
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${l.id}/activities`, as: t.cast.telecaller })).json<{ items: Activity[] }>();
    expect(timeline.items.filter((a) => a.type === 'message' && a.data.direction === 'in')).toHaveLength(1);

    const inbox = (await t.request({ method: 'GET', url: '/api/v1/messaging/inbox', as: t.cast.telecaller })).json<Inbox>();
    expect(inbox.items[0]).toMatchObject({ leadId: l.id, unread: 1, lastText: 'What are the fees?' });
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/messaging/inbox', as: t.cast.otherTelecaller })).json<Inbox>();
    expect(theirs.items.some((i) => i.leadId === l.id)).toBe(false);

    // A reply inside the window goes out as free-form text.
    const reply = await send(l.id, { channel: 'whatsapp', text: 'The fees are ₹1.2 lakh a year.' });
    expect(reply.statusCode).toBe(202);
    await messageWhen(l.id, reply.json<{ id: string }>().id, (m) => m.status === 'sent');
    expect(meta.accepted.at(-1)).toMatchObject({ type: 'text', text: 'The fees are ₹1.2 lakh a year.' });

    expect((await t.request({ method: 'POST', url: `/api/v1/leads/${l.id}/messages/seen`, as: t.cast.telecaller })).json()).toEqual({ seen: 1 });
    const after = (await t.request({ method: 'GET', url: '/api/v1/messaging/inbox', as: t.cast.telecaller })).json<Inbox>();
    expect(after.items.find((i) => i.leadId === l.id)?.unread).toBe(0);
  });

  it('from a number that is no lead are not kept', async () => {
    expect((await meta.customerWrites('+919000000001', 'who is this')).status).toBe(200);
    const [row] = rowsOf<{ n: number }>(await t.db.database.db.execute(sql`select count(*)::int as n from messages where body = 'who is this'`));
    expect(row?.n).toBe(0);
  });
});

describe('messages as lead data', () => {
  it('follow a merge to the surviving lead, and are erased with the person', async () => {
    const a = await lead();
    const b = await lead();
    await meta.customerWrites(b.phone, 'Message from the duplicate');
    const merged = await t.app.services.leads.merges.merge(t.cast.admin, a.id, b.id);
    const survivor = merged.plan.survivor.id;
    const gone = merged.plan.merged.id;
    const onSurvivor = await messagesOf(survivor, t.cast.admin);
    expect(onSurvivor.items.map((m) => m.body)).toContain('Message from the duplicate');
    const [left] = rowsOf<{ n: number }>(await t.db.database.db.execute(sql`select count(*)::int as n from messages where lead_id = ${gone}`));
    expect(left?.n).toBe(0);

    const exported = await t.app.services.leads.privacy.exportData(t.cast.admin, survivor);
    expect(JSON.stringify(exported)).toContain('Message from the duplicate');
    await t.app.services.leads.privacy.erase(t.cast.admin, survivor);
    const [after] = rowsOf<{
      n: number;
    }>(await t.db.database.db.execute(sql`select count(*)::int as n from messages where lead_id in (${survivor}, ${gone})`));
    expect(after?.n).toBe(0);
  });
});

describe('retention', () => {
  it('removes messages past their period except on a lead under a legal hold; the timeline keeps that a message came, not its words', async () => {
    const free = await lead();
    const held = await lead();
    for (const l of [free, held]) expect((await meta.customerWrites(l.phone, 'Please send the fee details')).status).toBe(200);
    // Forty days pass for these two conversations.
    await t.db.database.db.execute(sql`update messages set created_at = created_at - interval '40 days' where lead_id in (${free.id}, ${held.id})`);
    const admin = (method: 'POST' | 'PUT', url: string, payload?: object) => t.request({ method, url, as: t.cast.admin, ...(payload ? { payload } : {}) });
    expect((await admin('POST', '/api/v1/privacy/holds', { leadId: held.id, reason: 'Fee dispute in consumer court' })).statusCode).toBe(201);
    expect((await admin('PUT', '/api/v1/privacy/retention/messages', { days: 30 })).statusCode).toBe(200);

    const run = (await admin('POST', '/api/v1/privacy/retention/run')).json<{ removed: Record<string, number>; error: string | null }>();
    expect(run.error).toBeNull();
    expect(run.removed.messages).toBe(1);
    expect((await messagesOf(free.id)).items).toEqual([]);
    expect((await messagesOf(held.id)).items).toEqual([expect.objectContaining({ body: 'Please send the fee details' })]);
    const entry = async (leadId: string) =>
      (await t.request({ method: 'GET', url: `/api/v1/leads/${leadId}/activities`, as: t.cast.telecaller }))
        .json<{ items: Activity[] }>()
        .items.find((a) => a.type === 'message');
    expect(await entry(free.id)).toMatchObject({ body: null, data: expect.objectContaining({ direction: 'in', channel: 'whatsapp' }) });
    expect(await entry(held.id)).toMatchObject({ body: 'Please send the fee details' });
    // Newer messages of other leads are untouched.
    const [left] = rowsOf<{ n: number }>(await t.db.database.db.execute(sql`select count(*)::int as n from messages`));
    expect(left?.n).toBeGreaterThan(1);
  });
});
