/**
 * What every browser test shares: a real server with the demo organisation, headless Chromium,
 * and screenshots. `SCREENSHOTS=1 npx vitest run e2e` refreshes docs/screenshots; other runs
 * write to a temp folder so that running the tests never dirties the work tree.
 */
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestServer, type TestServer, WEB_DIST } from '../apps/server/src/test/server.js';

export const SHOTS =
  process.env.SCREENSHOTS === '1' ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url)) : path.join(os.tmpdir(), 'telehub-screenshots/');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export type Harness = { server: TestServer; browser: Browser; close(): Promise<void> };

export async function startHarness(opts: Parameters<typeof startTestServer>[0] = {}): Promise<Harness> {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error('Build the web app first: npm run build -w apps/web');
  mkdirSync(SHOTS, { recursive: true });
  const server = await startTestServer(opts);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function newPage(h: Harness, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport, locale: 'en-IN', timezoneId: 'Asia/Kolkata', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });

/** A long desktop page in one picture: a taller window (a full-page capture would cut the fixed sidebar). */
export async function tallShot(page: Page, name: string, height: number) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: before?.width ?? DESKTOP.width, height });
  await page.screenshot({ path: `${SHOTS}${name}.png` });
  if (before) await page.setViewportSize(before);
}

export const leadsTable = (page: Page) => page.getByRole('table', { name: 'Leads' });

/** Signs in through the sign-in page; `baseUrl` when the browser reaches the server another way (a relay). */
export async function signIn(h: Harness, page: Page, email: string, baseUrl = h.server.url) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(h.server.accounts.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Each role lands on its home (workspace, command center, or an admin's setup checklist); the tests start from the leads.
  await page.waitForURL(HOME);
  await page.goto(`${baseUrl}/leads`);
  await leadsTable(page).getByRole('link').first().waitFor();
}

/** The pages a role lands on after signing in. */
export const HOME = /\/(workspace|command-center|setup)(\?.*)?$/;

async function tokenFor(h: Harness, email: string): Promise<string> {
  const res = await fetch(`${h.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: h.server.accounts.password }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  return accessToken;
}

/** The API as a script would use it, for checks a person would not do through the screen. */
export async function apiAs(h: Harness, email: string) {
  const accessToken = await tokenFor(h, email);
  return async <T>(pathAndQuery: string): Promise<T> => {
    const r = await fetch(`${h.server.url}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!r.ok) throw new Error(`GET ${pathAndQuery}: ${r.status}`);
    return (await r.json()) as T;
  };
}

export type ApiAnswer<T> = { status: number; body: T };

/** Any request as a signed-in user (JSON or a multipart form in), answered with its status and JSON body. */
export async function apiClientAs(h: Harness, email: string) {
  const accessToken = await tokenFor(h, email);
  return async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', pathAndQuery: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
    const payload = body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body);
    if (typeof payload === 'string') headers['content-type'] = 'application/json';
    const r = await fetch(`${h.server.url}/api/v1${pathAndQuery}`, { method, headers, body: payload });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

/**
 * A TCP relay in front of the server, to cut the network between the browser and the server:
 * `cut()` drops every open connection and refuses new ones until `restore()`.
 */
export async function startRelay(target: string) {
  const { hostname, port } = new URL(target);
  const open = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      cut = true;
      for (const s of open) s.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** An accessibility rule broken on a page, as axe-core reports it: the rule, its impact, and where. */
export type AxeProblem = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) over the page as it is now and answers the serious and
 * critical problems. Waits first for loading placeholders to go, so it judges the page, not its skeleton.
 */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  await page
    // Skeletons (a pulsing block) and busy regions; a live badge pulses for good and is not waited for.
    .waitForFunction(() => document.querySelectorAll('[aria-busy="true"], span.block.animate-pulse').length === 0, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  // Evaluated rather than added as a script tag: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
