import { QueryClient } from '@tanstack/react-query';
import type { CallWithLead } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { applyCallChange, mergeCall, putCall, settleCall } from './callCache';
import { callKeys } from './callKeys';
import type { CallChange } from './callsLive';

const ID = '6f1c2a34-0000-4000-8000-000000000001';

const call = (over: Partial<CallWithLead> = {}): CallWithLead => ({
  id: ID,
  leadId: '6f1c2a34-0000-4000-8000-0000000000aa',
  agentId: null,
  campaignId: null,
  direction: 'outbound',
  provider: 'simulator',
  providerCallId: null,
  status: 'dialing',
  startedAt: null,
  answeredAt: null,
  endedAt: null,
  durationSeconds: null,
  disposition: null,
  notes: null,
  callbackAt: null,
  hangupBy: null,
  recordingAvailable: false,
  recordingNotice: false,
  wrapUpPending: false,
  answeredBy: null,
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  leadName: 'Asha Verma',
  leadPhone: '+919800000001',
  agentName: null,
  ...over,
});

const change = (status: CallChange['status'], second: number, over: Partial<CallChange> = {}): CallChange => ({
  id: ID,
  status,
  startedAt: '2026-03-02T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  durationSeconds: null,
  disposition: null,
  notes: null,
  callbackAt: null,
  wrapUpPending: false,
  hangupBy: null,
  recordingAvailable: false,
  updatedAt: `2026-03-02T10:00:${String(second).padStart(2, '0')}.000Z`,
  ...over,
});

describe('the call cache', () => {
  it('takes a newer change and keeps what the change does not say (the lead)', () => {
    const merged = mergeCall(call(), change('in_progress', 5, { answeredAt: '2026-03-02T10:00:05.000Z' }));
    expect(merged).toMatchObject({ status: 'in_progress', answeredAt: '2026-03-02T10:00:05.000Z', leadName: 'Asha Verma' });
  });

  it('ignores a change older than the call it holds, so a late message never takes it back', () => {
    const ended = mergeCall(call(), change('completed', 9, { wrapUpPending: true }));
    expect(mergeCall(ended, change('in_progress', 5))).toBe(ended);
  });

  it('keeps changes that beat the dial’s answer, and applies the newest when the call arrives', () => {
    const qc = new QueryClient();
    expect(applyCallChange(qc, change('ringing', 2))).toBeUndefined();
    expect(applyCallChange(qc, change('in_progress', 4))).toMatchObject({ status: 'ringing' });
    // Out of order: the older one does not replace the newer one held.
    applyCallChange(qc, change('ringing', 3));
    putCall(qc, call({ status: 'dialing', updatedAt: '2026-03-02T10:00:01.000Z' }));
    expect(qc.getQueryData<CallWithLead>(callKeys.detail(ID))).toMatchObject({ status: 'in_progress', leadName: 'Asha Verma' });
    expect(qc.getQueryData(callKeys.early(ID))).toBeUndefined();
  });

  it('answers with the call it held before a change, for deciding what to refresh', () => {
    const qc = new QueryClient();
    putCall(qc, call({ status: 'in_progress', updatedAt: '2026-03-02T10:00:05.000Z' }));
    const before = applyCallChange(qc, change('completed', 9, { wrapUpPending: true }));
    expect(before).toMatchObject({ status: 'in_progress' });
    expect(qc.getQueryData<CallWithLead>(callKeys.detail(ID))).toMatchObject({ status: 'completed', wrapUpPending: true });
  });

  it('does not let a slower REST answer (a reload) undo what the socket already said', () => {
    const qc = new QueryClient();
    putCall(qc, call({ status: 'completed', wrapUpPending: true, updatedAt: '2026-03-02T10:00:09.000Z' }));
    const settled = settleCall(qc, call({ status: 'in_progress', updatedAt: '2026-03-02T10:00:05.000Z' }));
    expect(settled).toMatchObject({ status: 'completed', wrapUpPending: true });
  });
});
