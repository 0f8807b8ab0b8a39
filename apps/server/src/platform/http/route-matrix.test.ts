/**
 * Every /api route, called by nobody and by every role, answers what it should. A new route
 * that is missing from this table fails the first test, so the matrix cannot fall behind.
 */
import type { Role } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '../../modules/calls/index.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { SYSTEM_ACTOR } from '../context.js';

let t: TestApp;
let seq = 0;
const MISSING = '00000000-0000-4000-8000-000000000000';
const phone = () => `+9198${String(10_000_000 + ++seq * 7919).slice(-8)}`;

type Ctx = { otherLead: string; ownLead: string; otherUser: string; otherTeam: string; campaign: string; freshLead(): Promise<string> };
type Row = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  url: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  cookie?: boolean;
  expect: { anon: number } & Record<Role, number>;
};

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/v1/auth/login',
    url: () => '/api/v1/auth/login',
    body: () => ({ email: 'x@test.example', password: 'wrong-password' }),
    expect: { anon: 401, admin: 401, manager: 401, telecaller: 401 },
  },
  { method: 'POST', route: '/api/v1/auth/refresh', url: () => '/api/v1/auth/refresh', expect: { anon: 401, admin: 401, manager: 401, telecaller: 401 } },
  { method: 'POST', route: '/api/v1/auth/logout', url: () => '/api/v1/auth/logout', expect: { anon: 204, admin: 204, manager: 204, telecaller: 204 } },
  { method: 'GET', route: '/api/v1/auth/me', url: () => '/api/v1/auth/me', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/users', url: () => '/api/v1/users', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/users',
    url: () => '/api/v1/users',
    body: () => ({ email: `u${++seq}@test.example`, name: 'New', role: 'telecaller', password: 'a-long-password' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  // The other team's telecaller: outside the manager's teams, so hidden from them.
  { method: 'GET', route: '/api/v1/users/:id', url: (c) => `/api/v1/users/${c.otherUser}`, expect: { anon: 401, admin: 200, manager: 404, telecaller: 403 } },
  {
    method: 'PATCH',
    route: '/api/v1/users/:id',
    url: (c) => `/api/v1/users/${c.otherUser}`,
    body: () => ({ name: `Renamed ${++seq}` }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/teams', url: () => '/api/v1/teams', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/teams',
    url: () => '/api/v1/teams',
    body: () => ({ name: `Team ${++seq}` }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/teams/:id',
    url: (c) => `/api/v1/teams/${c.otherTeam}`,
    body: () => ({ name: `Beta ${++seq}` }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/leads', url: () => '/api/v1/leads', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/leads/export', url: () => '/api/v1/leads/export', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/leads',
    url: () => '/api/v1/leads',
    body: () => ({ name: 'Matrix Lead', phone: phone() }),
    expect: { anon: 401, admin: 201, manager: 201, telecaller: 201 },
  },
  { method: 'GET', route: '/api/v1/leads/:id', url: (c) => `/api/v1/leads/${c.otherLead}`, expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 } },
  {
    method: 'PATCH',
    route: '/api/v1/leads/:id',
    url: (c) => `/api/v1/leads/${c.otherLead}`,
    body: () => ({ city: 'Pune' }),
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  { method: 'DELETE', route: '/api/v1/leads/:id', url: () => 'fresh', expect: { anon: 401, admin: 204, manager: 404, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/activities',
    url: (c) => `/api/v1/leads/${c.otherLead}/activities`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/notes',
    url: (c) => `/api/v1/leads/${c.otherLead}/notes`,
    body: () => ({ body: 'note' }),
    expect: { anon: 401, admin: 201, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/campaigns', url: () => '/api/v1/campaigns', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'POST',
    route: '/api/v1/campaigns',
    url: () => '/api/v1/campaigns',
    body: () => ({ name: `Campaign ${++seq}` }),
    expect: { anon: 401, admin: 201, manager: 201, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/campaigns/:id/leads',
    url: (c) => `/api/v1/campaigns/${c.campaign}/leads`,
    body: (c) => ({ leadIds: [c.ownLead] }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/audit', url: () => '/api/v1/audit', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/leads/duplicates', url: () => '/api/v1/leads/duplicates', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/leads/duplicates/dismiss',
    url: () => '/api/v1/leads/duplicates/dismiss',
    body: (c) => ({ leadIds: [c.ownLead, c.otherLead] }),
    expect: { anon: 401, admin: 204, manager: 204, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/duplicates',
    url: (c) => `/api/v1/leads/${c.ownLead}/duplicates`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/merge-preview',
    url: (c) => `/api/v1/leads/${c.ownLead}/merge-preview?otherId=${c.otherLead}`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/merge',
    url: (c) => `/api/v1/leads/${c.ownLead}/merge`,
    body: () => ({ otherId: MISSING }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/merges',
    url: (c) => `/api/v1/leads/${c.ownLead}/merges`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/merges/:mergeId/undo',
    url: () => `/api/v1/leads/merges/${MISSING}/undo`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/assignment/rules', url: () => '/api/v1/assignment/rules', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/assignment/rules',
    url: () => '/api/v1/assignment/rules',
    body: (c) => ({ name: `Rule ${++seq}`, teamId: c.otherTeam }),
    expect: { anon: 401, admin: 201, manager: 201, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/assignment/rules/:id',
    url: () => `/api/v1/assignment/rules/${MISSING}`,
    body: () => ({ active: false }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/assignment/rules/:id',
    url: () => `/api/v1/assignment/rules/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/assignment/run',
    url: () => '/api/v1/assignment/run',
    body: () => ({}),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/assign',
    url: () => '/api/v1/leads/assign',
    body: (c) => ({ leadIds: [c.otherLead], ownerId: c.otherUser }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/compliance/dnd/imports',
    url: () => '/api/v1/compliance/dnd/imports',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/imports',
    url: () => '/api/v1/compliance/dnd/imports',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/imports/:id',
    url: () => `/api/v1/compliance/dnd/imports/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/compliance/dnd', url: () => '/api/v1/compliance/dnd', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/check',
    url: () => '/api/v1/compliance/dnd/check?phone=9876543210',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  // Imports: uploads are checked in imports.test.ts; here a JSON body answers 415 (multipart needed) past the role check.
  {
    method: 'POST',
    route: '/api/v1/imports',
    url: () => '/api/v1/imports',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 415, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/imports/preview',
    url: () => '/api/v1/imports/preview',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 415, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/imports/:id/start',
    url: () => `/api/v1/imports/${MISSING}/start`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/imports', url: () => '/api/v1/imports', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/imports/:id', url: () => `/api/v1/imports/${MISSING}`, expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/imports/:id/rejects.csv',
    url: () => `/api/v1/imports/${MISSING}/rejects.csv`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  // Sources: admin only. No connector is configured here, so running one answers 409 SOURCE_NOT_CONFIGURED.
  { method: 'GET', route: '/api/v1/sources', url: () => '/api/v1/sources', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/sources/:source/runs',
    url: () => '/api/v1/sources/laravel/runs',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/laravel/sync',
    url: () => '/api/v1/sources/laravel/sync',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/sources/laravel/users',
    url: () => '/api/v1/sources/laravel/users',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/laravel/users/refresh',
    url: () => '/api/v1/sources/laravel/users/refresh',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/sources/laravel/users/:externalId',
    url: () => '/api/v1/sources/laravel/users/4242',
    body: () => ({ userId: null }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/sources/mysql/config',
    url: () => '/api/v1/sources/mysql/config',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/sources/mysql/config',
    url: () => '/api/v1/sources/mysql/config',
    body: () => ({ table: 'enquiries', idColumn: 'id', updatedAtColumn: 'updated_at', mapping: { name: 'full_name', phone: 'mobile_no' } }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/mysql/test',
    url: () => '/api/v1/sources/mysql/test',
    body: () => ({}),
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/mysql/sync',
    url: () => '/api/v1/sources/mysql/sync',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  // Calls: a missing lead or call answers 404 to everyone past the role check.
  {
    method: 'POST',
    route: '/api/v1/calls',
    url: () => '/api/v1/calls',
    body: () => ({ leadId: MISSING }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/calls', url: () => '/api/v1/calls', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/calls/:id', url: () => `/api/v1/calls/${MISSING}`, expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 } },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/hangup',
    url: () => `/api/v1/calls/${MISSING}/hangup`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/disposition',
    url: () => `/api/v1/calls/${MISSING}/disposition`,
    body: () => ({ disposition: 'interested' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/transcript',
    url: () => `/api/v1/calls/${MISSING}/transcript`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/recording',
    url: () => `/api/v1/calls/${MISSING}/recording`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/supervise',
    url: () => `/api/v1/calls/${MISSING}/supervise`,
    body: () => ({ mode: 'listen' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/consents',
    url: (c) => `/api/v1/leads/${c.otherLead}/consents`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/consents',
    url: (c) => `/api/v1/leads/${c.otherLead}/consents`,
    body: () => ({ purpose: 'calls', granted: true, channel: 'call' }),
    expect: { anon: 401, admin: 201, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/telephony', url: () => '/api/v1/telephony', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/dispositions', url: () => '/api/v1/dispositions', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/dispositions',
    url: () => '/api/v1/dispositions',
    body: () => ({ items: DEFAULT_DISPOSITIONS }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/workspace/next', url: () => '/api/v1/workspace/next', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/workspace/today', url: () => '/api/v1/workspace/today', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/callbacks', url: () => '/api/v1/callbacks', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PATCH',
    route: '/api/v1/callbacks/:id',
    url: () => `/api/v1/callbacks/${MISSING}`,
    body: () => ({ status: 'done' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/presence/me', url: () => '/api/v1/presence/me', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/presence/me',
    url: () => '/api/v1/presence/me',
    body: () => ({ state: 'available' }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/presence/:id/history',
    url: (c) => `/api/v1/presence/${c.otherUser}/history?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/alerts', url: () => '/api/v1/alerts', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/alerts/:id/acknowledge',
    url: () => `/api/v1/alerts/${MISSING}/acknowledge`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
];

let ctx: Ctx;
beforeAll(async () => {
  t = await createTestApp();
  const { leads, campaigns } = t.app.services;
  const make = async (ownerId: string | null) => (await leads.create(SYSTEM_ACTOR, { name: 'Lead', phone: phone(), ownerId })).id;
  ctx = {
    otherLead: await make(t.cast.otherTelecaller.id),
    ownLead: await make(t.cast.telecaller.id),
    otherUser: t.cast.otherTelecaller.id,
    otherTeam: t.cast.otherTeamId,
    campaign: (await campaigns.create(SYSTEM_ACTOR, { name: 'Matrix campaign' })).id,
    freshLead: () => make(t.cast.otherTelecaller.id),
  };
});
afterAll(() => t?.close());

describe('route-by-role matrix', () => {
  it('covers every registered /api route', () => {
    const registered = t.app.routeAuth.map((r) => `${r.method} ${r.url}`).sort();
    const covered = ROWS.map((r) => `${r.method} ${r.route}`).sort();
    expect(covered).toEqual(registered);
  });

  const who: ('anon' | Role)[] = ['anon', 'admin', 'manager', 'telecaller'];
  for (const row of ROWS) {
    it(`${row.method} ${row.route}: ${who.map((w) => `${w} ${row.expect[w]}`).join(', ')}`, async () => {
      const people: Record<Role, Person> = { admin: t.cast.admin, manager: t.cast.manager, telecaller: t.cast.telecaller };
      for (const w of who) {
        const url = row.url(ctx) === 'fresh' ? `/api/v1/leads/${await ctx.freshLead()}` : row.url(ctx);
        const res = await t.request({
          method: row.method,
          url,
          ...(row.body ? { payload: row.body(ctx) as object } : {}),
          as: w === 'anon' ? null : people[w],
        });
        expect({ who: w, status: res.statusCode }).toEqual({ who: w, status: row.expect[w] });
        if (res.statusCode >= 400) expect(res.json()).toMatchObject({ statusCode: res.statusCode, code: expect.any(String), message: expect.any(String) });
      }
    });
  }
});

describe('non-API paths', () => {
  it('answers health and readiness without a token', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('serves Prometheus metrics including request timings by route', async () => {
    await t.request({ method: 'GET', url: '/api/v1/leads', as: t.cast.admin });
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('telehub_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/v1/leads"');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('publishes the OpenAPI document with every API route', async () => {
    const res = await t.request({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of t.app.routeAuth) expect(Object.keys(doc.paths)).toContain(r.url.replace(/:(\w+)/g, '{$1}'));
    expect((await t.request({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nope', as: t.cast.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
