/**
 * A lead's metadata within LEAD_METADATA_LIMITS on every way in: the API, the service, syncs,
 * and merges that unite two leads' metadata.
 */
import { LEAD_METADATA_LIMITS } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let n = 0;
const phone = () => `98222${String(10_000 + ++n)}`;
const keys = (count: number, prefix = 'k') => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'x']));
const create = (metadata: unknown) =>
  t.request({ method: 'POST', url: '/api/v1/leads', as: t.cast.admin, payload: { name: 'Meta Lead', phone: phone(), metadata } });

describe('lead metadata over the API', () => {
  it('refuses 10,000 keys with 400, naming the limit', async () => {
    const res = await create(keys(10_000));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().message).toContain(`has 10000 keys; at most ${LEAD_METADATA_LIMITS.maxKeys}`);
  });

  it.each([
    ['a key that is too long', { ['k'.repeat(101)]: 'x' }, 'is 101 characters long; at most 100'],
    ['a value that is too long', { notes: 'n'.repeat(2001) }, 'notes: is 2001 characters long; at most 2000'],
    ['too many bytes in all', Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'v'.repeat(1000)])), 'bytes of JSON; at most 8192'],
    ['nesting too deep', { a: { b: { c: { d: { e: { f: 1 } } } } } }, 'a.b.c.d.e: nests deeper than 5 levels'],
    ['an array too long', { phones: Array.from({ length: 51 }, (_, i) => String(i)) }, 'phones: has 51 items; at most 50'],
  ])('refuses %s', async (_what, metadata, message) => {
    const res = await create(metadata);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('keeps metadata within the limits, on create and on update', async () => {
    const ok = { ...keys(LEAD_METADATA_LIMITS.maxKeys - 1), nested: { branch: 'Noida', tags: ['a', 'b'] } };
    const res = await create(ok);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().metadata).toEqual(ok);
    const id = res.json().id;
    const bad = await t.request({ method: 'PATCH', url: `/api/v1/leads/${id}`, as: t.cast.admin, payload: { metadata: keys(51) } });
    expect(bad.statusCode).toBe(400);
    const good = await t.request({ method: 'PATCH', url: `/api/v1/leads/${id}`, as: t.cast.admin, payload: { metadata: { branch: 'Agra' } } });
    expect(good.json().metadata).toEqual({ branch: 'Agra' });
  });
});

describe('lead metadata on the other ways in', () => {
  it('refuses it in the service as well, for callers that skip the API', async () => {
    await expect(t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Direct', phone: phone(), metadata: keys(60) })).rejects.toMatchObject({
      code: 'LEAD_METADATA_INVALID',
      statusCode: 400,
    });
  });

  it('rejects a synced record whose extra fields pass the limits, with the reason, and keeps going', async () => {
    const { leads } = t.app.services;
    const at = new Date('2026-01-01T00:00:00Z');
    const out = await leads.ingest(SYSTEM_ACTOR, [
      { source: 'crm', externalId: 'wide-1', fields: { name: 'Wide Row', phone: phone() }, extra: keys(10_000, 'col'), sourceUpdatedAt: at },
      { source: 'crm', externalId: 'fine-1', fields: { name: 'Fine Row', phone: phone() }, extra: { branch: 'Noida' }, sourceUpdatedAt: at },
    ]);
    expect(out[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('metadata.crm: has 10000 keys; at most 50') });
    expect(out[1]).toMatchObject({ outcome: 'created' });
    // An update that would take the lead past the limits is refused the same way.
    const later = new Date('2026-02-01T00:00:00Z');
    const [upd] = await leads.ingest(SYSTEM_ACTOR, [
      { source: 'crm', externalId: 'fine-1', fields: { city: 'Agra' }, extra: { notes: 'n'.repeat(5000) }, sourceUpdatedAt: later },
    ]);
    expect(upd).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('metadata.crm.notes: is 5000 characters long') });
    expect((await leads.get(SYSTEM_ACTOR, out[1]?.leadId ?? '')).metadata).toEqual({ crm: { branch: 'Noida' } });
  });

  it('merges two leads without passing the limits: the survivor keeps its own metadata when the union would', async () => {
    const a = (await create(keys(40, 'a'))).json();
    const b = (await create(keys(40, 'b'))).json();
    const res = await t.request({ method: 'POST', url: `/api/v1/leads/${a.id}/merge`, as: t.cast.admin, payload: { otherId: b.id } });
    expect(res.statusCode, res.body).toBe(200);
    const merged = await t.app.services.leads.get(SYSTEM_ACTOR, a.id);
    expect(Object.keys(merged.metadata).filter((k) => k.startsWith('b'))).toEqual([]);
    expect(merged.metadata).toMatchObject({ ...keys(40, 'a'), alternatePhones: [b.phone] });
  });
});
