/**
 * GraphQL keeps its schema to itself in production: introspection is refused and errors name no
 * field, type or value the client did not write ("Did you mean ...?"), over HTTP and over the
 * websocket alike; TELEHUB_GRAPHQL_INTROSPECTION=1 opens both, and outside production they stay.
 */
import { getIntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { codes, collect, gql, until, wsClient } from './testing/gql.js';

let prod: TestApp;
let dev: TestApp;
let url = '';
const clients: Client[] = [];
beforeAll(async () => {
  [prod, dev] = await Promise.all([createTestApp({ env: { NODE_ENV: 'production' } }), createTestApp()]);
  await prod.app.listen({ port: 0, host: '127.0.0.1' });
  const address = prod.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all([prod?.close(), dev?.close()]);
});

const INTROSPECTION = [getIntrospectionQuery(), '{ __schema { queryType { name } } }', '{ __type(name: "Lead") { fields { name } } }'];

/** Mistakes graphql-js answers with a suggestion: a field, an argument, a type and an enum value, each one letter off. */
const MISTAKES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ leadz { id } }' },
  { query: '{ leads { nam } }' },
  { query: '{ leads(filtr: {}) { id } }' },
  { query: 'query($f: LeadFiltr) { leads(filter: $f) { id } }' },
  { query: '{ leads(filter: { status: [NEWW] }) { id } }' },
  { query: 'query($s: [LeadStatus!]) { leads(filter: { status: $s }) { id } }', variables: { s: ['NEWW'] } },
];

describe('introspection', () => {
  it('is refused in production, over HTTP and over the websocket, while __typename still answers', async () => {
    for (const query of INTROSPECTION) {
      const r = await gql(prod.app, prod.cast.admin.token, query);
      expect(r.data).toBeNull();
      expect(codes(r)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors[0]?.message).toMatch(/introspection/i);
    }
    const typename = await gql<{ __typename: string }>(prod.app, prod.cast.admin.token, '{ __typename }');
    expect(typename).toMatchObject({ errors: [], data: { __typename: 'Query' } });

    const c = wsClient(url, { authorization: `Bearer ${prod.cast.admin.token}` });
    clients.push(c);
    // A query on the socket that fails validation is answered with mercurius' bare "Graphql validation error".
    const r = collect(c, '{ __schema { types { name } } }');
    await until('the refusal', () => r.errors.length > 0 || r.values.length > 0);
    expect(r.values).toEqual([]);
    expect(r.errors.length).toBeGreaterThan(0);
  });

  it('answers outside production, and in production when switched on', async () => {
    const on = await createTestApp({ env: { NODE_ENV: 'production', TELEHUB_GRAPHQL_INTROSPECTION: '1' } });
    try {
      for (const app of [dev, on]) {
        const r = await gql<{ __schema: { types: unknown[] } }>(app.app, app.cast.telecaller.token, getIntrospectionQuery());
        expect(r.errors).toEqual([]);
        expect(r.data?.__schema.types.length).toBeGreaterThan(20);
      }
      const hint = await gql(on.app, on.cast.admin.token, '{ leadz { id } }');
      expect(hint.errors[0]?.message).toContain('Did you mean "leads"');
    } finally {
      await on.close();
    }
  });
});

describe('suggestions in errors', () => {
  it('name nothing the client did not write in production, with the error still explained and coded', async () => {
    for (const { query, variables } of MISTAKES) {
      const r = await gql(prod.app, prod.cast.admin.token, query, variables);
      expect(r.errors.length, query).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(e.message, query).not.toMatch(/did you mean/i);
        expect(e.message, query).not.toMatch(/"(leads|name|filter|LeadFilter|NEW)"/);
        expect(e.extensions?.code, query).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
      }
    }
  });

  it('are left out over the websocket too', async () => {
    const c = wsClient(url, { authorization: `Bearer ${prod.cast.admin.token}` });
    clients.push(c);
    const sub = collect(c, 'subscription { callStatusChanged { statuz } }');
    const query = collect(c, '{ leads { nam } }');
    await until('both refusals', () => sub.errors.length > 0 && query.errors.length > 0);
    expect((sub.errors[0] as { message: string }[])[0]?.message).toBe('Cannot query field "statuz" on type "Call".');
    for (const r of [sub, query]) expect(JSON.stringify(r.errors)).not.toMatch(/did you mean/i);
  });

  it('stay outside production, where they help', async () => {
    const r = await gql(dev.app, dev.cast.admin.token, '{ leadz { id } }');
    expect(r.errors[0]?.message).toContain('Did you mean "leads"');
  });
});
