/** Team hours and the routing order as pure functions. */
import type { InboundHours } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening, wallClock } from './inbound.hours.js';
import { type FreeAgent, rankAgents } from './inbound.routing.js';

/** India time on 2026-12-04 (a Friday) at hh:mm. */
const ist = (hhmm: string, day = '04') => new Date(`2026-12-${day}T${hhmm}:00+05:30`);
const office: InboundHours = {
  timezone: 'Asia/Kolkata',
  week: {
    mon: [
      ['09:30', '13:00'],
      ['14:00', '18:30'],
    ],
    tue: [['09:30', '18:30']],
    fri: [
      ['09:30', '13:00'],
      ['14:00', '18:30'],
    ],
    sat: [['10:00', '14:00']],
  },
  holidays: ['2026-12-25'],
};

describe('team hours', () => {
  it('is open inside a span, closed at lunch, at the end of a span, on a day off and on a holiday', () => {
    expect(wallClock(ist('10:00'), 'Asia/Kolkata')).toEqual({ day: 'fri', date: '2026-12-04', time: '10:00' });
    expect(isOpen(office, ist('09:30'))).toBe(true);
    expect(isOpen(office, ist('09:29'))).toBe(false);
    expect(isOpen(office, ist('13:30'))).toBe(false);
    expect(isOpen(office, ist('18:30'))).toBe(false);
    expect(isOpen(office, ist('11:00', '06'))).toBe(false); // Sunday
    expect(isOpen(office, ist('11:00', '25'))).toBe(false); // a Friday, but a holiday
    expect(isOpen(null, ist('03:00'))).toBe(true);
  });

  it('knows the next opening: after lunch, the next morning, over a weekend, past a holiday', () => {
    expect(nextOpening(office, ist('13:10'))?.toISOString()).toBe(ist('14:00').toISOString());
    expect(nextOpening(office, ist('19:00'))?.toISOString()).toBe(ist('10:00', '05').toISOString()); // Saturday
    expect(nextOpening(office, ist('15:00', '05'))?.toISOString()).toBe(ist('09:30', '07').toISOString()); // Monday
    expect(nextOpening(office, ist('19:00', '24'))?.toISOString()).toBe(ist('10:00', '26').toISOString()); // the 25th is a holiday
    expect(nextOpening(office, ist('10:00'))?.toISOString()).toBe(ist('10:00').toISOString());
    expect(nextOpening({ timezone: 'Asia/Kolkata', week: {}, holidays: [] }, ist('10:00'))).toBeNull();
  });

  it('reads the spans in the team’s own zone', () => {
    const london: InboundHours = { timezone: 'Europe/London', week: { fri: [['09:00', '17:00']] }, holidays: [] };
    // 14:00 in India is 08:30 in London: not yet.
    expect(isOpen(london, ist('14:00'))).toBe(false);
    expect(isOpen(london, ist('15:00'))).toBe(true);
  });
});

const agent = (userId: string, since: string, teamId: string | null, languages: string[] = []): FreeAgent => ({
  userId,
  since: `2026-12-04T10:${since}:00Z`,
  teamId,
  languages,
  phone: null,
});

describe('routing order', () => {
  const free = [agent('outsider', '00', 'B'), agent('mate-en', '01', 'A', ['en']), agent('owner', '05', 'A'), agent('mate-hi', '03', 'A', ['hi', 'en'])];
  const open = { exclude: new Set<string>(), teamOpen: () => true };

  it('owner first, then the owner’s team (the caller’s language first, then the longest free), then anyone', () => {
    const order = rankAgents({ ownerId: 'owner', teamId: 'A', language: 'hi' }, free, open);
    expect(order.map((a) => [a.userId, a.tier])).toEqual([
      ['owner', 'owner'],
      ['mate-hi', 'team'],
      ['mate-en', 'team'],
      ['outsider', 'anyone'],
    ]);
  });

  it('the longest free first when the language does not decide, and without an owner, anyone', () => {
    expect(rankAgents({ ownerId: 'owner', teamId: 'A', language: null }, free, open).map((a) => a.userId)).toEqual(['owner', 'mate-en', 'mate-hi', 'outsider']);
    expect(rankAgents({ ownerId: null, teamId: null, language: null }, free, open).map((a) => a.userId)).toEqual(['outsider', 'mate-en', 'mate-hi', 'owner']);
  });

  it('within a tier, agents working a campaign the lead is in come before the longer free', () => {
    const working = [agent('mate-en', '01', 'A', ['en']), { ...agent('mate-camp', '04', 'A', ['en']), campaignId: 'admissions' }];
    const order = rankAgents({ ownerId: null, teamId: 'A', language: 'en', campaignIds: ['admissions'] }, working, open);
    expect(order.map((a) => a.userId)).toEqual(['mate-camp', 'mate-en']);
    // The caller's language still comes first.
    const hindi = rankAgents(
      { ownerId: null, teamId: 'A', language: 'hi', campaignIds: ['admissions'] },
      [...working, agent('mate-hi', '09', 'A', ['hi'])],
      open,
    );
    expect(hindi[0]?.userId).toBe('mate-hi');
  });

  it('leaves out agents already tried and agents whose team is closed', () => {
    const order = rankAgents({ ownerId: 'owner', teamId: 'A', language: null }, free, { exclude: new Set(['owner']), teamOpen: (t) => t !== 'B' });
    expect(order.map((a) => a.userId)).toEqual(['mate-en', 'mate-hi']);
  });
});
