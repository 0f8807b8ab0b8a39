/**
 * The audit log through the API on a real database: entries name who acted and on what, filter by
 * person, action, area, record and period, page, export as CSV (itself audited), and one access
 * to a lead is one record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTIONS, type AuditPage } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
let priya: Person;
let rahulId: string;
beforeAll(async () => {
  // Calls are placed whatever the hour the suite runs at.
  t = await createTestApp({ env: { TELEHUB_CALLING_HOURS: '00:00-24:00' } });
  const u = await t.app.services.users.create(SYSTEM_ACTOR, {
    email: 'priya@test.example',
    name: 'Priya Sharma',
    role: 'telecaller',
    password: 'correct-horse-battery',
    teamId: t.cast.teamId,
  });
  priya = { id: u.id, email: u.email, role: 'telecaller', teamId: t.cast.teamId, token: await t.login('priya@test.example') };
  await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: priya, payload: { state: 'available' } });
  rahulId = (await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Rahul Verma', phone: '9610000001', ownerId: priya.id })).id;
});
afterAll(() => t?.close());

const audit = async (query: string, as = t.cast.admin) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/audit?${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>();
};
const actionsOf = (page: AuditPage) => page.items.map((i) => i.action);

describe('one record per access', () => {
  it('records one lead.read when the workspace shows a lead and the agent calls it', async () => {
    const next = await t.request({ method: 'GET', url: '/api/v1/workspace/next', as: priya });
    expect(next.json<{ lead: { id: string } | null }>().lead?.id).toBe(rahulId);
    const call = await t.request({ method: 'POST', url: '/api/v1/calls', as: priya, payload: { leadId: rahulId } });
    expect(call.statusCode, call.body).toBe(201);
    const callId = call.json<{ id: string }>().id;
    await t.request({ method: 'POST', url: `/api/v1/calls/${callId}/hangup`, as: priya });

    // Placing the call shows nothing of the lead: call.start names it, and that is the record.
    const reads = await audit(`action=lead.read&entityId=${rahulId}`);
    expect(reads.items.map((i) => i.actorName)).toEqual(['Priya Sharma']);
    const started = await audit(`action=call.start&entityId=${callId}`);
    expect(started.items).toHaveLength(1);

    // Opening the lead again is another access, and another record.
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${rahulId}`, as: priya })).statusCode).toBe(200);
    expect((await audit(`action=lead.read&entityId=${rahulId}`)).total).toBe(2);
  });
});

describe('readable entries', () => {
  it('name the actor and the record: a lead, a call by its lead, a user, a team and a campaign', async () => {
    const page = await audit(`actorId=${priya.id}&group=call`);
    const start = page.items.find((i) => i.action === 'call.start');
    expect(start).toMatchObject({ actorName: 'Priya Sharma', actorRole: 'telecaller', entityType: 'call', entityLabel: 'Rahul Verma' });

    const team = await t.request({ method: 'PATCH', url: `/api/v1/teams/${t.cast.teamId}`, as: t.cast.admin, payload: { name: 'Alpha North' } });
    expect(team.statusCode, team.body).toBe(200);
    const campaign = await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.admin, payload: { name: 'Diwali offers' } });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const mine = await audit(`actorId=${t.cast.admin.id}&pageSize=10`);
    const by = (action: string) => mine.items.find((i) => i.action === action);
    expect(by('team.update')).toMatchObject({ actorName: 'admin', entityLabel: 'Alpha North' });
    expect(by('campaign.create')).toMatchObject({ entityLabel: 'Diwali offers' });

    const created = await audit(`action=user.create&entityId=${priya.id}`);
    // Made by the system: no actor name, the user's name as the record.
    expect(created.items[0]).toMatchObject({ actorId: null, actorName: null, actorRole: 'system', entityLabel: 'Priya Sharma' });
    const failed = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@test.example', password: 'wrong-password-1' } });
    expect(failed.statusCode).toBe(401);
    const anon = await audit('action=auth.login_failed');
    expect(anon.items[0]).toMatchObject({ actorName: null, entityId: null, entityLabel: null });
  });

  it('lists every action the server records in the shared vocabulary (the web app has a sentence for each)', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('testing'),
    );
    const known = new Set<string>(AUDIT_ACTIONS);
    const missing: string[] = [];
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      if (!/audit\.record\(/.test(text)) continue;
      for (const m of text.matchAll(/action:\s*([^,\n]+)/g)) {
        const expr = m[1] ?? '';
        for (const code of expr.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) {
          seen++;
          if (!known.has(code[1] ?? '')) missing.push(`${file}: ${code[1]}`);
        }
        // `call.${mode}`: at least one known action starts so.
        for (const prefix of expr.matchAll(/`([a-z_.]+)\$\{/g)) {
          seen++;
          if (!AUDIT_ACTIONS.some((a) => a.startsWith(prefix[1] ?? '-'))) missing.push(`${file}: ${prefix[1]}…`);
        }
      }
    }
    expect(seen).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });
});

describe('filters', () => {
  it('narrow by person, action, area, record and period, and page', async () => {
    const reads = await audit(`actorId=${priya.id}&action=lead.read`);
    expect(reads.items.every((i) => i.actorId === priya.id && i.action === 'lead.read')).toBe(true);
    const calls = await audit(`actorId=${priya.id}&group=call`);
    expect(new Set(actionsOf(calls))).toEqual(new Set(['call.start', 'call.hangup']));
    const lead = await audit(`entityType=lead&entityId=${rahulId}`);
    expect(new Set(actionsOf(lead))).toEqual(new Set(['lead.read', 'lead.create']));
    expect(lead.items.every((i) => i.entityLabel === 'Rahul Verma')).toBe(true);

    const first = await audit(`entityId=${rahulId}&pageSize=1&page=1`);
    const second = await audit(`entityId=${rahulId}&pageSize=1&page=2`);
    expect([first.total, first.items.length, second.items.length]).toEqual([3, 1, 1]);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    const at = first.items[0]?.at ?? '';
    const justBefore = new Date(Date.parse(at) - 1).toISOString();
    const justAfter = new Date(Date.parse(at) + 1).toISOString();
    const window = await audit(`entityId=${rahulId}&from=${encodeURIComponent(justBefore)}&to=${encodeURIComponent(justAfter)}`);
    expect(window.items.map((i) => i.id)).toContain(first.items[0]?.id);
    const later = await audit(`entityId=${rahulId}&from=${encodeURIComponent(justAfter)}`);
    expect(later.total).toBe(0);
  });

  it('refuse bad values with a clear 400', async () => {
    const cases: [string, string][] = [
      ['actorId=42', 'Invalid query: actorId: must be a user id (a UUID)'],
      ['group=everything', 'Invalid query: group: must be one of: auth'],
      ['action=DROP%20TABLE', 'Invalid query: action: must be an action code such as lead.read'],
      ['entityType=Lead%3B', 'Invalid query: entityType: must be a record type such as lead or user'],
      ['from=yesterday', 'Invalid query: from: must be a date and time with its offset'],
      ['from=2025-02-01T00:00:00%2B05:30&to=2025-01-01T00:00:00%2B05:30', 'Invalid query: to: must be after from'],
      ['pageSize=500', 'Invalid query: pageSize'],
    ];
    for (const [query, message] of cases) {
      const res = await t.request({ method: 'GET', url: `/api/v1/audit?${query}`, as: t.cast.admin });
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toContain(message);
    }
    const csv = await t.request({ method: 'GET', url: '/api/v1/audit/export?format=xlsx', as: t.cast.admin });
    expect(csv.statusCode).toBe(400);
    expect(csv.json<{ message: string }>().message).toBe('Invalid query: format: must be csv');
  });
});

describe('export', () => {
  it('streams the filtered entries as CSV with names, formulas defused, and audits the export', async () => {
    const evil = await t.app.services.leads.create(SYSTEM_ACTOR, { name: '=HYPERLINK("http://x.example","click")', phone: '9610000002', ownerId: priya.id });
    expect((await t.request({ method: 'GET', url: `/api/v1/leads/${evil.id}`, as: priya })).statusCode).toBe(200);

    const res = await t.request({ method: 'GET', url: `/api/v1/audit/export?actorId=${priya.id}&group=lead&format=csv`, as: t.cast.admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="telehub-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('at,actor_id,actor_name,actor_role,action,entity_type,entity_id,entity_label,ip,details');
    const rows = lines.slice(1);
    expect(rows).toHaveLength(Number(res.headers['x-total-count']));
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.includes(',Priya Sharma,telecaller,lead.read,lead,'))).toBe(true);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(rows.some((r) => r.includes(',Rahul Verma,'))).toBe(true);

    const exported = await audit('action=audit.export');
    expect(exported.items[0]).toMatchObject({
      actorId: t.cast.admin.id,
      actorName: 'admin',
      entityType: 'audit',
      details: { filter: { actorId: priya.id, group: 'lead' }, rows: 3, format: 'csv' },
    });
  });

  it('is for admins only', async () => {
    for (const who of [t.cast.manager, t.cast.telecaller]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/audit/export', as: who })).statusCode).toBe(403);
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/audit/export' })).statusCode).toBe(401);
  });
});
