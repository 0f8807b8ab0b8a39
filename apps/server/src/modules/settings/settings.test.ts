/**
 * Settings in the product: each overrides the environment's value of its variable, is checked
 * like the environment is, keeps secrets sealed, is audited, and is in force on every node
 * without a restart (here a second node on the same database, and Redis when REDIS_URL is set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SettingItem, SettingsAnswer } from '@telehub/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { redisProblem, TEST_REDIS_URL, testPrefix } from '../../platform/events/testing/redis.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { CrmStandin } from '../sources/testing/crm-standin.js';
import { settingOverrides } from './settings.tables.js';

const withRedis = Boolean(process.env.REDIS_URL) && (await redisProblem('settings on two nodes')) === null;
const redis: Record<string, string> = withRedis ? { REDIS_URL: TEST_REDIS_URL, TELEHUB_REDIS_PREFIX: testPrefix() } : {};
// The environment gives an idle threshold; everything else starts at its default.
const env = { ...redis, TELEHUB_ALERT_IDLE: '20m' };

let t: TestApp;
let b: FastifyInstance;
let crm: CrmStandin;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-settings-b-'));

beforeAll(async () => {
  crm = await new CrmStandin().start();
  crm.leads.set(1, { id: 1, name: 'Asha Verma', phone: '98765 00001', status: 'new', updated_at: '2025-01-02 10:00:00' });
  t = await createTestApp({ env });
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', TELEHUB_DATA_DIR: dataDir, ...env });
  b = await buildApp({ config, database: t.db.database, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  await b.ready();
  for (const app of [t.app, b]) await (app.services.bus as { ready?: () => Promise<void> }).ready?.();
});
afterAll(async () => {
  await b?.close();
  await t?.close();
  await crm?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const list = async (as = t.cast.admin) => (await t.request({ method: 'GET', url: '/api/v1/settings', as })).json<SettingsAnswer>();
const find = (answer: SettingsAnswer, name: string) => answer.items.find((i) => i.name === name) as SettingItem;
const patch = (values: Record<string, string | null>, as = t.cast.admin) => t.request({ method: 'PATCH', url: '/api/v1/settings', as, payload: { values } });
/** node B, as the admin (a token signed on one node holds on every node). */
const onB = (method: 'GET' | 'POST', url: string) => b.inject({ method, url, headers: { authorization: `Bearer ${t.cast.admin.token}` } });

describe('reading settings', () => {
  it('shows each value with where it comes from, and never a secret', async () => {
    const all = await list();
    expect(find(all, 'TELEHUB_ALERT_IDLE')).toMatchObject({ group: 'alerts', origin: 'environment', value: '20m', environmentValue: '20m' });
    expect(find(all, 'TELEHUB_ALERT_BREAK')).toMatchObject({ origin: 'default', value: '900', environmentValue: null, environmentSet: false });
    expect(find(all, 'TELEHUB_ASSIGNMENT_SLA')).toMatchObject({ group: 'workload', origin: 'default', value: '86400' });
    expect(find(all, 'LARAVEL_CRM_URL')).toMatchObject({ group: 'sources', origin: 'default', value: null, isSet: false });
    expect(find(all, 'LARAVEL_CRM_TOKEN')).toMatchObject({ secret: true, value: null, isSet: false });
    // The simulator has no account: no telephony settings (a Twilio or Exotel server lists its account's).
    expect(new Set(all.items.map((i) => i.group))).toEqual(new Set(['sources', 'workload', 'compliance', 'alerts']));
  });

  it('shows a manager the alert thresholds only, and a telecaller nothing', async () => {
    const mine = await list(t.cast.manager);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.group === 'alerts')).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/v1/settings', as: t.cast.telecaller })).statusCode).toBe(403);
  });
});

describe('changing settings', () => {
  it('refuses a value the environment would refuse, naming the setting, and stores nothing', async () => {
    const res = await patch({ TELEHUB_ALERT_BREAK: 'soon', TELEHUB_DND_CATEGORY: '9' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'SETTING_INVALID' });
    expect(res.json().details).toEqual(
      expect.arrayContaining([
        { path: 'TELEHUB_ALERT_BREAK', message: expect.stringContaining('duration') },
        { path: 'TELEHUB_DND_CATEGORY', message: 'must be a TRAI category 1-8' },
      ]),
    );
    expect((await patch({ UNKNOWN_THING: '1' })).json()).toMatchObject({ code: 'SETTING_UNKNOWN' });
    expect((await patch({ TELEHUB_PORT: '1' })).json()).toMatchObject({ code: 'SETTING_UNKNOWN' });
    expect(await t.app.services.settings.storedNames()).toEqual([]);
  });

  it('lets a manager change alert thresholds but nothing else', async () => {
    expect((await patch({ TELEHUB_ASSIGNMENT_SLA: '2h' }, t.cast.manager)).json()).toMatchObject({ code: 'SETTING_FORBIDDEN' });
    expect((await patch({ TELEHUB_ALERT_BREAK: '30m' }, t.cast.telecaller)).statusCode).toBe(403);
    const res = await patch({ TELEHUB_ALERT_BREAK: '30m' }, t.cast.manager);
    expect(res.statusCode).toBe(200);
    expect(find(res.json(), 'TELEHUB_ALERT_BREAK')).toMatchObject({ origin: 'stored', value: '30m', updatedBy: t.cast.manager.id });
    expect(t.app.services.settings.inForce('TELEHUB_ALERT_BREAK')).toBe(1800);
  });

  it('keeps a secret sealed, never answers it, and wants the token with the CRM address', async () => {
    const alone = await patch({ LARAVEL_CRM_URL: crm.url });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().details).toEqual([{ path: 'LARAVEL_CRM_TOKEN', message: 'required when LARAVEL_CRM_URL is set' }]);

    const res = await patch({ LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(crm.token);
    expect(find(res.json(), 'LARAVEL_CRM_TOKEN')).toMatchObject({ origin: 'stored', value: null, isSet: true });
    const [row] = await t.db.database.db.select().from(settingOverrides).where(eq(settingOverrides.name, 'LARAVEL_CRM_TOKEN'));
    expect(row?.value).toBeNull();
    expect(row?.sealed).toMatch(/^v1\./);
    expect(row?.sealed).not.toContain(crm.token);
  });

  it('records who changed what in the audit log, without secrets', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/audit?action=settings.update', as: t.cast.admin });
    const entries = res.json().items as { actorId: string; entityId: string; details: Record<string, unknown> }[];
    const sources = entries.find((e) => e.entityId === 'sources');
    expect(sources?.details).toEqual({ changes: { LARAVEL_CRM_URL: { from: null, to: crm.url }, LARAVEL_CRM_TOKEN: 'set' } });
    expect(JSON.stringify(entries)).not.toContain(crm.token);
    expect(entries.find((e) => e.entityId === 'alerts')).toMatchObject({
      actorId: t.cast.manager.id,
      details: { changes: { TELEHUB_ALERT_BREAK: { from: null, to: '30m' } } },
    });
  });

  it('goes back to the environment’s value when cleared', async () => {
    expect((await patch({ TELEHUB_ALERT_IDLE: '2m' })).statusCode).toBe(200);
    expect(t.app.services.settings.inForce('TELEHUB_ALERT_IDLE')).toBe(120);
    const res = await patch({ TELEHUB_ALERT_IDLE: null });
    expect(find(res.json(), 'TELEHUB_ALERT_IDLE')).toMatchObject({ origin: 'environment', value: '20m' });
    expect(t.app.services.settings.inForce('TELEHUB_ALERT_IDLE')).toBe(1200);
  });
});

describe('a change on one node, in force on another without a restart', () => {
  it('turns on the CRM connector there: node B syncs from the CRM an admin set up on node A', async () => {
    // Node A stored the CRM above; node B follows within seconds.
    await until('node B to see the CRM connector', async () => (await onB('GET', '/api/v1/sources')).json().items[0].configured === true, 8000);
    const res = await onB('POST', '/api/v1/sources/laravel/sync');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 1, created: 1 });
  });

  it('moves the SLA and the alert thresholds there', async () => {
    expect((await onB('GET', '/api/v1/assignment/rules')).json().slaHours).toBe(24);
    expect((await patch({ TELEHUB_ASSIGNMENT_SLA: '2h', TELEHUB_ALERT_IDLE: '1h' })).statusCode).toBe(200);
    await until('node B to take the new SLA', async () => (await onB('GET', '/api/v1/assignment/rules')).json().slaHours === 2, 8000);

    // The cast's telecallers are available: idle half an hour on is under 1h, over 10m.
    const halfHourOn = new Date(Date.now() + 30 * 60_000);
    expect((await b.services.alerts.evaluate(halfHourOn)).raised).toBe(0);
    expect((await patch({ TELEHUB_ALERT_IDLE: '10m' })).statusCode).toBe(200);
    await until('node B to take the new idle threshold', async () => b.services.settings.inForce('TELEHUB_ALERT_IDLE') === 600, 8000);
    expect((await b.services.alerts.evaluate(halfHourOn)).raised).toBeGreaterThan(0);
  });

  it('moves the DND category there', async () => {
    expect((await patch({ TELEHUB_DND_CATEGORY: '5' })).statusCode).toBe(200);
    await until('node B to take the DND category', async () => (await onB('GET', '/api/v1/compliance/dnd')).json().category === 5, 8000);
  });
});

describe('testing a connector before saving it', () => {
  const test = (source: string, values: Record<string, string | null>, as = t.cast.admin) =>
    t.request({ method: 'POST', url: `/api/v1/sources/${source}/connection-test`, as, payload: { values } });

  it('reaches the CRM with the token in force when the form leaves it blank', async () => {
    const res = await test('laravel', { LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: '' });
    expect(res.json()).toMatchObject({ ok: true, message: expect.stringContaining('The CRM answered') });
  });

  it('says what went wrong with a wrong token, and stores nothing', async () => {
    const res = await test('laravel', { LARAVEL_CRM_TOKEN: 'wrong-token' });
    expect(res.json()).toMatchObject({ ok: false, message: expect.stringContaining('401') });
    expect(t.app.services.settings.inForce('LARAVEL_CRM_TOKEN')).toBe(crm.token);
  });

  it('refuses values that are not valid, and is for admins only', async () => {
    expect((await test('mysql', { LEGACY_MYSQL_URL: 'http://nope' })).json()).toMatchObject({ code: 'SETTING_INVALID' });
    expect((await test('laravel', {}, t.cast.manager)).statusCode).toBe(403);
  });

  it('tries a setting left blank as saving it would: the environment’s value, not the default', () => {
    const admin = { id: t.cast.admin.id, role: 'admin' as const, teamId: null };
    expect(t.app.services.settings.preview(admin, { TELEHUB_ALERT_IDLE: null })('TELEHUB_ALERT_IDLE')).toBe(1200);
    expect(t.app.services.settings.preview(admin, { TELEHUB_ALERT_BREAK: '' })('TELEHUB_ALERT_BREAK')).toBe(900);
  });

  it('says plainly when a database cannot be reached', async () => {
    const res = await test('mysql', { LEGACY_MYSQL_URL: 'mysql://nobody@127.0.0.1:1/none' });
    expect(res.json()).toMatchObject({ ok: false, message: expect.stringMatching(/ECONNREFUSED|connect/) });
  });
});
