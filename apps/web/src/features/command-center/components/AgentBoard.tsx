import type { Campaign } from '@telehub/shared';
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock, formatNumber, formatTalkTime } from '../../../lib/format';
import type { AgentRow, AgentState, LiveCall } from '../api/floorApi';
import type { Density } from '../hooks/useDisplayPrefs';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { AgentCampaign } from './AgentCampaign';
import { type AgentGroup, type BoardGroup, type BoardSort, NO_ONE, type SortDir } from './boardView';
import { StateBadge } from './StateBadge';

/** Seconds from `iso` to `now`, never negative (clocks differ a little). */
export const secondsSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));

/** A live call's clock: talk time once answered, else time since it was dialed. */
export const callClock = (c: LiveCall, now: number) => secondsSince(c.answeredAt ?? c.startedAt, c.endedAt ? Date.parse(c.endedAt) : now);

export type BoardSortControl = { by: BoardSort; dir: SortDir; onSort: (by: BoardSort) => void };

type Props = {
  groups: AgentGroup[];
  groupBy: BoardGroup;
  campaigns: Campaign[];
  canMove: boolean;
  density: Density;
  /** The wall screen: larger type for reading across a room. */
  wall?: boolean;
  selectedCallId?: string | null;
  /** Without it, the current call is shown but not opened (My team). */
  onOpenCall?: (id: string) => void;
  sort?: BoardSortControl;
};

/** A group's heading: a state's words, a team's or campaign's name, or "no team" / "no campaign". */
function useGroupLabel(groupBy: BoardGroup) {
  const { t } = useTranslation();
  return (g: AgentGroup) =>
    groupBy === 'state'
      ? t(`commandCenter.state.${g.key as AgentState}`)
      : g.key === NO_ONE
        ? t(groupBy === 'team' ? 'commandCenter.view.noTeam' : 'commandCenter.board.noCampaign')
        : (g.name ?? g.key);
}

/**
 * Every agent in view, in groups when asked: state and time in it, the call that holds them, their
 * campaign (movable by staff), and today's numbers. Columns have fixed widths and long names are
 * cut with the full name on hover and for screen readers, so one long name never pushes the
 * figures out of view; on a phone each agent is a card instead of a row.
 */
export function AgentBoard(props: Props) {
  const wide = useMediaQuery('(min-width: 768px)');
  return wide ? <BoardTable {...props} /> : <BoardCards {...props} />;
}

function useRowBits() {
  const { t, i18n } = useTranslation();
  const lng = useLocale();
  const now = useNow();
  // A preset break reason is a code with words in both languages; one the agent typed shows as typed.
  const reasonText = (r: string) => (i18n.exists(`workspace.presence.reasons.${r}`) ? t(`workspace.presence.reasons.${r as 'other'}`) : r);
  const stateNotes = (a: AgentRow) => (
    <>
      {a.state === 'BREAK' && a.reason && (
        <div className="mt-0.5 truncate text-xs text-gray-600" title={t('commandCenter.board.breakReason', { reason: reasonText(a.reason) })}>
          {t('commandCenter.board.breakReason', { reason: reasonText(a.reason) })}
        </div>
      )}
      {a.next && (
        <div className="mt-0.5 text-xs text-amber-800" data-agent-next={a.next.state}>
          {a.next.state === 'BREAK'
            ? t('commandCenter.board.nextBreak', { reason: a.next.reason ? reasonText(a.next.reason) : '' })
            : a.next.state === 'OFFLINE'
              ? t('commandCenter.board.nextOffline')
              : t('commandCenter.board.nextLeave')}
        </div>
      )}
    </>
  );
  return { t, lng, now, stateNotes };
}

function CurrentCall({ a, now, selectedCallId, onOpenCall }: { a: AgentRow; now: number; selectedCallId?: string | null; onOpenCall?: (id: string) => void }) {
  const { t } = useTranslation();
  const call = a.currentCall;
  if (!call) return <span className="text-gray-400">—</span>;
  const body = (
    <>
      <span className="min-w-0 truncate" title={call.lead.name}>
        {call.lead.name}
      </span>
      <span className="shrink-0 text-gray-600 tabular-nums">{formatClock(callClock(call, now))}</span>
    </>
  );
  if (!onOpenCall) return <span className="flex min-w-0 items-center gap-2">{body}</span>;
  return (
    <button
      type="button"
      onClick={() => onOpenCall(call.id)}
      aria-pressed={selectedCallId === call.id}
      aria-label={t('commandCenter.calls.open', { lead: call.lead.name })}
      className="flex max-w-full min-w-0 items-center gap-2 rounded text-left text-indigo-700 hover:underline"
    >
      {body}
    </button>
  );
}

function NameCell({ a, groupBy, campaigns, canMove }: { a: AgentRow; groupBy: BoardGroup; campaigns: Campaign[]; canMove: boolean }) {
  return (
    <>
      <div className="truncate font-medium text-gray-900" title={a.user.name} data-agent-name>
        {a.user.name}
      </div>
      {a.user.team && groupBy !== 'team' && (
        <div className="truncate text-xs text-gray-600" title={a.user.team.name}>
          {a.user.team.name}
        </div>
      )}
      <div data-agent-campaign={a.campaign?.name ?? ''}>
        <AgentCampaign agent={a} campaigns={campaigns} canMove={canMove} />
      </div>
    </>
  );
}

function SortHeader({ label, by, sort, className }: { label: string; by: BoardSort; sort?: BoardSortControl; className?: string }) {
  const active = sort?.by === by;
  const Arrow = sort?.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className={cn('px-2 py-2 text-[11px] font-medium text-gray-600 uppercase', className)}
    >
      {sort ? (
        <button
          type="button"
          onClick={() => sort.onSort(by)}
          className={cn('inline-flex max-w-full items-center gap-0.5 rounded uppercase hover:text-gray-900', active && 'text-indigo-800')}
          title={label}
        >
          <span className="truncate">{label}</span>
          {active && <Arrow aria-hidden className="size-3 shrink-0" />}
        </button>
      ) : (
        <span className="block truncate" title={label}>
          {label}
        </span>
      )}
    </th>
  );
}

function PlainHeader({ label, className }: { label: string; className?: string }) {
  return (
    <th scope="col" className={cn('px-2 py-2 text-[11px] font-medium text-gray-600 uppercase', className)}>
      <span className="block truncate" title={label}>
        {label}
      </span>
    </th>
  );
}

function BoardTable({ groups, groupBy, campaigns, canMove, density, wall, selectedCallId, onOpenCall, sort }: Props) {
  const { t, lng, now, stateNotes } = useRowBits();
  const label = useGroupLabel(groupBy);
  const pad = density === 'compact' ? 'px-2 py-1' : 'px-2 py-2';
  const num = cn(pad, 'text-right tabular-nums');
  return (
    <div className="overflow-x-auto">
      {/* Fixed layout: the widths below hold whatever the names are; the agent column takes the rest. */}
      <table className={cn('w-full min-w-[44rem] table-fixed', wall ? 'text-base' : density === 'compact' ? 'text-[13px]' : 'text-sm')} data-density={density}>
        <colgroup>
          <col />
          <col className={wall ? 'w-32' : 'w-28'} />
          <col className={wall ? 'w-20' : 'w-16'} />
          <col className={wall ? 'w-32' : 'w-28'} />
          <col className={wall ? 'w-20' : 'w-[4.25rem]'} />
          <col className={wall ? 'w-24' : 'w-20'} />
          <col className={wall ? 'w-28' : 'w-[5.5rem]'} />
          <col className={wall ? 'w-16' : 'w-14'} />
        </colgroup>
        <thead className="bg-gray-50">
          <tr>
            <SortHeader label={t('commandCenter.board.agent')} by="name" sort={sort} className="text-left" />
            <PlainHeader label={t('commandCenter.board.state')} className="text-left" />
            <SortHeader label={t('commandCenter.board.inState')} by="inState" sort={sort} className="text-left" />
            <PlainHeader label={t('commandCenter.board.current')} className="text-left" />
            <SortHeader label={t('commandCenter.board.calls')} by="calls" sort={sort} className="text-right" />
            <PlainHeader label={t('commandCenter.board.connects')} className="text-right" />
            <SortHeader label={t('commandCenter.board.talk')} by="talk" sort={sort} className="text-right" />
            <PlainHeader label={t('commandCenter.board.conversions')} className="text-right" />
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.key} className="divide-y divide-gray-100 border-t border-gray-200 bg-white" data-group={groupBy === 'none' ? undefined : g.key}>
            {groupBy !== 'none' && (
              <tr className="bg-gray-50/70">
                <th scope="colgroup" colSpan={8} className="px-2 py-1.5 text-left text-xs font-semibold text-gray-800">
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate" title={label(g)}>
                      {label(g)}
                    </span>
                    <span className="rounded-full bg-white px-2 font-medium text-gray-700 tabular-nums ring-1 ring-gray-200" data-group-count>
                      {formatNumber(g.agents.length, lng)}
                    </span>
                  </span>
                </th>
              </tr>
            )}
            {g.agents.map((a) => (
              <tr key={a.user.id} data-agent={a.user.name} data-state={a.state} className={cn('align-top', a.state === 'OFFLINE' && 'text-gray-500')}>
                <td className={cn(pad, 'min-w-0')}>
                  <NameCell a={a} groupBy={groupBy} campaigns={campaigns} canMove={canMove} />
                </td>
                <td className={pad}>
                  <StateBadge state={a.state} size={wall ? 'lg' : 'sm'} />
                  {stateNotes(a)}
                </td>
                <td className={cn(pad, 'tabular-nums')} data-in-state>
                  {a.since ? formatClock(secondsSince(a.since, now)) : '—'}
                </td>
                <td className={pad}>
                  <CurrentCall a={a} now={now} selectedCallId={selectedCallId} onOpenCall={onOpenCall} />
                </td>
                <td className={num}>{formatNumber(a.today.calls, lng)}</td>
                <td className={num}>{formatNumber(a.today.connects, lng)}</td>
                <td className={cn(num, 'whitespace-nowrap')}>{formatTalkTime(a.today.talkSeconds, lng)}</td>
                <td className={cn(num, 'font-medium')}>{formatNumber(a.today.conversions, lng)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-[11px] text-gray-600 uppercase">{label}</dt>
      <dd className="font-medium text-gray-900 tabular-nums">{children}</dd>
    </div>
  );
}

function BoardCards({ groups, groupBy, campaigns, canMove, density, wall, selectedCallId, onOpenCall }: Props) {
  const { t, lng, now, stateNotes } = useRowBits();
  const label = useGroupLabel(groupBy);
  return (
    <div className={cn(wall ? 'text-base' : 'text-sm')} data-density={density}>
      {groups.map((g) => (
        <section key={g.key} aria-label={groupBy === 'none' ? undefined : label(g)} data-group={groupBy === 'none' ? undefined : g.key}>
          {groupBy !== 'none' && (
            <h3 className="flex items-center gap-2 border-y border-gray-200 bg-gray-50 px-3 py-1.5 text-xs font-semibold text-gray-800">
              <span className="truncate">{label(g)}</span>
              <span className="rounded-full bg-white px-2 font-medium text-gray-700 tabular-nums ring-1 ring-gray-200" data-group-count>
                {formatNumber(g.agents.length, lng)}
              </span>
            </h3>
          )}
          <ul className="divide-y divide-gray-100">
            {g.agents.map((a) => (
              <li key={a.user.id} data-agent-card={a.user.name} data-state={a.state} className={cn('px-3', density === 'compact' ? 'py-1.5' : 'py-2.5')}>
                <div className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <NameCell a={a} groupBy={groupBy} campaigns={campaigns} canMove={canMove} />
                  </div>
                  <div className="flex shrink-0 flex-col items-end">
                    <StateBadge state={a.state} size={wall ? 'lg' : 'sm'} />
                    <span className="mt-0.5 text-xs text-gray-700 tabular-nums">{a.since ? formatClock(secondsSince(a.since, now)) : '—'}</span>
                  </div>
                </div>
                {stateNotes(a)}
                {a.currentCall && (
                  <div className="mt-1 flex min-w-0 items-center gap-1 text-xs">
                    <span className="shrink-0 text-gray-600">{t('commandCenter.board.current')}:</span>
                    <CurrentCall a={a} now={now} selectedCallId={selectedCallId} onOpenCall={onOpenCall} />
                  </div>
                )}
                <dl className="mt-1.5 grid grid-cols-4 gap-2 text-xs">
                  <Stat label={t('commandCenter.board.calls')}>{formatNumber(a.today.calls, lng)}</Stat>
                  <Stat label={t('commandCenter.board.connects')}>{formatNumber(a.today.connects, lng)}</Stat>
                  <Stat label={t('commandCenter.board.talk')}>{formatTalkTime(a.today.talkSeconds, lng)}</Stat>
                  <Stat label={t('commandCenter.board.conversions')}>{formatNumber(a.today.conversions, lng)}</Stat>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
