import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../hooks/useMyTeamFloor';
import { groupByTeam } from './myTeam';

const NORTH = { id: 't-north', name: 'North' };
const WEST = { id: 't-west', name: 'West & South' };
const member = (name: string, team: typeof NORTH | null): TeamMember => ({
  user: { id: `u-${name}`, name, team },
  state: 'AVAILABLE',
  since: null,
  reason: null,
  campaign: null,
  today: { calls: 0, connects: 0, talkSeconds: 0, conversions: 0 },
});

describe('my team by team', () => {
  it('puts teams in name order with nobody’s team last, members by name, every member once', () => {
    const members = [member('Zoya', WEST), member('ravi', NORTH), member('Pooja', NORTH), member('Imran', null), member('Anu', WEST)];
    const groups = groupByTeam(members, 'en');
    expect(groups.map((g) => [g.name, g.members.map((m) => m.user.name)])).toEqual([
      ['North', ['Pooja', 'ravi']],
      ['West & South', ['Anu', 'Zoya']],
      [null, ['Imran']],
    ]);
    expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(members.length);
  });

  it('has no groups for nobody', () => {
    expect(groupByTeam([])).toEqual([]);
  });
});
