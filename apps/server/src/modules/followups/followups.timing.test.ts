/** Planning a step, the messaging hours in the lead's time zone, and filling a template's variables. */
import { describe, expect, it } from 'vitest';
import { fill, insideHours, nextOpening, plan } from './followups.timing.js';

const at = (iso: string) => new Date(iso);
const lead = {
  name: 'Asha  Verma',
  city: null,
  email: 'asha@example.in',
  metadata: { program: 'B.Sc. Nursing', year: 2026 },
  timezone: 'Asia/Kolkata',
  language: 'en',
};

describe('planning a step', () => {
  const now = at('2026-03-02T06:30:00Z');
  it('goes now, after a while, or hours before the callback', () => {
    expect(plan({ kind: 'now' }, now, now, undefined)).toEqual({ dueAt: now, callbackId: null, callbackAt: null });
    expect(plan({ kind: 'after', amount: 90, unit: 'minutes' }, now, now, undefined)).toMatchObject({ dueAt: at('2026-03-02T08:00:00Z') });
    const callback = { id: 'cb', dueAt: at('2026-03-04T05:00:00Z') };
    expect(plan({ kind: 'before_callback', hours: 24 }, now, now, callback)).toEqual({
      dueAt: at('2026-03-03T05:00:00Z'),
      callbackId: 'cb',
      callbackAt: callback.dueAt,
    });
  });
  it('skips a reminder with no callback, or whose time has passed', () => {
    expect(plan({ kind: 'before_callback', hours: 24 }, now, now, undefined)).toMatchObject({ skip: 'no_callback' });
    expect(plan({ kind: 'before_callback', hours: 24 }, now, now, { id: 'cb', dueAt: at('2026-03-02T12:00:00Z') })).toMatchObject({ skip: 'too_late' });
  });
});

describe('messaging hours', () => {
  it('are read in the lead’s time zone, end excluded, and may cross midnight', () => {
    // 20:59 and 21:00 in India.
    expect(insideHours(at('2026-03-02T15:29:00Z'), 'Asia/Kolkata', '09:00-21:00')).toBe(true);
    expect(insideHours(at('2026-03-02T15:30:00Z'), 'Asia/Kolkata', '09:00-21:00')).toBe(false);
    expect(insideHours(at('2026-03-02T15:30:00Z'), 'Asia/Dubai', '09:00-21:00')).toBe(true);
    expect(insideHours(at('2026-03-02T17:30:00Z'), 'Asia/Kolkata', '22:00-06:00')).toBe(true);
    expect(insideHours(at('2026-03-02T17:30:00Z'), 'Asia/Kolkata', '00:00-24:00')).toBe(true);
  });
  it('open next at the start of the window: later today, or tomorrow', () => {
    expect(nextOpening(at('2026-03-02T01:00:00Z'), 'Asia/Kolkata', '09:00-21:00')).toEqual(at('2026-03-02T03:30:00Z'));
    expect(nextOpening(at('2026-03-02T16:00:00Z'), 'Asia/Kolkata', '09:00-21:00')).toEqual(at('2026-03-03T03:30:00Z'));
  });
});

describe('template variables', () => {
  const c = { lead, agentName: 'Ravi', callbackAt: at('2026-03-04T05:00:00Z') };
  it('are a list by position for WhatsApp’s {{1}}, {{2}}', () => {
    expect(
      fill(
        [
          { key: '2', source: 'agent.name' },
          { key: '1', source: 'lead.first_name' },
          { key: '3', source: 'callback.time' },
        ],
        c,
      ),
    ).toEqual(['Asha', 'Ravi', '4 Mar, 10:30 am']);
  });
  it('are named for email, with lead fields, fixed text and blanks for what the lead lacks', () => {
    expect(
      fill(
        [
          { key: 'course', source: 'lead.field', value: 'program' },
          { key: 'year', source: 'lead.field', value: 'year' },
          { key: 'city', source: 'lead.city' },
          { key: 'sign', source: 'text', value: 'Admissions team' },
        ],
        c,
      ),
    ).toEqual({ course: 'B.Sc. Nursing', year: '2026', city: '', sign: 'Admissions team' });
  });
});
