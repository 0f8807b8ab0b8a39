import { describe, expect, it } from 'vitest';
import type { CallChange } from '../../calls';
import { callImpact } from './callImpact';

const base: CallChange = {
  id: '6f1c2a34-0000-4000-8000-000000000001',
  status: 'in_progress',
  startedAt: '2026-03-02T10:00:00.000Z',
  answeredAt: '2026-03-02T10:00:04.000Z',
  endedAt: null,
  durationSeconds: null,
  disposition: null,
  notes: null,
  callbackAt: null,
  wrapUpPending: false,
  hangupBy: null,
  recordingAvailable: false,
  updatedAt: '2026-03-02T10:00:04.000Z',
};
const ended: CallChange = { ...base, status: 'completed', endedAt: '2026-03-02T10:01:00.000Z', wrapUpPending: true };
const disposed: CallChange = { ...ended, disposition: 'interested', wrapUpPending: false };
const recorded: CallChange = { ...disposed, recordingAvailable: true };
const none = { placed: false, connected: false, ended: false, wrappedUp: false, recorded: false };
const ringing: CallChange = { ...base, status: 'ringing', answeredAt: null };

describe('what a change of a call moves in the workspace', () => {
  it('today’s calls when it is dialled, its connects when it is answered, then nothing while it talks', () => {
    expect(callImpact(undefined, ringing)).toEqual({ ...none, placed: true });
    expect(callImpact(ringing, ringing)).toEqual(none);
    expect(callImpact(ringing, base)).toEqual({ ...none, connected: true });
    expect(callImpact(base, { ...base, updatedAt: '2026-03-02T10:00:09.000Z' })).toEqual(none);
  });

  it('the numbers when it ends, once', () => {
    expect(callImpact(base, ended)).toEqual({ ...none, ended: true });
    expect(callImpact(ended, ended)).toEqual(none);
  });

  it('the queue and callbacks when it is wrapped up, the lead’s calls when its recording lands', () => {
    expect(callImpact(ended, disposed)).toEqual({ ...none, wrappedUp: true });
    expect(callImpact(disposed, recorded)).toEqual({ ...none, recorded: true });
  });

  it('everything it says, for a call not heard of before', () => {
    expect(callImpact(undefined, recorded)).toEqual({ placed: true, connected: true, ended: true, wrappedUp: true, recorded: true });
  });
});
