/**
 * Input no route can store: NUL and other control characters, unpaired surrogates, and JSON
 * nested thousands deep. Each is a 400 naming where it was, for every route at once (bodies,
 * forms, query strings, path parameters), and a GraphQL error on /graphql; never a 500.
 */
import { CreateLeadBody, UpdateLeadBody } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, gql } from '../../graphql/testing/gql.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

const TOKEN = 'exo-guard-token-4Yt9';
let t: TestApp;
let leadId = '';
beforeAll(async () => {
  t = await createTestApp({ env: { EXOTEL_WEBHOOK_TOKEN: TOKEN } });
  const res = await t.request({ method: 'POST', url: '/api/v1/leads', as: t.cast.admin, payload: { name: 'Guarded Lead', phone: '9833300001' } });
  leadId = res.json().id;
});
afterAll(() => t?.close());

/** `{"metadata": {"d": {"d": ... "bottom"}}}` as text: JSON.stringify itself overflows long before 5,000 levels. */
const deep = (levels: number) => `{"metadata":${'{"d":'.repeat(levels)}"bottom"${'}'.repeat(levels)}}`;
const json = { 'content-type': 'application/json' };

describe('control characters', () => {
  it('refuses a NUL in a lead name with a coded 400 naming the field', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/leads', as: t.cast.admin, payload: { name: 'Asha\u0000Rao', phone: '9833300002' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.name' }] });
    expect(res.json().message).toContain('body.name');
    expect(res.json().message).toContain('NUL');
  });

  it('finds it anywhere in the body, keys included, and other control characters too', async () => {
    const inKey = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${leadId}`,
      as: t.cast.admin,
      payload: { metadata: { crm: { 'br\u0000anch': 'x' } } },
    });
    expect(inKey.statusCode).toBe(400);
    expect(inKey.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.metadata.crm' }] });
    const bell = await t.request({ method: 'PATCH', url: `/api/v1/leads/${leadId}`, as: t.cast.admin, payload: { tags: ['ok', 'ding\u0007'] } });
    expect(bell.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.tags[1]' }] });
    const surrogate = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${leadId}`,
      as: t.cast.admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"city":"\\ud800x"}',
    });
    expect(surrogate.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.city' }] });
  });

  it('keeps tabs and line breaks in multi-line text', async () => {
    const res = await t.request({ method: 'POST', url: `/api/v1/leads/${leadId}/notes`, as: t.cast.admin, payload: { body: 'Line one\r\n\tLine two' } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses line breaks in one-line fields such as a name', async () => {
    const res = await t.request({ method: 'PATCH', url: `/api/v1/leads/${leadId}`, as: t.cast.admin, payload: { name: 'Two\nLines' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('name');
    expect(CreateLeadBody.safeParse({ name: 'Tab\there', phone: '9833300003' }).success).toBe(false);
    expect(UpdateLeadBody.safeParse({ name: 'NUL\u0000' }).success).toBe(false);
  });

  it('refuses a NUL in the search query and in a path parameter', async () => {
    const search = await t.request({ method: 'GET', url: '/api/v1/leads?q=Asha%00', as: t.cast.admin });
    expect(search.statusCode).toBe(400);
    expect(search.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'query.q' }] });
    const param = await t.request({ method: 'GET', url: '/api/v1/leads/%00', as: t.cast.admin });
    expect(param.statusCode).toBe(400);
    expect(param.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'params.id' }] });
  });

  it('refuses a NUL in a webhook field, form-encoded or JSON', async () => {
    const url = `/webhooks/exotel/status/${TOKEN}`;
    const form = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'CallSid=abc%00def&Status=completed',
    });
    expect(form.statusCode).toBe(400);
    expect(form.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.CallSid' }] });
    const json = await t.app.inject({ method: 'POST', url, payload: { CallSid: 'abc', Status: 'completed', CustomField: 'x\u0000' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'INVALID_CHARACTERS', details: [{ path: 'body.CustomField' }] });
  });

  it('answers GraphQL in its own shape: NUL in variables or in the document', async () => {
    const q = 'query($f: LeadFilter) { leads(filter: $f) { id } }';
    const vars = await gql(t.app, t.cast.admin.token, q, { f: { q: 'As\u0000ha' } });
    expect(vars.status).toBe(400);
    expect(vars.data).toBeNull();
    expect(vars.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', appCode: 'INVALID_CHARACTERS' });
    expect(vars.errors[0]?.message).toContain('variables.f.q');
    const literal = await gql(t.app, t.cast.admin.token, `mutation { updateLead(id: "${leadId}", input: { name: "As\\u0000ha" }) { id } }`);
    expect(literal.data).toBeNull();
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(literal.errors[0]?.extensions).toMatchObject({ appCode: 'INVALID_CHARACTERS' });
  });
});

describe('nesting', () => {
  it('refuses metadata nested 5,000 deep with a 400, not a stack overflow', async () => {
    const res = await t.request({ method: 'PATCH', url: `/api/v1/leads/${leadId}`, as: t.cast.admin, headers: json, payload: deep(5000) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_TOO_DEEP' });
    // Far deeper still.
    const raw = `{"metadata":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const text = await t.request({ method: 'PATCH', url: `/api/v1/leads/${leadId}`, as: t.cast.admin, headers: json, payload: raw });
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'INPUT_TOO_DEEP' });
    // Brackets inside strings are text, not nesting.
    const ok = await t.request({ method: 'PATCH', url: `/api/v1/leads/${leadId}`, as: t.cast.admin, payload: { city: '[['.repeat(40) } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
