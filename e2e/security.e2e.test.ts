/**
 * The web app and the API reference under the production Content-Security-Policy, in Chromium:
 * sign-in, the lead pages, every settings page, the command center and the workspace with a
 * live call over the graphql-ws socket, and Swagger UI at /docs opened with an admin's token,
 * each without a single violation. A deliberate inline script proves violations are caught.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { CallPage, NextLead } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, signIn, startHarness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      NODE_ENV: 'production',
      TELEHUB_METRICS_TOKEN: 'e2e-metrics-token-0123456789abcdef',
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '5',
      TELEHUB_CALLING_HOURS: '00:00-24:00',
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/**
 * Every CSP violation the page reports, from the document's own event (set up before any script
 * of the page runs) and from the console, where Chromium also logs what it refused.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) logged.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
}

/** The policy the server sent with a page. */
async function policyOf(page: Page, url: string): Promise<string> {
  const res = await page.goto(url);
  return (await res?.headerValue('content-security-policy')) ?? '';
}

async function visit(page: Page, path: string, ready: (p: Page) => Promise<unknown>) {
  await page.goto(`${h.server.url}${path}`);
  await ready(page);
}

describe('the content security policy', () => {
  it('is sent, and a violation of it is caught', async () => {
    const { page, context } = await newPage(h, DESKTOP);
    const violations = await watchViolations(page);
    const policy = await policyOf(page, `${h.server.url}/sign-in`);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    await page.getByLabel('Email').waitFor();
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
    });
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await context.close();
  });

  it('lets an admin sign in and use the lead pages, the settings and the command center without a violation', async () => {
    const { page, context } = await newPage(h, DESKTOP);
    const violations = await watchViolations(page);
    await signIn(h, page, h.server.accounts.admin);
    await page.getByRole('table', { name: 'Leads' }).getByRole('link').first().click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.locator('h1').first().waitFor();
    const heading = (p: Page) => p.locator('h1').first().waitFor();
    for (const path of [
      '/leads/import',
      '/leads/duplicates',
      '/settings/users',
      '/settings/teams',
      '/settings/assignment',
      '/settings/compliance/dnd',
      '/settings/sources',
      '/settings/audit',
      '/reports',
    ]) {
      await visit(page, path, heading);
    }
    // A dialog and a select: both lock the page's scroll with a <style> element of their own.
    await visit(page, '/settings/users', (p) => p.getByRole('button', { name: 'Add user' }).click());
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The live board: its socket is open once the badge reads Live.
    await visit(page, '/command-center', (p) => p.getByRole('status').filter({ hasText: 'Live' }).waitFor());
    await page.getByRole('region', { name: 'Leaderboard' }).waitFor();
    expect(await violations()).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets a telecaller work a live call in the workspace and play its recording without a violation', async () => {
    const telecaller = h.server.accounts.telecallers[0] ?? '';
    const api = await apiClientAs(h, telecaller);
    const next = (await api<NextLead>('GET', '/workspace/next')).body.lead;
    if (!next) throw new Error('the demo telecaller has no lead in the queue');
    const { page, context } = await newPage(h, DESKTOP);
    const violations = await watchViolations(page);
    await signIn(h, page, telecaller);
    await visit(page, '/workspace', (p) => p.locator('#ws-lead-name').getByText(next.name, { exact: true }).waitFor());
    await page.getByRole('button', { name: 'Available' }).click();
    await expect.poll(() => page.locator('[data-presence]').getAttribute('data-presence')).toBe('available');
    // The call and its transcript arrive over the socket.
    await page.locator('h1').click();
    await page.keyboard.press('d');
    await page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').nth(1).waitFor({ timeout: 30_000 });
    await page.keyboard.press('h');
    await page.getByRole('form', { name: 'Wrap up' }).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-presence]').getAttribute('data-presence')).toBe('available');
    // The recording plays from a blob: URL (an <audio> element cannot send the bearer token).
    await expect.poll(async () => (await api<CallPage>('GET', `/calls?leadId=${next.id}`)).body.items[0]?.recordingAvailable, { timeout: 30_000 }).toBe(true);
    await visit(page, `/workspace?lead=${next.id}`, (p) => p.locator('#ws-lead-name').getByText(next.name, { exact: true }).waitFor());
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page
      .getByRole('button', { name: /^Play the recording of the call on / })
      .first()
      .click();
    await expect.poll(() => page.locator('audio').evaluate((el) => (el as HTMLAudioElement).duration)).toBeGreaterThan(1);
    expect(await violations()).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets an admin read the API reference at /docs without a violation', async () => {
    const login = await fetch(`${h.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: h.server.accounts.admin, password: h.server.accounts.password }),
    });
    const { accessToken: token } = (await login.json()) as { accessToken: string };
    // A browser cannot add a header to a page it opens: the operator's browser sends one for every request (an extension or a proxy does the same).
    const docs = await h.browser.newContext({ viewport: DESKTOP, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const reader = await docs.newPage();
    const docsViolations = await watchViolations(reader);
    const policy = await policyOf(reader, `${h.server.url}/docs/`);
    expect(policy).toContain("default-src 'self'");
    await reader.getByText('TeleHub API').first().waitFor();
    await reader.locator('.opblock').first().waitFor();
    await reader.locator('.opblock-summary').first().click();
    await reader.locator('.opblock-body').first().waitFor();
    expect(await docsViolations()).toEqual([]);
    await docs.close();
  }, 60_000);
});
