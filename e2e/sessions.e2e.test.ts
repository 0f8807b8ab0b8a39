/**
 * A session that the server ends while a page is open: the live socket is closed (4403), and the
 * web app renews its token before it reconnects instead of offering the refused one again. A
 * manager demoted while watching the command center is shown at once that it is no longer
 * theirs; a telecaller whose password an admin changes is returned to sign-in.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { User } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, signIn, startHarness } from './harness.js';

let h: Harness;
let asAdmin: Awaited<ReturnType<typeof apiClientAs>>;

async function userByEmail(email: string): Promise<User> {
  const all = await asAdmin<{ items: User[] }>('GET', '/users');
  const u = all.body.items.find((x) => x.email === email);
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

describe('sessions ended by the server', () => {
  beforeAll(async () => {
    h = await startHarness({ leads: 60 });
    asAdmin = await apiClientAs(h, h.server.accounts.admin);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a manager demoted while on the command center sees at once that it is no longer theirs', async () => {
    const email = h.server.accounts.managers[0] ?? '';
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Command Center' }).click();
    await page.waitForURL('**/command-center');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const manager = await userByEmail(email);
    expect((await asAdmin('PATCH', `/users/${manager.id}`, { role: 'telecaller' })).status).toBe(200);

    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => nav.getByRole('link', { name: 'Command Center' }).count()).toBe(0);
    await context.close();
  });

  it('a telecaller whose password is changed on the workspace is returned to sign-in', async () => {
    const email = h.server.accounts.telecallers[0] ?? '';
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, email);
    await page.goto(`${h.server.url}/workspace`);
    await page.getByRole('button', { name: 'Available' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const telecaller = await userByEmail(email);
    expect((await asAdmin('PATCH', `/users/${telecaller.id}`, { password: 'a-brand-new-password' })).status).toBe(200);

    await page.waitForURL('**/sign-in?**', { timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('expired')).toBe('1');
    await context.close();
  });
});
