/**
 * Live assist in the browser, on the simulator and the demo data (with its battlecards): a call in
 * English raises a price objection and its battlecard appears beside the transcript; the same in
 * Hindi with the interface in Hindi, at phone width, where the Hindi battlecard is shown. No network and no language model.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { Lead, NextLead } from '@telehub/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness } from './harness.js';

let h: Harness;
let telecaller: string;
const leads: Lead[] = [];
const QUICK_CALLS = { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '5', TELEHUB_CALLING_HOURS: '00:00-24:00' };

const leadHeading = (page: Page, name: string) => page.locator('#ws-lead-name').getByText(name, { exact: true });
const priceCard = (page: Page) => page.locator('[data-card-key="objection:price"]');

beforeAll(async () => {
  h = await startHarness({ env: QUICK_CALLS });
  telecaller = h.server.accounts.telecallers[0] ?? '';
  const asTelecaller = await apiClientAs(h, telecaller);
  const asAdmin = await apiClientAs(h, h.server.accounts.admin);
  const a = await asTelecaller<NextLead>('GET', '/workspace/next');
  const b = await asTelecaller<NextLead>('GET', `/workspace/next?skip=${a.body.lead?.id}`);
  if (!a.body.lead || !b.body.lead) throw new Error('the demo telecaller has fewer than two leads in the queue');
  // At the desk: a dial while offline is refused.
  expect((await asTelecaller('PUT', '/presence/me', { state: 'available' })).status).toBe(200);
  // The simulator speaks the lead's language: the English call has "too expensive", the Hindi one "बहुत महंगा".
  for (const [lead, language] of [
    [a.body.lead, 'en'],
    [b.body.lead, 'hi'],
  ] as const) {
    const res = await asAdmin<Lead>('PATCH', `/leads/${lead.id}`, { language });
    expect(res.status).toBe(200);
    leads.push(res.body);
  }
}, 240_000);
afterAll(() => h?.close());

async function callAndWaitFor(page: Page, card: Locator, dial: string, hangUp: string) {
  await page.getByRole('button', { name: dial, exact: true }).click();
  await page
    .getByRole('list')
    .filter({ has: page.locator('li') })
    .first()
    .waitFor();
  await card.first().waitFor({ timeout: 45_000 });
  // Beside the live transcript, which holds the line that raised it.
  await expect(page.getByTestId('assist-panel').isVisible()).resolves.toBe(true);
  return async () => page.getByRole('button', { name: hangUp }).click();
}

describe('live assist', () => {
  it('shows the price battlecard beside the transcript when the lead says the fee is too expensive', async () => {
    const [lead] = leads;
    if (!lead) throw new Error('no lead');
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, telecaller);
    await page.goto(`${h.server.url}/workspace?lead=${lead.id}`);
    await leadHeading(page, lead.name).waitFor();
    await page.locator('[data-live="live"]').waitFor();
    const hangUp = await callAndWaitFor(page, priceCard(page), 'Dial', 'Hang up');
    const card = priceCard(page);
    await expect(card.textContent()).resolves.toMatch(/Price · \d+%/);
    // The demo's battlecard, not the plain advice.
    await expect(card.textContent()).resolves.toMatch(/scholarship|instalment/i);
    await page.locator('[data-card-kind="script"]').waitFor();
    await page.locator('[data-card-kind="sentiment"]').waitFor();
    await shot(page, 'workspace-assist');
    await hangUp();
    await page.getByRole('form', { name: 'Wrap up' }).waitFor();
    await page.keyboard.press('1');
    await page.getByRole('form', { name: 'Wrap up' }).getByRole('button', { name: 'Save', exact: true }).click();
    await context.close();
  }, 120_000);

  it('does the same in Hindi, on a phone', async () => {
    const lead = leads[1];
    if (!lead) throw new Error('no lead');
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, telecaller);
    await page.goto(`${h.server.url}/workspace?lead=${lead.id}`);
    await leadHeading(page, lead.name).waitFor();
    await page.locator('[data-live="live"]').waitFor();
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'वर्कस्पेस' }).waitFor();
    // A Hindi-speaking lead hears Hindi or Hinglish from the simulator; either raises an objection (price, timing or a callback).
    const objection = page.locator('[data-card-kind="objection"]');
    const hangUp = await callAndWaitFor(page, objection, 'डायल करें', 'कॉल काटें');
    await page.getByRole('heading', { name: 'लाइव सहायता' }).waitFor();
    await expect(objection.first().textContent()).resolves.toMatch(/(कीमत|समय|बाद में कॉल) · \d+%/);
    // The battlecard in Hindi: its words are in Devanagari.
    await expect(objection.first().locator('p').first().textContent()).resolves.toMatch(/[\u0900-\u097F]/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'workspace-assist-hi-phone', true);
    await hangUp();
    await context.close();
  }, 120_000);
});
