/**
 * A lead's calls as its page lists them (GET /calls?leadId=): newest first and paged, every call
 * of a lead the asker may see, and for each whether they may play its recording, which the
 * recording route answers alike (the agent on the call and staff who watch them).
 */
import type { CallPage } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { calls } from './calls.tables.js';

let t: TestApp;
let leadId: string;
/** The lead's owner's call (newest), and an earlier one by a telecaller of the other team who had the lead before. */
let own: string;
let earlier: string;

beforeAll(async () => {
  t = await createTestApp();
  leadId = (await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'History Lead', phone: '9712300001', ownerId: t.cast.telecaller.id })).id;
  const insert = async (agentId: string, minutesAgo: number) => {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    const [row] = await t.db.database.db
      .insert(calls)
      .values({
        leadId,
        agentId,
        provider: 'simulator',
        providerCallId: `history-${minutesAgo}`,
        status: 'completed',
        disposition: 'interested',
        startedAt: at,
        answeredAt: at,
        endedAt: new Date(at.getTime() + 60_000),
        durationSeconds: 60,
        recordingAvailable: true,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: calls.id });
    return row?.id ?? '';
  };
  earlier = await insert(t.cast.otherTelecaller.id, 120);
  own = await insert(t.cast.telecaller.id, 10);
});
afterAll(() => t?.close());

const history = async (as: Person, query = '') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/calls?leadId=${leadId}${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CallPage>();
};
const hearing = (page: CallPage) => page.items.map((c) => [c.id, c.canHearRecording]);

describe('a lead’s calls', () => {
  it('lists every call of a lead the asker sees, newest first, and which recordings they may play', async () => {
    expect(hearing(await history(t.cast.telecaller))).toEqual([
      [own, true],
      [earlier, false],
    ]);
    expect(hearing(await history(t.cast.admin))).toEqual([
      [own, true],
      [earlier, true],
    ]);
    // The owner's manager sees the lead and its history; the earlier call's agent is not in their teams.
    expect(hearing(await history(t.cast.manager))).toEqual([
      [own, true],
      [earlier, false],
    ]);
    // The other team's people do not see the lead: only the calls they act on.
    expect(hearing(await history(t.cast.otherTelecaller))).toEqual([[earlier, true]]);
    expect(hearing(await history(t.cast.otherManager))).toEqual([[earlier, true]]);
  });

  it('pages the history', async () => {
    const first = await history(t.cast.telecaller, '&pageSize=1');
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.items.map((c) => c.id)).toEqual([own]);
    const second = await history(t.cast.telecaller, '&pageSize=1&page=2');
    expect(second.items.map((c) => c.id)).toEqual([earlier]);
    expect(second.items[0]).toMatchObject({ direction: 'outbound', disposition: 'interested', durationSeconds: 60, recordingAvailable: true });
  });

  it('refuses the recording it says may not be played', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/calls/${earlier}/recording`, as: t.cast.telecaller });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'RECORDING_FORBIDDEN' });
  });
});
