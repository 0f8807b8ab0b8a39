/**
 * Lead data holders on a real database: every table that refers to a lead has a holder; a merge
 * moves a lead's calls, callbacks and consents to the survivor (a withdrawn consent on either lead
 * staying withdrawn) and an undo puts them back; access gathers every holder's data; erasure
 * leaves a lead that answers 404 and calls with no name, number, words or recording.
 */
import type { Call, CallWithLead } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '20' },
  });
});
afterAll(() => t?.close());

let seq = 0;
const lead = (over: { email?: string } = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Holder Lead ${++seq}`, phone: `94${String(10_000_000 + seq)}`, ownerId: t.cast.telecaller.id, ...over });
const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, as = t.cast.telecaller) =>
  t.request({ method, url, as, ...(payload ? { payload } : {}) });

/** A call made, talked and wrapped up with a callback, by the telecaller. */
async function finishedCall(leadId: string): Promise<Call> {
  await api('PUT', '/api/v1/presence/me', { state: 'available' });
  const started = await api('POST', '/api/v1/calls', { leadId });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json<Call>().id;
  await until('talk', async () => (await api('GET', `/api/v1/calls/${id}/transcript`)).json<{ items: unknown[] }>().items.length >= 2);
  await api('POST', `/api/v1/calls/${id}/hangup`);
  await until('the end', async () => (await api('GET', `/api/v1/calls/${id}`)).json<Call>().wrapUpPending);
  const callbackAt = new Date(Date.now() + 86_400_000).toISOString();
  const saved = await api('POST', `/api/v1/calls/${id}/disposition`, { disposition: 'callback', notes: 'Asked about fees for Riya', callbackAt });
  expect(saved.statusCode, saved.body).toBe(200);
  await t.app.services.jobs.idle();
  return saved.json<Call>();
}

describe('lead data holders', () => {
  it('cover every table that refers to a lead', async () => {
    const referring = rowsOf<{ table_name: string }>(
      await t.db.database.db.execute(sql`
        select distinct tc.table_name from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'leads' and tc.table_schema = current_schema()
        union
        select table_name from information_schema.columns
        where table_schema = current_schema() and (column_name = 'lead_id' or column_name like '%\\_lead\\_id' or column_name in ('lead_a', 'lead_b'))
        union select 'leads'`),
    ).map((r) => r.table_name);
    // The partitions of a partitioned table (calls by month) are held through their parent.
    const partitions = new Set(
      rowsOf<{ name: string }>(await t.db.database.db.execute(sql`select relname as name from pg_class where relispartition`)).map((r) => r.name),
    );
    const held = new Set(t.app.services.leads.holders.all().flatMap((h) => h.tables));
    expect(referring.length).toBeGreaterThan(8);
    expect(referring.filter((table) => !held.has(table) && !partitions.has(table)).sort()).toEqual([]);
  });

  it('move a merged lead’s calls, callbacks and consents to the survivor, keep a withdrawal withdrawn, and put it all back on undo', async () => {
    const survivor = await lead();
    const other = await lead();
    await api('POST', `/api/v1/leads/${other.id}/consents`, { purpose: 'calls', granted: true, channel: 'call' });
    // The person withdrew on the lead that is about to be merged away, before a grant on the
    // survivor (a web form, say): merged, the ledger's newest entry would be that grant.
    await api('POST', `/api/v1/leads/${other.id}/consents`, { purpose: 'calls', granted: false, channel: 'call', evidence: 'Said stop calling' });
    await new Promise((r) => setTimeout(r, 5));
    await api('POST', `/api/v1/leads/${survivor.id}/consents`, { purpose: 'calls', granted: true, channel: 'web_form' });
    const call = await finishedCall(other.id);

    const merged = await api('POST', `/api/v1/leads/${survivor.id}/merge`, { otherId: other.id }, t.cast.manager);
    expect(merged.statusCode, merged.body).toBe(200);
    const { mergeId } = merged.json<{ mergeId: string }>();

    const calls = (await api('GET', `/api/v1/calls?leadId=${survivor.id}`)).json<{ items: CallWithLead[] }>();
    expect(calls.items.map((c) => c.id)).toEqual([call.id]);
    const callbacks = (await api('GET', '/api/v1/callbacks')).json<{ items: { leadId: string; callId: string }[] }>();
    expect(callbacks.items.find((c) => c.callId === call.id)?.leadId).toBe(survivor.id);
    const ledger = (await api('GET', `/api/v1/leads/${survivor.id}/consents`)).json<{ items: { granted: boolean; channel: string }[] }>();
    expect(ledger.items).toHaveLength(4);
    expect(ledger.items[0]).toMatchObject({ granted: false, channel: 'merge' });
    expect(await t.app.services.consents.granted(survivor.id, 'calls')).toBe(false);

    // A campaign that needs consent cannot call the survivor now.
    const campaign = await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Consent only', requiresConsent: true });
    const refused = await api('POST', '/api/v1/calls', { leadId: survivor.id, campaignId: campaign.id });
    expect(refused.json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'consent_required' });

    const undone = await api('POST', `/api/v1/leads/merges/${mergeId}/undo`, {}, t.cast.manager);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await api('GET', `/api/v1/calls?leadId=${other.id}`)).json<{ items: Call[] }>().items.map((c) => c.id)).toEqual([call.id]);
    expect((await api('GET', `/api/v1/leads/${survivor.id}/consents`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect(await t.app.services.consents.granted(survivor.id, 'calls')).toBe(true);
    expect(await t.app.services.consents.granted(other.id, 'calls')).toBe(false);
  });

  it('gather everything kept about a person for access, then erase it: the lead answers 404, its call keeps no name, number, words or recording', async () => {
    const person = await lead({ email: 'riya.k@example.in' });
    const merged = await lead();
    await api('POST', `/api/v1/leads/${person.id}/notes`, { body: 'Riya prefers evenings' });
    await api('POST', `/api/v1/leads/${person.id}/consents`, { purpose: 'recording', granted: true, channel: 'call', evidence: 'Said yes at 10:02' });
    // Calls are scored and found by their words too: the scores quote them, the search keeps them.
    const card = await t.request({
      method: 'POST',
      url: '/api/v1/qa/scorecards',
      as: t.cast.admin,
      payload: {
        name: 'Erasure card',
        sections: [{ title: 'All', questions: [{ key: 'notice', text: 'Recording notice', check: { kind: 'phrase', phrases: ['recorded', 'record'] } }] }],
      },
    });
    expect(card.statusCode, card.body).toBe(201);
    const call = await finishedCall(person.id);
    await until('the recording', async () => (await api('GET', `/api/v1/calls/${call.id}`)).json<Call>().recordingAvailable);
    const said = sql`(select count(*) from call_search where call_id = ${call.id})
      + (select count(*) from call_analyses where call_id = ${call.id} and result->>'summary' <> '')
      + (select count(*) from call_scores, jsonb_array_elements(answers) e where call_id = ${call.id} and e->>'evidence' like '%"%')`;
    const quoted = async () => Number(rowsOf<{ n: number }>(await t.db.database.db.execute(sql`select ${said} as n`))[0]?.n);
    await until('the call analysed, scored and indexed', async () => (await quoted()) === 3, 20_000);
    const campaign = await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: `Erasure ${seq}` });
    await t.app.services.campaigns.addLeads(SYSTEM_ACTOR, campaign.id, [person.id]);
    await t.app.services.leads.merges.merge(SYSTEM_ACTOR, person.id, merged.id);

    await expect(t.app.services.leads.privacy.exportData({ ...SYSTEM_ACTOR, role: 'manager' }, person.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const exported = await t.app.services.leads.privacy.exportData(SYSTEM_ACTOR, person.id);
    expect(exported.leads).toHaveLength(2);
    const mine = exported.leads[0] as Record<string, unknown>;
    expect(mine).toMatchObject({
      lead: { id: person.id, email: 'riya.k@example.in' },
      calls: [
        {
          id: call.id,
          notes: 'Asked about fees for Riya',
          recorded: true,
          transcript: expect.arrayContaining([expect.objectContaining({ speaker: 'agent' })]),
        },
      ],
      callbacks: [{ status: 'pending', notes: 'Asked about fees for Riya' }],
      consents: [{ purpose: 'recording', evidence: 'Said yes at 10:02' }],
      campaigns: [{ campaign: `Erasure ${seq}` }],
      leads: { timeline: expect.arrayContaining([expect.objectContaining({ type: 'note', body: 'Riya prefers evenings' })]) },
      analysis: [{ callId: call.id, summary: expect.stringMatching(/\S/) }],
    });

    expect(await t.app.services.leads.privacy.erase(SYSTEM_ACTOR, person.id)).toEqual({ leads: 2 });
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${person.id}`, as: t.cast.admin })).statusCode).toBe(404);
    const after = (await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}`, as: t.cast.admin })).json<CallWithLead>();
    expect(after).toMatchObject({ leadName: 'Erased', leadPhone: '', notes: null, recordingAvailable: false, status: 'completed' });
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/transcript`, as: t.cast.admin })).json()).toEqual({ items: [] });
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/recording`, as: t.cast.admin })).statusCode).toBe(404);
    expect(await t.app.services.recordings.stat(call.id)).toBeUndefined();
    expect((await api('GET', '/api/v1/callbacks')).json<{ items: { callId: string }[] }>().items.some((c) => c.callId === call.id)).toBe(false);
    // Nothing of the person is left in the lead rows, the timeline or the provider's payloads.
    const leftovers = rowsOf<{ n: number }>(
      await t.db.database.db.execute(sql`
        select (select count(*) from leads where (name like 'Holder Lead%' or email = 'riya.k@example.in') and id in (${person.id}, ${merged.id}))
             + (select count(*) from activities where lead_id in (${person.id}, ${merged.id}))
             + (select count(*) from call_events where call_id = ${call.id} and payload::text like '%94%')
             + (select count(*) from consents where lead_id = ${person.id} and evidence is not null)
             + (select count(*) from campaign_members where lead_id = ${person.id}) as n`),
    );
    expect(Number(leftovers[0]?.n)).toBe(0);
    // Nor in the call's search row, its analysis's summary, or its score's evidence.
    expect(await quoted()).toBe(0);
    await expect(t.app.services.leads.privacy.exportData(SYSTEM_ACTOR, person.id)).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND' });
    const audit = await t.request({ method: 'GET', url: `/api/v1/audit?action=lead.erase`, as: t.cast.admin });
    expect(audit.json<{ items: { entityId: string }[] }>().items[0]?.entityId).toBe(person.id);
  });
});
