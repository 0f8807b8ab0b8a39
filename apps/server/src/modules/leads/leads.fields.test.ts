/**
 * Definitions of leads' extra fields through the API on a real database: admins define, change,
 * reorder and remove them (audited); everyone signed in reads them; a lead's edited metadata is
 * checked against them; the keys found in the data without a definition are listed.
 */
import type { AuditPage, LeadFieldDefinition, LeadFieldList, UnknownLeadFields } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let n = 0;
const phone = () => `98333${String(10_000 + ++n)}`;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, as: Person, payload?: object) =>
  t.request({ method, url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
const define = async (body: object) => {
  const res = await api('POST', '/lead-fields', t.cast.admin, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadFieldDefinition>();
};
const list = async (as: Person = t.cast.admin) => (await api('GET', '/lead-fields', as)).json<LeadFieldList>().items;

describe('defining fields', () => {
  it('lets an admin define a field, and everyone signed in read the definitions', async () => {
    const program = await define({ key: 'program', labelEn: 'Program', labelHi: 'कार्यक्रम', type: 'text' });
    expect(program).toMatchObject({ key: 'program', labelEn: 'Program', labelHi: 'कार्यक्रम', type: 'text', options: [], order: 0, visible: true });
    expect(program.createdBy).toBe(t.cast.admin.id);
    for (const who of [t.cast.manager, t.cast.telecaller]) {
      const res = await api('GET', '/lead-fields', who);
      expect(res.statusCode).toBe(200);
      expect(res.json<LeadFieldList>().items.map((f) => f.key)).toContain('program');
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/lead-fields' })).statusCode).toBe(401);
  });

  it('refuses changes from managers and telecallers', async () => {
    const [field] = await list();
    for (const who of [t.cast.manager, t.cast.telecaller]) {
      expect((await api('POST', '/lead-fields', who, { key: 'x', labelEn: 'X', type: 'text' })).statusCode).toBe(403);
      expect((await api('PATCH', `/lead-fields/${field?.id}`, who, { labelEn: 'Y' })).statusCode).toBe(403);
      expect((await api('DELETE', `/lead-fields/${field?.id}`, who)).statusCode).toBe(403);
      expect((await api('GET', '/lead-fields/unknown-keys', who)).statusCode).toBe(403);
    }
  });

  it('refuses a key already defined, a reserved key, and a choice without options', async () => {
    const taken = await api('POST', '/lead-fields', t.cast.admin, { key: 'program', labelEn: 'Again', type: 'text' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'LEAD_FIELD_KEY_TAKEN' });
    const reserved = await api('POST', '/lead-fields', t.cast.admin, { key: 'alternatePhones', labelEn: 'Phones', type: 'text' });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().message).toContain('key: is kept by TeleHub itself');
    const bare = await api('POST', '/lead-fields', t.cast.admin, { key: 'stream', labelEn: 'Stream', type: 'choice' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('options: a choice field needs at least one option');
    const twice = await api('POST', '/lead-fields', t.cast.admin, {
      key: 'stream',
      labelEn: 'Stream',
      type: 'choice',
      options: [
        { value: 'sci', labelEn: 'Science' },
        { value: 'sci', labelEn: 'Science again' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain('the value "sci" is given twice');
    const stray = await api('POST', '/lead-fields', t.cast.admin, { key: 'stream', labelEn: 'Stream', type: 'text', options: [{ value: 'a', labelEn: 'A' }] });
    expect(stray.statusCode).toBe(400);
  });

  it('changes labels, type and visibility, and moves fields into a new order', async () => {
    const klass = await define({ key: 'class', labelEn: 'Class', type: 'number' });
    const joined = await define({ key: 'joined_on', labelEn: 'Joined on', type: 'date' });
    expect([klass.order, joined.order]).toEqual([1, 2]);

    const renamed = await api('PATCH', `/lead-fields/${klass.id}`, t.cast.admin, { labelEn: 'Grade', labelHi: 'कक्षा', visible: false });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ key: 'class', labelEn: 'Grade', labelHi: 'कक्षा', visible: false, updatedBy: t.cast.admin.id });

    // Joined on to the top: the others close up behind it.
    const moved = await api('PATCH', `/lead-fields/${joined.id}`, t.cast.admin, { order: 0 });
    expect(moved.json()).toMatchObject({ order: 0 });
    expect((await list()).map((f) => [f.key, f.order])).toEqual([
      ['joined_on', 0],
      ['program', 1],
      ['class', 2],
    ]);
    // Past the end: the last place.
    await api('PATCH', `/lead-fields/${joined.id}`, t.cast.admin, { order: 40 });
    expect((await list()).map((f) => f.key)).toEqual(['program', 'class', 'joined_on']);

    // A choice needs options; leaving choice drops them.
    const noOptions = await api('PATCH', `/lead-fields/${klass.id}`, t.cast.admin, { type: 'choice' });
    expect(noOptions.statusCode).toBe(400);
    const choice = await api('PATCH', `/lead-fields/${klass.id}`, t.cast.admin, {
      type: 'choice',
      options: [
        { value: '11', labelEn: 'Class 11', labelHi: 'कक्षा 11' },
        { value: '12', labelEn: 'Class 12' },
      ],
    });
    expect(choice.statusCode, choice.body).toBe(200);
    expect(choice.json<LeadFieldDefinition>().options).toEqual([
      { value: '11', labelEn: 'Class 11', labelHi: 'कक्षा 11' },
      { value: '12', labelEn: 'Class 12', labelHi: null },
    ]);
    const back = await api('PATCH', `/lead-fields/${klass.id}`, t.cast.admin, { type: 'number' });
    expect(back.json()).toMatchObject({ type: 'number', options: [] });
    expect((await api('PATCH', `/lead-fields/00000000-0000-4000-8000-000000000000`, t.cast.admin, { labelEn: 'Nobody' })).statusCode).toBe(404);
  });

  it('removes a definition, keeping the values, and audits every change in readable terms', async () => {
    const temp = await define({ key: 'temp_note', labelEn: 'Temporary', type: 'text' });
    const lead = await api('POST', '/leads', t.cast.admin, { name: 'Kept Value', phone: phone(), metadata: { temp_note: 'stays' } });
    expect((await api('DELETE', `/lead-fields/${temp.id}`, t.cast.admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/lead-fields/${temp.id}`, t.cast.admin)).statusCode).toBe(404);
    expect((await list()).map((f) => f.key)).not.toContain('temp_note');
    expect((await list()).map((f) => f.order)).toEqual([0, 1, 2]);
    expect((await api('GET', `/leads/${lead.json().id}`, t.cast.admin)).json().metadata).toEqual({ temp_note: 'stays' });

    const res = await api('GET', '/audit?group=lead_field', t.cast.admin);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json<AuditPage>().items;
    expect(entries.filter((e) => e.entityId === 'temp_note').map((e) => e.action)).toEqual(['lead_field.delete', 'lead_field.create']);
    expect(entries.find((e) => e.action === 'lead_field.update' && e.entityId === 'class')).toMatchObject({
      actorName: 'admin',
      entityType: 'lead_field',
      entityLabel: 'class',
    });
    expect(entries.find((e) => e.action === 'lead_field.update' && e.details.fields && JSON.stringify(e.details.fields).includes('order'))).toBeTruthy();
  });
});

describe('a lead’s metadata against the definitions', () => {
  let leadId: string;
  beforeAll(async () => {
    await define({
      key: 'board',
      labelEn: 'Board',
      type: 'choice',
      options: [
        { value: 'cbse', labelEn: 'CBSE' },
        { value: 'icse', labelEn: 'ICSE' },
      ],
    });
    await define({ key: 'scholarship', labelEn: 'Scholarship', type: 'boolean' });
    // Imported values are kept as the file had them, whatever the definitions say.
    leadId = (await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Defined Lead', phone: phone(), ownerId: t.cast.telecaller.id })).id;
    const imported = JSON.stringify({ class: 'eleven', program: 'JEE', city_zone: 'North' });
    await t.db.database.db.execute(sql`update leads set metadata = ${imported}::jsonb where id = ${leadId}`);
  });

  const patch = (metadata: Record<string, unknown>, as: Person = t.cast.telecaller) => api('PATCH', `/leads/${leadId}`, as, { metadata });

  it.each([
    ['a number field given text', { class: 'twelve' }, 'metadata.class (Grade): must be a number'],
    ['a date that does not exist', { joined_on: '2025-02-30' }, 'metadata.joined_on (Joined on): must be a date as YYYY-MM-DD'],
    ['a value that is not one of the choices', { board: 'ib' }, 'metadata.board (Board): must be one of: cbse, icse'],
    ['text where true or false is wanted', { scholarship: 'yes' }, 'metadata.scholarship (Scholarship): must be true or false'],
    ['a number for a text field', { program: 42 }, 'metadata.program (Program): must be text'],
  ])('refuses %s with 400 and the field’s message', async (_what, change, message) => {
    const before = (await api('GET', `/leads/${leadId}`, t.cast.telecaller)).json().metadata;
    const res = await patch({ ...before, ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'LEAD_FIELD_INVALID', message, field: Object.keys(change)[0] });
    expect(res.json().details[0].path).toBe(`metadata.${Object.keys(change)[0]}`);
    expect((await api('GET', `/leads/${leadId}`, t.cast.telecaller)).json().metadata).toEqual(before);
  });

  it('keeps values it does not change, even those the definitions would refuse, and takes good ones', async () => {
    const res = await patch({ class: 'eleven', program: 'NEET', city_zone: 'North', board: 'cbse', scholarship: true, joined_on: '2025-04-01', notes_x: [1] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().metadata).toEqual({
      class: 'eleven',
      program: 'NEET',
      city_zone: 'North',
      board: 'cbse',
      scholarship: true,
      joined_on: '2025-04-01',
      notes_x: [1],
    });
    // Clearing a defined field: null, or leaving the key out.
    const cleared = await patch({ class: 12, program: null, board: 'icse' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().metadata).toEqual({ class: 12, program: null, board: 'icse' });
  });

  it('checks a new lead’s metadata too', async () => {
    const res = await api('POST', '/leads', t.cast.telecaller, { name: 'New Defined', phone: phone(), metadata: { class: 'ten' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'LEAD_FIELD_INVALID' });
    const ok = await api('POST', '/leads', t.cast.telecaller, { name: 'New Defined', phone: phone(), metadata: { class: 10, board: 'cbse' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('keys found in the data', () => {
  it('lists the metadata keys without a definition, most common first, with an example', async () => {
    for (const [i, meta] of [
      { state: 'Bihar', stream: 'Science', nested: { a: 1 } },
      { state: 'Uttar Pradesh', batch_year: 2026 },
      { state: 'Delhi', alternatePhones: ['+919800000000'] },
    ].entries()) {
      const res = await api('POST', '/leads', t.cast.admin, { name: `Found ${i}`, phone: phone(), metadata: meta });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await api('GET', '/lead-fields/unknown-keys', t.cast.admin);
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json<UnknownLeadFields>();
    const keys = found.items.map((i) => i.key);
    expect(keys[0]).toBe('state');
    expect(found.items[0]).toMatchObject({ key: 'state', leads: 3, example: 'Bihar' });
    expect(found.items.find((i) => i.key === 'batch_year')).toMatchObject({ leads: 1, example: '2026' });
    // Defined keys, TeleHub's own keys and nested objects are not offered.
    for (const k of ['program', 'class', 'board', 'alternatePhones', 'nested']) expect(keys).not.toContain(k);
    expect(found.scanned).toBeGreaterThanOrEqual(3);

    // One click to define: the key leaves the list.
    await define({ key: 'state', labelEn: 'State', labelHi: 'राज्य', type: 'text' });
    const after = (await api('GET', '/lead-fields/unknown-keys', t.cast.admin)).json<UnknownLeadFields>();
    expect(after.items.map((i) => i.key)).not.toContain('state');
  });
});
