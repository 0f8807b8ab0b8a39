/**
 * Wrap-up through the API on a real database: the note typed during the call (saved as a draft
 * against it, carried into the wrap-up), dispositions with sub-dispositions, a question and
 * required fields (refused field by field), and a campaign's own disposition list.
 */
import type { Call, CallWithLead, CampaignDispositions, Disposition, DispositionList, DraftNote } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { DEFAULT_DISPOSITIONS } from './calls.dispositions.js';
import { calls } from './calls.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: noonInIndia(), env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40' } });
});
afterAll(() => t?.close());

let seq = 0;
const lead = () =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Wrap Lead ${++seq}`, phone: `95${String(30_000_000 + seq)}`, ownerId: t.cast.telecaller.id });
const as = () => t.cast.telecaller;
const get = async <T>(url: string, who: Person = as()) => {
  const res = await t.request({ method: 'GET', url, as: who });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, who: Person = as()) =>
  t.request({ method, url, as: who, ...(payload ? { payload } : {}) });
const dispose = (id: string, body: object) => send('POST', `/api/v1/calls/${id}/disposition`, body);
type Activities = { items: { type: string; body: string | null; data: Record<string, unknown> }[] };

/** A call of the telecaller's that has ended and waits for its wrap-up (as the engine leaves one). */
async function endedCall(over: { campaignId?: string; draftNote?: string } = {}) {
  const l = await lead();
  const now = new Date();
  const [row] = await t.db.database.db
    .insert(calls)
    .values({
      leadId: l.id,
      agentId: as().id,
      campaignId: over.campaignId ?? null,
      provider: 'simulator',
      providerCallId: `wrap-${++seq}`,
      status: 'completed',
      startedAt: new Date(now.getTime() - 60_000),
      answeredAt: new Date(now.getTime() - 50_000),
      endedAt: now,
      durationSeconds: 50,
      wrapUpPending: true,
      draftNote: over.draftNote ?? null,
    })
    .returning({ id: calls.id });
  if (!row) throw new Error('no call');
  return { id: row.id, leadId: l.id };
}

const withDefaults = (d: Partial<Disposition> & Pick<Disposition, 'code' | 'label' | 'key'>): Disposition => ({
  labelHi: null,
  leadStatus: null,
  requiresCallback: false,
  connected: true,
  subDispositions: [],
  required: [],
  question: null,
  ...d,
});

describe('the note typed during the call', () => {
  it('is saved against the call as a draft, for the agent on it only, and becomes the wrap-up note', async () => {
    const l = await lead();
    const started = await send('POST', '/api/v1/calls', { leadId: l.id });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json<Call>().id;
    await until('in progress', async () => (await get<CallWithLead>(`/api/v1/calls/${id}`)).status === 'in_progress');

    expect(await get<DraftNote>(`/api/v1/calls/${id}/draft-note`)).toEqual({ text: '', savedAt: null });
    const text = 'Wants hostel details.\nFather decides ';
    const saved = await send('PUT', `/api/v1/calls/${id}/draft-note`, { text });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<DraftNote>()).toMatchObject({ text });
    // Kept as typed (a reload, a second tab): the trailing space too.
    expect(await get<DraftNote>(`/api/v1/calls/${id}/draft-note`)).toEqual({ text, savedAt: saved.json<DraftNote>().savedAt });
    // The agent's own: another telecaller does not see the call; the manager sees it, but not the draft.
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}/draft-note`, as: t.cast.otherTelecaller })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}/draft-note`, as: t.cast.manager })).json()).toMatchObject({
      code: 'DRAFT_NOTE_NOT_YOURS',
    });
    expect((await send('PUT', `/api/v1/calls/${id}/draft-note`, { text: 'mine now' }, t.cast.manager)).statusCode).toBe(403);
    expect((await send('PUT', `/api/v1/calls/${id}/draft-note`, { text: 'x'.repeat(4001) })).statusCode).toBe(400);

    expect((await send('POST', `/api/v1/calls/${id}/hangup`, {})).statusCode).toBe(200);
    await until('wrap-up', async () => (await get<CallWithLead>(`/api/v1/calls/${id}`)).wrapUpPending);
    // Still there once the call has ended: the wrap-up form starts from it.
    expect((await get<DraftNote>(`/api/v1/calls/${id}/draft-note`)).text).toBe(text);

    // A wrap-up that gives no notes keeps the draft as the call's note, on the call and on the lead's timeline.
    const done = await dispose(id, { disposition: 'interested' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Call>().notes).toBe(text.trim());
    const timeline = await get<Activities>(`/api/v1/leads/${l.id}/activities`);
    expect(timeline.items.find((a) => a.type === 'call')).toMatchObject({ body: text.trim(), data: { callId: id, disposition: 'interested' } });
    // The draft is consumed; the wrapped-up call takes no more.
    expect(await get<DraftNote>(`/api/v1/calls/${id}/draft-note`)).toEqual({ text: '', savedAt: null });
    expect((await send('PUT', `/api/v1/calls/${id}/draft-note`, { text: 'late' })).json()).toMatchObject({ code: 'CALL_ALREADY_DISPOSED' });
  }, 30_000);

  it('gives way to the notes the wrap-up sends, even empty ones', async () => {
    const edited = await endedCall({ draftNote: 'first thoughts' });
    expect((await dispose(edited.id, { disposition: 'interested', notes: 'Edited in wrap-up' })).json<Call>().notes).toBe('Edited in wrap-up');
    const cleared = await endedCall({ draftNote: 'typed by mistake' });
    expect((await dispose(cleared.id, { disposition: 'interested', notes: '' })).json<Call>().notes).toBeNull();
  });
});

describe('dispositions with sub-dispositions and required fields', () => {
  const notInterested = withDefaults({
    code: 'not_interested',
    label: 'Not interested',
    labelHi: 'रुचि नहीं',
    leadStatus: 'not_interested',
    key: '3',
    subDispositions: [
      { code: 'fees', label: 'Fees too high', labelHi: 'फीस ज़्यादा' },
      { code: 'other_college', label: 'Chose another college', labelHi: null },
    ],
    required: ['subDisposition', 'notes'],
  });
  const visit = withDefaults({
    code: 'visit_booked',
    label: 'Campus visit booked',
    key: '7',
    question: { label: 'Which day?', labelHi: 'कौन सा दिन?' },
    required: ['answer'],
  });

  beforeAll(async () => {
    const items = [...DEFAULT_DISPOSITIONS.filter((d) => d.code !== 'not_interested'), notInterested, visit];
    const res = await send('PUT', '/api/v1/dispositions', { items }, t.cast.admin);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a list whose requirements cannot be met', async () => {
    const noSubs = await send('PUT', '/api/v1/dispositions', { items: [{ ...notInterested, subDispositions: [] }] }, t.cast.admin);
    expect(noSubs.json()).toMatchObject({ code: 'DISPOSITIONS_INVALID' });
    expect(noSubs.json<{ message: string }>().message).toContain('"not_interested" requires a sub-disposition but has none');
    const noQuestion = await send('PUT', '/api/v1/dispositions', { items: [{ ...visit, question: null }] }, t.cast.admin);
    expect(noQuestion.json<{ message: string }>().message).toContain('requires an answer but asks no question');
    const twice = await send(
      'PUT',
      '/api/v1/dispositions',
      { items: [{ ...notInterested, subDispositions: [notInterested.subDispositions[0], notInterested.subDispositions[0]] }] },
      t.cast.admin,
    );
    expect(twice.json<{ message: string }>().message).toContain('sub-disposition "fees" of "not_interested" appears twice');
    // Lists saved before sub-dispositions existed read with none.
    const listed = await get<DispositionList>('/api/v1/dispositions');
    expect(listed.items.find((d) => d.code === 'interested')).toMatchObject({ subDispositions: [], required: [], question: null });
    expect(listed.items.find((d) => d.code === 'not_interested')).toMatchObject({ required: ['subDisposition', 'notes'] });
  });

  it('refuses a wrap-up without them, naming each field, and saves the sub-disposition once given', async () => {
    const call = await endedCall();
    const missing = await dispose(call.id, { disposition: 'not_interested' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'WRAP_UP_INCOMPLETE',
      details: [
        { path: 'subDisposition', message: 'this disposition needs a sub-disposition' },
        { path: 'notes', message: 'this disposition needs a note' },
      ],
    });
    const wrong = await dispose(call.id, { disposition: 'not_interested', subDisposition: 'too_far', notes: 'Lives far away' });
    expect(wrong.json()).toMatchObject({ code: 'WRAP_UP_INCOMPLETE', details: [{ path: 'subDisposition' }] });
    expect(wrong.json<{ message: string }>().message).toContain('fees, other_college');

    const saved = await dispose(call.id, { disposition: 'not_interested', subDisposition: 'fees', notes: 'Fees too high for now' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ disposition: 'not_interested', subDisposition: 'fees', notes: 'Fees too high for now' });
    expect(await get<CallWithLead>(`/api/v1/calls/${call.id}`)).toMatchObject({ subDisposition: 'fees' });
    const timeline = await get<Activities>(`/api/v1/leads/${call.leadId}/activities`);
    expect(timeline.items.find((a) => a.type === 'call')?.data).toMatchObject({
      disposition: 'not_interested',
      subDisposition: 'fees',
      subDispositionLabel: 'Fees too high',
      subDispositionLabelHi: 'फीस ज़्यादा',
    });
    // The audit log names the sub-disposition with the disposition.
    const audit = await t.request({ method: 'GET', url: `/api/v1/audit?action=call.disposition`, as: t.cast.admin });
    expect(audit.body).toContain('"subDisposition":"fees"');
  });

  it('takes a required note from the draft, and asks the question where the disposition has one', async () => {
    const fromDraft = await endedCall({ draftNote: 'Chose a college near home' });
    const ok = await dispose(fromDraft.id, { disposition: 'not_interested', subDisposition: 'other_college' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ notes: 'Chose a college near home', subDisposition: 'other_college' });

    const call = await endedCall();
    expect((await dispose(call.id, { disposition: 'visit_booked' })).json()).toMatchObject({
      code: 'WRAP_UP_INCOMPLETE',
      details: [{ path: 'answer', message: 'this disposition needs an answer to "Which day?"' }],
    });
    expect((await dispose(call.id, { disposition: 'interested', answer: 'Friday' })).json()).toMatchObject({ details: [{ path: 'answer' }] });
    const saved = await dispose(call.id, { disposition: 'visit_booked', answer: 'Friday morning' });
    expect(saved.json()).toMatchObject({ disposition: 'visit_booked', wrapUpAnswer: 'Friday morning', subDisposition: null });
    const timeline = await get<Activities>(`/api/v1/leads/${call.leadId}/activities`);
    expect(timeline.items.find((a) => a.type === 'call')?.data).toMatchObject({ question: 'Which day?', questionHi: 'कौन सा दिन?', answer: 'Friday morning' });
  });

  it('keeps the old code for a lone missing callback time', async () => {
    const call = await endedCall();
    const res = await dispose(call.id, { disposition: 'callback' });
    expect(res.json()).toMatchObject({ code: 'CALLBACK_TIME_REQUIRED', details: [{ path: 'callbackAt' }] });
  });
});

describe('a campaign’s own dispositions', () => {
  it('replaces the organisation’s list in the campaign’s wrap-ups until it is removed', async () => {
    const created = await send('POST', '/api/v1/campaigns', { name: 'Scholarship drive' }, t.cast.admin);
    expect(created.statusCode, created.body).toBe(201);
    const campaignId = created.json<{ id: string }>().id;
    const url = `/api/v1/campaigns/${campaignId}/dispositions`;

    const inherited = await get<CampaignDispositions>(url, t.cast.manager);
    expect(inherited.own).toBe(false);
    expect(inherited.items.map((d) => d.code)).toContain('interested');
    expect((await t.request({ method: 'GET', url, as: as() })).statusCode).toBe(403);

    const own = [
      withDefaults({
        code: 'applied',
        label: 'Applied',
        labelHi: 'आवेदन किया',
        leadStatus: 'converted',
        key: '1',
        subDispositions: [{ code: 'online', label: 'Online', labelHi: 'ऑनलाइन' }],
        required: ['subDisposition'],
      }),
      withDefaults({ code: 'not_eligible', label: 'Not eligible', key: '2' }),
    ];
    expect((await send('PUT', url, { items: own }, t.cast.manager)).statusCode).toBe(403);
    const put = await send('PUT', url, { items: own }, t.cast.admin);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<CampaignDispositions>()).toMatchObject({ own: true, items: [{ code: 'applied' }, { code: 'not_eligible' }] });
    expect((await get<DispositionList>(`/api/v1/dispositions?campaignId=${campaignId}`)).items.map((d) => d.code)).toEqual(['applied', 'not_eligible']);
    // The organisation's list is left as it was.
    expect((await get<DispositionList>('/api/v1/dispositions')).items.map((d) => d.code)).toContain('interested');

    const call = await endedCall({ campaignId });
    expect((await dispose(call.id, { disposition: 'interested' })).json()).toMatchObject({ code: 'DISPOSITION_UNKNOWN' });
    expect((await dispose(call.id, { disposition: 'applied' })).json()).toMatchObject({ code: 'WRAP_UP_INCOMPLETE', details: [{ path: 'subDisposition' }] });
    const saved = await dispose(call.id, { disposition: 'applied', subDisposition: 'online' });
    expect(saved.json()).toMatchObject({ disposition: 'applied', subDisposition: 'online' });
    const timeline = await get<Activities>(`/api/v1/leads/${call.leadId}/activities`);
    expect(timeline.items.find((a) => a.type === 'call')?.data).toMatchObject({
      dispositionLabel: 'Applied',
      dispositionLabelHi: 'आवेदन किया',
      subDispositionLabel: 'Online',
    });

    // Back to the organisation's list, as narrowed by the campaign's own choice of codes.
    const patched = await send(
      'PUT',
      url,
      {
        items: [
          { ...own[0], key: '1' },
          { ...own[1], key: '1' },
        ],
      },
      t.cast.admin,
    );
    expect(patched.json<{ message: string }>().message).toContain('key "1" appears twice');
    expect(
      (await t.request({ method: 'PATCH', url: `/api/v1/campaigns/${campaignId}`, as: t.cast.admin, payload: { dispositions: ['interested'] } })).statusCode,
    ).toBe(200);
    const removed = await send('DELETE', url, undefined, t.cast.admin);
    expect(removed.json<CampaignDispositions>()).toMatchObject({ own: false, items: [{ code: 'interested' }] });
    expect((await get<DispositionList>(`/api/v1/dispositions?campaignId=${campaignId}`)).items.map((d) => d.code)).toEqual(['interested']);
    const audit = await t.request({ method: 'GET', url: `/api/v1/audit?action=campaign.update`, as: t.cast.admin });
    expect(audit.body).toContain('"dispositions":["applied","not_eligible"]');
    expect((await send('PUT', '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/dispositions', { items: own }, t.cast.admin)).statusCode).toBe(404);
  });
});
