/**
 * The person's rights through the API on a real database: requests with due dates and their
 * lifecycle, an access export holding every holder's data (JSON and PDF), a correction, a legal
 * hold stopping an erasure, an erasure after which nothing of the person reads back (lead, calls,
 * transcript, recording, search) and a re-import of the number is flagged, retention that removes
 * only what is past its period on leads not held, and the processing log kept a year.
 */
import type { Call, CallWithLead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

const DAY = 86_400_000;
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
/**
 * Runs `fn` with the app's clock `days` ahead. Sessions would expire in the future, so what runs
 * there calls the services directly.
 */
async function later<T>(days: number, fn: () => Promise<T>): Promise<T> {
  offset = days * DAY;
  try {
    return await fn();
  } finally {
    offset = 0;
  }
}
const admin = () => ({ id: t.cast.admin.id, role: 'admin' as const, teamId: null });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock,
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50' },
  });
});
afterAll(() => t?.close());

let seq = 0;
const newLead = (name = `Privacy Person ${++seq}`) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name, phone: `93${String(10_000_000 + ++seq)}`, ownerId: t.cast.telecaller.id });
const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, as: Person = t.cast.admin) =>
  t.request({ method, url, as, ...(payload ? { payload } : {}) });
type Req = {
  id: string;
  status: string;
  dueAt: string;
  overdue: boolean;
  leadId: string;
  result: Record<string, unknown> | null;
  actions: { action: string; note: string | null }[];
};

/** A call made, talked, recorded and wrapped up by the telecaller. */
async function recordedCall(leadId: string): Promise<Call> {
  const as = t.cast.telecaller;
  await api('PUT', '/api/v1/presence/me', { state: 'available' }, as);
  const started = await api('POST', '/api/v1/calls', { leadId }, as);
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json<Call>().id;
  await until('talk', async () => (await api('GET', `/api/v1/calls/${id}/transcript`, undefined, as)).json<{ items: unknown[] }>().items.length >= 2);
  await api('POST', `/api/v1/calls/${id}/hangup`, {}, as);
  await until('the end', async () => (await api('GET', `/api/v1/calls/${id}`, undefined, as)).json<Call>().wrapUpPending);
  const saved = await api('POST', `/api/v1/calls/${id}/disposition`, { disposition: 'interested', notes: 'Wants the brochure' }, as);
  expect(saved.statusCode, saved.body).toBe(200);
  await until('the recording', async () => (await api('GET', `/api/v1/calls/${id}`)).json<Call>().recordingAvailable);
  await t.app.services.jobs.idle();
  return saved.json<Call>();
}

const open = async (body: object) => {
  const res = await api('POST', '/api/v1/privacy/requests', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Req>();
};
const complete = (id: string, body: object = {}) => api('POST', `/api/v1/privacy/requests/${id}/complete`, body);

describe('privacy requests', () => {
  it('open from a lead or a phone number with a due date, list and filter, flag the overdue, and close once', async () => {
    const lead = await newLead();
    const opened = await open({ type: 'access', leadId: lead.id, channel: 'email', details: 'Wants to know what we hold' });
    expect(opened).toMatchObject({ status: 'open', overdue: false, leadId: lead.id });
    expect(new Date(opened.dueAt).getTime() - clock.now().getTime()).toBeGreaterThan(29.9 * DAY);
    expect(new Date(opened.dueAt).getTime() - clock.now().getTime()).toBeLessThanOrEqual(30 * DAY);

    // By phone, in any form the person gives it.
    const national = lead.phone.replace('+91', '0');
    const grievance = await open({ type: 'grievance', phone: national, details: 'Called after I said stop' });
    expect(grievance.leadId).toBe(lead.id);
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'erasure', phone: '9399999999' })).json()).toMatchObject({ code: 'LEAD_NOT_FOUND' });
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'erasure', phone: 'abc' })).statusCode).toBe(400);
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'erasure', leadId: lead.id, phone: national })).statusCode).toBe(400);
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'nomination', leadId: lead.id })).statusCode).toBe(400);
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'access', leadId: lead.id }, t.cast.manager)).statusCode).toBe(403);
    const nomination = await open({ type: 'nomination', leadId: lead.id, nominee: { name: 'Asha K', relation: 'mother', contact: '+919800000001' } });

    const late = await later(31, () => t.app.services.privacy.requests.list({ overdue: true, page: 1, pageSize: 50 }));
    expect(late.items.map((r) => r.id)).toEqual(expect.arrayContaining([opened.id, grievance.id, nomination.id]));
    expect(late.items.every((r) => r.overdue)).toBe(true);
    expect(late.overdue).toBeGreaterThanOrEqual(3);
    expect((await api('GET', '/api/v1/privacy/requests?overdue=true')).json<{ items: Req[] }>().items.map((r) => r.id)).not.toContain(opened.id);
    expect((await api('GET', `/api/v1/privacy/requests?type=grievance&leadId=${lead.id}`)).json<{ items: Req[] }>().items.map((r) => r.id)).toEqual([
      grievance.id,
    ]);

    const started = (await api('POST', `/api/v1/privacy/requests/${grievance.id}/start`)).json<Req>();
    expect(started).toMatchObject({ status: 'in_progress', overdue: false });
    expect((await later(31, () => t.app.services.privacy.requests.get(grievance.id))).overdue).toBe(true);
    expect((await complete(grievance.id)).json()).toMatchObject({ code: 'PRIVACY_RESOLUTION_REQUIRED' });
    const resolved = (await complete(grievance.id, { resolution: 'Number set to do-not-call; apologised' })).json<Req>();
    expect(resolved).toMatchObject({ status: 'completed', overdue: false, result: { resolution: 'Number set to do-not-call; apologised' } });
    expect(resolved.actions.map((a) => a.action)).toEqual(['opened', 'started', 'completed']);
    expect((await complete(grievance.id, { resolution: 'again' })).statusCode).toBe(409);

    expect((await api('POST', `/api/v1/privacy/requests/${nomination.id}/reject`, {})).statusCode).toBe(400);
    const rejected = (await api('POST', `/api/v1/privacy/requests/${nomination.id}/reject`, { reason: 'Could not verify the nominee' })).json<Req>();
    expect(rejected).toMatchObject({ status: 'rejected', overdue: false });
  });

  it('answer an access request with everything every holder keeps, as JSON and PDF, each download audited and logged', async () => {
    const lead = await newLead();
    await api('POST', `/api/v1/leads/${lead.id}/notes`, { body: 'Prefers evenings' });
    await api('POST', `/api/v1/leads/${lead.id}/consents`, { purpose: 'whatsapp', granted: true, channel: 'web_form', evidence: 'Form 12' });
    const call = await recordedCall(lead.id);
    const req = await open({ type: 'access', leadId: lead.id });
    expect((await api('GET', `/api/v1/privacy/requests/${req.id}/export`)).statusCode).toBe(404);
    const done = await complete(req.id, { note: 'Sent by email' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', hasExport: true });

    const json = await api('GET', `/api/v1/privacy/requests/${req.id}/export?format=json`);
    expect(json.headers['content-disposition']).toContain('.json');
    const exported = JSON.parse(json.body) as { leads: Record<string, unknown>[] };
    const mine = exported.leads[0] ?? {};
    for (const h of t.app.services.leads.holders.all()) expect(Object.keys(mine)).toContain(h.name);
    expect(mine).toMatchObject({
      lead: { id: lead.id, phone: lead.phone },
      calls: [{ id: call.id, notes: 'Wants the brochure', recorded: true }],
      consents: [{ purpose: 'whatsapp', evidence: 'Form 12', lawfulBasis: 'consent' }],
      leads: { timeline: expect.arrayContaining([expect.objectContaining({ body: 'Prefers evenings' })]) },
      privacy: { requests: [expect.objectContaining({ id: req.id, type: 'access' })] },
    });

    // A listen to the recording is processing too.
    expect((await api('GET', `/api/v1/calls/${call.id}/recording`)).statusCode).toBe(200);
    const pdf = await api('GET', `/api/v1/privacy/requests/${req.id}/export?format=pdf&lang=hi`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const log = (await api('GET', `/api/v1/privacy/processing-log?leadId=${lead.id}`)).json<{ items: { action: string; actorId: string }[] }>();
    expect(log.items.map((e) => e.action)).toEqual(expect.arrayContaining(['consent_grant', 'access_export', 'access_download', 'recording_listen']));
    expect(log.items.filter((e) => e.action === 'access_download')).toHaveLength(2);
    expect(log.items.find((e) => e.action === 'access_export')?.actorId).toBe(t.cast.admin.id);
    const audit = (await api('GET', '/api/v1/audit?action=privacy.export_download')).json<{ items: { entityId: string }[] }>();
    expect(audit.items.filter((a) => a.entityId === lead.id)).toHaveLength(2);
  });

  it('apply a correction to the lead and record what changed', async () => {
    const lead = await newLead('Rahul Shrma');
    const req = await open({ type: 'correction', leadId: lead.id, corrections: { name: 'Rahul Sharma' } });
    expect((await complete(req.id, { corrections: {} })).json()).toMatchObject({ code: 'PRIVACY_CORRECTION_EMPTY' });
    const done = (await complete(req.id)).json<Req>();
    expect(done.result).toMatchObject({ changes: [{ field: 'name', before: 'Rahul Shrma', after: 'Rahul Sharma' }] });
    expect((await api('GET', `/api/v1/leads/${lead.id}`)).json()).toMatchObject({ name: 'Rahul Sharma' });
    const other = await open({ type: 'correction', leadId: lead.id });
    const second = (await complete(other.id, { corrections: { email: 'rahul@example.in', city: 'Pune' } })).json<Req>();
    expect(second.result).toMatchObject({
      changes: [
        { field: 'email', before: null, after: 'rahul@example.in' },
        { field: 'city', before: null, after: 'Pune' },
      ],
    });
    const log = (await api('GET', `/api/v1/privacy/processing-log?leadId=${lead.id}&action=correction`)).json<{ items: { details: { fields: string[] } }[] }>();
    expect(log.items.map((e) => e.details.fields)).toEqual([['email', 'city'], ['name']]);
  });
});

describe('erasure', () => {
  it('is refused under a legal hold, and once lifted erases the person everywhere for good, leaving a tombstone', async () => {
    const name = `Meera Erasable ${++seq}`;
    const lead = await newLead(name);
    const call = await recordedCall(lead.id);
    // The call is found by what was said in it, until the erasure.
    const segments = (await api('GET', `/api/v1/calls/${call.id}/transcript`)).json<{ items: { text: string }[] }>().items;
    const said =
      (segments
        .map((x) => x.text)
        .join(' ')
        .match(/[A-Za-z]{6,}/g) ?? [])[0] ?? '';
    expect(said).not.toBe('');
    await until(
      'the call indexed',
      async () =>
        (await api('GET', `/api/v1/calls/search?q=${encodeURIComponent(said)}`))
          .json<{ items: { callId: string }[] }>()
          .items.some((c) => c.callId === call.id),
      20_000,
    );
    const req = await open({ type: 'erasure', leadId: lead.id, details: 'Delete everything about me' });

    const hold = await api('POST', '/api/v1/privacy/holds', { leadId: lead.id, reason: 'Fee dispute in consumer court' });
    expect(hold.statusCode, hold.body).toBe(201);
    expect((await api('POST', '/api/v1/privacy/holds', { leadId: lead.id, reason: 'again' })).statusCode).toBe(409);
    const blocked = await complete(req.id);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'PRIVACY_LEGAL_HOLD', message: expect.stringContaining('Fee dispute in consumer court') });
    const held = (await api('GET', `/api/v1/privacy/requests/${req.id}`)).json<Req>();
    expect(held.status).toBe('open');
    expect(held.actions.at(-1)).toMatchObject({ action: 'blocked', note: expect.stringContaining('Fee dispute') });
    expect((await api('GET', `/api/v1/leads/${lead.id}`)).statusCode).toBe(200);

    const lifted = await api('POST', `/api/v1/privacy/holds/${hold.json<{ id: string }>().id}/lift`, { reason: 'Dispute settled' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const done = await complete(req.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', details: null, result: { leads: 1 } });

    // The contract's checks: the lead 404, the call nameless and wordless, the recording 404.
    expect((await api('GET', `/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    const after = (await api('GET', `/api/v1/calls/${call.id}`)).json<CallWithLead>();
    expect(after).toMatchObject({ leadName: 'Erased', leadPhone: '', notes: null, recordingAvailable: false });
    expect((await api('GET', `/api/v1/calls/${call.id}/transcript`)).json()).toEqual({ items: [] });
    expect((await api('GET', `/api/v1/calls/${call.id}/recording`)).statusCode).toBe(404);
    expect(await t.app.services.recordings.stat(call.id)).toBeUndefined();
    expect((await api('GET', `/api/v1/leads?q=${encodeURIComponent(name)}`)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await api('GET', `/api/v1/leads?q=${encodeURIComponent(lead.phone)}`)).json<{ items: unknown[] }>().items).toEqual([]);
    const found = async () =>
      (await api('GET', `/api/v1/calls/search?q=${encodeURIComponent(said)}`)).json<{ items: { callId: string }[] }>().items.some((c) => c.callId === call.id);
    expect(await found()).toBe(false);
    // Nothing undoes it: the request is closed, and the number is only a tombstone now.
    expect((await complete(req.id)).statusCode).toBe(409);
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'access', phone: lead.phone })).json()).toMatchObject({ code: 'PRIVACY_ALREADY_ERASED' });
    expect((await api('POST', '/api/v1/privacy/requests', { type: 'access', leadId: lead.id })).statusCode).toBe(404);

    // The same number imported again is flagged, not silently called.
    const imported = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.admin,
      ...multipart({}, { name: 'again.csv', content: `Name,Phone\nMeera Again,${lead.phone}\n` }),
    });
    expect(imported.statusCode).toBe(202);
    await t.app.services.jobs.idle();
    await until('the re-import flagged', async () => {
      const found = (await api('GET', `/api/v1/leads?q=${encodeURIComponent('Meera Again')}`)).json<{ items: { tags: string[] }[] }>().items;
      return found[0]?.tags.includes('erased-before') ?? false;
    });
    const log = (await api('GET', `/api/v1/privacy/processing-log?leadId=${lead.id}&action=erasure`)).json<{ items: unknown[] }>();
    expect(log.items).toHaveLength(1);
    const audit = (await api('GET', '/api/v1/audit?action=lead.erase')).json<{ items: { entityId: string }[] }>();
    expect(audit.items[0]?.entityId).toBe(lead.id);
  });
});

describe('retention', () => {
  it('removes only what is past its period, on leads not under a hold, and reports each run', async () => {
    const free = await newLead();
    const kept = await newLead();
    const freeCall = await recordedCall(free.id);
    const keptCall = await recordedCall(kept.id);
    await api('POST', '/api/v1/privacy/holds', { leadId: kept.id, reason: 'Regulator inquiry' });
    for (const kind of ['recordings', 'transcripts', 'call_logs', 'messages']) {
      const set = await api('PUT', `/api/v1/privacy/retention/${kind}`, { days: 30 });
      expect(set.statusCode, set.body).toBe(200);
    }
    expect((await api('PUT', '/api/v1/privacy/retention/recordings', { days: 0 })).statusCode).toBe(400);

    const fresh = (await api('POST', '/api/v1/privacy/retention/run')).json<{ removed: Record<string, number> }>();
    expect(fresh.removed).toMatchObject({ recordings: 0, transcripts: 0, call_logs: 0, messages: 0 });

    const run = await later(31, () => t.app.services.privacy.retention.run('manual', admin()));
    expect(run.error).toBeNull();
    expect(run.heldLeads).toBeGreaterThanOrEqual(1);
    // Calls of earlier tests are past the period too; the held lead's call is not touched.
    expect(run.removed.recordings).toBeGreaterThanOrEqual(1);
    const gone = (await api('GET', `/api/v1/calls/${freeCall.id}`)).json<CallWithLead>();
    expect(gone).toMatchObject({ recordingAvailable: false, notes: null, leadName: free.name });
    expect((await api('GET', `/api/v1/calls/${freeCall.id}/transcript`)).json()).toEqual({ items: [] });
    expect(await t.app.services.recordings.stat(freeCall.id)).toBeUndefined();
    const still = (await api('GET', `/api/v1/calls/${keptCall.id}`)).json<CallWithLead>();
    expect(still).toMatchObject({ recordingAvailable: true, notes: 'Wants the brochure' });
    expect((await api('GET', `/api/v1/calls/${keptCall.id}/transcript`)).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);

    const report = (await api('GET', '/api/v1/privacy/retention')).json<{
      policies: { kind: string; days: number }[];
      runs: { id: string; removed: Record<string, number> }[];
    }>();
    expect(report.policies.map((p) => p.days)).toEqual([30, 30, 30, 30]);
    expect(report.runs[0]?.removed.recordings).toBe(run.removed.recordings);
  });

  it('never prunes processing log entries younger than a year', async () => {
    const lead = await newLead();
    const consents = t.app.services.consents;
    await consents.add(admin(), lead.id, { purpose: 'calls', granted: true, channel: 'call' });
    await later(200, () => consents.add(admin(), lead.id, { purpose: 'calls', granted: false, channel: 'call' }));
    await later(370, () => t.app.services.privacy.retention.run('schedule'));
    const log = (await api('GET', `/api/v1/privacy/processing-log?leadId=${lead.id}`)).json<{ items: { action: string }[] }>();
    expect(log.items.map((e) => e.action)).toEqual(['consent_withdraw']);
    const before = (await api('GET', '/api/v1/privacy/processing-log?pageSize=1')).json<{ total: number }>().total;
    await later(100, () => t.app.services.privacy.retention.run('schedule'));
    // Nothing younger than a year went; the run itself is one more entry.
    expect((await api('GET', '/api/v1/privacy/processing-log?pageSize=1')).json<{ total: number }>().total).toBe(before + 1);
  });
});
