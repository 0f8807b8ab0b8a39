import { describe, expect, it } from 'vitest';
import { filterCount, filterSetOf, paramsFromState, stateFromParams, tabsFor, toReportQuery, withChange } from './reportParams';

const staff = { staff: true };
const telecaller = { staff: false };
const TEAM = '0dcab7c3-62ea-4c4f-87bd-43e6e0b8a7d9';
const AGENT = 'd630266a-2389-4b5c-ac7c-402a2a1b1b94';
const today = '2026-12-04';

describe('the report in the URL', () => {
  it('opens staff on the funnel and a telecaller on their own report, over the last 7 days', () => {
    expect(stateFromParams(new URLSearchParams(), staff)).toMatchObject({ tab: 'funnel', period: 'last7' });
    expect(stateFromParams(new URLSearchParams('tab=funnel'), telecaller)).toMatchObject({ tab: 'telecallers' });
  });

  it('shows staff the compliance and sources tabs after when to call, and a telecaller neither', () => {
    expect(tabsFor(staff)).toEqual(['funnel', 'campaigns', 'telecallers', 'hours', 'compliance', 'sources']);
    expect(tabsFor(telecaller)).toEqual(['telecallers']);
    expect(stateFromParams(new URLSearchParams('tab=compliance'), staff).tab).toBe('compliance');
    expect(stateFromParams(new URLSearchParams('tab=sources'), staff).tab).toBe('sources');
    expect(stateFromParams(new URLSearchParams('tab=compliance'), telecaller).tab).toBe('telecallers');
    expect(stateFromParams(new URLSearchParams('tab=sources'), telecaller).tab).toBe('telecallers');
  });

  it('round-trips a report and its filters', () => {
    const s = stateFromParams(new URLSearchParams(`tab=hours&period=custom&from=2026-11-01&to=2026-11-30&team=${TEAM}&source=crm&agent=${AGENT}`), staff);
    expect(s).toEqual({ tab: 'hours', period: 'custom', from: '2026-11-01', to: '2026-11-30', teamId: TEAM, campaignId: '', source: 'crm', agentId: AGENT });
    expect(paramsFromState(s).toString()).toBe(`tab=hours&period=custom&from=2026-11-01&to=2026-11-30&team=${TEAM}&source=crm&agent=${AGENT}`);
    expect(toReportQuery(s, today)).toEqual({ from: '2026-11-01', to: '2026-11-30', teamId: TEAM, source: 'crm', agentId: AGENT });
    expect(filterCount(s)).toBe(3);
  });

  it('leaves out what cannot be right, and what a telecaller may not ask for', () => {
    const s = stateFromParams(new URLSearchParams(`tab=sales&period=ever&team=nope&campaign=${TEAM}&agent=${AGENT}`), telecaller);
    expect(s).toMatchObject({ tab: 'telecallers', period: 'last7', teamId: '', campaignId: TEAM, agentId: '' });
    expect(stateFromParams(new URLSearchParams(`team=${TEAM}`), telecaller).teamId).toBe('');
  });

  it('reads two days without a period name as a custom period, and drops days given with a preset', () => {
    expect(stateFromParams(new URLSearchParams('from=2026-11-01&to=2026-11-02'), staff)).toMatchObject({ period: 'custom', from: '2026-11-01' });
    expect(stateFromParams(new URLSearchParams('period=today&from=2026-11-01'), staff)).toMatchObject({ period: 'today', from: '' });
  });

  it('starts a custom period from the days on screen, and a preset forgets the custom days', () => {
    const s = stateFromParams(new URLSearchParams('period=last30'), staff);
    const custom = withChange(s, { period: 'custom' }, { from: '2026-11-05', to: today });
    expect(custom).toMatchObject({ period: 'custom', from: '2026-11-05', to: today });
    expect(withChange(custom, { to: '2026-11-20' }, { from: '2026-11-05', to: today })).toMatchObject({ from: '2026-11-05', to: '2026-11-20' });
    expect(withChange(custom, { period: 'today' }, { from: '2026-11-05', to: today })).toMatchObject({ period: 'today', from: '', to: '' });
  });

  it('keeps only the filters that are set for a schedule', () => {
    const s = stateFromParams(new URLSearchParams(`campaign=${TEAM}`), staff);
    expect(filterSetOf(s)).toEqual({ campaignId: TEAM });
  });
});
