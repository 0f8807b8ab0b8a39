/**
 * One set of merge rules for every way into the lead base: a bulk import through leads.bulk and
 * a sync through leads.ingest find the same lead for a record (phone, else the oldest lead with
 * the email), and an import fills only what the lead lacks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import type { StagedRow } from './leads.staging.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const row = (n: number, v: Partial<StagedRow>): StagedRow => ({
  row: n,
  name: null,
  phone: '+919000000000',
  email: null,
  status: null,
  score: null,
  language: null,
  city: null,
  tags: null,
  externalId: null,
  metadata: null,
  newLeadId: randomUUID(),
  identityId: randomUUID(),
  ...v,
});

async function importRows(rows: StagedRow[]) {
  const { leads } = t.app.services;
  const importId = randomUUID();
  await leads.bulk.stage(importId, rows);
  const range = await leads.bulk.range(importId);
  if (!range) throw new Error('nothing staged');
  return t.db.database.db.transaction((tx) =>
    leads.bulk.mergeChunk(tx, { importId, fromRow: range.min, toRow: range.max + 1, source: 'file', filename: 'rules.csv', actorId: null, now: new Date() }),
  );
}

describe('the merge rules', () => {
  it('sends an import row and a synced record with a shared email to the same, oldest lead, the import filling only blanks', async () => {
    const { leads } = t.app.services;
    const oldest = await leads.create(SYSTEM_ACTOR, { name: 'Neha Gupta', phone: '9810001001', email: 'Neha@Example.in' });
    await new Promise((r) => setTimeout(r, 5));
    await leads.create(SYSTEM_ACTOR, { name: 'Neha G.', phone: '9810001002', email: 'neha@example.in', city: 'Delhi' });

    const imported = await importRows([row(1, { name: 'Neha', phone: '+919810001003', email: 'neha@example.in', city: 'Pune', language: 'hi' })]);
    expect(imported).toMatchObject({ created: 0, merged: 1, leadIds: [oldest.id] });
    // Blanks filled by the import; the name and phone it had are kept.
    expect(await leads.get(SYSTEM_ACTOR, oldest.id)).toMatchObject({ name: 'Neha Gupta', phone: '+919810001001', city: 'Pune', language: 'hi' });
    const [synced] = await leads.ingest(SYSTEM_ACTOR, [
      { source: 'crm', externalId: 'n-1', fields: { name: 'Neha', phone: '98100 01004', email: ' NEHA@example.in ' }, sourceUpdatedAt: new Date('2020-01-01') },
    ]);
    expect(synced).toMatchObject({ outcome: 'updated', leadId: oldest.id });
  });

  it('matches by phone before email, and never overwrites a value an import row differs on', async () => {
    const { leads } = t.app.services;
    const byPhone = await leads.create(SYSTEM_ACTOR, { name: 'Arjun', phone: '9810002001', city: 'Jaipur' });
    await leads.create(SYSTEM_ACTOR, { name: 'Other', phone: '9810002002', email: 'arjun@example.in' });
    const r = await importRows([row(1, { name: 'Arjun K', phone: '+919810002001', email: 'arjun@example.in', city: 'Kota' })]);
    expect(r.leadIds).toEqual([byPhone.id]);
    const after = await leads.get(SYSTEM_ACTOR, byPhone.id);
    expect(after).toMatchObject({ city: 'Jaipur', email: 'arjun@example.in' });
    const timeline = await leads.timeline(SYSTEM_ACTOR, byPhone.id, { limit: 5 });
    expect(timeline.items[0]?.data).toMatchObject({ filled: ['email'], differing: { city: ['Kota'], name: ['Arjun K'] } });
  });
});
