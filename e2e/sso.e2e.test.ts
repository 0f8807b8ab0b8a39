/**
 * Single sign-on in the browser: a manager of the identity provider's groups clicks "Sign in with
 * SSO", signs in at a real OpenID provider (oidc-provider, started here), and lands in TeleHub as
 * a manager, created on the spot; someone in no mapped group comes back to the sign-in page with
 * the reason. Build the web app first: `npm run build -w apps/web`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSignIn, startTestProvider, type TestProvider } from '../apps/server/src/modules/auth/testing/oidc-provider.js';
import { freePort } from '../apps/server/src/test/process.js';
import { DESKTOP, type Harness, HOME, newPage, PHONE, shot, startHarness } from './harness.js';

let h: Harness;
let idp: TestProvider;
let base = '';

describe('single sign-on through an OpenID provider', () => {
  beforeAll(async () => {
    // TeleHub's address must be known before it starts: it is the redirect URI the provider has registered.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startTestProvider({ redirectUri: `${base}/api/v1/auth/oidc/callback` });
    idp.accounts.set('priya', { email: 'priya.sso@example.org', name: 'Priya Sso', groups: ['staff', 'th-managers'] });
    idp.accounts.set('vikram', { email: 'vikram.sso@example.org', name: 'Vikram', groups: ['staff'] });
    h = await startHarness({
      port,
      leads: 40,
      env: {
        PUBLIC_BASE_URL: base,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_SCOPES: 'openid email profile groups',
        OIDC_ROLE_MAP: 'th-admins=admin,th-managers=manager,th-callers=telecaller',
      },
    });
  }, 90_000);

  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  it('signs a manager in at the provider and lands them in TeleHub with the role their groups give', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
    await shot(page, 'sso-sign-in');
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    // The provider's own sign-in page.
    await page.waitForURL(`${idp.issuer}/**`);
    await page.locator('input[name="login"]').fill('priya');
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.waitForURL(HOME);
    expect(new URL(page.url()).pathname).toBe('/command-center');
    await expect.poll(() => page.getByTestId('current-user-name').textContent()).toBe('Priya Sso');
    await page.getByText('Manager', { exact: true }).first().waitFor();
    await context.close();
  });

  it('brings someone in no mapped group back to the sign-in page with the reason, on a phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await page.goto(`${base}/sign-in`);
    const button = page.getByRole('link', { name: 'Sign in with SSO' });
    // The provider's trip, as the browser would make it, from the link the button holds.
    const callback = await browserSignIn(new URL((await button.getAttribute('href')) ?? '', base).href, 'vikram', { callbackPrefix: base });
    expect(callback.pathname).toBe('/api/v1/auth/oidc/callback');
    // Without the flow cookie this browser never got, the return is refused as not started here.
    await page.goto(callback.href);
    await page.waitForURL('**/sign-in?sso_error=SSO_STATE_INVALID');
    await page.getByRole('alert').filter({ hasText: 'was not started here' }).waitFor();

    await button.click();
    await page.locator('input[name="login"]').fill('vikram');
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL('**/sign-in?sso_error=SSO_NO_ROLE');
    await page.getByRole('alert').filter({ hasText: 'not in any group that gives a role' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'sso-sign-in-phone');
    await context.close();
  });
});
