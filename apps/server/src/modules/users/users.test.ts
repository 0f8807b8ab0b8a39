import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  email: `user${Math.random().toString(36).slice(2, 8)}@test.example`,
  name: 'Ravi Kumar',
  role: 'telecaller',
  password: PASSWORD,
  ...over,
});

describe('users', () => {
  it('creates a user who can then sign in; the password never comes back', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.cast.admin,
      payload: newUser({ email: 'Ravi.K@Test.Example', phone: '98765 12345', teamId: t.cast.teamId, languages: ['hi', 'en'] }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'ravi.k@test.example',
      role: 'telecaller',
      phone: '+919876512345',
      teamId: t.cast.teamId,
      languages: ['hi', 'en'],
      active: true,
    });
    expect(JSON.stringify(res.json())).not.toContain('argon2');
    expect(await t.login('ravi.k@test.example')).toEqual(expect.any(String));
  });

  it('refuses a duplicate email (any case), a short password and an unknown team', async () => {
    await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ email: 'dup@test.example' }) });
    const dup = await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ email: 'DUP@test.example' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('USER_EMAIL_TAKEN');
    const short = await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ password: 'short' }) });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('password');
    const team = await t.request({
      method: 'POST',
      url: '/api/v1/users',
      as: t.cast.admin,
      payload: newUser({ teamId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(team.statusCode).toBe(404);
    expect(team.json().code).toBe('TEAM_NOT_FOUND');
    const role = await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ role: 'owner' }) });
    expect(role.statusCode).toBe(400);
    expect(role.json().message).toContain('role');
  });

  it('shows a manager only the people of the teams they lead', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/users', as: t.cast.manager });
    const emails = res.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain(t.cast.telecaller.email);
    expect(emails).toContain(t.cast.manager.email);
    expect(emails).not.toContain(t.cast.otherTelecaller.email);
    expect(emails).not.toContain(t.cast.admin.email);
    expect((await t.request({ method: 'GET', url: `/api/v1/users/${t.cast.telecaller.id}`, as: t.cast.manager })).statusCode).toBe(200);
    const teams = (await t.request({ method: 'GET', url: '/api/v1/teams', as: t.cast.manager })).json();
    expect(teams.items.map((x: { name: string }) => x.name)).toEqual(['Alpha']);
  });

  it('changes the password so the old one stops working', async () => {
    const u = (await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ email: 'pw@test.example' }) })).json();
    const res = await t.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: t.cast.admin, payload: { password: 'a-brand-new-password' } });
    expect(res.statusCode).toBe(200);
    await expect(t.login('pw@test.example')).rejects.toThrow(/401/);
    expect(await t.login('pw@test.example', 'a-brand-new-password')).toEqual(expect.any(String));
  });

  it('never removes the last active admin', async () => {
    const demote = await t.request({ method: 'PATCH', url: `/api/v1/users/${t.cast.admin.id}`, as: t.cast.admin, payload: { role: 'manager' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('LAST_ADMIN');
    const disable = await t.request({ method: 'PATCH', url: `/api/v1/users/${t.cast.admin.id}`, as: t.cast.admin, payload: { active: false } });
    expect(disable.statusCode).toBe(409);
    const second = (await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser({ role: 'admin' }) })).json();
    const ok = await t.request({ method: 'PATCH', url: `/api/v1/users/${second.id}`, as: t.cast.admin, payload: { role: 'manager' } });
    expect(ok.statusCode).toBe(200);
  });

  it('audits user changes without the password', async () => {
    const u = (await t.request({ method: 'POST', url: '/api/v1/users', as: t.cast.admin, payload: newUser() })).json();
    await t.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, as: t.cast.admin, payload: { password: 'another-password-1', name: 'New Name' } });
    const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${u.id}`, as: t.cast.admin })).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['user.update', 'user.create']);
    expect(audit.items[0].details).toEqual({ fields: ['name'], passwordChanged: true });
    expect(JSON.stringify(audit)).not.toContain('another-password-1');
  });
});

describe('teams', () => {
  it('creates, renames and re-manages a team, refusing duplicates and non-managers', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/teams', as: t.cast.admin, payload: { name: 'Gamma', managerId: t.cast.manager.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Gamma', managerId: t.cast.manager.id, memberCount: 0 });
    const dup = await t.request({ method: 'POST', url: '/api/v1/teams', as: t.cast.admin, payload: { name: 'gamma' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('TEAM_NAME_TAKEN');
    const badManager = await t.request({
      method: 'PATCH',
      url: `/api/v1/teams/${res.json().id}`,
      as: t.cast.admin,
      payload: { managerId: t.cast.telecaller.id },
    });
    expect(badManager.statusCode).toBe(422);
    const renamed = await t.request({ method: 'PATCH', url: `/api/v1/teams/${res.json().id}`, as: t.cast.admin, payload: { name: 'Gamma West' } });
    expect(renamed.json()).toMatchObject({ name: 'Gamma West' });
    const alpha = (await t.request({ method: 'GET', url: '/api/v1/teams', as: t.cast.admin })).json().items.find((x: { name: string }) => x.name === 'Alpha');
    expect(alpha.memberCount).toBeGreaterThanOrEqual(1);
  });
});

describe('first admin from the environment', () => {
  it('creates the admin once, and is a no-op when an admin exists', async () => {
    const { users } = t.app.services;
    // An admin already exists in this database.
    expect(await users.ensureFirstAdmin('boot@test.example', 'bootstrap-password')).toBe('exists');
    await expect(t.login('boot@test.example', 'bootstrap-password')).rejects.toThrow(/401/);
  });
});
