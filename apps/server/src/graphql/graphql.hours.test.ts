/**
 * teamHours: the command center's hourly charts of today, over calls seeded at known instants on a
 * fixed clock (hours in Asia/Kolkata, whose offset is not a whole hour), cut to the viewer's teams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../modules/calls/calls.tables.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { codes, gql, gqlData } from './testing/gql.js';

/** 12:20 in Asia/Kolkata: today has thirteen hours so far, the last one twenty minutes long. */
const NOW = '2026-11-25T12:20:00+05:30';
const ist = (local: string) => new Date(`${local}+05:30`);
const iso = (local: string) => ist(local).toISOString();

const Q = 'query($teamId: ID) { teamHours(teamId: $teamId) { from to calls connects talkSeconds conversions } }';
type Hour = { from: string; to: string; calls: number; connects: number; talkSeconds: number; conversions: number };

describe('teamHours', () => {
  let t: TestApp;

  /** A finished call started at `at` (Kolkata time): answered with `talk` seconds, or not answered. */
  function callRow(agentId: string, leadId: string, at: string, talk?: number, disposition?: string): typeof calls.$inferInsert {
    const created = ist(at);
    const answeredAt = talk === undefined ? null : new Date(created.getTime() + 10_000);
    const endedAt = new Date((answeredAt ?? created).getTime() + (talk ?? 30) * 1000);
    return {
      leadId,
      agentId,
      provider: 'simulator',
      direction: 'outbound',
      status: answeredAt ? 'completed' : 'no_answer',
      startedAt: created,
      answeredAt,
      endedAt,
      durationSeconds: talk ?? 0,
      disposition: disposition ?? (answeredAt ? 'interested' : 'no_answer'),
      createdAt: created,
      updatedAt: created,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => new Date(NOW) }, env: { TELEHUB_ACCESS_TOKEN_TTL: '12h' } });
    const { leads } = t.app.services;
    const A = t.cast.telecaller.id;
    const B = t.cast.otherTelecaller.id;
    const la = (await leads.create(SYSTEM_ACTOR, { name: 'Hour Lead A', phone: '9840012001', ownerId: A })).id;
    const lb = (await leads.create(SYSTEM_ACTOR, { name: 'Hour Lead B', phone: '9840012002', ownerId: B })).id;
    await t.db.database.db.insert(calls).values([
      // Alpha: two calls in the 9 o'clock hour (one answered), one at 11, one this hour; one yesterday that counts nowhere.
      callRow(A, la, '2026-11-25T09:15:00', 60, 'converted'),
      callRow(A, la, '2026-11-25T09:59:59'),
      callRow(A, la, '2026-11-25T11:05:00', 30),
      callRow(A, la, '2026-11-25T12:10:00', 20),
      callRow(A, la, '2026-11-24T23:59:00', 200),
      // Beta: one answered call at 10.
      callRow(B, lb, '2026-11-25T10:00:00', 90),
    ]);
  });
  afterAll(() => t?.close());

  const hours = async (token: string, teamId?: string) => (await gqlData<{ teamHours: Hour[] }>(t.app, token, Q, teamId ? { teamId } : {})).teamHours;
  const figures = (d: Hour[]) => d.map((h) => [h.calls, h.connects, h.talkSeconds, h.conversions]);

  it('gives a manager their team per local hour from midnight, the last one ending now', async () => {
    const d = await hours(t.cast.manager.token);
    expect(d).toHaveLength(13);
    expect(d[0]?.from).toBe(iso('2026-11-25T00:00:00'));
    expect(d[9]).toMatchObject({ from: iso('2026-11-25T09:00:00'), to: iso('2026-11-25T10:00:00'), calls: 2, connects: 1, talkSeconds: 60, conversions: 1 });
    expect(d[12]).toMatchObject({ from: iso('2026-11-25T12:00:00'), to: new Date(NOW).toISOString(), calls: 1, connects: 1, talkSeconds: 20 });
    // Each hour ends where the next begins.
    for (let i = 1; i < d.length; i++) expect(d[i]?.from).toBe(d[i - 1]?.to);
    expect(figures(d).filter(([calls]) => calls !== 0)).toEqual([
      [2, 1, 60, 1],
      [1, 1, 30, 0],
      [1, 1, 20, 0],
    ]);
  });

  it('sums every team for an admin, one team when asked', async () => {
    const all = await hours(t.cast.admin.token);
    expect(all.map((h) => h.calls)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 1]);
    const beta = await hours(t.cast.admin.token, t.cast.otherTeamId);
    expect(figures(beta)[10]).toEqual([1, 1, 90, 0]);
    expect(beta.reduce((n, h) => n + h.calls, 0)).toBe(1);
  });

  it('refuses telecallers and teams the manager does not watch', async () => {
    expect(codes(await gql(t.app, t.cast.telecaller.token, Q))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.app, t.cast.manager.token, Q, { teamId: t.cast.otherTeamId }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.app, null, Q))).toEqual(['UNAUTHENTICATED']);
  });
});
