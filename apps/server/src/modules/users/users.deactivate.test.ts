import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, PASSWORD, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let seq = 0;
const phone = () => `+9197${String(10_000_000 + ++seq * 7919).slice(-8)}`;

/** A telecaller of `teamId` holding `open` open leads, one closed lead, and a pending callback on the first. */
async function agentWithWork(teamId: string | null, open = 3) {
  const { users, leads, agents } = t.app.services;
  const email = `agent${++seq}@test.example`;
  const u = await users.create(SYSTEM_ACTOR, { email, name: `Agent ${seq}`, role: 'telecaller', password: PASSWORD, teamId });
  const leadIds: string[] = [];
  for (let i = 0; i < open; i++) leadIds.push((await leads.create(SYSTEM_ACTOR, { name: `Lead ${seq}-${i}`, phone: phone(), ownerId: u.id })).id);
  const closed = (await leads.create(SYSTEM_ACTOR, { name: `Won ${seq}`, phone: phone(), ownerId: u.id, status: 'converted' })).id;
  const first = leadIds[0];
  if (first) {
    await agents.callbacks.replaceForLead(t.db.database.db, {
      leadId: first,
      agentId: u.id,
      callId: null,
      dueAt: new Date(Date.now() + 3600_000),
      notes: 'call back',
    });
  }
  return { user: u, email, leadIds, closed };
}

const ownerOf = async (leadId: string) => (await t.app.services.leads.get(SYSTEM_ACTOR, leadId)).ownerId;
const deactivate = (id: string, body: object, as: Person = t.cast.admin) =>
  t.request({ method: 'POST', url: `/api/v1/users/${id}/deactivate`, as, payload: body });

describe('deactivating with a hand-over', () => {
  it('tells what the user holds and asks who takes it over', async () => {
    const a = await agentWithWork(t.cast.teamId);
    const held = await t.request({ method: 'GET', url: `/api/v1/users/${a.user.id}/holdings`, as: t.cast.admin });
    expect(held.json()).toEqual({ holdings: { openLeads: 3, callbacks: 1 } });
    const res = await deactivate(a.user.id, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USER_HOLDS_WORK', holdings: { openLeads: 3, callbacks: 1 } });
    expect((await t.app.services.users.findById(a.user.id))?.active).toBe(true);
  });

  it('moves open leads and callbacks to a colleague with the deactivation, ends the sessions, and audits it', async () => {
    const a = await agentWithWork(t.cast.teamId);
    const token = await t.login(a.email);
    const res = await deactivate(a.user.id, { handOverTo: t.cast.telecaller.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: a.user.id, active: false }, handOverTo: t.cast.telecaller.id, moved: { openLeads: 3, callbacks: 1 } });
    for (const id of a.leadIds) expect(await ownerOf(id)).toBe(t.cast.telecaller.id);
    // A closed lead stays with who closed it.
    expect(await ownerOf(a.closed)).toBe(a.user.id);
    const callbacks = await t.app.services.agents.callbacks.listFor(t.cast.telecaller.id);
    expect(callbacks.map((c) => c.leadId)).toContain(a.leadIds[0]);
    expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    await expect(t.login(a.email)).rejects.toThrow();
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${a.leadIds[1]}/activities`, as: t.cast.admin })).json();
    expect(JSON.stringify(timeline)).toContain('hand_over');
    const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${a.user.id}`, as: t.cast.admin })).json();
    expect(audit.items[0]).toMatchObject({
      action: 'user.deactivate',
      details: { handOverTo: t.cast.telecaller.id, moved: { openLeads: 3, callbacks: 1 } },
    });
  });

  it("hands work to the unassigned pool: unowned leads, callbacks in the team's queue", async () => {
    const a = await agentWithWork(t.cast.teamId, 2);
    const res = await deactivate(a.user.id, { handOverTo: null });
    expect(res.statusCode).toBe(200);
    for (const id of a.leadIds) expect(await ownerOf(id)).toBeNull();
    const queue = await t.app.services.agents.callbacks.teamQueue([t.cast.teamId]);
    expect(queue.map((c) => c.leadId)).toContain(a.leadIds[0]);
    // Anyone of the team can claim it.
    const id = queue.find((c) => c.leadId === a.leadIds[0])?.id ?? '';
    expect(await t.app.services.agents.callbacks.claim(id, t.cast.telecaller.id)).toBe(true);
  });

  it('refuses a receiver who is deactivated, themselves, or (for a manager) in another team', async () => {
    const a = await agentWithWork(t.cast.teamId, 1);
    const b = await agentWithWork(t.cast.teamId, 0);
    await t.app.services.users.update(SYSTEM_ACTOR, b.user.id, { active: false });
    const inactive = await deactivate(a.user.id, { handOverTo: b.user.id });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json()).toMatchObject({ code: 'USER_HANDOVER_INVALID' });
    expect(inactive.json().message).toContain('deactivated');
    expect((await deactivate(a.user.id, { handOverTo: a.user.id })).json().code).toBe('USER_HANDOVER_INVALID');
    const across = await deactivate(a.user.id, { handOverTo: t.cast.otherTelecaller.id }, t.cast.manager);
    expect(across.statusCode).toBe(422);
    expect(across.json().message).toContain('another team');
    // Nothing moved, nobody deactivated.
    expect(await ownerOf(a.leadIds[0] ?? '')).toBe(a.user.id);
    expect((await t.app.services.users.findById(a.user.id))?.active).toBe(true);
    // An admin hands work across teams.
    const admin = await deactivate(a.user.id, { handOverTo: t.cast.otherTelecaller.id });
    expect(admin.statusCode).toBe(200);
    expect(await ownerOf(a.leadIds[0] ?? '')).toBe(t.cast.otherTelecaller.id);
  });

  it("lets a manager deactivate their own teams' telecallers only", async () => {
    const own = await agentWithWork(t.cast.teamId, 1);
    const other = await agentWithWork(t.cast.otherTeamId, 1);
    expect((await deactivate(other.user.id, { handOverTo: null }, t.cast.manager)).statusCode).toBe(404);
    expect((await deactivate(t.cast.manager.id, { handOverTo: null }, t.cast.manager)).json().code).toBe('USER_FORBIDDEN');
    expect((await deactivate(own.user.id, { handOverTo: t.cast.telecaller.id }, t.cast.manager)).statusCode).toBe(200);
    expect((await deactivate(own.user.id, { handOverTo: null }, t.cast.manager)).json().code).toBe('USER_ALREADY_INACTIVE');
  });

  it('needs a colleague for the work of someone in no team, and never removes the last admin', async () => {
    const a = await agentWithWork(null, 1);
    expect((await deactivate(a.user.id, { handOverTo: null })).json().code).toBe('USER_HANDOVER_INVALID');
    // Holding nothing open (a converted lead stays theirs), they need no receiver.
    const idle = await agentWithWork(null, 0);
    expect((await deactivate(idle.user.id, {})).statusCode).toBe(200);
    expect((await deactivate(t.cast.admin.id, {})).json().code).toBe('LAST_ADMIN');
  });

  it('reactivates: the user signs in again, and it is audited', async () => {
    const a = await agentWithWork(t.cast.teamId, 0);
    expect((await deactivate(a.user.id, {})).statusCode).toBe(200);
    const res = await t.request({ method: 'POST', url: `/api/v1/users/${a.user.id}/reactivate`, as: t.cast.manager });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: a.user.id, active: true });
    expect(await t.login(a.email)).toEqual(expect.any(String));
    expect((await t.request({ method: 'POST', url: `/api/v1/users/${a.user.id}/reactivate`, as: t.cast.admin })).json().code).toBe('USER_ALREADY_ACTIVE');
    const audit = (await t.request({ method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${a.user.id}`, as: t.cast.admin })).json();
    const actions = audit.items.map((x: { action: string }) => x.action).filter((a: string) => a.startsWith('user.'));
    expect(actions.slice(0, 2)).toEqual(['user.reactivate', 'user.deactivate']);
  });
});
