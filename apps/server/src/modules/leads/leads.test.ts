import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const create = (payload: Record<string, unknown>, as = t.cast.admin) => t.request({ method: 'POST', url: '/api/v1/leads', as, payload });
const list = (query: string, as = t.cast.admin) => t.request({ method: 'GET', url: `/api/v1/leads?${query}`, as });

describe('lead CRUD', () => {
  it('creates a lead with the phone in E.164 and the contract shape', async () => {
    const res = await create({
      name: 'Priya Sharma',
      phone: '098765 43210',
      email: 'Priya.Sharma@Example.com',
      city: 'Lucknow',
      language: 'hi',
      tags: ['parent', 'parent'],
    });
    expect(res.statusCode).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({
      name: 'Priya Sharma',
      phone: '+919876543210',
      email: 'priya.sharma@example.com',
      status: 'new',
      score: null,
      language: 'hi',
      city: 'Lucknow',
      ownerId: null,
      ownerName: null,
      tags: ['parent'],
      sources: [{ source: 'manual', externalId: null }],
    });
    expect(new Date(lead.createdAt).getTime()).toBeGreaterThan(0);

    const got = await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.cast.manager });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(lead);
  });

  it('keeps one live lead per phone, whatever format the duplicate is typed in', async () => {
    const first = await create({ name: 'Rahul Verma', phone: '+91 91234 56789' });
    expect(first.statusCode).toBe(201);
    for (const variant of ['9123456789', '09123456789', '919123456789', '+91-91234-56789', '(+91) 91234 56789']) {
      const dup = await create({ name: 'Rahul V', phone: variant });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'LEAD_PHONE_EXISTS', existingLeadId: first.json().id });
    }
  });

  it('frees the phone when a lead is deleted, and hides the deleted lead', async () => {
    const lead = (await create({ name: 'Temp Lead', phone: '9000000001' })).json();
    expect((await t.request({ method: 'DELETE', url: `/api/v1/leads/${lead.id}`, as: t.cast.manager })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.cast.admin })).statusCode).toBe(404);
    expect((await create({ name: 'New Owner Of Number', phone: '9000000001' })).statusCode).toBe(201);
  });

  it('updates fields and writes status changes, assignments and edits to the timeline', async () => {
    const lead = (await create({ name: 'Anita Singh', phone: '9811111111' })).json();
    const events: unknown[] = [];
    const off = t.app.services.bus.subscribe('lead.updated', (e) => void events.push(e));
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      as: t.cast.manager,
      payload: { status: 'interested', ownerId: t.cast.telecaller.id, city: 'Patna', score: 80 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'interested', ownerId: t.cast.telecaller.id, city: 'Patna', score: 80 });
    await new Promise((r) => setTimeout(r, 0));
    off();
    // After the commit, without contact details.
    expect(events).toEqual([
      { leadId: lead.id, ownerId: t.cast.telecaller.id, status: 'interested', fields: ['city', 'ownerId', 'score', 'status'], updatedAt: res.json().updatedAt },
    ]);

    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}/activities`, as: t.cast.manager })).json();
    const types = timeline.items.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created', 'status_change', 'assignment', 'updated']));
    const status = timeline.items.find((a: { type: string }) => a.type === 'status_change');
    expect(status).toMatchObject({ data: { from: 'new', to: 'interested' }, actorId: t.cast.manager.id, actorName: 'manager' });
    const assignment = timeline.items.find((a: { type: string }) => a.type === 'assignment');
    expect(assignment.data).toEqual({ from: null, to: t.cast.telecaller.id, fromName: null, toName: 'caller' });
    // A telecaller, who may not list users, still sees who owns their lead.
    const asOwner = (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.cast.telecaller })).json();
    expect(asOwner.ownerName).toBe('caller');
    const edit = timeline.items.find((a: { type: string }) => a.type === 'updated');
    expect(edit.data.changes).toEqual({ city: { from: null, to: 'Patna' }, score: { from: null, to: 80 } });
  });

  it('adds notes to the timeline, newest first, with cursor paging', async () => {
    const lead = (await create({ name: 'Note Taker', phone: '9822222222' })).json();
    for (let i = 1; i <= 5; i++) {
      const res = await t.request({ method: 'POST', url: `/api/v1/leads/${lead.id}/notes`, as: t.cast.admin, payload: { body: `note ${i}` } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ type: 'note', body: `note ${i}`, actorName: 'admin' });
    }
    const page1 = (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}/activities?limit=3`, as: t.cast.admin })).json();
    expect(page1.items.map((a: { body: string }) => a.body)).toEqual(['note 5', 'note 4', 'note 3']);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}/activities?limit=3&before=${page1.nextCursor}`, as: t.cast.admin })).json();
    expect(page2.items.map((a: { type: string; body: string | null }) => a.body ?? a.type)).toEqual(['note 2', 'note 1', 'created']);
    expect(page2.nextCursor).toBeNull();
  });
});

describe('validation: 400 naming the field, never 500', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing name', { phone: '9876500000' }, 'name'],
    ['empty name', { name: '  ', phone: '9876500000' }, 'name'],
    ['invalid phone', { name: 'X', phone: '12345' }, 'phone'],
    ['letters in phone', { name: 'X', phone: '98765abcde' }, 'phone'],
    ['bad email', { name: 'X', phone: '9876500000', email: 'nope' }, 'email'],
    ['bad status', { name: 'X', phone: '9876500000', status: 'hot' }, 'status'],
    ['score out of range', { name: 'X', phone: '9876500000', score: 101 }, 'score'],
    ['bad owner id', { name: 'X', phone: '9876500000', ownerId: 'abc' }, 'ownerId'],
    ['unknown language', { name: 'X', phone: '9876500000', language: 'xx' }, 'language'],
  ];
  for (const [label, payload, field] of cases) {
    it(`create with ${label}`, async () => {
      const res = await create(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(field);
    });
  }

  it('refuses an unknown time zone and an owner who is not an active user', async () => {
    const tz = await create({ name: 'X', phone: '9876500001', timezone: 'Mars/Olympus' });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().code).toBe('LEAD_TIMEZONE_INVALID');
    const owner = await create({ name: 'X', phone: '9876500001', ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(owner.statusCode).toBe(422);
    expect(owner.json().message).toContain('ownerId');
  });

  it('refuses an empty update, a malformed id and a non-JSON body', async () => {
    const lead = (await create({ name: 'Y', phone: '9876500002' })).json();
    expect((await t.request({ method: 'PATCH', url: `/api/v1/leads/${lead.id}`, as: t.cast.admin, payload: {} })).statusCode).toBe(400);
    const bad = await t.request({ method: 'GET', url: '/api/v1/leads/not-a-uuid', as: t.cast.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('id');
    const text = await t.request({ method: 'POST', url: '/api/v1/leads', as: t.cast.admin, payload: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toContain('body');
    const xml = await t.request({ method: 'POST', url: '/api/v1/leads', as: t.cast.admin, payload: '<lead/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.statusCode).toBe(415);
  });
});

describe('search and paging', () => {
  beforeAll(async () => {
    const { leads } = t.app.services;
    await leads.create(SYSTEM_ACTOR, { name: 'Kavita Deshmukh', phone: '+91 99887 76655', email: 'kavita.d@example.org', city: 'Pune' });
    await leads.create(SYSTEM_ACTOR, { name: 'सुनीता देवी', phone: '0522 229 8872', city: 'Lucknow' });
    for (let i = 0; i < 30; i++)
      await leads.create(SYSTEM_ACTOR, {
        name: `Paging Lead ${String(i).padStart(2, '0')}`,
        phone: `97000000${String(i).padStart(2, '0')}`,
        tags: i % 2 ? ['odd'] : [],
      });
  });

  const names = async (query: string) => (await list(query)).json().items.map((l: { name: string }) => l.name);

  it('finds a lead by its phone typed in any usual format', async () => {
    for (const q of ['9988776655', '+919988776655', '09988776655', '99887 76655', '+91-99887-76655', '(998) 877-6655', '776655']) {
      expect(await names(`q=${encodeURIComponent(q)}`)).toEqual(['Kavita Deshmukh']);
    }
    expect(await names(`q=${encodeURIComponent('0522-2298872')}`)).toEqual(['सुनीता देवी']);
  });

  it('finds by name parts in any order and case, by Devanagari, and by email', async () => {
    expect(await names('q=deshmukh%20KAVITA')).toEqual(['Kavita Deshmukh']);
    expect(await names(`q=${encodeURIComponent('सुनीता')}`)).toEqual(['सुनीता देवी']);
    expect(await names('q=kavita.d%40example')).toEqual(['Kavita Deshmukh']);
    expect(await names('q=%25')).toEqual([]);
  });

  it('pages with a stable order and reports the total', async () => {
    const page1 = (await list('q=paging&sort=name&pageSize=10&page=1')).json();
    const page3 = (await list('q=paging&sort=name&pageSize=10&page=3')).json();
    expect(page1.total).toBe(30);
    expect(page1.items.map((l: { name: string }) => l.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Paging Lead ${String(i).padStart(2, '0')}`));
    expect(page3.items[9].name).toBe('Paging Lead 29');
    const beyond = (await list('q=paging&pageSize=10&page=4')).json();
    expect(beyond).toMatchObject({ items: [], total: 30, page: 4 });
    const desc = (await list('q=paging&sort=-name&pageSize=1')).json();
    expect(desc.items[0].name).toBe('Paging Lead 29');
  });

  it('filters by tag and status', async () => {
    expect((await list('q=paging&tag=odd')).json().total).toBe(15);
    expect((await list('q=paging&status=new,contacted')).json().total).toBe(30);
    expect((await list('q=paging&status=converted')).json().total).toBe(0);
  });

  it('rejects out-of-range paging and unknown filters with the field named', async () => {
    for (const [q, field] of [
      ['page=0', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=101', 'pageSize'],
      ['page=abc', 'page'],
      ['status=hot', 'status'],
      ['sort=phone', 'sort'],
      ['ownerId=someone', 'ownerId'],
    ] as const) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().message, q).toContain(field);
    }
  });
});

describe('a telecaller sees only their own leads', () => {
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    const { leads } = t.app.services;
    mine = (await leads.create(SYSTEM_ACTOR, { name: 'Owned By Caller', phone: '9833333333', ownerId: t.cast.telecaller.id })).id;
    theirs = (await leads.create(SYSTEM_ACTOR, { name: 'Owned By Other', phone: '9844444444', ownerId: t.cast.otherTelecaller.id })).id;
  });

  it('lists only their own, even when asking for another owner', async () => {
    const own = (await list('pageSize=100', t.cast.telecaller)).json();
    expect(own.items.every((l: { ownerId: string }) => l.ownerId === t.cast.telecaller.id)).toBe(true);
    expect(own.items.map((l: { id: string }) => l.id)).toContain(mine);
    const other = (await list(`ownerId=${t.cast.otherTelecaller.id}`, t.cast.telecaller)).json();
    expect(other.total).toBe(0);
    expect((await list('q=Owned%20By%20Other', t.cast.telecaller)).json().total).toBe(0);
  });

  it("answers 404 for another agent's lead on every lead route", async () => {
    const as = t.cast.telecaller;
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${theirs}`, as })).statusCode).toBe(404);
    expect((await t.request({ method: 'PATCH', url: `/api/v1/leads/${theirs}`, as, payload: { city: 'X' } })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${theirs}/activities`, as })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/leads/${theirs}/notes`, as, payload: { body: 'x' } })).statusCode).toBe(404);
  });

  it('cannot reassign, and a lead they create is their own', async () => {
    const res = await t.request({ method: 'PATCH', url: `/api/v1/leads/${mine}`, as: t.cast.telecaller, payload: { ownerId: t.cast.otherTelecaller.id } });
    expect(res.statusCode).toBe(403);
    const created = await create({ name: 'Walk-in', phone: '9855555555', ownerId: t.cast.otherTelecaller.id }, t.cast.telecaller);
    expect(created.json().ownerId).toBe(t.cast.telecaller.id);
  });

  it('does not learn the owner of a duplicate phone it cannot see', async () => {
    const dup = await create({ name: 'Dup', phone: '9844444444' }, t.cast.telecaller);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().existingLeadId).toBeUndefined();
  });
});

describe('audit log and export', () => {
  it('records reads of a full record, changes and exports', async () => {
    const lead = (await create({ name: 'Audited Lead', phone: '9866666666' })).json();
    await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}`, as: t.cast.manager });
    await t.request({ method: 'PATCH', url: `/api/v1/leads/${lead.id}`, as: t.cast.manager, payload: { status: 'contacted' } });
    const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?entityType=lead&entityId=${lead.id}`, as: t.cast.admin })).json();
    const actions = audit.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(['lead.update', 'lead.read', 'lead.create']);
    expect(audit.items[0]).toMatchObject({ actorId: t.cast.manager.id, actorRole: 'manager', details: { fields: ['status'] } });
  });

  it('exports the filtered leads as CSV and audits the export', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/leads/export?q=paging&tag=odd', as: t.cast.manager });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="telehub-leads-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,phone,email,status,score,language,city,owner,tags,createdAt,updatedAt');
    expect(lines).toHaveLength(16);
    expect(lines.slice(1).every((l) => l.includes('Paging Lead') && l.includes('odd'))).toBe(true);
    const audit = (await t.request({ method: 'GET', url: '/api/v1/audit?action=lead.export', as: t.cast.admin })).json();
    expect(audit.items[0]).toMatchObject({ actorId: t.cast.manager.id, details: { rows: 15, format: 'csv', filter: { q: 'paging', tag: 'odd' } } });
  });

  it('defuses spreadsheet formulas in exported cells', async () => {
    await create({ name: '=HYPERLINK("http://evil")', phone: '9877777777' });
    const res = await t.request({ method: 'GET', url: '/api/v1/leads/export?q=9877777777', as: t.cast.admin });
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).toContain(',+919877777777,');
  });
});
