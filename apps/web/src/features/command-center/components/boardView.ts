/**
 * How the agents board is cut: filtered by state, team and campaign, sorted, grouped. Plain
 * functions over the floor's rows, kept in the address (search params) so a view can be
 * bookmarked and shared; the words are the caller's, these carry codes and names only.
 */
import type { AgentRow, AgentState } from '../api/floorApi';

/** The states in the order a floor reads them: who can take a call first, who is away last. */
export const STATES: AgentState[] = ['AVAILABLE', 'RINGING', 'ON_CALL', 'WRAP_UP', 'BREAK', 'OFFLINE'];
export const SORTS = ['name', 'inState', 'calls', 'talk'] as const;
export type BoardSort = (typeof SORTS)[number];
export const GROUPS = ['none', 'state', 'team', 'campaign'] as const;
export type BoardGroup = (typeof GROUPS)[number];
export type SortDir = 'asc' | 'desc';

/** Stands for "no team" / "no campaign" in a filter and as a group's key. */
export const NO_ONE = 'none';

export type BoardView = {
  state: AgentState | null;
  /** A team id, NO_ONE, or null for every team. */
  team: string | null;
  /** A campaign id, NO_ONE (click-to-call), or null for every campaign. */
  campaign: string | null;
  sort: BoardSort;
  dir: SortDir;
  group: BoardGroup;
};

/** Names A to Z; the longest in their state, the most calls and the most talk first. */
export const defaultDir = (sort: BoardSort): SortDir => (sort === 'name' ? 'asc' : 'desc');

export const DEFAULT_VIEW: BoardView = { state: null, team: null, campaign: null, sort: 'name', dir: 'asc', group: 'none' };

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : null);

/** The view a link names; anything unknown falls back to the default, never an error. */
export function parseBoardView(params: URLSearchParams): BoardView {
  const sort = oneOf(SORTS, params.get('sort')) ?? DEFAULT_VIEW.sort;
  return {
    state: oneOf(STATES, params.get('state')),
    team: params.get('team') || null,
    campaign: params.get('campaign') || null,
    sort,
    dir: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? defaultDir(sort),
    group: oneOf(GROUPS, params.get('group')) ?? DEFAULT_VIEW.group,
  };
}

/** The view in `params` (other params kept); defaults are left out so plain links stay plain. */
export function writeBoardView(view: BoardView, params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  const set = (key: string, value: string | null, fallback: string | null) => {
    if (value === null || value === fallback) out.delete(key);
    else out.set(key, value);
  };
  set('state', view.state, null);
  set('team', view.team, null);
  set('campaign', view.campaign, null);
  set('sort', view.sort, DEFAULT_VIEW.sort);
  set('dir', view.dir, defaultDir(view.sort));
  set('group', view.group, DEFAULT_VIEW.group);
  return out;
}

/** Whether the view narrows the board at all (for "showing 3 of 100" and "clear filters"). */
export const isFiltered = (v: BoardView) => v.state !== null || v.team !== null || v.campaign !== null;

const teamKey = (a: AgentRow) => a.user.team?.id ?? NO_ONE;
const campaignKey = (a: AgentRow) => a.campaign?.id ?? NO_ONE;

export function filterAgents(agents: AgentRow[], v: Pick<BoardView, 'state' | 'team' | 'campaign'>): AgentRow[] {
  return agents.filter(
    (a) => (v.state === null || a.state === v.state) && (v.team === null || teamKey(a) === v.team) && (v.campaign === null || campaignKey(a) === v.campaign),
  );
}

/** Seconds in the current state at `now`; -1 for an agent never signed in, so they sort after everyone. */
const inState = (a: AgentRow, now: number) => (a.since ? Math.max(0, now - Date.parse(a.since)) : -1);

/** A new array in the asked order; ties fall back to the name, so rows never jump between pushes. */
export function sortAgents(agents: AgentRow[], sort: BoardSort, dir: SortDir, now: number, locale?: string): AgentRow[] {
  const byName = (a: AgentRow, b: AgentRow) => a.user.name.localeCompare(b.user.name, locale) || a.user.id.localeCompare(b.user.id);
  const key: Record<Exclude<BoardSort, 'name'>, (a: AgentRow) => number> = {
    inState: (a) => inState(a, now),
    calls: (a) => a.today.calls,
    talk: (a) => a.today.talkSeconds,
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...agents].sort((a, b) => {
    if (sort === 'name') return sign * byName(a, b);
    const d = key[sort](a) - key[sort](b);
    return d !== 0 ? sign * d : byName(a, b);
  });
}

export type AgentGroup = {
  /** A state, a team or campaign id, NO_ONE, or 'all' when not grouped. */
  key: string;
  /** The team's or campaign's name; null for a state, for NO_ONE and for 'all' (the caller words them). */
  name: string | null;
  agents: AgentRow[];
};

/**
 * The sorted rows cut into groups, each keeping the rows' order: states in floor order, teams
 * and campaigns by name with "none" last. Groups with nobody in them are left out.
 */
export function groupAgents(agents: AgentRow[], group: BoardGroup, locale?: string): AgentGroup[] {
  if (group === 'none') return agents.length > 0 ? [{ key: 'all', name: null, agents }] : [];
  const groups = new Map<string, AgentGroup>();
  for (const a of agents) {
    const [key, name] =
      group === 'state' ? [a.state, null] : group === 'team' ? [teamKey(a), a.user.team?.name ?? null] : [campaignKey(a), a.campaign?.name ?? null];
    const g = groups.get(key) ?? { key, name, agents: [] };
    g.agents.push(a);
    groups.set(key, g);
  }
  const list = [...groups.values()];
  if (group === 'state') return list.sort((a, b) => STATES.indexOf(a.key as AgentState) - STATES.indexOf(b.key as AgentState));
  return list.sort((a, b) => (a.key === NO_ONE ? 1 : 0) - (b.key === NO_ONE ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? '', locale));
}

/** Every team and campaign on the board with how many agents each has, by name, for the filters. */
export function facets(agents: AgentRow[], locale?: string) {
  const count = (key: (a: AgentRow) => { id: string; name: string } | null) => {
    const seen = new Map<string, { id: string; name: string; count: number }>();
    let none = 0;
    for (const a of agents) {
      const k = key(a);
      if (!k) none++;
      else seen.set(k.id, { id: k.id, name: k.name, count: (seen.get(k.id)?.count ?? 0) + 1 });
    }
    return { items: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, locale)), none };
  };
  const states = Object.fromEntries(STATES.map((s) => [s, agents.filter((a) => a.state === s).length])) as Record<AgentState, number>;
  return { states, teams: count((a) => a.user.team), campaigns: count((a) => a.campaign) };
}

/** Filter, sort and group in one go: what the board shows for a view. */
export function viewAgents(agents: AgentRow[], v: BoardView, now: number, locale?: string) {
  const shown = sortAgents(filterAgents(agents, v), v.sort, v.dir, now, locale);
  return { shown, groups: groupAgents(shown, v.group, locale) };
}
