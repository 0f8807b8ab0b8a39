/**
 * The report on screen as the page's URL holds it, so a report can be bookmarked and shared and
 * the back button works: the tab, the period (a preset by name, or two days) and the filters.
 */
import { REPORT_KINDS, type ReportFilterSet, type ReportFilters, type ReportKind } from '@telehub/shared';
import { type DayRange, DEFAULT_PERIOD, isDay, isPeriod, type Period, resolvePeriod } from './periods';

export type ReportState = {
  tab: ReportKind;
  period: Period;
  /** The custom period's days ('' unless the period is custom). */
  from: string;
  to: string;
  teamId: string;
  campaignId: string;
  source: string;
  agentId: string;
};

/** What a person may ask for: staff every report and filter, a telecaller their own telecaller report. */
export type Scope = { staff: boolean };

const KEYS = {
  tab: 'tab',
  period: 'period',
  from: 'from',
  to: 'to',
  teamId: 'team',
  campaignId: 'campaign',
  source: 'source',
  agentId: 'agent',
} as const satisfies Record<keyof ReportState, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: string | null) => (v !== null && UUID.test(v) ? v.toLowerCase() : '');
const isKind = (v: string | null): v is ReportKind => v !== null && (REPORT_KINDS as readonly string[]).includes(v);

/** The tabs a person sees, in order. */
export const tabsFor = (scope: Scope): readonly ReportKind[] => (scope.staff ? REPORT_KINDS : ['telecallers']);

export function defaultState(scope: Scope): ReportState {
  return { tab: tabsFor(scope)[0] ?? 'telecallers', period: DEFAULT_PERIOD, from: '', to: '', teamId: '', campaignId: '', source: '', agentId: '' };
}

/** What the URL asks for; what cannot be right (an unknown tab, a broken id or day) is left out, and what the person may not ask for too. */
export function stateFromParams(params: URLSearchParams, scope: Scope): ReportState {
  const base = defaultState(scope);
  const tab = params.get(KEYS.tab);
  const period = params.get(KEYS.period);
  const from = params.get(KEYS.from);
  const to = params.get(KEYS.to);
  // Two days without a period name are a custom period (a hand-written link).
  const p: Period = isPeriod(period) ? period : isDay(from) || isDay(to) ? 'custom' : base.period;
  return {
    tab: isKind(tab) && tabsFor(scope).includes(tab) ? tab : base.tab,
    period: p,
    from: p === 'custom' && isDay(from) ? from : '',
    to: p === 'custom' && isDay(to) ? to : '',
    teamId: scope.staff ? id(params.get(KEYS.teamId)) : '',
    campaignId: id(params.get(KEYS.campaignId)),
    source: (params.get(KEYS.source) ?? '').trim().slice(0, 80),
    agentId: scope.staff ? id(params.get(KEYS.agentId)) : '',
  };
}

/** The URL for a report: the tab and period always (a shared link says what it shows), filters when set. */
export function paramsFromState(s: ReportState): URLSearchParams {
  const params = new URLSearchParams();
  params.set(KEYS.tab, s.tab);
  params.set(KEYS.period, s.period);
  if (s.period === 'custom') {
    if (s.from) params.set(KEYS.from, s.from);
    if (s.to) params.set(KEYS.to, s.to);
  }
  for (const field of ['teamId', 'campaignId', 'source', 'agentId'] as const) {
    if (s[field]) params.set(KEYS[field], s[field]);
  }
  return params;
}

/** A change of filters: a preset drops the custom days; a custom period starts from the days shown. */
export function withChange(s: ReportState, patch: Partial<ReportState>, shown: DayRange): ReportState {
  const next = { ...s, ...patch };
  if (patch.period && patch.period !== 'custom') return { ...next, from: '', to: '' };
  if (patch.period === 'custom' && s.period !== 'custom') return { ...next, from: patch.from ?? shown.from, to: patch.to ?? shown.to };
  return next;
}

/** The days the report covers today. */
export const rangeOf = (s: ReportState, today: string): DayRange => resolvePeriod(s.period, { from: s.from, to: s.to }, today);

/** The filters a saved or scheduled report keeps (its days follow from when it runs). */
export function filterSetOf(s: ReportState): ReportFilterSet {
  return {
    ...(s.teamId ? { teamId: s.teamId } : {}),
    ...(s.campaignId ? { campaignId: s.campaignId } : {}),
    ...(s.source ? { source: s.source } : {}),
    ...(s.agentId ? { agentId: s.agentId } : {}),
  };
}

/** The API's query: the days and the filters that are set. */
export function toReportQuery(s: ReportState, today: string): ReportFilters {
  return { ...rangeOf(s, today), ...filterSetOf(s) };
}

/** How many filters beyond the period are set. */
export const filterCount = (s: ReportState) => Object.keys(filterSetOf(s)).length;
