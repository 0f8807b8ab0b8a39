import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import type { SourceRecord } from './leads.ingest.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const rec = (externalId: string, fields: SourceRecord['fields'], at = '2026-01-01T00:00:00Z', extra?: Record<string, unknown>): SourceRecord => ({
  source: 'crm',
  externalId,
  fields,
  extra,
  sourceUpdatedAt: new Date(at),
});

describe('ingesting records from a source', () => {
  it('creates, then updates by identity, and is idempotent', async () => {
    const { leads } = t.app.services;
    const [created] = await leads.ingest(SYSTEM_ACTOR, [
      rec('101', { name: 'Asha Rani', phone: '98100 00101', status: 'new' }, undefined, { branch: 'Noida' }),
    ]);
    expect(created).toMatchObject({ outcome: 'created', leadId: expect.any(String) });
    const again = await leads.ingest(SYSTEM_ACTOR, [rec('101', { name: 'Asha Rani', phone: '98100 00101', status: 'new' }, undefined, { branch: 'Noida' })]);
    expect(again[0]?.outcome).toBe('unchanged');
    const changed = await leads.ingest(SYSTEM_ACTOR, [
      rec('101', { name: 'Asha Rani', phone: '98100 00101', status: 'interested', city: 'Noida' }, '2026-02-01T00:00:00Z'),
    ]);
    expect(changed[0]).toMatchObject({ outcome: 'updated', leadId: created?.leadId });
    const lead = await leads.get(SYSTEM_ACTOR, created?.leadId ?? '');
    expect(lead).toMatchObject({
      status: 'interested',
      city: 'Noida',
      metadata: { crm: { branch: 'Noida' } },
      sources: [{ source: 'crm', externalId: '101' }],
    });
  });

  it('keeps a field edited in TeleHub after the source last changed it', async () => {
    const { leads } = t.app.services;
    const [c] = await leads.ingest(SYSTEM_ACTOR, [rec('202', { name: 'Bala K', phone: '98100 00202', city: 'Pune' }, '2026-01-01T00:00:00Z')]);
    await t.request({ method: 'PATCH', url: `/api/v1/leads/${c?.leadId}`, as: t.cast.admin, payload: { city: 'Mumbai' } });
    // The CRM's change is older than our edit: ours stays. Its other change (name) applies.
    const older = await leads.ingest(SYSTEM_ACTOR, [rec('202', { name: 'Bala Krishnan', phone: '98100 00202', city: 'Nagpur' }, '2026-01-02T00:00:00Z')]);
    expect(older[0]).toMatchObject({ outcome: 'updated', keptLocal: ['city'] });
    let lead = await leads.get(SYSTEM_ACTOR, c?.leadId ?? '');
    expect(lead).toMatchObject({ name: 'Bala Krishnan', city: 'Mumbai' });
    // A CRM change made after our edit wins.
    await leads.ingest(SYSTEM_ACTOR, [rec('202', { city: 'Nagpur' }, '2099-01-01T00:00:00Z')]);
    lead = await leads.get(SYSTEM_ACTOR, c?.leadId ?? '');
    expect(lead.city).toBe('Nagpur');
  });

  it('links a source record to an existing lead by phone or email instead of duplicating', async () => {
    const { leads } = t.app.services;
    const existing = await leads.create(SYSTEM_ACTOR, { name: 'Chitra', phone: '98100 00303', email: 'chitra@example.org' });
    const [byPhone] = await leads.ingest(SYSTEM_ACTOR, [rec('303', { name: 'Chitra S', phone: '+91 98100 00303' })]);
    expect(byPhone?.leadId).toBe(existing.id);
    const [byEmail] = await leads.ingest(SYSTEM_ACTOR, [rec('304', { name: 'Chitra S', phone: 'not a phone', email: 'CHITRA@example.org' })]);
    expect(byEmail?.leadId).toBe(existing.id);
    const lead = await leads.get(SYSTEM_ACTOR, existing.id);
    expect(lead.sources.map((s) => `${s.source}:${s.externalId}`).sort()).toEqual(['crm:303', 'crm:304', 'manual:null']);
  });

  it('rejects a new record without a valid phone or a name, and keeps going', async () => {
    const { leads } = t.app.services;
    const out = await leads.ingest(SYSTEM_ACTOR, [
      rec('401', { name: 'No Phone' }),
      rec('402', { name: 'Bad', phone: '123' }),
      rec('403', { phone: '98100 00403' }),
      rec('404', { name: 'Fine', phone: '98100 00404' }),
    ]);
    expect(out.map((o) => o.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'created']);
    expect(out[1]?.reason).toContain('too short to be a phone number');
    expect(out[2]?.reason).toBe('name is missing');
  });

  it("does not move a lead's phone onto a number another lead holds", async () => {
    const { leads } = t.app.services;
    await leads.create(SYSTEM_ACTOR, { name: 'Holder', phone: '98100 00501' });
    const [c] = await leads.ingest(SYSTEM_ACTOR, [rec('502', { name: 'Mover', phone: '98100 00502' })]);
    const [moved] = await leads.ingest(SYSTEM_ACTOR, [rec('502', { name: 'Mover', phone: '98100 00501' }, '2099-01-01T00:00:00Z')]);
    expect(moved).toMatchObject({ leadId: c?.leadId, keptLocal: ['phone'] });
  });
});
