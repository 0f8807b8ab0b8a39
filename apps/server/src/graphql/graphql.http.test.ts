/**
 * GraphQL over HTTP on a real database: authentication, leads and their scoping, input errors,
 * the error mapping, and the depth and cost limits.
 */
import type { Lead } from '@telehub/shared';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { LIMITS } from './limits.js';
import { codes, gql, gqlData } from './testing/gql.js';

let t: TestApp;
let mine: Lead;
let theirs: Lead;
beforeAll(async () => {
  t = await createTestApp({ env: { TELEHUB_CALLING_HOURS: '00:00-24:00' } });
  const make = (name: string, phone: string, ownerId: string | null) =>
    t.app.services.leads.create(SYSTEM_ACTOR, { name, phone, ownerId, email: `${name.toLowerCase().replace(/\W/g, '')}@lead.example`, tags: ['mba'] });
  mine = await make('Asha Rao', '9810000001', t.cast.telecaller.id);
  theirs = await make('Vikram Shah', '9810000002', t.cast.otherTelecaller.id);
  await make('Unowned Lead', '9810000003', null);
});
afterAll(() => t?.close());

const LEADS = 'query($f: LeadFilter) { leads(filter: $f) { id name phone email status score tags assignedTo { id name email role team { name } } } }';
type LeadsData = {
  leads: {
    id: string;
    name: string;
    status: string;
    assignedTo: { id: string; name: string; email: string | null; role: string; team: { name: string } | null } | null;
  }[];
};

describe('authentication', () => {
  it('refuses a request without a token, or with a bad one, as UNAUTHENTICATED with 401', async () => {
    for (const token of [null, 'not-a-jwt']) {
      const r = await gql(t.app, token, '{ leads { id } }');
      expect(r.status).toBe(401);
      expect(r.data).toBeNull();
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('takes the bearer token on GET as well, and refuses mutations there', async () => {
    const get = (query: string) =>
      t.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(query)}`, headers: { authorization: `Bearer ${t.cast.telecaller.token}` } });
    const ok = await get('{ leads { name } }');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ data: { leads: [{ name: 'Asha Rao' }] } });
    expect((await get(`mutation { updateLead(id: "${mine.id}", input: { city: "Pune" }) { id } }`)).statusCode).toBe(405);
  });

  it('serves GraphiQL outside production only, and stays out of the REST OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(200);
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>().paths);
    expect(paths.filter((p) => p.startsWith('/graph'))).toEqual([]);
    const prod = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      expect((await prod.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
      expect((await gql(prod.app, prod.cast.admin.token, '{ teamStatus { updatedAt } }')).errors).toEqual([]);
    } finally {
      await prod.close();
    }
  });

  it('keeps introspection, including the full query tools send', async () => {
    const r = await gql<{ __schema: { types: unknown[] } }>(t.app, t.cast.telecaller.token, getIntrospectionQuery());
    expect(r.errors).toEqual([]);
    expect(r.data?.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('leads', () => {
  it('shows a telecaller only their own leads, whatever the filter asks', async () => {
    const d = await gqlData<LeadsData>(t.app, t.cast.telecaller.token, LEADS);
    expect(d.leads.map((l) => l.name)).toEqual(['Asha Rao']);
    expect(d.leads[0]).toMatchObject({
      status: 'NEW',
      assignedTo: { id: t.cast.telecaller.id, email: 'caller@test.example', role: 'TELECALLER', team: { name: 'Alpha' } },
    });
    const asked = await gqlData<LeadsData>(t.app, t.cast.telecaller.token, LEADS, { f: { ownerId: t.cast.otherTelecaller.id } });
    expect(asked.leads).toEqual([]);
  });

  it('shows an admin every lead and a manager their teams’ and the unassigned, filtered and sorted as REST does', async () => {
    const all = await gqlData<LeadsData>(t.app, t.cast.admin.token, LEADS, { f: { sort: 'NAME' } });
    expect(all.leads.map((l) => l.name)).toEqual(['Asha Rao', 'Unowned Lead', 'Vikram Shah']);
    const other = all.leads.find((l) => l.name === 'Vikram Shah');
    // Staff see any user's email and team.
    expect(other?.assignedTo).toMatchObject({ email: 'caller2@test.example', team: { name: 'Beta' } });
    // Vikram Shah belongs to the other team's telecaller: outside this manager's teams, even when asked for.
    const managers = await gqlData<LeadsData>(t.app, t.cast.manager.token, LEADS, { f: { sort: 'NAME' } });
    expect(managers.leads.map((l) => l.name)).toEqual(['Asha Rao', 'Unowned Lead']);
    const asked = await gqlData<LeadsData>(t.app, t.cast.manager.token, LEADS, { f: { ownerId: t.cast.otherTelecaller.id } });
    expect(asked.leads).toEqual([]);
    const q = await gqlData<LeadsData>(t.app, t.cast.admin.token, LEADS, { f: { q: '98100 00002' } });
    expect(q.leads.map((l) => l.name)).toEqual(['Vikram Shah']);
    const unassigned = await gqlData<LeadsData>(t.app, t.cast.admin.token, LEADS, { f: { ownerId: 'unassigned', status: ['NEW', 'CONTACTED'] } });
    expect(unassigned.leads.map((l) => l.name)).toEqual(['Unowned Lead']);
    const paged = await gqlData<LeadsData>(t.app, t.cast.admin.token, LEADS, { f: { sort: 'NAME_DESC', page: 2, pageSize: 2 } });
    expect(paged.leads.map((l) => l.name)).toEqual(['Asha Rao']);
  });

  it('answers bad filters with BAD_USER_INPUT naming the field', async () => {
    const big = await gql(t.app, t.cast.admin.token, LEADS, { f: { pageSize: 500 } });
    expect(codes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.errors[0]?.message).toMatch(/^filter\.pageSize: /);
    const camp = await gql(t.app, t.cast.admin.token, LEADS, { f: { campaignId: 'nope' } });
    expect(camp.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', appCode: 'VALIDATION_FAILED', details: [{ path: 'filter.campaignId' }] } });
    const enumWrong = await gql(t.app, t.cast.admin.token, LEADS, { f: { status: ['new'] } });
    expect(codes(enumWrong)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('updateLead', () => {
  const UPDATE = 'mutation($id: ID!, $input: LeadInput!) { updateLead(id: $id, input: $input) { id status city tags email assignedTo { id } } }';

  it('lets a telecaller change their lead, with enum values upper-cased both ways', async () => {
    const d = await gqlData<{ updateLead: { status: string; city: string; tags: string[] } }>(t.app, t.cast.telecaller.token, UPDATE, {
      id: mine.id,
      input: { status: 'NOT_INTERESTED', city: 'Pune', tags: ['mba', 'evening'] },
    });
    expect(d.updateLead).toMatchObject({ status: 'NOT_INTERESTED', city: 'Pune', tags: ['mba', 'evening'] });
    expect((await t.app.services.leads.get(SYSTEM_ACTOR, mine.id)).status).toBe('not_interested');
  });

  it('clears a field given an explicit null', async () => {
    const d = await gqlData<{ updateLead: { email: string | null } }>(t.app, t.cast.telecaller.token, UPDATE, { id: mine.id, input: { email: null } });
    expect(d.updateLead.email).toBeNull();
  });

  it('keeps the REST rules: NOT_FOUND for a lead not theirs, FORBIDDEN for ownerId, BAD_USER_INPUT for bad values', async () => {
    const other = await gql(t.app, t.cast.telecaller.token, UPDATE, { id: theirs.id, input: { city: 'Delhi' } });
    expect(other.errors[0]).toMatchObject({ message: 'Lead not found', extensions: { code: 'NOT_FOUND', appCode: 'LEAD_NOT_FOUND' } });
    const owner = await gql(t.app, t.cast.telecaller.token, UPDATE, { id: mine.id, input: { ownerId: t.cast.otherTelecaller.id } });
    expect(owner.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', appCode: 'LEAD_FIELD_FORBIDDEN' });
    const email = await gql(t.app, t.cast.telecaller.token, UPDATE, { id: mine.id, input: { email: 'not an email' } });
    expect(email.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', details: [{ path: 'input.email' }] } });
    const empty = await gql(t.app, t.cast.telecaller.token, UPDATE, { id: mine.id, input: {} });
    expect(empty.errors[0]?.message).toBe('input: nothing to update');
    const phone = await gql(t.app, t.cast.telecaller.token, UPDATE, { id: mine.id, input: { phone: '12' } });
    expect(phone.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gql(t.app, t.cast.admin.token, UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { city: 'X' } });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    const badId = await gql(t.app, t.cast.admin.token, UPDATE, { id: 'abc', input: { city: 'X' } });
    expect(badId.errors[0]?.message).toMatch(/^id: /);
  });

  it('lets a manager assign a lead within their teams, and no other', async () => {
    const d = await gqlData<{ updateLead: { assignedTo: { id: string } } }>(t.app, t.cast.manager.token, UPDATE, {
      id: mine.id,
      input: { ownerId: t.cast.manager.id },
    });
    expect(d.updateLead.assignedTo.id).toBe(t.cast.manager.id);
    const outside = await gql(t.app, t.cast.manager.token, UPDATE, { id: mine.id, input: { ownerId: t.cast.otherTelecaller.id } });
    expect(outside.errors[0]?.extensions).toMatchObject({ appCode: 'LEAD_OWNER_INVALID' });
    const theirLead = await gql(t.app, t.cast.manager.token, UPDATE, { id: theirs.id, input: { ownerId: t.cast.telecaller.id } });
    expect(theirLead.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    await t.app.services.leads.update(SYSTEM_ACTOR, mine.id, { ownerId: t.cast.telecaller.id });
  });
});

describe('errors', () => {
  it('reports schema mistakes as GRAPHQL_VALIDATION_FAILED and bad variables as BAD_USER_INPUT', async () => {
    const unknownField = await gql(t.app, t.cast.admin.token, '{ leads { nope } }');
    expect(unknownField.status).toBe(400);
    expect(codes(unknownField)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const syntax = await gql(t.app, t.cast.admin.token, '{ leads { ');
    expect(codes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const date = await gql(t.app, t.cast.admin.token, 'query($p: DateRange) { myPerformance(period: $p) { calls } }', { p: { from: 'yesterday' } });
    expect(codes(date)).toEqual(['BAD_USER_INPUT']);
    expect(date.errors[0]?.message).toContain('ISO 8601');
  });

  it('hides the message of a failure on our side, and of an outside service', async () => {
    const stats = t.app.services.analytics;
    const original = stats.myPerformance;
    try {
      stats.myPerformance = async () => {
        throw new Error('connection to 10.0.0.5 refused');
      };
      const internal = await gql(t.app, t.cast.admin.token, '{ myPerformance { calls } }');
      expect(internal.errors[0]).toMatchObject({
        message: 'Something went wrong on our side; it has been logged.',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      stats.myPerformance = async () => {
        throw new AppError('PROVIDER_FAILED', 'bad_gateway', 'vendor said: account 12345 suspended');
      };
      const gateway = await gql(t.app, t.cast.admin.token, '{ myPerformance { calls } }');
      expect(gateway.errors[0]?.extensions).toMatchObject({ code: 'PROVIDER_FAILED', status: 502 });
      expect(gateway.errors[0]?.message).not.toContain('12345');
    } finally {
      stats.myPerformance = original;
    }
  });
});

describe('limits', () => {
  it('refuses an operation nested deeper than the limit', async () => {
    let inner = 'id';
    // leads > calls > lead > calls > ... > id: 12 levels.
    for (let i = 0; i < 5; i++) inner = `calls(limit: 1) { lead { ${inner} } }`;
    const r = await gql(t.app, t.cast.admin.token, `query Deep { leads(filter: { pageSize: 1 }) { ${inner} } }`);
    expect(r.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP', depth: 12, maxDepth: LIMITS.maxDepth } });
    expect(r.data).toBeNull();
  });

  it('refuses an operation whose lists multiply past the cost limit, counting variables at their maximum', async () => {
    const wide = await gql(t.app, t.cast.admin.token, '{ leads(filter: { pageSize: 100 }) { calls(limit: 50) { lead { calls(limit: 50) { id } } } } }');
    expect(wide.errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: LIMITS.maxCost });
    const vars = await gql(t.app, t.cast.admin.token, 'query($n: Int) { leads(filter: { pageSize: $n }) { calls(limit: $n) { id status duration } } }', {
      n: 1,
    });
    expect(codes(vars)).toEqual(['QUERY_TOO_COMPLEX']);
    const fine = await gql(t.app, t.cast.admin.token, '{ leads(filter: { pageSize: 100 }) { id name assignedTo { name } calls(limit: 10) { id status } } }');
    expect(fine.errors).toEqual([]);
  });

  it('refuses 450 aliases of teamStatus before running any, and still answers the floor query', async () => {
    const floor = t.app.services.analytics;
    const original = floor.teamStatus;
    let runs = 0;
    try {
      floor.teamStatus = async (...args) => {
        runs++;
        return original(...args);
      };
      const aliases = Array.from({ length: 450 }, (_, i) => `t${i}: teamStatus { updatedAt }`).join(' ');
      const r = await gql(t.app, t.cast.admin.token, `{ ${aliases} }`);
      expect(r.status).toBe(400);
      expect(r.data).toBeNull();
      expect(codes(r)).toContain('QUERY_TOO_MANY_ALIASES');
      expect(r.errors.find((e) => e.extensions?.code === 'QUERY_TOO_MANY_ALIASES')?.message).toMatch(/450 aliases; the limit is \d+/);
      expect(runs).toBe(0);
      const ok = await gql(t.app, t.cast.admin.token, '{ teamStatus { updatedAt totals { agents } agents { state today { calls } } } teams { id } }');
      expect(ok.errors).toEqual([]);
      expect(runs).toBe(1);
    } finally {
      floor.teamStatus = original;
    }
  });

  it('prices introspection flat, so it cannot be multiplied by aliases', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ');
    expect(codes(await gql(t.app, t.cast.admin.token, `{ ${many} }`))).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
