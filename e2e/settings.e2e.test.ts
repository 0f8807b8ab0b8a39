/**
 * Settings held in the product, end to end: an admin sets up the Laravel connector on Settings >
 * Sources (tried first against a stand-in of the CRM, a wrong token and a bad time zone refused on
 * their fields), then the assignment SLA and an alert threshold on Settings > Rules, and a second
 * server node on the same database follows without a restart: its sources show the connector on,
 * its assignment rules the new SLA, and a manager signed in there finds the stored threshold in
 * the command center's Alert thresholds (and a threshold saved there reaches the first node).
 * Then the Rules page in Hindi at phone width.
 * Build the web app first: `npm run build -w apps/web`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SourceList } from '@telehub/shared';
import type { FastifyInstance } from 'fastify';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { CrmStandin } from '../apps/server/src/modules/sources/testing/crm-standin.js';
import { createLogger } from '../apps/server/src/platform/logging.js';
import { WEB_DIST } from '../apps/server/src/test/server.js';
import { axeProblems, DESKTOP, type Harness, newPage, PHONE, SHOTS, shot, signIn, startHarness, tallShot } from './harness.js';

// The environment of both nodes: no CRM (the admin sets it up in the product), an idle threshold
// the product overrides, a sync interval long enough that only the test starts runs.
const ENV = { TELEHUB_ALERT_IDLE: '20m', LARAVEL_SYNC_INTERVAL: '86400' };

let h: Harness;
let crm: CrmStandin;
let nodeB: FastifyInstance;
let urlB: string;
const dataDirB = mkdtempSync(path.join(os.tmpdir(), 'telehub-settings-e2e-b-'));

beforeAll(async () => {
  crm = await new CrmStandin().start();
  crm.put(
    { id: 501, name: 'Ritika Sharma', phone: '9810012345', email: null, status: 'new', updated_at: '2026-11-20 10:15:00' },
    { id: 502, name: 'Imran Qureshi', phone: '9820012345', email: null, status: 'interested', updated_at: '2026-11-21 09:00:00' },
  );
  h = await startHarness({ leads: 60, env: ENV });
  // Node B: another server process's worth of app on the same database, serving the web app too.
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: WEB_DIST, TELEHUB_DATA_DIR: dataDirB, ...ENV });
  nodeB = await buildApp({ config, database: h.server.database, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  await nodeB.listen({ port: 0, host: '127.0.0.1' });
  const address = nodeB.server.address();
  if (!address || typeof address === 'string') throw new Error('node B has no port');
  urlB = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await nodeB?.close();
  await h?.close();
  await crm?.stop();
  rmSync(dataDirB, { recursive: true, force: true });
});

/** GET on node B as the admin (a token signed on one node holds on every node). */
async function onB<T>(pathAndQuery: string): Promise<T> {
  const login = await fetch(`${urlB}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: h.server.accounts.admin, password: h.server.accounts.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${urlB}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!res.ok) throw new Error(`node B: GET ${pathAndQuery}: ${res.status}`);
  return (await res.json()) as T;
}

/** One part of a long page, in a window tall enough to hold it all (so no header scrolls over it). */
async function regionShot(page: Page, region: Locator, name: string) {
  await page.setViewportSize({ width: DESKTOP.width, height: 4000 });
  const box = await region.boundingBox();
  if (!box) throw new Error(`${name}: not on the page`);
  await page.screenshot({
    path: `${SHOTS}${name}.png`,
    clip: { x: Math.max(0, box.x - 16), y: Math.max(0, box.y - 16), width: box.width + 32, height: box.height + 32 },
  });
  await page.setViewportSize(DESKTOP);
}

const connection = (page: Page, name: string) => page.getByRole('form', { name });
const group = (page: Page, name: string) => page.getByRole('region', { name });
const field = (page: Page, name: string) => page.locator(`[data-setting="${name}"]`);

describe('settings in the product, in force on a second node without a restart', () => {
  it('an admin sets up the CRM connector, the SLA and an alert threshold; node B follows', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/sources`);
    await page.getByRole('region', { name: 'Laravel CRM' }).getByText('Not configured').waitFor();

    // The connection: the address and a wrong token, tried first.
    const laravel = connection(page, 'Laravel CRM');
    await laravel.getByLabel('CRM address', { exact: true }).fill(crm.url);
    await laravel.getByLabel('API token', { exact: true }).fill('not-the-token');
    await laravel.getByRole('button', { name: 'Test connection' }).click();
    const result = laravel.locator('[data-test-result]');
    await result.filter({ hasText: 'Connection failed' }).waitFor();
    expect(await result.textContent()).toContain('401');
    // The right token passes, and says what it reached and how long it took.
    await laravel.getByLabel('API token', { exact: true }).fill(crm.token);
    await laravel.getByRole('button', { name: 'Test connection' }).click();
    await result.filter({ hasText: 'Connection works' }).waitFor();
    expect(await result.textContent()).toContain('The CRM answered: 2 leads on the first page');
    expect(await result.textContent()).toMatch(/\d+ ms/);

    // A time zone the server does not know is refused on its field, and nothing typed is lost.
    await laravel.getByLabel('Time zone of CRM times', { exact: true }).fill('Asia/Nowhere');
    await laravel.getByText('Unsaved changes').waitFor();
    await laravel.getByRole('button', { name: 'Save' }).click();
    await laravel.getByRole('alert').filter({ hasText: 'Not saved: fix the fields marked below.' }).waitFor();
    await field(page, 'LARAVEL_CRM_TIMEZONE').getByText('must be an IANA time zone such as Asia/Kolkata').waitFor();
    expect(await laravel.getByLabel('CRM address', { exact: true }).inputValue()).toBe(crm.url);
    expect(await laravel.getByLabel('API token', { exact: true }).inputValue()).toBe(crm.token);
    await laravel.getByLabel('Time zone of CRM times', { exact: true }).fill('Asia/Kolkata');
    await laravel.getByRole('button', { name: 'Save' }).click();
    await laravel.getByRole('status').filter({ hasText: 'Saved. The connector follows the new settings' }).waitFor();

    // The token is never shown again, only that it is set here; the card above turns on.
    expect(await laravel.getByLabel('API token', { exact: true }).inputValue()).toBe('');
    await field(page, 'LARAVEL_CRM_TOKEN').getByText('Set', { exact: true }).waitFor();
    await field(page, 'LARAVEL_CRM_TOKEN').getByText('Set here', { exact: true }).waitFor();
    await field(page, 'LARAVEL_CRM_URL')
      .getByText(/^Changed by .+, (now|.+ ago)$/)
      .waitFor();
    await field(page, 'LARAVEL_SYNC_INTERVAL').getByText('From the server environment', { exact: true }).waitFor();
    await expect.poll(async () => page.getByRole('region', { name: 'Laravel CRM' }).getByText('Not configured').count()).toBe(0);
    await regionShot(page, page.getByRole('region', { name: 'Connections' }), 'settings-connections');
    expect(await axeProblems(page)).toEqual([]);
    expect(await page.content()).not.toContain(crm.token);

    // Settings > Rules: the SLA to 2 hours, with the mouse.
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rules', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
    const workload = group(page, 'Workload');
    await workload.getByLabel('Reassign an unworked lead after', { exact: true }).fill('2');
    await workload.getByRole('combobox', { name: 'Reassign an unworked lead after: Unit' }).click();
    await page.getByRole('option', { name: 'hours' }).click();
    await workload.getByRole('button', { name: 'Save' }).click();
    await workload.getByRole('status').filter({ hasText: 'Saved. Every server node uses the new values within a few seconds.' }).waitFor();
    await field(page, 'TELEHUB_ASSIGNMENT_SLA').getByText('Set here', { exact: true }).waitFor();

    // A value the server would refuse is caught on its field; Discard brings back the one in force.
    const compliance = group(page, 'Compliance');
    await compliance.getByLabel('Dial attempts per lead per day', { exact: true }).fill('99');
    await compliance.getByRole('button', { name: 'Save' }).click();
    await field(page, 'TELEHUB_MAX_ATTEMPTS_PER_DAY').getByText('Enter a number from 1 to 50.').waitFor();
    await compliance.getByRole('button', { name: 'Discard changes' }).click();
    expect(await compliance.getByLabel('Dial attempts per lead per day', { exact: true }).inputValue()).toBe('3');

    // The idle alert to 10 minutes, by keyboard: type and press Enter.
    const alerts = group(page, 'Alerts');
    const idle = alerts.getByLabel('Idle telecaller', { exact: true });
    expect(await idle.inputValue()).toBe('20');
    await field(page, 'TELEHUB_ALERT_IDLE').getByText('From the server environment', { exact: true }).waitFor();
    await idle.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await alerts.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const idleField = field(page, 'TELEHUB_ALERT_IDLE');
    await idleField.getByText('Set here', { exact: true }).waitFor();
    await idleField.getByText('The server environment says 20 minutes').waitFor();
    await idleField.getByRole('button', { name: 'Use the environment’s value: Idle telecaller' }).waitFor();
    await tallShot(page, 'settings-rules', 2000);
    expect(await axeProblems(page)).toEqual([]);

    // In force here at once, and on node B within seconds, without a restart.
    expect(h.server.services.settings.inForce('TELEHUB_ALERT_IDLE')).toBe(600);
    await expect
      .poll(async () => (await onB<SourceList>('/sources')).items.find((s) => s.source === 'laravel')?.configured, { timeout: 15_000, interval: 500 })
      .toBe(true);
    await expect.poll(async () => (await onB<{ slaHours: number }>('/assignment/rules')).slaHours, { timeout: 15_000, interval: 500 }).toBe(2);
    expect(nodeB.services.settings.inForce('TELEHUB_ALERT_IDLE')).toBe(600);
    await context.close();
  });

  it('a manager on node B finds the stored threshold in the command center, and a change there reaches node A', async () => {
    const manager = h.server.accounts.managers[0] ?? '';
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, manager, urlB);
    await page.goto(`${urlB}/command-center`);
    await page.getByRole('button', { name: 'Alert thresholds' }).click();
    const dialog = page.getByRole('dialog', { name: 'Alert thresholds' });
    await dialog.getByText('apply on every server node within a few seconds').waitFor();
    const idle = dialog.getByLabel('Idle telecaller', { exact: true });
    await expect.poll(() => idle.inputValue()).toBe('10');
    expect(await dialog.getByRole('combobox', { name: 'Idle telecaller: Unit' }).textContent()).toBe('minutes');
    await field(page, 'TELEHUB_ALERT_IDLE').getByText('Set here', { exact: true }).waitFor();
    await field(page, 'TELEHUB_ALERT_CONNECT_DROP').getByText('Default', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Connect-rate drop', { exact: true }).inputValue()).toBe('50');
    await shot(page, 'command-center-thresholds');
    expect(await axeProblems(page)).toEqual([]);

    // The manager lengthens the break alert to 20 minutes here; node A takes it within seconds.
    await dialog.getByLabel('Long break', { exact: true }).fill('20');
    await dialog.getByText('Unsaved changes').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Saved. Every server node raises alerts by the new thresholds' }).waitFor();
    await expect.poll(() => h.server.services.settings.inForce('TELEHUB_ALERT_BREAK'), { timeout: 15_000, interval: 500 }).toBe(1200);

    // On a phone the dialog fits the screen, fields one under the other.
    await page.setViewportSize(PHONE);
    await dialog.getByLabel('Long break', { exact: true }).waitFor();
    expect(await dialog.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect((await dialog.boundingBox())?.width ?? 999).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('puts a threshold back to the environment’s value', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/rules`);
    const idleField = field(page, 'TELEHUB_ALERT_IDLE');
    await idleField.getByRole('button', { name: 'Use the environment’s value: Idle telecaller' }).click();
    await idleField.getByText('From the server environment', { exact: true }).waitFor();
    expect(await idleField.getByLabel('Idle telecaller', { exact: true }).inputValue()).toBe('20');
    expect(h.server.services.settings.inForce('TELEHUB_ALERT_IDLE')).toBe(1200);
    await context.close();
  });

  it('an admin writes a follow-up rule: brochure on WhatsApp when a call ends as Interested', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/followups`);
    await page.getByRole('heading', { level: 1, name: 'Follow-up sequences' }).waitFor();
    await page.getByText('No follow-up rules yet').waitFor();
    await page.getByRole('button', { name: 'New rule' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New follow-up rule' });
    // No messaging templates on this server: the template is typed, and the form says why.
    await dialog.getByText('Messaging lists no templates for this channel here', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.getByText('Give the rule a name').waitFor();
    await dialog.getByText('Choose at least one').waitFor();
    await dialog.getByText('Choose or type a template').waitFor();
    await dialog.getByLabel('Name', { exact: true }).fill('Interested: brochure');
    await dialog.getByLabel('Interested', { exact: true }).check();
    await dialog.getByLabel('Template name', { exact: true }).fill('course_brochure');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const steps = page.getByRole('list', { name: 'Steps of Interested: brochure' });
    await steps.getByText('course_brochure').waitFor();
    await steps.getByText('At once').waitFor();
    await shot(page, 'settings-followups');
    expect(await axeProblems(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('reads in Hindi and fits a phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, h.server.accounts.admin);
    await page.evaluate(() => localStorage.setItem('telehub.lang', 'hi'));
    await page.goto(`${h.server.url}/settings/rules`);
    await page.getByRole('heading', { level: 1, name: 'नियम' }).waitFor();
    const workload = group(page, 'काम का बँटवारा');
    await workload.getByText('जिस लीड पर काम न हो, उसे इतने समय बाद दोबारा सौंपें').waitFor();
    await field(page, 'TELEHUB_ASSIGNMENT_SLA').getByText('यहाँ तय किया गया', { exact: true }).waitFor();
    await group(page, 'अलर्ट').getByRole('combobox', { name: 'ख़ाली बैठा टेलीकॉलर: इकाई' }).getByText('मिनट').waitFor();
    await group(page, 'अनुपालन').getByRole('combobox', { name: 'हमारी TRAI श्रेणी' }).getByText('3 · शिक्षा').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'settings-rules-phone');
    expect(await axeProblems(page)).toEqual([]);

    // The connections fit too.
    await page.goto(`${h.server.url}/settings/sources`);
    await page.getByRole('heading', { level: 2, name: 'कनेक्शन' }).waitFor();
    await page.getByRole('form', { name: 'CRM (Laravel)' }).getByText('CRM के API को भेजा जाने वाला बेयरर टोकन', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
