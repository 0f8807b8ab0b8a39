/**
 * The everyday flows with the keyboard alone, as someone who cannot use a mouse works: sign in,
 * dial the next lead, hang up and wrap up from the workspace; filter, sort and open the wall view
 * in the command center. Controls are reached with Tab (never clicked) and worked with Enter,
 * Space and the arrow keys; each step checks where the focus is.
 */
import type { CallPage } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, startHarness } from './harness.js';

let h: Harness;
const QUICK_CALLS = { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '5', TELEHUB_CALLING_HOURS: '00:00-24:00' };

beforeAll(async () => {
  h = await startHarness({ leads: 60, env: QUICK_CALLS });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** What has the focus: its role-ish tag and accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) || el.closest('label')?.textContent;
    const name = el.getAttribute('aria-label') || label || el.textContent || '';
    return `${el.tagName.toLowerCase()}:${name.trim().replace(/\s+/g, ' ')}`;
  });

/**
 * Until an opened list has put the focus on one of its options: keys pressed before that (a busy
 * machine) go nowhere.
 */
async function optionFocused(page: Page) {
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null), { timeout: 10_000 }).toBe('option');
}

/** Presses Tab until the focused control's name matches, failing after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 80, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (name.test(now)) return;
    seen.push(now);
  }
  throw new Error(`${name} not reached with ${key} (${max} presses); focus went through ${[...new Set(seen)].join(' | ')}`);
}

/** Signs in through the form, typing and tabbing only. */
async function signInByKeyboard(page: Page, email: string) {
  await page.goto(`${h.server.url}/sign-in`);
  await page.getByLabel('Email').waitFor();
  await tabTo(page, /^input:Email/);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(h.server.accounts.password);
  await page.keyboard.press('Enter');
}

describe('keyboard only', () => {
  it('a telecaller signs in, dials, hangs up and wraps up without the mouse', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    const email = h.server.accounts.telecallers[1] ?? '';
    await signInByKeyboard(page, email);
    await page.waitForURL('**/workspace');
    await page.locator('#ws-lead-name').waitFor();

    // Signed in, they are offline: Ready to call (reached with Tab) makes them available; then Dial.
    await tabTo(page, /^button:Ready to call/);
    await page.keyboard.press('Enter');
    await page.locator('[data-presence="available"]').waitFor();
    await tabTo(page, /^button:Dial/);
    await page.keyboard.press('Enter');
    const hangUp = page.getByRole('button', { name: /^Hang up/ });
    await hangUp.waitFor();
    await page.locator('[data-call-status="in_progress"]').waitFor({ timeout: 30_000 });

    // Hang up, reached the same way.
    await page.locator('body').focus();
    await tabTo(page, /^button:Hang up/);
    await page.keyboard.press('Enter');
    const wrapUp = page.getByRole('form', { name: 'Wrap up' });
    await wrapUp.waitFor();

    // The outcome is a radio group: Tab into it, arrows to choose; then the note; Enter saves.
    await tabTo(page, /^input:\s*1?\s*Interested/);
    await page.keyboard.press('Space');
    await expect(wrapUp.getByRole('radio', { name: 'Interested', exact: true }).isChecked()).resolves.toBe(true);
    await tabTo(page, /^textarea:Notes/);
    await page.keyboard.type('Keyboard only: interested in the evening batch.');
    await tabTo(page, /^button:Save and next/);
    await page.keyboard.press('Enter');
    await wrapUp.waitFor({ state: 'detached' });

    const api = await apiClientAs(h, email);
    const calls = await api<CallPage>('GET', '/calls?pageSize=1');
    expect(calls.body.items[0]).toMatchObject({ disposition: 'interested', notes: 'Keyboard only: interested in the evening batch.', wrapUpPending: false });
    await context.close();
  }, 120_000);

  it('a manager filters, sorts and opens the wall view of the command center without the mouse', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signInByKeyboard(page, h.server.accounts.managers[0] ?? '');
    await page.waitForURL('**/command-center');
    const board = page.getByRole('region', { name: 'Agents' });
    await board.locator('tbody tr').first().waitFor();

    // A select opens with Enter and moves with the arrows; the choice lands in the address.
    await tabTo(page, /^button:.*State/);
    await page.keyboard.press('Enter');
    await optionFocused(page);
    // The list moves the focus on the next turn of the event loop (a timer), not within the key
    // press; Enter pressed before that lands on the choice the list opened on ("All states").
    const opened = await focused(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page), { timeout: 10_000 }).not.toBe(opened);
    await page.keyboard.press('Enter');
    // A busy machine may take more than expect.poll's default second to put it there.
    await expect.poll(() => new URL(page.url()).searchParams.get('state'), { timeout: 10_000 }).not.toBeNull();

    // Typing a choice's first letters moves to it, as in any list box.
    await tabTo(page, /^button:.*Sort by/);
    await page.keyboard.press('Enter');
    await optionFocused(page);
    await page.keyboard.type('Calls', { delay: 50 });
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(/Calls today/);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), { timeout: 10_000 }).toBe('calls');

    // The wall view opens from its button and closes with Escape.
    await tabTo(page, /^button:Wall/, 80, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-exit-wall]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-enter-wall]').waitFor();
    await context.close();
  }, 120_000);
});
