/** The call state as a pure merge: the engine's own verdicts against the provider's late reports. */
import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../providers/telephony/telephony.port.js';
import { applyEvent, type CallState } from './calls.lifecycle.js';

const start: CallState = { status: 'queued', startedAt: null, answeredAt: null, endedAt: null, reportedDuration: null, hangupBy: null, recordingUrl: null };
const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, s));
const ev = (status: ProviderEvent['status'], s: number, extra: Partial<ProviderEvent> = {}): ProviderEvent => ({
  provider: 'simulator',
  providerEventId: `${status}-${s}`,
  providerCallId: 'SIM1',
  callId: null,
  kind: 'status',
  status,
  occurredAt: at(s),
  raw: {},
  ...extra,
});

describe('call lifecycle', () => {
  it('keeps a call the dialer abandoned abandoned when the provider reports it completed, in either order', () => {
    const answered = applyEvent(applyEvent(start, ev('ringing', 1)), ev('in_progress', 6));
    const abandoned = ev('abandoned', 8, { hangupBy: 'system' });
    const completed = ev('completed', 9, { hangupBy: 'system', durationSeconds: 3 });
    const a = applyEvent(applyEvent(answered, abandoned), completed);
    const b = applyEvent(applyEvent(answered, completed), abandoned);
    expect(a.status).toBe('abandoned');
    expect(b.status).toBe('abandoned');
    expect(a.endedAt).toEqual(b.endedAt);
  });
});
