import { ArrowDownWideNarrow, ArrowUpNarrowWide, X } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import type { AgentRow, AgentState } from '../api/floorApi';
import { useTeams } from '../hooks/useFloor';
import { type BoardGroup, type BoardSort, type BoardView, defaultDir, facets, GROUPS, isFiltered, NO_ONE, SORTS, STATES } from './boardView';

const SORT_KEYS: Record<BoardSort, 'sortName' | 'sortInState' | 'sortCalls' | 'sortTalk'> = {
  name: 'sortName',
  inState: 'sortInState',
  calls: 'sortCalls',
  talk: 'sortTalk',
};
const GROUP_KEYS: Record<BoardGroup, 'groupNone' | 'groupState' | 'groupTeam' | 'groupCampaign'> = {
  none: 'groupNone',
  state: 'groupState',
  team: 'groupTeam',
  campaign: 'groupCampaign',
};

function Control({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-0.5 block truncate text-xs font-medium text-gray-700">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/**
 * Filters (state, team, campaign), grouping and sort for the agents board, each with how many
 * agents it holds; the view lives in the address (see useBoardView).
 */
export function BoardControls({
  agents,
  shown,
  view,
  onChange,
}: {
  /** Everyone on the board before the filters: the counts beside each choice. */
  agents: AgentRow[];
  shown: number;
  view: BoardView;
  onChange: (change: Partial<BoardView>) => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const teams = useTeams();
  const f = facets(agents, lng);
  const n = (v: number) => formatNumber(v, lng);
  const pick = (v: string) => (v === NONE ? null : v);

  const stateOptions: Option[] = [
    { value: NONE, label: t('commandCenter.view.allStates') },
    ...STATES.map((s: AgentState) => ({ value: s, label: t(`commandCenter.state.${s}`), hint: n(f.states[s]) })),
  ];
  // The teams the viewer watches (the board may be narrowed to one of them), with counts when all are in view.
  const teamList = teams.data ?? f.teams.items;
  const teamCount = (id: string) => (view.team === null ? n(f.teams.items.find((x) => x.id === id)?.count ?? 0) : undefined);
  const teamOptions: Option[] = [
    { value: NONE, label: t('commandCenter.view.allTeams') },
    ...teamList.map((x) => ({ value: x.id, label: x.name, hint: teamCount(x.id) })),
    ...(f.teams.none > 0 || view.team === NO_ONE ? [{ value: NO_ONE, label: t('commandCenter.view.noTeam'), hint: n(f.teams.none) }] : []),
  ];
  const campaignOptions: Option[] = [
    { value: NONE, label: t('commandCenter.view.allCampaigns') },
    ...f.campaigns.items.map((c) => ({ value: c.id, label: c.name, hint: n(c.count) })),
    { value: NO_ONE, label: t('commandCenter.board.noCampaign'), hint: n(f.campaigns.none) },
  ];
  // A campaign in the address that nobody works any more still shows as chosen.
  if (view.campaign && !campaignOptions.some((o) => o.value === view.campaign))
    campaignOptions.push({ value: view.campaign, label: view.campaign, hint: n(0) });
  if (view.team && !teamOptions.some((o) => o.value === view.team)) teamOptions.push({ value: view.team, label: view.team });
  const DirIcon = view.dir === 'asc' ? ArrowUpNarrowWide : ArrowDownWideNarrow;

  return (
    <fieldset className="min-w-0 border-b border-gray-200 px-3 py-2.5" data-board-controls>
      <legend className="sr-only">{t('commandCenter.view.label')}</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 2xl:grid-cols-5">
        <Control label={t('commandCenter.view.state')}>
          {(id) => (
            <Select
              id={id}
              size="sm"
              value={view.state ?? NONE}
              onValueChange={(v) => onChange({ state: pick(v) as AgentState | null })}
              options={stateOptions}
            />
          )}
        </Control>
        <Control label={t('commandCenter.view.team')}>
          {(id) => <Select id={id} size="sm" value={view.team ?? NONE} onValueChange={(v) => onChange({ team: pick(v) })} options={teamOptions} />}
        </Control>
        <Control label={t('commandCenter.view.campaign')}>
          {(id) => <Select id={id} size="sm" value={view.campaign ?? NONE} onValueChange={(v) => onChange({ campaign: pick(v) })} options={campaignOptions} />}
        </Control>
        <Control label={t('commandCenter.view.group')}>
          {(id) => (
            <Select
              id={id}
              size="sm"
              value={view.group}
              onValueChange={(v) => onChange({ group: v as BoardGroup })}
              options={GROUPS.map((g) => ({ value: g, label: t(`commandCenter.view.${GROUP_KEYS[g]}`) }))}
            />
          )}
        </Control>
        <Control label={t('commandCenter.view.sort')}>
          {(id) => (
            <div className="flex gap-1">
              <Select
                id={id}
                size="sm"
                value={view.sort}
                onValueChange={(v) => onChange({ sort: v as BoardSort, dir: defaultDir(v as BoardSort) })}
                options={SORTS.map((s) => ({ value: s, label: t(`commandCenter.view.${SORT_KEYS[s]}`) }))}
              />
              <Button
                size="sm"
                className="w-8 px-0"
                onClick={() => onChange({ dir: view.dir === 'asc' ? 'desc' : 'asc' })}
                aria-label={t(view.dir === 'asc' ? 'commandCenter.view.asc' : 'commandCenter.view.desc')}
                title={t(view.dir === 'asc' ? 'commandCenter.view.asc' : 'commandCenter.view.desc')}
                data-sort-dir={view.dir}
              >
                <DirIcon aria-hidden className="size-4" />
              </Button>
            </div>
          )}
        </Control>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-gray-700">
        <p aria-live="polite" data-board-shown={shown}>
          {t('commandCenter.view.showing', { count: agents.length, shown: n(shown), total: n(agents.length) })}
        </p>
        <p className="text-gray-600">{t('commandCenter.view.figures')}</p>
        {isFiltered(view) && (
          <button
            type="button"
            onClick={() => onChange({ state: null, team: null, campaign: null })}
            className="ml-auto inline-flex items-center gap-1 rounded font-medium text-indigo-700 hover:underline"
          >
            <X aria-hidden className="size-3.5" />
            {t('commandCenter.view.clear')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
