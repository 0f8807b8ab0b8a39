import { describe, expect, it } from 'vitest';
import { localMinutes, startOfLocalDay } from '../../platform/time.js';
import { checkGates, type GateInput } from './compliance.gates.js';

const base: GateInput = {
  now: new Date('2026-11-25T06:30:00Z'), // 12:00 in India
  lead: { dnd: false, timezone: 'Asia/Kolkata' },
  callingHours: '09:00-21:00',
  consentRequired: false,
  consentGranted: false,
  attemptsToday: 0,
  maxAttemptsPerDay: 3,
};
const at = (iso: string, timezone = 'Asia/Kolkata') => checkGates({ ...base, now: new Date(iso), lead: { dnd: false, timezone } });

describe('compliance gates before a dial', () => {
  it('lets an ordinary call through', () => {
    expect(checkGates(base)).toEqual({ ok: true });
  });

  it('refuses a DND number before anything else', () => {
    expect(checkGates({ ...base, lead: { dnd: true, timezone: 'Asia/Kolkata' } })).toMatchObject({ ok: false, reason: 'dnd' });
  });

  it('holds the window 09:00-21:00 in the lead’s time zone, edges included', () => {
    expect(at('2026-11-25T03:29:00Z')).toMatchObject({ ok: false, reason: 'calling_hours' }); // 08:59 IST
    expect(at('2026-11-25T03:30:00Z')).toEqual({ ok: true }); // 09:00 IST
    expect(at('2026-11-25T15:29:00Z')).toEqual({ ok: true }); // 20:59 IST
    expect(at('2026-11-25T15:30:00Z')).toMatchObject({ ok: false, reason: 'calling_hours' }); // 21:00 IST
    const r = at('2026-11-25T15:30:00Z');
    expect(r.ok === false && r.message).toContain('it is 21:00 there now');
  });

  it('uses the lead’s own zone: noon in India is the middle of the night in New York', () => {
    expect(at('2026-11-25T06:30:00Z', 'America/New_York')).toMatchObject({ ok: false, reason: 'calling_hours' }); // 01:30 EST
    expect(at('2026-11-25T14:00:00Z', 'America/New_York')).toEqual({ ok: true }); // 09:00 EST
    expect(at('2026-11-25T13:59:00Z', 'America/New_York')).toMatchObject({ ok: false }); // 08:59 EST
    // Nepal is UTC+05:45: the quarter hour matters at the edge.
    expect(at('2026-11-25T03:14:00Z', 'Asia/Kathmandu')).toMatchObject({ ok: false }); // 08:59 NPT
    expect(at('2026-11-25T03:15:00Z', 'Asia/Kathmandu')).toEqual({ ok: true }); // 09:00 NPT
    // Daylight saving: 09:00 in London is 08:00 UTC in June, 09:00 UTC in November.
    expect(at('2026-06-15T08:00:00Z', 'Europe/London')).toEqual({ ok: true });
    expect(at('2026-11-25T08:30:00Z', 'Europe/London')).toMatchObject({ ok: false });
  });

  it('takes a campaign’s own window, including one across midnight', () => {
    expect(checkGates({ ...base, callingHours: '10:00-18:00', now: new Date('2026-11-25T04:00:00Z') })).toMatchObject({ ok: false }); // 09:30
    expect(checkGates({ ...base, callingHours: '22:00-02:00', now: new Date('2026-11-25T19:00:00Z') })).toEqual({ ok: true }); // 00:30
  });

  it('needs consent where required, and stops at the attempt limit', () => {
    expect(checkGates({ ...base, consentRequired: true })).toMatchObject({ ok: false, reason: 'consent_required' });
    expect(checkGates({ ...base, consentRequired: true, consentGranted: true })).toEqual({ ok: true });
    expect(checkGates({ ...base, attemptsToday: 2 })).toEqual({ ok: true });
    expect(checkGates({ ...base, attemptsToday: 3 })).toMatchObject({ ok: false, reason: 'attempt_limit' });
  });

  it('finds local midnight and local minutes', () => {
    expect(startOfLocalDay(new Date('2026-11-25T06:30:00Z'), 'Asia/Kolkata').toISOString()).toBe('2026-11-24T18:30:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-24T19:00:00Z'), 'Asia/Kolkata').toISOString()).toBe('2026-11-24T18:30:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-25T06:30:00Z'), 'America/New_York').toISOString()).toBe('2026-11-25T05:00:00.000Z');
    expect(localMinutes(new Date('2026-11-25T06:30:00Z'), 'Asia/Kolkata')).toBe(12 * 60);
  });
});
