/**
 * TeleHub on a phone (390 px, a touch screen) and in Hindi: the language switch after sign-in, no
 * key caps where there is no keyboard, every page within the screen's width, day-first date fields
 * and times of day in Hindi words. One browser and one server for the file.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type Harness, PHONE, shot, signIn, startHarness } from './harness.js';

let h: Harness;
let leadId = '';

beforeAll(async () => {
  h = await startHarness({ leads: 60 });
  const get = await apiAs(h, h.server.accounts.admin);
  leadId = (await get<{ items: { id: string }[] }>('/leads?pageSize=1')).items[0]?.id ?? '';
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** A phone: small, touch only (the CSS sees a coarse pointer). */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'en-US', timezoneId: 'Asia/Kolkata' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** How far the page reaches past the screen's right edge, in px (0: it fits). */
const overflow = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

describe('on a phone', () => {
  it('a telecaller switches to Hindi from the menu, and sees no key caps', async () => {
    const { context, page } = await phone();
    await signIn(h, page, h.server.accounts.telecallers[0] ?? '');
    await page.goto(`${h.server.url}/workspace`);
    await page.locator('#ws-lead-name').waitFor();
    // Key caps and the shortcut legend are for keyboards: none shows on a touch screen.
    const shownKeys = await page.locator('kbd').evaluateAll((ks) => ks.filter((k) => (k as HTMLElement).offsetParent !== null).length);
    expect(shownKeys).toBe(0);
    await expect(page.getByRole('heading', { name: 'Keyboard shortcuts' }).isVisible()).resolves.toBe(false);

    await page.getByRole('button', { name: 'Open menu' }).tap();
    await page.getByRole('dialog').getByRole('button', { name: 'हिन्दी' }).tap();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hi');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'वर्कस्पेस' }).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, 'phone-workspace-hindi');
    await context.close();
  }, 120_000);

  it('every page an admin opens fits the screen', async () => {
    const { context, page } = await phone();
    await signIn(h, page, h.server.accounts.admin);
    const paths = [
      '/setup',
      '/command-center',
      '/leads',
      `/leads/${leadId}`,
      '/leads/import',
      '/leads/duplicates',
      '/calls',
      '/reports',
      '/coaching/review',
      '/team',
      '/campaigns',
      '/campaigns/new',
      '/campaigns/dispositions',
      '/settings/users',
      '/settings/teams',
      '/settings/assignment',
      '/settings/inbound-hours',
      '/settings/compliance/dnd',
      '/settings/sources',
      '/settings/lead-fields',
      '/settings/rules',
      '/settings/knowledge',
      '/settings/battlecards',
      '/settings/scorecards',
      '/settings/audit',
    ];
    const wide: string[] = [];
    for (const p of paths) {
      await page.goto(`${h.server.url}${p}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(300);
      const px = await overflow(page);
      if (px > 0) wide.push(`${p}: ${px} px too wide`);
    }
    expect(wide, wide.join('\n')).toEqual([]);
    await context.close();
  }, 240_000);

  it('in Hindi, a date is typed day first and the hours of the day are in Hindi words', async () => {
    const { context, page } = await phone();
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    await page.evaluate(() => localStorage.setItem('telehub.lang', 'hi'));
    // The browser says en-US; the audit of a manager is closed, so the call search's dates are used.
    await page.goto(`${h.server.url}/calls`);
    // On a phone the filters fold away behind their button.
    await page.locator('main button[aria-expanded][aria-controls]').first().tap();
    const from = page.locator('main input[placeholder="दिन/माह/वर्ष"]').first();
    await from.waitFor();
    await from.fill('05/11/2026');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2026-11-05');
    await from.fill('31/02/2026');
    await page.getByText('तारीख दिन/माह/वर्ष के रूप में लिखें', { exact: false }).first().waitFor();

    await page.goto(`${h.server.url}/command-center`);
    await page.locator('[data-hourly-measure="calls"] svg text').first().waitFor();
    const hours = await page.locator('[data-hourly-measure="calls"] svg text').allTextContents();
    expect(hours.join(' ')).not.toMatch(/\b(am|pm|AM|PM)\b/);
    expect(hours.join(' ')).toMatch(/सुबह|दोपहर|शाम|रात/);
    await context.close();
  }, 120_000);
});
