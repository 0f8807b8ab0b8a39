import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';

/** A clock the test moves by hand, so token expiry is tested without waiting. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { TELEHUB_LOGIN_RATE_LIMIT: '5', TELEHUB_ADDRESS_RATE_LIMIT: '40' } });
});
afterAll(() => t?.close());

function refreshCookie(res: { cookies: { name: string; value: string; httpOnly?: boolean; path?: string; sameSite?: string }[] }) {
  const c = res.cookies.find((k) => k.name === 'telehub_refresh');
  if (!c) throw new Error('no refresh cookie');
  return c;
}

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('login', () => {
  it('signs in with the right password and returns the contract shape', async () => {
    const res = await login(t.cast.telecaller.email, PASSWORD, '10.0.1.1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accessToken: expect.any(String), user: { id: t.cast.telecaller.id, email: t.cast.telecaller.email, role: 'telecaller' } });
    expect(body.user.passwordHash).toBeUndefined();
    const cookie = refreshCookie(res);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.path).toBe('/api/v1/auth');
    expect(cookie.sameSite).toBe('Strict');
  });

  it('accepts the email in any case', async () => {
    const res = await login(t.cast.telecaller.email.toUpperCase(), PASSWORD, '10.0.1.2');
    expect(res.statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await login(t.cast.telecaller.email, 'not-the-password', '10.0.2.1');
    const unknown = await login('nobody@test.example', 'whatever-password', '10.0.2.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().message).toBe(wrong.json().message);
  });

  it('answers 400 naming the field for malformed input, never 500', async () => {
    const res = await login('not-an-email', PASSWORD, '10.0.3.1');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('email');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
      remoteAddress: '10.0.3.2',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('limits repeated attempts on one account from one address, not the colleagues at that address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      // The same account in another case is the same account.
      const email = i % 2 ? t.cast.admin.email.toUpperCase() : t.cast.admin.email;
      codes.push((await login(email, 'wrong-password-x', '10.9.9.9')).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await login(t.cast.admin.email, PASSWORD, '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many attempts; try again in \d+ seconds$/) });
    // A colleague behind the same office address signs in as usual, and so does the account elsewhere.
    expect((await login(t.cast.manager.email, PASSWORD, '10.9.9.9')).statusCode).toBe(200);
    expect((await login(t.cast.admin.email, PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('caps sign-ins from one address across all accounts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 41; i++) codes.push((await login(`caller${i}@test.example`, 'wrong-password-x', '10.9.8.1')).statusCode);
    expect(codes.slice(0, 40).every((c) => c === 401)).toBe(true);
    expect(codes[40]).toBe(429);
    // Even the right password waits once the address has used its minute.
    expect((await login(t.cast.telecaller.email, PASSWORD, '10.9.8.1')).statusCode).toBe(429);
  });

  it('refuses a disabled account even with the right password', async () => {
    const { users } = t.app.services;
    const u = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.cast.admin,
      payload: { email: 'leaver@test.example', name: 'Leaver', role: 'telecaller', password: PASSWORD },
    });
    expect(u.statusCode).toBe(201);
    await t.request({ method: 'PATCH', url: `/api/v1/users/${u.json().id}`, as: t.cast.admin, payload: { active: false } });
    const res = await login('leaver@test.example', PASSWORD, '10.0.4.1');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
    expect(users).toBeDefined();
  });
});

describe('access tokens', () => {
  it('lets a valid token through and reports who is signed in', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/auth/me', as: t.cast.manager });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: t.cast.manager.id, role: 'manager' }, abilities: { viewCommandCenter: true, manageUsers: false } });
  });

  it('refuses a missing, malformed or tampered token with 401', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    // A telecaller rewrites their role to admin: the signature no longer matches.
    const [h, p, s] = t.cast.telecaller.token.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    payload.role = 'admin';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const res = await t.request({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${forged}` } });
    expect(res.statusCode).toBe(401);
    // alg=none is refused too.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    expect((await t.request({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${none}` } })).statusCode).toBe(401);
  });

  it('expires access tokens after their lifetime', async () => {
    const token = await t.login(t.cast.manager.email);
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    clock.offsetMs = 16 * 60_000;
    try {
      const res = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('TOKEN_EXPIRED');
    } finally {
      clock.offsetMs = 0;
    }
  });
});

describe('refresh tokens', () => {
  const refresh = (value?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', remoteAddress: '10.1.0.1', ...(value ? { cookies: { telehub_refresh: value } } : {}) });

  it('rotates: each refresh returns a new access token and a new cookie', async () => {
    const first = refreshCookie(await login(t.cast.manager.email, PASSWORD, '10.1.1.1')).value;
    const r1 = await refresh(first);
    expect(r1.statusCode).toBe(200);
    const second = refreshCookie(r1).value;
    expect(second).not.toBe(first);
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${r1.json().accessToken}` } });
    expect(me.statusCode).toBe(200);
    const r2 = await refresh(second);
    expect(r2.statusCode).toBe(200);
  });

  it('treats reuse of a rotated token as theft and ends the whole session', async () => {
    const first = refreshCookie(await login(t.cast.manager.email, PASSWORD, '10.1.2.1')).value;
    const second = refreshCookie(await refresh(first)).value;
    clock.offsetMs = 11_000; // past the grace window for racing tabs
    try {
      const replay = await refresh(first);
      expect(replay.statusCode).toBe(401);
      // The legitimate holder's newer token is revoked with its family.
      expect((await refresh(second)).statusCode).toBe(401);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('counts refreshes per address apart from sign-ins, so a floor behind one address opens its pages', async () => {
    const at = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', remoteAddress: ip });
    const codes: number[] = [];
    // Four times the address's sign-ins (far beyond the old budget of six times one account's).
    for (let i = 0; i < 161; i++) codes.push((await at('10.9.7.1')).statusCode);
    expect(codes.slice(0, 160).every((c) => c === 401)).toBe(true);
    expect(codes[160]).toBe(429);
    expect((await login(t.cast.telecaller.email, PASSWORD, '10.9.7.1')).statusCode).toBe(200);
  });

  it('refuses a missing or unknown refresh token', async () => {
    expect((await refresh()).statusCode).toBe(401);
    expect((await refresh('made-up-token')).statusCode).toBe(401);
  });

  it('expires refresh tokens after their lifetime', async () => {
    const cookie = refreshCookie(await login(t.cast.manager.email, PASSWORD, '10.1.3.1')).value;
    clock.offsetMs = 31 * 86_400_000;
    try {
      expect((await refresh(cookie)).statusCode).toBe(401);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('logout revokes the refresh token and clears the cookie', async () => {
    const cookie = refreshCookie(await login(t.cast.manager.email, PASSWORD, '10.1.4.1')).value;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { telehub_refresh: cookie } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'telehub_refresh');
    expect(cleared?.value).toBe('');
    expect((await refresh(cookie)).statusCode).toBe(401);
  });
});
