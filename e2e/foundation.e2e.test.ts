/**
 * The web app against a real server and database: sign-in, lead search, lead detail and notes,
 * Hindi, sign-out, and the admin settings. With SCREENSHOTS=1 it refreshes docs/screenshots.
 * Build the web app first: `npm run build -w apps/web && npx vitest run e2e`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, WEB_DIST } from '../apps/server/src/test/server.js';

// `SCREENSHOTS=1 npx vitest run e2e` refreshes docs/screenshots; other runs write to a temp folder
// so that running the tests never dirties the work tree.
const SHOTS =
  process.env.SCREENSHOTS === '1' ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url)) : path.join(os.tmpdir(), 'telehub-screenshots/');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error('Build the web app first: npm run build -w apps/web');
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({
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
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(server.accounts.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(HOME);
  await page.goto(`${server.url}/leads`);
  await leadsTable(page).getByRole('link').first().waitFor();
}

const leadsTable = (page: Page) => page.getByRole('table', { name: 'Leads' });
/** The pages a role lands on after signing in. */
const HOME = /\/(workspace|command-center|setup)(\?.*)?$/;

/** The names in the list once it has settled on a search. */
async function settledNames(page: Page, accept: (names: string[]) => boolean): Promise<string[]> {
  let names: string[] = [];
  await expect
    .poll(
      async () => {
        if ((await leadsTable(page).getAttribute('aria-busy')) === 'true') return false;
        names = await leadsTable(page).getByRole('link').allTextContents();
        return accept(names);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return names;
}

describe('web app foundation', () => {
  it('a telecaller searches, opens a lead, adds a note, switches to Hindi and signs out', async () => {
    const { context, page } = await newPage(DESKTOP);
    await page.goto(`${server.url}/leads`);
    await page.waitForURL('**/sign-in?next=%2Fleads');
    await page.getByRole('heading', { name: 'Sign in to TeleHub' }).waitFor();
    await shot(page, 'sign-in');

    // A wrong password is explained, not swallowed.
    await page.getByLabel('Email').fill(server.accounts.telecallers[0] ?? '');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();

    await page.getByLabel('Password').fill(server.accounts.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/leads');
    const firstNames = await settledNames(page, (names) => names.length > 0);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).resolves.toEqual([
      'Workspace',
      'Leads',
      'Calls',
      'Inbox',
      // Their own telecaller report.
      'Reports',
      'Coaching',
    ]);
    await shot(page, 'leads-list');

    // A lead with some history (not new), named in Latin letters; part of its name typed as a person would.
    const rows = await leadsTable(page)
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => ({ name: tr.querySelector('a')?.textContent ?? '', status: tr.children[2]?.textContent ?? '' })));
    const latin = rows.filter((r) => /^[A-Za-z]{4,}\s/.test(r.name));
    const target = (latin.find((r) => r.status !== 'New') ?? latin[0])?.name ?? firstNames[0] ?? '';
    const part = target.split(/\s+/)[0]?.slice(0, 4) ?? '';
    const search = page.getByRole('searchbox', { name: 'Search leads' });
    await search.pressSequentially(part, { delay: 40 });
    const found = await settledNames(page, (names) => names.length > 0 && names.every((n) => n.toLowerCase().includes(part.toLowerCase())));
    expect(found).toContain(target);
    await page.waitForURL((u) => u.searchParams.get('q') === part);

    // The search survives a reload, because it lives in the address.
    await page.reload();
    await expect.poll(() => search.inputValue()).toBe(part);

    // The same lead by its phone digits, typed with other spacing than shown.
    const row = leadsTable(page)
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: target, exact: true }) });
    const shownPhone = (await row.getByRole('cell').nth(1).textContent()) ?? '';
    expect(shownPhone).toMatch(/^\+91 \d/);
    const digits = shownPhone.replace(/\D/g, '').slice(2);
    await search.fill('');
    await search.pressSequentially(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`, { delay: 30 });
    await settledNames(page, (names) => names.length === 1 && names[0] === target);
    await page.getByText('1 lead', { exact: true }).waitFor();

    await leadsTable(page).getByRole('link', { name: target }).click();
    await page.getByRole('heading', { level: 1, name: target }).waitFor();
    await page.getByRole('link', { name: `Call ${shownPhone}` }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().waitFor();

    const note = `Spoke to the parent; wants the Class 10 timings (${Date.now().toString(36)})`;
    const composer = page.getByLabel('Add a note');
    await composer.fill(note);
    await composer.press('Control+Enter');
    const newest = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first();
    await newest.getByText(note).waitFor();
    await expect(newest.textContent()).resolves.toContain('added a note');
    await expect.poll(() => composer.inputValue()).toBe('');
    await shot(page, 'lead-detail');

    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.getByRole('navigation', { name: 'मुख्य' }).getByRole('link', { name: 'लीड्स' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('hi');
    await page.getByRole('heading', { name: 'टाइमलाइन' }).waitFor();
    await page.getByRole('navigation', { name: 'मुख्य' }).getByRole('link', { name: 'लीड्स' }).click();
    await page.getByRole('heading', { level: 1, name: 'लीड्स' }).waitFor();
    await page.getByRole('table', { name: 'लीड्स' }).getByRole('link').first().waitFor();
    await page.getByRole('columnheader', { name: 'स्थिति' }).waitFor();
    await shot(page, 'leads-list-hi');

    await page.getByRole('button', { name: 'साइन आउट' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: 'TeleHub में साइन इन करें' }).waitFor();
    // The session is really over: the app sends a deep link back to sign-in.
    await page.goto(`${server.url}/leads`);
    await page.waitForURL('**/sign-in?next=%2Fleads');
    await context.close();
  }, 120_000);

  it('each role lands on its home: a telecaller the workspace, a manager the command center, an admin the setup checklist until the organisation is set up', async () => {
    const landing = async (email: string, size = DESKTOP) => {
      const { context, page } = await newPage(size);
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(server.accounts.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(HOME);
      return { context, page, path: new URL(page.url()).pathname };
    };
    const telecaller = await landing(server.accounts.telecallers[0] ?? '');
    expect(telecaller.path).toBe('/workspace');
    await telecaller.context.close();
    const manager = await landing(server.accounts.managers[0] ?? '');
    expect(manager.path).toBe('/command-center');
    await manager.context.close();
    // The demo organisation has teams, telecallers and leads: its admin goes to the floor, and the checklist stays at /setup.
    const admin = await landing(server.accounts.admin);
    expect(admin.path).toBe('/command-center');
    await admin.page.goto(`${server.url}/setup`);
    const teams = admin.page.locator('[data-step="teams"]');
    await expect.poll(() => teams.getAttribute('data-done')).toBe('true');
    await expect(admin.page.locator('[data-step="telephony"]').getAttribute('data-done')).resolves.toBe('false');
    await admin.page.getByText('Your organisation is set up.').waitFor();
    await shot(admin.page, 'setup', true);
    await admin.context.close();
    const phone = await landing(server.accounts.admin, PHONE);
    await phone.page.goto(`${server.url}/setup`);
    await phone.page.locator('[data-step="sources"]').waitFor();
    await expect(phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await shot(phone.page, 'setup-phone', true);
    await phone.context.close();
  });

  it('an admin opens Settings: users, teams and the audit log', async () => {
    const { context, page } = await newPage(DESKTOP);
    await signIn(page, server.accounts.admin);
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    await page.getByRole('columnheader', { name: 'Owner' }).waitFor();
    await shot(page, 'leads-list-admin');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/settings/users');
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByText(server.accounts.admin).waitFor();
    await users.getByText('Pooja Sharma').waitFor();
    await shot(page, 'users-admin');

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Full name').fill('Anjali Desai');
    await dialog.getByLabel('Email').fill(server.accounts.admin);
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('The password must be at least 10 characters.').waitFor();
    await dialog.getByLabel('Password').fill('a-long-enough-password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('A user with this email already exists.').waitFor();
    await shot(page, 'users-create-dialog');
    await dialog.getByLabel('Email').fill('anjali.desai@telehub.example');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await users.getByText('anjali.desai@telehub.example').waitFor();

    // The last admin cannot demote themselves; the server's rule is explained in words.
    await page.getByRole('button', { name: 'Edit Asha Kapoor' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Asha Kapoor' });
    await edit.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('alert').filter({ hasText: 'This is the last active admin.' }).waitFor();
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('table', { name: 'Teams' }).getByRole('row').nth(1).waitFor();
    await shot(page, 'teams');

    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Audit log' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.getByText('Created user').first().waitFor();
    await shot(page, 'audit-log');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('tablist', { name: 'Reports' }).getByRole('tab', { name: 'Funnel', selected: true }).waitFor();
    await context.close();
  }, 120_000);

  it('works at phone width', async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to TeleHub' }).waitFor();
    await shot(page, 'sign-in-phone');
    await signIn(page, server.accounts.telecallers[1] ?? '');
    await shot(page, 'leads-list-phone');

    await page.getByRole('button', { name: 'Open menu' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: 'Workspace' }).waitFor();
    await shot(page, 'menu-phone');
    await drawer.getByRole('link', { name: 'Workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workspace' }).waitFor();

    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Leads' }).click();
    await leadsTable(page).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().waitFor();
    await shot(page, 'lead-detail-phone', true);

    await page.goto(`${server.url}/leads/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor();
    await context.close();
  }, 120_000);
});
