/**
 * Settings > Sources against a local stand-in of the Laravel CRM: an admin syncs on demand, sees
 * the counts, the run in the history and the record the CRM sent with a bad phone, then links a
 * CRM user to a TeleHub user. A second sync after a change in the CRM updates the lead.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmStandin } from '../apps/server/src/modules/sources/testing/crm-standin.js';
import { apiAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness, tallShot } from './harness.js';

let h: Harness;
let crm: CrmStandin;

beforeAll(async () => {
  crm = await new CrmStandin().start();
  crm.put(
    { id: 101, name: 'Meera Pillai', phone: '9447012345', email: 'meera.p@example.org', status: 'new', updated_at: '2026-11-20 10:15:00' },
    { id: 102, name: 'Arjun Sethi', phone: '+91 98100 55501', email: null, status: 'interested', updated_at: '2026-11-21 09:00:00' },
    { id: 103, name: 'गौरव मिश्रा', phone: '0522-2612345', email: null, status: 'new', updated_at: '2026-11-22 16:45:00' },
    { id: 104, name: 'No Phone Person', phone: '12345', email: null, status: 'new', updated_at: '2026-11-23 11:30:00' },
  );
  crm.users = [
    { id: 7, name: 'Sunita Rao (CRM)', email: 'sunita.crm@example.org' },
    { id: 8, name: 'Farhan Ali (CRM)', email: null },
  ];
  // A long interval: only the button starts a run while the test watches.
  h = await startHarness({
    env: { LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token, LARAVEL_SYNC_INTERVAL: '86400', LARAVEL_CRM_RETRIES: '2', LARAVEL_CRM_TIMEOUT: '3' },
  });
});

afterAll(async () => {
  await h?.close();
  await crm?.stop();
});

const laravelCard = (page: Page) => page.getByRole('region', { name: 'Laravel CRM' });

describe('Settings > Sources with the Laravel CRM', () => {
  it('an admin syncs on demand, reads the counts and history, and links a CRM user', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/sources`);
    const card = laravelCard(page);
    expect(await card.getByText('Not configured').count()).toBe(0);
    // The legacy MySQL card is off on this server and says which variable turns it on.
    await page.getByRole('region', { name: 'Legacy MySQL' }).getByText('LEGACY_MYSQL_URL', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Sync now' }).click();
    const done = card.getByText('Sync finished.');
    await done.waitFor();
    // Four records: three new leads (a mobile, a +91 form, a Lucknow landline), one bad phone.
    await card.getByText('Fetched 4: 3 new, 0 updated, 0 unchanged, 1 failed.').waitFor();
    const history = page.getByRole('table', { name: /Sync history/ });
    await history.getByRole('row').nth(1).waitFor();
    expect(await history.getByRole('row').count()).toBe(2);

    const api = await apiAs(h, h.server.accounts.admin);
    const found = await api<{ items: { name: string; phone: string }[] }>('/leads?q=Meera%20Pillai');
    expect(found.items.map((l) => l.phone)).toContain('+919447012345');
    const landline = await api<{ items: { phone: string }[] }>('/leads?q=05222612345');
    expect(landline.items.map((l) => l.phone)).toContain('+915222612345');
    await tallShot(page, 'sources', 1300);

    // Link a CRM user to a TeleHub user: refresh from the CRM, pick one, and it stays after a reload.
    await page.getByRole('button', { name: 'Refresh from the CRM' }).click();
    const select = page.getByRole('combobox', { name: /Sunita Rao \(CRM\)/ });
    await select.waitFor();
    await select.click();
    const users = await api<{ items: { id: string; name: string; role: string }[] }>('/users?limit=100');
    const target = users.items.find((u) => u.role === 'telecaller');
    if (!target) throw new Error('the demo has no telecaller');
    await page.getByRole('option', { name: new RegExp(target.name) }).click();
    await expect
      .poll(
        async () =>
          (await api<{ items: { externalId: string; userId: string | null }[] }>('/sources/laravel/users')).items.find((u) => u.externalId === '7')?.userId,
      )
      .toBe(target.id);
    await page.reload();
    await expect.poll(async () => (await page.getByRole('combobox', { name: /Sunita Rao \(CRM\)/ }).textContent()) ?? '').toContain(target.name);

    // A change in the CRM reaches the lead on the next run.
    crm.put({ id: 102, name: 'Arjun Sethi', phone: '+91 98100 55501', email: 'arjun.s@example.org', status: 'interested', updated_at: '2026-11-24 12:00:00' });
    await laravelCard(page).getByRole('button', { name: 'Sync now' }).click();
    await laravelCard(page).getByText('Sync finished.').waitFor();
    await expect.poll(async () => (await api<{ items: { email: string | null }[] }>('/leads?q=Arjun%20Sethi')).items[0]?.email).toBe('arjun.s@example.org');
    await expect
      .poll(async () =>
        page
          .getByRole('table', { name: /Sync history/ })
          .getByRole('row')
          .count(),
      )
      .toBe(3);
    await context.close();
  });

  it('shows the failure and its cause when the CRM is down', async () => {
    await crm.stop();
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/sources`);
    await laravelCard(page).getByRole('button', { name: 'Sync now' }).click();
    const alert = laravelCard(page).getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await laravelCard(page).textContent()) ?? '').toContain('Last run failed');
    await shot(page, 'sources-failed');
    await context.close();
    await crm.start();
  });

  it('works at phone width', async () => {
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/sources`);
    await laravelCard(page).getByRole('button', { name: 'Sync now' }).waitFor();
    await shot(page, 'sources-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
