import { describe, expect, it } from 'vitest';
import { type AgentRow, applyFloorPatch, type FloorPatch, type LiveCall, type PatchedBoard } from './floorApi';

const perf = {
  calls: 0,
  connects: 0,
  connectRate: null,
  talkSeconds: 0,
  averageHandleSeconds: null,
  conversions: 0,
  loggedInSeconds: 0,
  callsPerHour: null,
  talkMinutesPerHour: null,
};
const totals = { agents: 0, available: 0, ringing: 0, onCall: 0, wrapUp: 0, onBreak: 0, offline: 0, liveCalls: 0 };
const agent = (id: string, state: AgentRow['state'] = 'AVAILABLE'): AgentRow => ({
  user: { id, name: id, team: null },
  state,
  since: null,
  reason: null,
  currentCall: null,
  today: perf,
  campaign: null,
  next: null,
});
const call = (id: string, startedAt: string): LiveCall => ({
  id,
  status: 'IN_PROGRESS',
  startedAt,
  answeredAt: null,
  endedAt: null,
  wrapUpPending: false,
  lead: { id: `l-${id}`, name: 'Lead' },
  telecaller: { id: 'a', name: 'a' },
});
const patch = (seq: number, p: Partial<FloorPatch> = {}): FloorPatch => ({
  seq,
  full: false,
  agents: [],
  removedAgentIds: [],
  liveCalls: [],
  endedCallIds: [],
  totals,
  today: perf,
  updatedAt: '2026-11-25T06:30:00.000Z',
  ...p,
});

describe('applyFloorPatch', () => {
  it('starts from a whole view, replaces changed rows in place, adds new ones last and drops the removed', () => {
    const start = applyFloorPatch(null, patch(4, { full: true, agents: [agent('a'), agent('b'), agent('c')], liveCalls: [call('x', '2026-11-25T06:00:00Z')] }));
    expect(start?.seq).toBe(4);
    const next = applyFloorPatch(
      start,
      patch(5, { agents: [agent('b', 'BREAK'), agent('d')], removedAgentIds: ['a'], totals: { ...totals, agents: 3, onBreak: 1 } }),
    );
    expect(next?.status.agents.map((a) => [a.user.id, a.state])).toEqual([
      ['b', 'BREAK'],
      ['c', 'AVAILABLE'],
      ['d', 'AVAILABLE'],
    ]);
    expect(next?.status.totals.onBreak).toBe(1);
    expect(next?.status.liveCalls.map((c) => c.id)).toEqual(['x']);
  });

  it('keeps live calls newest first, updates them in place and drops the ended', () => {
    const start = applyFloorPatch(null, patch(0, { full: true, liveCalls: [call('old', '2026-11-25T06:00:00Z')] })) as PatchedBoard;
    const next = applyFloorPatch(
      start,
      patch(1, { liveCalls: [call('new', '2026-11-25T06:10:00Z'), { ...call('old', '2026-11-25T06:00:00Z'), status: 'RINGING' }] }),
    );
    expect(next?.status.liveCalls.map((c) => [c.id, c.status])).toEqual([
      ['new', 'IN_PROGRESS'],
      ['old', 'RINGING'],
    ]);
    expect(applyFloorPatch(next, patch(2, { endedCallIds: ['new'] }))?.status.liveCalls.map((c) => c.id)).toEqual(['old']);
  });

  it('answers null for a patch that does not follow the last one, or comes before any whole view', () => {
    const start = applyFloorPatch(null, patch(7, { full: true, agents: [agent('a')] }));
    expect(applyFloorPatch(start, patch(9))).toBeNull();
    expect(applyFloorPatch(start, patch(7))).toBeNull();
    expect(applyFloorPatch(null, patch(1))).toBeNull();
    // A whole view starts over wherever it comes.
    expect(applyFloorPatch(start, patch(2, { full: true, agents: [agent('z')] }))?.status.agents.map((a) => a.user.id)).toEqual(['z']);
  });
});
