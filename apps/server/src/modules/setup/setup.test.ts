/** The setup checklist through the API: empty organisation to configured, step by step, and admins only. */
import type { SetupChecklist } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const checklist = async () => {
  const res = await t.request({ method: 'GET', url: '/api/v1/setup', as: t.cast.admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SetupChecklist>();
};
const step = (c: SetupChecklist, key: string) => c.steps.find((s) => s.key === key);

describe('the setup checklist', () => {
  it('counts what the organisation has, and is configured once it has teams, telecallers and leads', async () => {
    // The harness made two teams and two telecallers, but no leads yet.
    const first = await checklist();
    expect(first.steps.map((s) => s.key)).toEqual(['teams', 'telecallers', 'leads', 'campaigns', 'telephony', 'dnd', 'sources']);
    expect(step(first, 'teams')).toMatchObject({ required: true, done: true, count: 2 });
    expect(step(first, 'telecallers')).toMatchObject({ required: true, done: true, count: 2 });
    expect(step(first, 'leads')).toMatchObject({ required: true, done: false, count: 0 });
    expect(step(first, 'telephony')).toMatchObject({ required: false, done: false });
    expect(first).toMatchObject({ configured: false, telephonyProvider: 'simulator' });

    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'First Lead', phone: '9811100001' });
    await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Admissions', teamIds: [t.cast.teamId] });
    const second = await checklist();
    expect(step(second, 'leads')).toMatchObject({ done: true, count: 1 });
    expect(step(second, 'campaigns')).toMatchObject({ done: true, count: 1 });
    expect(second.configured).toBe(true);

    // A deleted lead does not count; the recommended steps never hold the admin back.
    await t.db.database.db.execute(sql`update leads set deleted_at = now() where id = ${lead.id}`);
    expect((await checklist()).configured).toBe(false);
  });

  it('is the admins’ alone', async () => {
    for (const who of [t.cast.manager, t.cast.telecaller]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/setup', as: who })).statusCode).toBe(403);
    }
  });
});
