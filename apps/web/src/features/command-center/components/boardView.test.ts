import { describe, expect, it } from 'vitest';
import type { AgentRow, AgentState } from '../api/floorApi';
import { readPrefs } from '../hooks/useDisplayPrefs';
import { DEFAULT_VIEW, facets, filterAgents, groupAgents, isFiltered, NO_ONE, parseBoardView, sortAgents, viewAgents, writeBoardView } from './boardView';
import { liveHours, workingHours } from './hours';

const NOW = Date.parse('2026-11-25T12:00:00+05:30');
const ALPHA = { id: 't-alpha', name: 'Alpha' };
const BETA = { id: 't-beta', name: 'Beta' };
const RENEWALS = { id: 'c-renew', name: 'Renewals' };
const ADMISSIONS = { id: 'c-adm', name: 'Admissions' };

function agent(
  name: string,
  state: AgentState,
  o: { team?: typeof ALPHA | null; campaign?: typeof RENEWALS | null; sinceMin?: number | null; calls?: number; talk?: number } = {},
): AgentRow {
  const perf = {
    calls: o.calls ?? 0,
    connects: 0,
    connectRate: null,
    talkSeconds: o.talk ?? 0,
    averageHandleSeconds: null,
    conversions: 0,
    loggedInSeconds: 0,
  };
  return {
    user: { id: `u-${name}`, name, team: o.team === undefined ? ALPHA : o.team },
    state,
    since: o.sinceMin === null ? null : new Date(NOW - (o.sinceMin ?? 1) * 60_000).toISOString(),
    reason: null,
    currentCall: null,
    today: { ...perf, callsPerHour: null, talkMinutesPerHour: null },
    campaign: o.campaign === undefined ? null : o.campaign,
    next: null,
  };
}

const FLOOR: AgentRow[] = [
  agent('Meera', 'ON_CALL', { campaign: RENEWALS, sinceMin: 3, calls: 12, talk: 1500 }),
  agent('aarav', 'AVAILABLE', { campaign: ADMISSIONS, sinceMin: 9, calls: 4, talk: 300 }),
  agent('Zoya', 'BREAK', { team: BETA, sinceMin: 20, calls: 7, talk: 900 }),
  agent('Chitra', 'AVAILABLE', { team: null, campaign: RENEWALS, sinceMin: 1, calls: 12, talk: 200 }),
  agent('Balwinder-Singh-Sandhu-Chakravarthy-Venkataraman', 'OFFLINE', { sinceMin: null }),
];
const names = (rows: AgentRow[]) => rows.map((a) => a.user.name.split('-')[0]);

describe('the board view in the address', () => {
  it('reads the defaults from a plain link and writes nothing back for them', () => {
    expect(parseBoardView(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(writeBoardView(DEFAULT_VIEW, new URLSearchParams('x=1')).toString()).toBe('x=1');
  });

  it('round-trips a shared view and keeps other parameters', () => {
    const view = { state: 'ON_CALL', team: ALPHA.id, campaign: NO_ONE, sort: 'talk', dir: 'asc', group: 'campaign' } as const;
    const params = writeBoardView(view, new URLSearchParams('tab=alerts'));
    expect(params.get('tab')).toBe('alerts');
    expect(parseBoardView(new URLSearchParams(params.toString()))).toEqual(view);
  });

  it('leaves the direction out when it is the sort’s own default, and falls back on anything unknown', () => {
    expect(writeBoardView({ ...DEFAULT_VIEW, sort: 'calls', dir: 'desc' }, new URLSearchParams()).toString()).toBe('sort=calls');
    expect(parseBoardView(new URLSearchParams('sort=calls'))).toMatchObject({ sort: 'calls', dir: 'desc' });
    expect(parseBoardView(new URLSearchParams('state=ASLEEP&sort=mood&dir=up&group=zodiac&team='))).toEqual(DEFAULT_VIEW);
  });

  it('says when the board is narrowed', () => {
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered({ ...DEFAULT_VIEW, sort: 'calls', group: 'team' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_VIEW, campaign: NO_ONE })).toBe(true);
  });
});

describe('filtering', () => {
  it('narrows by state, team (or none) and campaign (or none), all together', () => {
    expect(names(filterAgents(FLOOR, { state: 'AVAILABLE', team: null, campaign: null }))).toEqual(['aarav', 'Chitra']);
    expect(names(filterAgents(FLOOR, { state: null, team: NO_ONE, campaign: null }))).toEqual(['Chitra']);
    expect(names(filterAgents(FLOOR, { state: null, team: null, campaign: NO_ONE }))).toEqual(['Zoya', 'Balwinder']);
    expect(names(filterAgents(FLOOR, { state: 'AVAILABLE', team: ALPHA.id, campaign: RENEWALS.id }))).toEqual([]);
  });
});

describe('sorting', () => {
  it('orders names as people read them, whatever their case', () => {
    expect(names(sortAgents(FLOOR, 'name', 'asc', NOW, 'en'))).toEqual(['aarav', 'Balwinder', 'Chitra', 'Meera', 'Zoya']);
    expect(names(sortAgents(FLOOR, 'name', 'desc', NOW, 'en'))).toEqual(['Zoya', 'Meera', 'Chitra', 'Balwinder', 'aarav']);
  });

  it('puts the longest in their state first, and someone never signed in last', () => {
    expect(names(sortAgents(FLOOR, 'inState', 'desc', NOW))).toEqual(['Zoya', 'aarav', 'Meera', 'Chitra', 'Balwinder']);
    expect(names(sortAgents(FLOOR, 'inState', 'asc', NOW)).at(0)).toBe('Balwinder');
  });

  it('breaks ties on calls by name, so equal rows keep their places between pushes', () => {
    expect(names(sortAgents(FLOOR, 'calls', 'desc', NOW, 'en'))).toEqual(['Chitra', 'Meera', 'Zoya', 'aarav', 'Balwinder']);
    expect(names(sortAgents(FLOOR, 'talk', 'desc', NOW))).toEqual(['Meera', 'Zoya', 'aarav', 'Chitra', 'Balwinder']);
  });

  it('does not touch the array it is given', () => {
    const before = names(FLOOR);
    sortAgents(FLOOR, 'talk', 'asc', NOW);
    expect(names(FLOOR)).toEqual(before);
  });
});

describe('grouping', () => {
  it('groups states in floor order, leaving out states nobody is in', () => {
    const groups = groupAgents(sortAgents(FLOOR, 'name', 'asc', NOW, 'en'), 'state');
    expect(groups.map((g) => [g.key, names(g.agents)])).toEqual([
      ['AVAILABLE', ['aarav', 'Chitra']],
      ['ON_CALL', ['Meera']],
      ['BREAK', ['Zoya']],
      ['OFFLINE', ['Balwinder']],
    ]);
  });

  it('groups teams and campaigns by name with nobody’s group last, counting every agent once', () => {
    const teams = groupAgents(FLOOR, 'team', 'en');
    expect(teams.map((g) => [g.key, g.name, g.agents.length])).toEqual([
      [ALPHA.id, 'Alpha', 3],
      [BETA.id, 'Beta', 1],
      [NO_ONE, null, 1],
    ]);
    const campaigns = groupAgents(FLOOR, 'campaign', 'en');
    expect(campaigns.map((g) => [g.name, g.agents.length])).toEqual([
      ['Admissions', 1],
      ['Renewals', 2],
      [null, 2],
    ]);
    expect(campaigns.reduce((n, g) => n + g.agents.length, 0)).toBe(FLOOR.length);
  });

  it('is one group of everyone when not grouped, and none for nobody', () => {
    expect(groupAgents(FLOOR, 'none').map((g) => [g.key, g.agents.length])).toEqual([['all', 5]]);
    expect(groupAgents([], 'state')).toEqual([]);
    expect(groupAgents([], 'none')).toEqual([]);
  });

  it('filters, sorts and groups in one go', () => {
    const cut = viewAgents(FLOOR, { ...DEFAULT_VIEW, team: ALPHA.id, sort: 'calls', dir: 'desc', group: 'campaign' }, NOW, 'en');
    expect(names(cut.shown)).toEqual(['Meera', 'aarav', 'Balwinder']);
    expect(cut.groups.map((g) => [g.name, names(g.agents)])).toEqual([
      ['Admissions', ['aarav']],
      ['Renewals', ['Meera']],
      [null, ['Balwinder']],
    ]);
  });
});

describe('facets', () => {
  it('counts each state, team and campaign on the board', () => {
    const f = facets(FLOOR, 'en');
    expect(f.states).toEqual({ AVAILABLE: 2, RINGING: 0, ON_CALL: 1, WRAP_UP: 0, BREAK: 1, OFFLINE: 1 });
    expect(f.teams).toEqual({
      items: [
        { ...ALPHA, count: 3 },
        { ...BETA, count: 1 },
      ],
      none: 1,
    });
    expect(f.campaigns).toEqual({
      items: [
        { ...ADMISSIONS, count: 1 },
        { ...RENEWALS, count: 2 },
      ],
      none: 2,
    });
  });
});

describe('today by hour', () => {
  const hour = (h: number, calls: number, connects = 0, talkSeconds = 0) => {
    const from = new Date(Date.parse('2026-11-25T00:00:00+05:30') + h * 3_600_000).toISOString();
    return { from, to: from, calls, connects, talkSeconds };
  };
  const hours = [hour(9, 5, 2, 100), hour(10, 3, 1, 50), hour(11, 1, 1, 10), hour(12, 2, 1, 30)];

  it('brings the hour now running up to the floor’s live totals', () => {
    const live = liveHours(hours, { calls: 14, connects: 6, talkSeconds: 240 }, NOW + 60_000);
    expect(live.at(-1)).toMatchObject({ calls: 5, connects: 2, talkSeconds: 80 });
    expect(live.slice(0, -1).map((h) => h.calls)).toEqual([5, 3, 1]);
  });

  it('never takes the last hour down, nor touches it once that hour is over', () => {
    expect(liveHours(hours, { calls: 3, connects: 0, talkSeconds: 0 }, NOW).at(-1)?.calls).toBe(2);
    expect(liveHours(hours, { calls: 99, connects: 9, talkSeconds: 999 }, NOW + 3_600_000).at(-1)?.calls).toBe(2);
    expect(liveHours(hours, null, NOW).at(-1)?.calls).toBe(2);
    expect(liveHours([], { calls: 3, connects: 0, talkSeconds: 0 }, NOW)).toEqual([]);
  });

  it('starts the charts at the first busy hour, or nine o’clock at the latest', () => {
    const day = Array.from({ length: 13 }, (_, h) => ({ from: String(h), calls: h === 11 ? 4 : 0, connects: 0, talkSeconds: 0 }));
    expect(workingHours(day).map((h) => h.from)).toEqual(['9', '10', '11', '12']);
    const early = day.map((h) => (h.from === '7' ? { ...h, calls: 1 } : h));
    expect(workingHours(early)[0]?.from).toBe('7');
    expect(workingHours(day.slice(0, 3)).map((h) => h.from)).toEqual(['2']);
  });
});

describe('display preferences', () => {
  it('reads what was stored, and the defaults for anything else', () => {
    expect(readPrefs(JSON.stringify({ density: 'compact', wall: true }))).toEqual({ density: 'compact', wall: true });
    expect(readPrefs(null)).toEqual({ density: 'comfortable', wall: false });
    expect(readPrefs('{not json')).toEqual({ density: 'comfortable', wall: false });
    expect(readPrefs(JSON.stringify({ density: 'tiny', wall: 'yes' }))).toEqual({ density: 'comfortable', wall: false });
  });
});
