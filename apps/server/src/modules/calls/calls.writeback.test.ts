/** A disposition on a lead that came from the Laravel CRM is posted back to it, through the outbox. */
import type { Call, Lead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { CrmStandin } from '../sources/testing/crm-standin.js';

let t: TestApp;
let crm: CrmStandin;
beforeAll(async () => {
  crm = await new CrmStandin().start();
  crm.put({ id: 5501, name: 'Nandini Rao', phone: '9440012345', email: null, status: 'new', updated_at: '2026-11-20 10:00:00' });
  t = await createTestApp({
    env: {
      LARAVEL_CRM_URL: crm.url,
      LARAVEL_CRM_TOKEN: crm.token,
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '50',
      TELEHUB_CALLING_HOURS: '00:00-24:00',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await crm?.stop();
});

describe('CRM write-back of dispositions', () => {
  it('posts lead_id, duration, outcome and notes to the CRM after the wrap-up', async () => {
    const sync = await t.request({ method: 'POST', url: '/api/v1/sources/laravel/sync', as: t.cast.admin });
    expect(sync.statusCode, sync.body).toBe(200);
    const [lead] = (await t.request({ method: 'GET', url: '/api/v1/leads?q=9440012345', as: t.cast.admin })).json<{ items: Lead[] }>().items;
    if (!lead) throw new Error('the CRM lead was not synced');
    await t.app.services.leads.update(SYSTEM_ACTOR, lead.id, { ownerId: t.cast.telecaller.id });

    const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<Call>().id;
    await until(
      'answer',
      async () => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>().status === 'in_progress',
    );
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.telecaller, payload: {} });
    const ended = await until('the end', async () => {
      const c = (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
      return c.wrapUpPending ? c : undefined;
    });
    const saved = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${id}/disposition`,
      as: t.cast.telecaller,
      payload: { disposition: 'interested', notes: 'Wants the hostel details' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const posted = await until('the write-back', async () => crm.calls[0]);
    expect(posted.body).toEqual({ lead_id: 5501, duration: ended.durationSeconds ?? 0, outcome: 'interested', notes: 'Wants the hostel details' });
    expect(posted.key).toBeTruthy();
    expect(crm.calls).toHaveLength(1);
  });
});
