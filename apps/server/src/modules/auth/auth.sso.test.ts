/**
 * Single sign-on against a real OpenID provider (oidc-provider, started here): the browser's
 * trip through the provider's pages over HTTP, the callback through the real app and database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { ConfigError, loadConfig } from '../../config.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { freePort } from '../../test/process.js';
import { createSsoService } from './auth.sso.js';
import { browserSignIn, startTestProvider, type TestProvider } from './testing/oidc-provider.js';

const BASE = 'http://telehub.test';
const CALLBACK = `${BASE}/api/v1/auth/oidc/callback`;
const ROLE_MAP = 'th-admins=admin,th-managers=manager,th-callers=telecaller';

let idp: TestProvider;
let t: TestApp;
let caller = 0;
/** Each browser its own address, so the sign-in rate limits never trip a test by accident. */
const ip = () => `127.9.0.${++caller}`;

const ssoEnv = (p: TestProvider) => ({
  PUBLIC_BASE_URL: BASE,
  OIDC_ISSUER: p.issuer,
  OIDC_CLIENT_ID: p.clientId,
  OIDC_CLIENT_SECRET: p.clientSecret,
  OIDC_SCOPES: 'openid email profile groups',
  OIDC_ROLE_MAP: ROLE_MAP,
  OIDC_TEAM_CLAIM: 'team',
});

type Trip = { status: number; location: string; refresh?: string };

/**
 * A browser signing in: the button (start), the provider's pages, the return (callback) with the
 * flow cookie start set. `tamper` changes the return before it reaches TeleHub.
 */
async function ssoSignIn(
  app: FastifyInstance,
  login: string,
  opts: { cancel?: boolean; next?: string; tamper?: (callback: URL, cookie: string) => { callback: URL; cookie: string } } = {},
): Promise<Trip> {
  const remoteAddress = ip();
  const next = encodeURIComponent(opts.next ?? '/leads');
  const start = await app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start?next=${next}`, remoteAddress });
  expect(start.statusCode).toBe(302);
  const flow = start.cookies.find((c) => c.name === 'telehub_sso');
  expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
  const authorize = new URL(String(start.headers.location));
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  let callback = await browserSignIn(authorize.href, login, { callbackPrefix: CALLBACK, cancel: opts.cancel });
  let cookie = flow?.value ?? '';
  if (opts.tamper) ({ callback, cookie } = opts.tamper(callback, cookie));
  const res = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, cookies: { telehub_sso: cookie }, remoteAddress });
  return {
    status: res.statusCode,
    location: String(res.headers.location),
    refresh: res.cookies.find((c) => c.name === 'telehub_refresh')?.value,
  };
}

/** The session the refresh cookie holds, as the web app restores it on landing. */
async function restore(app: FastifyInstance, refresh: string | undefined) {
  expect(refresh).toBeTruthy();
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { telehub_refresh: refresh ?? '' }, remoteAddress: ip() });
  expect(res.statusCode).toBe(200);
  return res.json<{ accessToken: string; user: { id: string; email: string; role: string; teamId: string | null } }>();
}

/** The emails of the users an admin finds by `email`. */
async function usersNamed(email: string): Promise<string[]> {
  const res = await t.request({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent(email)}`, as: t.cast.admin });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { email: string }[] }>().items.map((u) => u.email);
}

/** The details of the audit entries of `action`, newest first (of one record, when given). */
async function audited(action: string, entityId?: string): Promise<Record<string, unknown>[]> {
  const q = new URLSearchParams({ action, pageSize: '100', ...(entityId ? { entityId } : {}) });
  const res = await t.request({ method: 'GET', url: `/api/v1/audit?${q}`, as: t.cast.admin });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { details: Record<string, unknown> | null }[] }>().items.map((i) => i.details ?? {});
}

beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: CALLBACK });
  t = await createTestApp({ env: ssoEnv(idp) });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await idp?.close();
});

describe('single sign-on through an OpenID provider', () => {
  it('tells the sign-in page that SSO is on, with its label, beside password sign-in', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/auth/options' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password: true, sso: { enabled: true, label: 'SSO' } });
  });

  it('creates the user on first sign-in with the role and team the groups give, in a normal session', async () => {
    idp.accounts.set('asha', { email: 'Asha@Example.org', name: 'Asha Verma', groups: ['everyone', 'th-callers'], team: 'alpha' });
    const trip = await ssoSignIn(t.app, 'asha');
    expect(trip).toMatchObject({ status: 302, location: '/leads' });
    const session = await restore(t.app, trip.refresh);
    expect(session.user).toMatchObject({ email: 'asha@example.org', role: 'telecaller', teamId: t.cast.teamId });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(me.json()).toMatchObject({ user: { name: 'Asha Verma', role: 'telecaller' }, abilities: { manageUsers: false } });
    expect(await usersNamed('asha@example.org')).toEqual(['asha@example.org']);
    expect(await audited('auth.sso_login', session.user.id)).toEqual([{ created: true, changed: [], groups: ['everyone', 'th-callers'] }]);
  });

  it('changes the role and team on the next sign-in when the groups change, ending the old tokens', async () => {
    idp.accounts.set('meena', { email: 'meena@example.org', name: 'Meena', groups: ['th-callers'], team: 'Alpha' });
    const first = await restore(t.app, (await ssoSignIn(t.app, 'meena')).refresh);
    expect(first.user).toMatchObject({ role: 'telecaller', teamId: t.cast.teamId });

    idp.accounts.set('meena', { email: 'meena@example.org', name: 'Meena', groups: ['th-callers', 'th-managers'], team: 'Beta' });
    const second = await restore(t.app, (await ssoSignIn(t.app, 'meena')).refresh);
    expect(second.user).toMatchObject({ id: first.user.id, role: 'manager', teamId: t.cast.otherTeamId });
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${first.accessToken}` } });
    expect(old.statusCode).toBe(401);

    idp.accounts.set('meena', { email: 'meena@example.org', name: 'Meena', groups: ['th-admins', 'th-callers'] });
    const third = await restore(t.app, (await ssoSignIn(t.app, 'meena')).refresh);
    // An admin of the provider's groups; no team claim keeps the team TeleHub has.
    expect(third.user).toMatchObject({ role: 'admin', teamId: t.cast.otherTeamId });
  });

  it('refuses a user none of whose groups gives a role, and creates nobody', async () => {
    idp.accounts.set('ravi', { email: 'ravi@example.org', name: 'Ravi', groups: ['marketing'] });
    const trip = await ssoSignIn(t.app, 'ravi');
    expect(trip).toMatchObject({ status: 302, location: '/sign-in?sso_error=SSO_NO_ROLE' });
    expect(trip.refresh).toBeUndefined();
    expect(await usersNamed('ravi@example.org')).toEqual([]);
    expect(await audited('auth.sso_refused')).toContainEqual(
      expect.objectContaining({ reason: 'SSO_NO_ROLE', email: 'ravi@example.org', groups: ['marketing'] }),
    );
  });

  it('refuses a team claim that names no team, and an email the provider has not verified', async () => {
    idp.accounts.set('kiran', { email: 'kiran@example.org', name: 'Kiran', groups: ['th-callers'], team: 'Gamma' });
    expect(await ssoSignIn(t.app, 'kiran')).toMatchObject({ location: '/sign-in?sso_error=SSO_NO_TEAM' });
    idp.accounts.set('kiran', { email: 'kiran@example.org', name: 'Kiran', groups: ['th-callers'], emailVerified: false });
    expect(await ssoSignIn(t.app, 'kiran')).toMatchObject({ location: '/sign-in?sso_error=SSO_EMAIL_UNVERIFIED' });
  });

  it('refuses a return whose state or flow cookie was tampered with, without spending the code', async () => {
    idp.accounts.set('sunil', { email: 'sunil@example.org', name: 'Sunil', groups: ['th-callers'] });
    const badState = await ssoSignIn(t.app, 'sunil', {
      tamper: (callback, cookie) => {
        const url = new URL(callback);
        url.searchParams.set('state', 'a-state-an-attacker-chose');
        return { callback: url, cookie };
      },
    });
    expect(badState).toMatchObject({ status: 302, location: '/sign-in?sso_error=SSO_STATE_INVALID' });
    expect(badState.refresh).toBeUndefined();

    const badCookie = await ssoSignIn(t.app, 'sunil', { tamper: (callback, cookie) => ({ callback, cookie: `${cookie.slice(0, -2)}xx` }) });
    expect(badCookie).toMatchObject({ location: '/sign-in?sso_error=SSO_STATE_INVALID' });

    // Another browser's flow (its own state and cookie) cannot be used for this return either.
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start', remoteAddress: ip() });
    const otherCookie = other.cookies.find((c) => c.name === 'telehub_sso')?.value ?? '';
    const swapped = await ssoSignIn(t.app, 'sunil', { tamper: (callback) => ({ callback, cookie: otherCookie }) });
    expect(swapped).toMatchObject({ location: '/sign-in?sso_error=SSO_STATE_INVALID' });

    const noCookie = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/callback?code=x&state=y', remoteAddress: ip() });
    expect(noCookie.headers.location).toBe('/sign-in?sso_error=SSO_STATE_INVALID');
  });

  it('lands a cancelled sign-in and a deactivated user on the sign-in page with the reason', async () => {
    idp.accounts.set('farah', { email: 'farah@example.org', name: 'Farah', groups: ['th-callers'] });
    expect(await ssoSignIn(t.app, 'farah', { cancel: true })).toMatchObject({ location: '/sign-in?sso_error=SSO_DENIED' });

    const first = await restore(t.app, (await ssoSignIn(t.app, 'farah')).refresh);
    await t.app.services.users.update(SYSTEM_ACTOR, first.user.id, { active: false });
    const again = await ssoSignIn(t.app, 'farah');
    expect(again).toMatchObject({ location: '/sign-in?sso_error=ACCOUNT_DISABLED' });
    expect(again.refresh).toBeUndefined();
  });

  it('lands only on paths of the app, whatever the link asked for', async () => {
    idp.accounts.set('nisha', { email: 'nisha@example.org', name: 'Nisha', groups: ['th-callers'] });
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect(await ssoSignIn(t.app, 'nisha', { next })).toMatchObject({ status: 302, location: '/' });
    }
    expect(await ssoSignIn(t.app, 'nisha', { next: '/leads?status=new' })).toMatchObject({ location: '/leads?status=new' });
  });

  it('documents its routes in the API reference', async () => {
    const doc = (await t.request({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/options', '/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback']));
  });

  it('says the provider is down when it does not answer', async () => {
    const closed = await freePort();
    const config = loadConfig({ OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', OIDC_ROLE_MAP: ROLE_MAP });
    const { users, audit, auth } = t.app.services;
    const sso = createSsoService({
      users,
      audit,
      auth,
      sso: config.sso,
      publicBaseUrl: BASE,
      flowKey: async () => 'key',
      clock: { now: () => new Date() },
      logger: createLogger({ level: 'silent' }),
    });
    await expect(sso.start('/')).rejects.toMatchObject({ code: 'SSO_PROVIDER_UNAVAILABLE' });
  });
});

describe('password sign-in switched off', () => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', ...ssoEnv(idp), TELEHUB_PASSWORD_SIGNIN: '0' });
    app = await buildApp({ config, database: db.database, logger: createLogger({ level: 'silent' }) });
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses password sign-in with a code, tells the page, and still signs in through the provider', async () => {
    await app.services.users.create(SYSTEM_ACTOR, { email: 'old@example.org', name: 'Old', role: 'admin', password: 'a-long-password' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'old@example.org', password: 'a-long-password' } });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'PASSWORD_SIGNIN_DISABLED' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json()).toEqual({ password: false, sso: { enabled: true, label: 'SSO' } });

    idp.accounts.set('old', { email: 'old@example.org', name: 'Old', groups: ['th-admins'] });
    const session = await restore(app, (await ssoSignIn(app, 'old')).refresh);
    expect(session.user).toMatchObject({ email: 'old@example.org', role: 'admin' });
  });
});

describe('single sign-on configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('refuses password sign-in off without single sign-on, half a client, and no role map', () => {
    expect(problems({ TELEHUB_PASSWORD_SIGNIN: '0' })).toEqual([
      expect.stringMatching(/^TELEHUB_PASSWORD_SIGNIN: 0 \(password sign-in off\) requires single sign-on/),
    ]);
    expect(problems({ OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'telehub', OIDC_ROLE_MAP: ROLE_MAP })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_SECRET: required for single sign-on/),
    ]);
    expect(problems({ OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' })).toEqual([
      expect.stringMatching(/^OIDC_ROLE_MAP: required/),
    ]);
    expect(problems({ OIDC_ROLE_MAP: 'th-admins=root' })).toEqual([expect.stringMatching(/^OIDC_ROLE_MAP: "th-admins=root" is not group=role/)]);
    expect(problems({ OIDC_SCOPES: 'email profile' })).toEqual([expect.stringMatching(/^OIDC_SCOPES: must include openid/)]);
    expect(problems({ NODE_ENV: 'production', OIDC_ISSUER: 'http://id.local', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_ROLE_MAP: ROLE_MAP })).toEqual(
      ['OIDC_ISSUER: must be an https URL in production'],
    );
  });

  it('reads the role map and turns single sign-on on only when it is complete', () => {
    const c = loadConfig({
      OIDC_ISSUER: 'https://id.example.org',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
      OIDC_ROLE_MAP: ' /org/admins = admin , callers=telecaller ',
    });
    expect(c.sso.enabled).toBe(true);
    expect(c.sso.OIDC_ROLE_MAP).toEqual([
      { group: '/org/admins', role: 'admin' },
      { group: 'callers', role: 'telecaller' },
    ]);
    expect(loadConfig({}).sso).toMatchObject({ enabled: false, TELEHUB_PASSWORD_SIGNIN: true, OIDC_ROLE_CLAIM: 'groups', OIDC_LABEL: 'SSO' });
  });
});
