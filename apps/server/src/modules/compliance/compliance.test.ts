import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function importList(csv: string, fields: Record<string, string> = {}) {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/compliance/dnd/imports',
    as: t.cast.admin,
    ...multipart(fields, { name: 'ncpr.csv', content: csv }),
  });
  expect(res.statusCode, res.body).toBe(202);
  await t.app.services.jobs.idle();
  return (await t.request({ method: 'GET', url: `/api/v1/compliance/dnd/imports/${res.json().id}`, as: t.cast.admin })).json();
}
const leadByPhone = async (q: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/leads?q=${encodeURIComponent(q)}`, as: t.cast.admin })).json().items[0];

describe('the DND registry', () => {
  beforeAll(async () => {
    const { leads } = t.app.services;
    for (const [name, phone] of [
      ['Full Block', '9811000001'],
      ['Education Block', '9811000002'],
      ['Banking Only', '9811000003'],
      ['Not Listed', '9811000004'],
    ])
      await leads.create(SYSTEM_ACTOR, { name: name as string, phone: phone as string });
  });

  it('imports a list and flags the leads it blocks for our category', async () => {
    const status = await importList(
      [
        'MSISDN,Preference,Modes,Registered On',
        '919811000001,0,,2025-01-10',
        '+91 98110 00002,"1,3",voice,',
        '09811000003,1#2,sms,',
        '12345,3,,',
        '9811000005,9,,',
        '9811000006,,,',
      ].join('\n'),
    );
    expect(status).toMatchObject({ kind: 'dnd', status: 'completed', total: 6, created: 4, merged: 0, rejected: 2 });
    expect(status.errors.map((e: { row: number }) => e.row)).toEqual([4, 5]);
    expect(await leadByPhone('9811000001')).toMatchObject({ dnd: true, dndCategories: [0] });
    expect(await leadByPhone('9811000002')).toMatchObject({ dnd: true, dndCategories: [1, 3] });
    expect(await leadByPhone('9811000003')).toMatchObject({ dnd: false, dndCategories: [1, 2] });
    expect((await leadByPhone('9811000004')).dnd).toBe(false);
    const flagged = (await t.request({ method: 'GET', url: '/api/v1/leads?dnd=true', as: t.cast.admin })).json();
    expect(flagged.items.map((l: { name: string }) => l.name).sort()).toEqual(['Education Block', 'Full Block']);
    const stats = (await t.request({ method: 'GET', url: '/api/v1/compliance/dnd', as: t.cast.admin })).json();
    expect(stats).toMatchObject({ entries: 4, flaggedLeads: 2, category: 3 });
  });

  it('checks a single number in any format', async () => {
    const res = (
      await t.request({ method: 'GET', url: `/api/v1/compliance/dnd/check?phone=${encodeURIComponent('098110 00002')}`, as: t.cast.telecaller })
    ).json();
    expect(res).toEqual({ phone: '+919811000002', registered: true, fullyBlocked: false, categories: [1, 3], blocksUs: true, category: 3 });
    const bad = await t.request({ method: 'GET', url: '/api/v1/compliance/dnd/check?phone=12345', as: t.cast.telecaller });
    expect(bad.statusCode).toBe(400);
  });

  it('flags new leads as they arrive through an import', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.admin,
      ...multipart({}, { name: 'l.csv', content: 'Name,Phone\nFresh Blocked,9811000006\n' }),
    });
    expect(res.statusCode).toBe(202);
    await t.app.services.jobs.idle();
    expect(await leadByPhone('9811000006')).toMatchObject({ dnd: true });
  });

  it('scrubs leads created any other way on the next sweep', async () => {
    await importList('Phone,Preference\n9811000007,3\n');
    await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Walk In', phone: '9811000007' });
    expect(await leadByPhone('9811000007')).toMatchObject({ dnd: false, dndCheckedAt: null });
    expect(await t.app.services.compliance.scrub()).toBe(1);
    expect(await leadByPhone('9811000007')).toMatchObject({ dnd: true, dndCategories: [3] });
    // The sweep remembers how far it got: leads unchanged since are not looked at again.
    expect(await t.app.services.compliance.scrub()).toBe(0);
    // A lead whose number changes to a listed one is caught by the next sweep.
    await importList('Phone,Preference\n9811000011,0\n');
    const changer = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Changer', phone: '9811000012' });
    expect(await t.app.services.compliance.scrub()).toBe(0);
    await t.app.services.leads.update(SYSTEM_ACTOR, changer.id, { phone: '9811000011' });
    expect(await t.app.services.compliance.scrub()).toBe(1);
    expect((await leadByPhone('9811000011')).dnd).toBe(true);
  });

  it('replaces the whole registry and clears leads no longer listed', async () => {
    const status = await importList('Phone,Preference\n9811000003,0\n', { replace: 'true' });
    expect(status.status).toBe('completed');
    expect((await leadByPhone('9811000001')).dnd).toBe(false);
    expect((await leadByPhone('9811000003')).dnd).toBe(true);
    const stats = (await t.request({ method: 'GET', url: '/api/v1/compliance/dnd', as: t.cast.admin })).json();
    expect(stats.entries).toBe(1);
  });

  it('refuses a list without a phone column, and non-admins', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/compliance/dnd/imports',
      as: t.cast.admin,
      ...multipart({}, { name: 'x.csv', content: 'Name,City\nA,B\n' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('no phone number column among Name, City');
    const mgr = await t.request({
      method: 'POST',
      url: '/api/v1/compliance/dnd/imports',
      as: t.cast.manager,
      ...multipart({}, { name: 'x.csv', content: 'Phone\n9811000001\n' }),
    });
    expect(mgr.statusCode).toBe(403);
  });
});

describe('consent notices and the widened ledger', () => {
  it('keep each notice by version, name it in the entries given under it, and record a legitimate use or a withdrawal', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Notice Reader', phone: '9811000099' });
    const publish = (textEn: string) =>
      t.request({
        method: 'POST',
        url: '/api/v1/compliance/notices',
        as: t.cast.admin,
        payload: { purpose: 'whatsapp', textEn, textHi: 'हम आपको व्हाट्सऐप पर संदेश भेजेंगे।' },
      });
    const first = await publish('We will message you on WhatsApp about admissions.');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ purpose: 'whatsapp', version: 1 });
    const second = (await publish('We will message you on WhatsApp about admissions and fees.')).json<{ id: string; version: number }>();
    expect(second.version).toBe(2);
    expect((await publish('short')).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/compliance/notices', as: t.cast.manager, payload: {} })).statusCode).toBe(403);
    const listed = (await t.request({ method: 'GET', url: '/api/v1/compliance/notices', as: t.cast.telecaller })).json<{ items: { version: number }[] }>();
    expect(listed.items.map((n) => n.version)).toEqual([2, 1]);

    const add = (payload: object) => t.request({ method: 'POST', url: `/api/v1/leads/${lead.id}/consents`, as: t.cast.admin, payload });
    const given = await add({ purpose: 'whatsapp', granted: true, channel: 'web_form', evidence: 'Form 7' });
    expect(given.json()).toMatchObject({ noticeId: second.id, noticeVersion: 2, lawfulBasis: 'consent' });
    const earlier = await add({ purpose: 'whatsapp', granted: true, channel: 'web_form', noticeId: first.json<{ id: string }>().id });
    expect(earlier.json()).toMatchObject({ noticeVersion: 1 });
    expect((await add({ purpose: 'email', granted: true, channel: 'email', noticeId: second.id })).json()).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    const basis = await add({
      purpose: 'calls',
      granted: true,
      channel: 'agent_confirmed',
      lawfulBasis: 'voluntarily_provided',
      evidence: 'Filled the enquiry form',
    });
    expect(basis.json()).toMatchObject({ lawfulBasis: 'voluntarily_provided', noticeId: null });
    const withdrawn = await add({ purpose: 'whatsapp', granted: false, channel: 'call' });
    expect(withdrawn.json()).toMatchObject({ granted: false, noticeId: null });
    expect(await t.app.services.consents.granted(lead.id, 'whatsapp')).toBe(false);
    expect(await t.app.services.consents.granted(lead.id, 'calls')).toBe(true);
  });
});
