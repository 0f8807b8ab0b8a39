/**
 * A session ends where the database says so, not when its access token runs out: a password
 * change, a change of role or team, deactivation and sign-out refuse the tokens already handed
 * out, at once. Who the holder is (role, team, active) is read from the database on every request.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@telehub/shared';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';

const SECRET = 'sessions-test-secret-0123456789abcdef0123';
/** A clock the test moves by hand. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { TELEHUB_JWT_SECRET: SECRET } });
});
afterAll(() => t?.close());

let seq = 0;
let ips = 0;

async function person(role: Role, teamId: string | null = null) {
  const email = `session${++seq}@test.example`;
  const u = await t.app.services.users.create(SYSTEM_ACTOR, { email, name: `Person ${seq}`, role, password: PASSWORD, teamId });
  return { id: u.id, email };
}

/** Signs in as a browser does: an access token, and the refresh cookie. */
async function signIn(email: string, password = PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: `10.7.0.${++ips}` });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'telehub_refresh')?.value;
  if (!cookie) throw new Error('no refresh cookie');
  return { token: res.json<{ accessToken: string }>().accessToken, cookie };
}

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
const refresh = (cookie: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { telehub_refresh: cookie }, remoteAddress: '10.7.1.1' });
const patchUser = (id: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: t.cast.admin, payload });

function expectRevoked(res: { statusCode: number; json(): { code?: string; message?: string } }) {
  expect(res.statusCode).toBe(401);
  expect(res.json().code).toBe('SESSION_REVOKED');
  expect(res.json().message).toMatch(/sign in again/i);
}

/** A token signed with the app's key, with whatever claims a forger who had it would choose. */
async function forge(claims: Record<string, unknown>, opts: { exp?: boolean } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('telehub').setAudience('telehub-api').setIssuedAt(now);
  if (opts.exp !== false) jwt.setExpirationTime(now + 600);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('a password change', () => {
  it('by an admin ends every session of the user: access tokens and refresh tokens are refused at once', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const laptop = await signIn(u.email);
    const phone = await signIn(u.email);
    expect((await get('/api/v1/auth/me', laptop.token)).statusCode).toBe(200);

    expect((await patchUser(u.id, { password: 'a-brand-new-password' })).statusCode).toBe(200);

    expectRevoked(await get('/api/v1/auth/me', laptop.token));
    expectRevoked(await get('/api/v1/leads', phone.token));
    expect((await refresh(laptop.cookie)).statusCode).toBe(401);
    expect((await refresh(phone.cookie)).statusCode).toBe(401);
    // The new password opens a new session.
    const fresh = await signIn(u.email, 'a-brand-new-password');
    expect((await get('/api/v1/auth/me', fresh.token)).statusCode).toBe(200);
  });
});

describe('a change of role or team', () => {
  it("refuses a demoted manager's token at once; a refresh brings the new role and only its rights", async () => {
    const m = await person('manager', t.cast.teamId);
    const s = await signIn(m.email);
    expect((await get('/api/v1/leads/export', s.token)).statusCode).toBe(200);

    expect((await patchUser(m.id, { role: 'telecaller' })).statusCode).toBe(200);

    expectRevoked(await get('/api/v1/leads/export', s.token));
    const r = await refresh(s.cookie);
    expect(r.statusCode).toBe(200);
    expect(r.json().user.role).toBe('telecaller');
    const demoted = r.json<{ accessToken: string }>().accessToken;
    expect((await get('/api/v1/leads/export', demoted)).statusCode).toBe(403);
    expect((await get('/api/v1/auth/me', demoted)).json()).toMatchObject({ user: { role: 'telecaller' }, abilities: { viewCommandCenter: false } });
  });

  it('refuses the token of someone moved to another team, and of the managers of both teams', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const s = await signIn(u.email);
    const oldManager = await signIn(t.cast.manager.email);
    const newManager = await signIn(t.cast.otherManager.email);
    expect((await get(`/api/v1/users/${u.id}`, oldManager.token)).statusCode).toBe(200);

    expect((await patchUser(u.id, { teamId: t.cast.otherTeamId })).statusCode).toBe(200);

    expectRevoked(await get('/api/v1/auth/me', s.token));
    expectRevoked(await get(`/api/v1/users/${u.id}`, oldManager.token));
    expectRevoked(await get(`/api/v1/users/${u.id}`, newManager.token));
    const again = await refresh(s.cookie);
    expect(again.json().user.teamId).toBe(t.cast.otherTeamId);
    const oldAgain = (await refresh(oldManager.cookie)).json<{ accessToken: string }>().accessToken;
    expect((await get(`/api/v1/users/${u.id}`, oldAgain)).statusCode).toBe(404);
  });

  it("refuses the tokens of a team's old and new manager when it changes hands", async () => {
    const team = await t.app.services.users.createTeam(SYSTEM_ACTOR, { name: `Handover ${++seq}`, managerId: null });
    const before = await person('manager');
    const after = await person('manager');
    const member = await person('telecaller', team.id);
    await t.request({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, as: t.cast.admin, payload: { managerId: before.id } });
    const b = await signIn(before.email);
    const a = await signIn(after.email);
    expect((await get(`/api/v1/users/${member.id}`, b.token)).statusCode).toBe(200);

    const res = await t.request({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, as: t.cast.admin, payload: { managerId: after.id } });
    expect(res.statusCode).toBe(200);

    expectRevoked(await get(`/api/v1/users/${member.id}`, b.token));
    expectRevoked(await get(`/api/v1/users/${member.id}`, a.token));
    const bAgain = (await refresh(b.cookie)).json<{ accessToken: string }>().accessToken;
    expect((await get(`/api/v1/users/${member.id}`, bAgain)).statusCode).toBe(404);
    const aAgain = (await refresh(a.cookie)).json<{ accessToken: string }>().accessToken;
    expect((await get(`/api/v1/users/${member.id}`, aAgain)).statusCode).toBe(200);
  });

  it('leaves tokens alone when nothing about access changes (a new name, the same role)', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const s = await signIn(u.email);
    expect((await patchUser(u.id, { name: 'Renamed', role: 'telecaller', teamId: t.cast.teamId })).statusCode).toBe(200);
    expect((await get('/api/v1/auth/me', s.token)).statusCode).toBe(200);
  });

  it("reads a manager's team scope again at once when a member leaves, not after a while", async () => {
    const { users } = t.app.services;
    const member = await person('telecaller', t.cast.teamId);
    // One actor object for a while, as a websocket holds one.
    const actor = { id: t.cast.manager.id, role: 'manager' as const, teamId: null };
    expect((await users.watched(actor))?.has(member.id)).toBe(true);
    await users.update(SYSTEM_ACTOR, member.id, { teamId: t.cast.otherTeamId });
    expect((await users.watched(actor))?.has(member.id)).toBe(false);
  });
});

describe('deactivation', () => {
  it('refuses the access token and the refresh token at once', async () => {
    const u = await person('manager', t.cast.teamId);
    const s = await signIn(u.email);
    expect((await patchUser(u.id, { active: false })).statusCode).toBe(200);
    expectRevoked(await get('/api/v1/leads', s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
    // Enabled again, the old session stays ended: a new sign-in is needed.
    expect((await patchUser(u.id, { active: true })).statusCode).toBe(200);
    expectRevoked(await get('/api/v1/leads', s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/leads', (await signIn(u.email)).token)).statusCode).toBe(200);
  });
});

describe('sign-out', () => {
  it("ends this session's access token too, and leaves the user's other devices signed in", async () => {
    const u = await person('telecaller', t.cast.teamId);
    const laptop = await signIn(u.email);
    const phone = await signIn(u.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { telehub_refresh: laptop.cookie } });
    expect(out.statusCode).toBe(204);
    expectRevoked(await get('/api/v1/auth/me', laptop.token));
    expect((await refresh(laptop.cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me', phone.token)).statusCode).toBe(200);
    expect((await refresh(phone.cookie)).statusCode).toBe(200);
  });

  it('ends the session of the bearer token when no cookie comes with it (an API client)', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const s = await signIn(u.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${s.token}` } });
    expect(out.statusCode).toBe(204);
    expectRevoked(await get('/api/v1/auth/me', s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
  });

  it('ends the access tokens of a session whose refresh token was stolen and replayed', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const s = await signIn(u.email);
    const r1 = await refresh(s.cookie);
    const token = r1.json<{ accessToken: string }>().accessToken;
    expect((await get('/api/v1/auth/me', token)).statusCode).toBe(200);
    // The replay comes after the grace window for racing tabs.
    clock.offsetMs = 11_000;
    try {
      expect((await refresh(s.cookie)).statusCode).toBe(401);
      expectRevoked(await get('/api/v1/auth/me', token));
    } finally {
      clock.offsetMs = 0;
    }
  });
});

describe('what a token must carry', () => {
  it('refuses a token without an expiry', async () => {
    const real = await signIn((await person('admin')).email);
    const claims = decodeJwt(real.token);
    const noExp = await forge({ ...claims, exp: undefined, iat: undefined }, { exp: false });
    const res = await get('/api/v1/users', noExp);
    expect(res.statusCode).toBe(401);
    // The same claims with an expiry pass: the missing expiry alone is why.
    expect((await get('/api/v1/users', await forge({ ...claims, exp: undefined, iat: undefined }))).statusCode).toBe(200);
  });

  it('refuses a token for a user who does not exist', async () => {
    const real = decodeJwt((await signIn((await person('admin')).email)).token);
    const ghost = await forge({ ...real, sub: randomUUID(), role: 'admin', tid: null, exp: undefined, iat: undefined });
    const res = await get('/api/v1/leads', ghost);
    expect(res.statusCode).toBe(401);
  });

  it('takes the role and team from the database, not from the token', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const real = decodeJwt((await signIn(u.email)).token);
    const promoted = await forge({ ...real, role: 'admin', tid: null, exp: undefined, iat: undefined });
    expect((await get('/api/v1/users', promoted)).statusCode).toBe(403);
    const me = await get('/api/v1/auth/me', promoted);
    expect(me.json()).toMatchObject({ user: { role: 'telecaller' }, abilities: { manageUsers: false } });
  });

  it('refuses a token that names no session, or one that was never opened', async () => {
    const u = await person('telecaller', t.cast.teamId);
    const real = decodeJwt((await signIn(u.email)).token);
    const base = { ...real, exp: undefined, iat: undefined };
    expect((await get('/api/v1/auth/me', await forge({ ...base, sid: undefined }))).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me', await forge({ ...base, sid: randomUUID() }))).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me', await forge({ ...base, sv: (Number(real.sv) || 0) + 1 }))).statusCode).toBe(401);
    expect((await get('/api/v1/auth/me', await forge(base))).statusCode).toBe(200);
  });
});
