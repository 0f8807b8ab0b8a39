/**
 * The person's right to erasure, in the browser: an admin opens an erasure request from a lead's
 * page and completes it; afterwards nothing of the person reads back: the lead page says not
 * found, the leads search finds nothing, the call keeps no name or number, its recording answers
 * 404. Build the web app first: `npm run build -w apps/web`.
 */
import type { Call, CallWithLead, Lead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../apps/server/src/platform/testing/until.js';
import { apiClientAs, axeProblems, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    leads: 40,
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '40', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50' },
  });
});
afterAll(() => h?.close());

/** A call the telecaller makes to their own lead, talked, wrapped up and recorded. */
async function recordedCall(): Promise<{ lead: Lead; call: Call }> {
  const email = h.server.accounts.telecallers[0] ?? '';
  const as = await apiClientAs(h, email);
  const admin = await apiClientAs(h, h.server.accounts.admin);
  const lead = (await as<{ items: Lead[] }>('GET', '/leads?ownerId=me&pageSize=1')).body.items[0];
  if (!lead) throw new Error('the telecaller owns no lead');
  await as('PUT', '/presence/me', { state: 'available' });
  const started = await as<Call>('POST', '/calls', { leadId: lead.id });
  expect(started.status).toBe(201);
  const id = started.body.id;
  await until('talk', async () => (await as<{ items: unknown[] }>('GET', `/calls/${id}/transcript`)).body.items.length >= 2, 20_000);
  await as('POST', `/calls/${id}/hangup`, {});
  await until('the end', async () => (await as<Call>('GET', `/calls/${id}`)).body.wrapUpPending, 20_000);
  expect((await as('POST', `/calls/${id}/disposition`, { disposition: 'interested', notes: 'Sent the brochure' })).status).toBe(200);
  await until('the recording', async () => (await admin<Call>('GET', `/calls/${id}`)).body.recordingAvailable, 20_000);
  return { lead, call: started.body };
}

describe('erasure in the browser', () => {
  it('an admin erases a person from the lead page and nothing of them can be read back', async () => {
    const { lead, call } = await recordedCall();
    const admin = await apiClientAs(h, h.server.accounts.admin);
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);

    await page.goto(`${h.server.url}/leads/${lead.id}`);
    const panel = page.getByRole('region', { name: 'Consent and privacy' });
    await panel.getByRole('button', { name: 'Privacy request' }).click();
    const opening = page.getByRole('dialog', { name: 'Open a privacy request' });
    await opening.getByLabel('Type of request').click();
    await page.getByRole('option', { name: 'Erasure' }).click();
    await opening.getByLabel('What the person asked').fill('Please delete everything you hold about me');
    await opening.getByRole('button', { name: 'Open request' }).click();

    const request = page.getByRole('dialog', { name: 'Erasure request' });
    await request.getByText('Due').waitFor();
    await shot(page, 'privacy-erasure-request');
    await request.getByLabel('I understand this cannot be undone').check();
    await request.getByRole('button', { name: 'Erase the person' }).click();
    // The lead is gone at once: its page answers as for any missing lead.
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor();

    // The lead page, the search and the call keep nothing of the person.
    await page.reload();
    await page.getByRole('heading', { name: 'Lead not found' }).waitFor();
    await page.goto(`${h.server.url}/leads?q=${encodeURIComponent(lead.name)}`);
    await page.getByText('No leads match').waitFor();
    await page.goto(`${h.server.url}/calls/${call.id}`);
    await page.getByRole('heading').first().waitFor();
    await expect.poll(async () => (await page.content()).includes(lead.name) || (await page.content()).includes(lead.phone.slice(-5))).toBe(false);
    const after = await admin<CallWithLead>('GET', `/calls/${call.id}`);
    expect(after.body).toMatchObject({ leadName: 'Erased', leadPhone: '', notes: null, recordingAvailable: false });
    expect((await admin('GET', `/calls/${call.id}/recording`)).status).toBe(404);
    expect((await admin('GET', `/leads/${lead.id}`)).status).toBe(404);

    // The request stays on record, completed, with no name to show.
    await page.goto(`${h.server.url}/settings/privacy`);
    const requests = page.getByRole('region', { name: 'Requests' });
    await requests.getByText('Completed').first().waitFor();
    await expect.poll(async () => ((await requests.textContent()) ?? '').includes(lead.name)).toBe(false);
    await shot(page, 'privacy-page');
    expect(await axeProblems(page)).toEqual([]);

    // In Hindi on a phone: the page and a lead's privacy panel fit 390 px and pass axe.
    await page.setViewportSize(PHONE);
    await page.evaluate(() => localStorage.setItem('telehub.lang', 'hi'));
    const other = (await admin<{ items: Lead[] }>('GET', '/leads?pageSize=1')).body.items[0];
    for (const path of ['/settings/privacy', `/leads/${other?.id ?? ''}`]) {
      await page.goto(`${h.server.url}${path}`);
      await page.getByRole('heading', { name: path.startsWith('/settings') ? 'अनुरोध' : 'सहमति और निजता' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(await axeProblems(page)).toEqual([]);
    }
    await page.getByRole('region', { name: 'सहमति और निजता' }).scrollIntoViewIfNeeded();
    await shot(page, 'privacy-lead-panel-phone-hi');
    await context.close();
  });
});
