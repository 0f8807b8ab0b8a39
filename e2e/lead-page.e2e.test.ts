/**
 * The lead page against a real server and the call simulator: the lead's calls, where the
 * telecaller who made a recorded call plays it and reads its transcript (on a desktop and at phone
 * width), and its extra information, where an admin defines a key found in the data in Settings
 * and the lead page then shows that label, in English and in Hindi, and edits the field by it.
 * One server and one browser for the file; the tests run in order and build on each other.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { Call, CallPage, Lead, NextLead, Transcript } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness } from './harness.js';

let h: Harness;
let telecaller: string;
/** The telecaller's lead, with one recorded call they made. */
let lead: Lead;
let call: Call;

/** Answered at once and quick to talk, at any hour of the day the tests happen to run. */
const QUICK_CALLS = { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '5', TELEHUB_CALLING_HOURS: '00:00-24:00' };
const COURSE = { en: 'Course', hi: 'पाठ्यक्रम' };

const callsSection = (page: Page) => page.getByRole('region', { name: 'Calls' });
const details = (page: Page) => page.getByRole('region', { name: /^(Details|जानकारी)$/ });
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the lead page', () => {
  beforeAll(async () => {
    h = await startHarness({ env: QUICK_CALLS });
    telecaller = h.server.accounts.telecallers[0] ?? '';
    const api = await apiClientAs(h, telecaller);
    // A recorded call, as the workspace makes one: available, dial, talk a while, hang up, wrap up.
    expect((await api('PUT', '/presence/me', { state: 'available' })).status).toBe(200);
    const next = (await api<NextLead>('GET', '/workspace/next')).body.lead;
    if (!next) throw new Error('the demo telecaller has no lead in the queue');
    lead = next;
    const started = await api<Call>('POST', '/calls', { leadId: lead.id });
    expect(started.status).toBe(201);
    const id = started.body.id;
    await until(
      'the conversation',
      async () => (await api<Transcript>('GET', `/calls/${id}/transcript`)).body.items.length,
      (n) => n >= 4,
    );
    await api('POST', `/calls/${id}/hangup`);
    await until(
      'the end of the call',
      async () => (await api<Call>('GET', `/calls/${id}`)).body,
      (c) => c.wrapUpPending,
    );
    expect((await api('POST', `/calls/${id}/disposition`, { disposition: 'interested', notes: 'Asked about the fee.' })).status).toBe(200);
    call = await until(
      'the recording',
      async () => (await api<Call>('GET', `/calls/${id}`)).body,
      (c) => c.recordingAvailable,
    );
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lists the lead’s calls, newest first: the recorded call plays and its transcript opens inline', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, telecaller);
    await page.goto(`${h.server.url}/leads/${lead.id}`);
    const calls = callsSection(page);
    const list = calls.getByRole('list', { name: 'Past calls' });
    const first = list.getByRole('listitem').first();
    await first.getByText('Interested', { exact: true }).waitFor();
    await expect(first.getAttribute('data-call-id')).resolves.toBe(call.id);
    for (const text of ['Outgoing', 'Asked about the fee.']) await first.getByText(text, { exact: true }).waitFor();
    await expect(first.textContent()).resolves.toMatch(/by \S+/);
    await first.getByRole('link', { name: /^Open the call on / }).waitFor();
    // The same list as GET /calls?leadId= answers, newest first.
    const api = await apiClientAs(h, telecaller);
    const page1 = (await api<CallPage>('GET', `/calls?leadId=${lead.id}&pageSize=10`)).body;
    await expect(list.getByRole('listitem').count()).resolves.toBe(Math.min(10, page1.total));
    if (page1.total > 10) await calls.getByRole('navigation', { name: 'Pagination' }).waitFor();

    await first.getByRole('button', { name: /^Play the recording of the call on / }).click();
    const audio = first.locator('audio');
    await audio.waitFor();
    await expect(audio.getAttribute('src')).resolves.toMatch(/^blob:/);
    await expect.poll(() => audio.evaluate((el) => (el as HTMLAudioElement).duration), { timeout: 15_000 }).toBeGreaterThan(1);

    await first.getByRole('button', { name: 'Show analysis and transcript' }).click();
    const transcript = first.getByRole('list', { name: /^Transcript of the call on / });
    await transcript.getByRole('listitem').nth(3).waitFor();
    await shot(page, 'lead-calls');

    // At phone width the page keeps to the screen, and the call's controls stay in reach.
    await page.setViewportSize(PHONE);
    await first.getByRole('link', { name: /^Open the call on / }).scrollIntoViewIfNeeded();
    await expect(noSideways(page)).resolves.toBe(true);
    await expect(first.getByRole('button', { name: 'Hide analysis and transcript' }).isVisible()).resolves.toBe(true);
    await shot(page, 'lead-calls-phone');
    await context.close();
  }, 90_000);

  it('an admin defines a key found in the data; the lead page shows its label in English and Hindi and edits the field', async () => {
    const program = lead.metadata.program;
    if (typeof program !== 'string') throw new Error('the demo lead has no program in its metadata');
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);

    // Before: no definitions, and the lead page reads the key as words, never as the raw key.
    await page.goto(`${h.server.url}/leads/${lead.id}`);
    await expect(details(page).locator('[data-field="program"] dt').textContent()).resolves.toBe('Program');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Lead fields' }).click();
    await page.waitForURL('**/settings/lead-fields');
    await page.getByRole('heading', { name: 'No fields defined yet' }).waitFor();
    const found = page.getByRole('list', { name: 'Keys found in the data' });
    await found.getByText('program', { exact: true }).waitFor();
    await found.getByRole('button', { name: 'Define program' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add a lead field' });
    await expect(dialog.getByLabel('Key in the data').inputValue()).resolves.toBe('program');
    await expect(dialog.getByLabel('Label in English').inputValue()).resolves.toBe('Program');
    await dialog.getByLabel('Label in English').fill(COURSE.en);
    await dialog.getByLabel(/^Label in Hindi/).fill(COURSE.hi);
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.waitFor({ state: 'detached' });
    const fields = page.getByRole('list', { name: 'Lead fields' });
    await fields.getByText(COURSE.en, { exact: true }).waitFor();
    await expect(found.getByText('program', { exact: true }).count()).resolves.toBe(0);

    // A second one, to order: State, defined as it comes, then moved to the top.
    await found.getByRole('button', { name: 'Define state' }).click();
    await page.getByRole('dialog', { name: 'Add a lead field' }).getByRole('button', { name: 'Add field' }).click();
    await fields.getByText('State', { exact: true }).waitFor();
    await fields.getByRole('button', { name: 'Move State up' }).click();
    await expect.poll(() => fields.locator('li').first().getAttribute('data-field-key')).toBe('state');
    // At the top its Up button is off; the keyboard stays on the field, on its Down button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move State down');
    await shot(page, 'settings-lead-fields');

    // The lead page: the label in English, then in Hindi.
    await page.goto(`${h.server.url}/leads/${lead.id}`);
    const row = details(page).locator('[data-field="program"]');
    await expect(row.locator('dt').textContent()).resolves.toBe(COURSE.en);
    await expect(row.locator('dd').textContent()).resolves.toBe(program);
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(() => row.locator('dt').textContent()).toBe(COURSE.hi);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => row.locator('dt').textContent()).toBe(COURSE.en);

    // The edit dialog edits it by its label.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit lead' });
    await edit.getByLabel(new RegExp(`^${COURSE.en}`)).fill('NEET 2027');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('dd').textContent()).toBe('NEET 2027');
    await context.close();
  }, 90_000);
});
