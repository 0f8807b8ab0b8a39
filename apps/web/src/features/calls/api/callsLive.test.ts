import { describe, expect, it } from 'vitest';
import { type LiveCallData, toCallChange, toSegment } from './callsLive';

const live: LiveCallData = {
  id: '6f1c2a34-0000-4000-8000-000000000001',
  status: 'COMPLETED',
  startedAt: '2026-03-02T10:00:00.000Z',
  answeredAt: '2026-03-02T10:00:04.000Z',
  endedAt: '2026-03-02T10:01:04.000Z',
  duration: 60,
  disposition: null,
  notes: null,
  callbackAt: null,
  wrapUpPending: true,
  hangupBy: 'LEAD',
  recording: '/api/v1/calls/6f1c2a34-0000-4000-8000-000000000001/recording',
  updatedAt: '2026-03-02T10:01:05.000Z',
};

describe('calls from the socket', () => {
  it('read in the REST names the cache holds', () => {
    expect(toCallChange(live)).toEqual({
      id: live.id,
      status: 'completed',
      startedAt: live.startedAt,
      answeredAt: live.answeredAt,
      endedAt: live.endedAt,
      durationSeconds: 60,
      disposition: null,
      notes: null,
      callbackAt: null,
      wrapUpPending: true,
      hangupBy: 'lead',
      recordingAvailable: true,
      updatedAt: live.updatedAt,
    });
  });

  it('have no recording until its path is sent', () => {
    expect(toCallChange({ ...live, recording: null, hangupBy: null })).toMatchObject({ recordingAvailable: false, hangupBy: null });
  });

  it('are skipped when a newer server sends a status this client does not know', () => {
    expect(toCallChange({ ...live, status: 'ON_HOLD' })).toBeNull();
  });

  it('name the transcript’s speakers as REST does', () => {
    const seg = { id: 's1', callId: live.id, seq: 0, speaker: 'LEAD', language: 'hi' as const, text: 'नमस्ते', startMs: 0, endMs: 900 };
    expect(toSegment(seg).speaker).toBe('lead');
    expect(toSegment({ ...seg, speaker: 'AGENT' }).speaker).toBe('agent');
  });
});
