import type { Campaign } from '@telehub/shared';
import { Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock, formatNumber, formatTalkTime } from '../../../lib/format';
import type { AgentRow, LiveCall } from '../api/floorApi';
import { AgentCampaign } from './AgentCampaign';
import { StateBadge } from './StateBadge';

/** Seconds from `iso` to `now`, never negative (clocks differ a little). */
export const secondsSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));

/** A live call's clock: talk time once answered, else time since it was dialed. */
export const callClock = (c: LiveCall, now: number) => secondsSince(c.answeredAt ?? c.startedAt, c.endedAt ? Date.parse(c.endedAt) : now);

/** Every agent in view: state and time in it, the call that holds them, their campaign (movable by staff), and today's numbers. */
export function AgentBoard({
  agents,
  selectedCallId,
  onOpenCall,
  campaigns,
  canMove,
}: {
  agents: AgentRow[];
  selectedCallId: string | null;
  onOpenCall: (id: string) => void;
  campaigns: Campaign[];
  canMove: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = useLocale();
  const now = useNow();
  // A preset break reason is a code with words in both languages; one the agent typed shows as typed.
  const reasonText = (r: string) => (i18n.exists(`workspace.presence.reasons.${r}`) ? t(`workspace.presence.reasons.${r as 'other'}`) : r);
  if (agents.length === 0) return <EmptyState icon={Users} title={t('commandCenter.board.emptyTitle')} body={t('commandCenter.board.emptyBody')} />;
  const rows = [...agents].sort((a, b) => a.user.name.localeCompare(b.user.name));
  const th = 'px-3 py-2 text-left text-xs font-medium tracking-wide text-gray-600 uppercase';
  const num = 'px-3 py-2 text-right tabular-nums';
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className={th}>
              {t('commandCenter.board.agent')}
            </th>
            <th scope="col" className={th}>
              {t('commandCenter.board.state')}
            </th>
            <th scope="col" className={th}>
              {t('commandCenter.board.inState')}
            </th>
            <th scope="col" className={th}>
              {t('commandCenter.board.current')}
            </th>
            <th scope="col" className={cn(th, 'text-right')}>
              {t('commandCenter.board.calls')}
            </th>
            <th scope="col" className={cn(th, 'text-right')}>
              {t('commandCenter.board.connects')}
            </th>
            <th scope="col" className={cn(th, 'text-right')}>
              {t('commandCenter.board.talk')}
            </th>
            <th scope="col" className={cn(th, 'text-right')}>
              {t('commandCenter.board.conversions')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 bg-white">
          {rows.map((a) => (
            <tr key={a.user.id} data-agent={a.user.name} data-state={a.state} className={cn(a.state === 'OFFLINE' && 'text-gray-500')}>
              <td className="px-3 py-2">
                <div className="whitespace-nowrap font-medium text-gray-900">{a.user.name}</div>
                {a.user.team && <div className="whitespace-nowrap text-xs text-gray-500">{a.user.team.name}</div>}
                <div data-agent-campaign={a.campaign?.name ?? ''}>
                  <AgentCampaign agent={a} campaigns={campaigns} canMove={canMove} />
                </div>
              </td>
              <td className="px-3 py-2">
                <StateBadge state={a.state} />
                {a.state === 'BREAK' && a.reason && (
                  <div className="mt-0.5 text-xs text-gray-600">{t('commandCenter.board.breakReason', { reason: reasonText(a.reason) })}</div>
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
              </td>
              <td className="px-3 py-2 tabular-nums" data-in-state>
                {a.since ? formatClock(secondsSince(a.since, now)) : '—'}
              </td>
              <td className="px-3 py-2">
                {a.currentCall ? (
                  <button
                    type="button"
                    onClick={() => a.currentCall && onOpenCall(a.currentCall.id)}
                    aria-pressed={selectedCallId === a.currentCall.id}
                    aria-label={t('commandCenter.calls.open', { lead: a.currentCall.lead.name })}
                    className="flex items-center gap-2 rounded text-left text-indigo-700 hover:underline"
                  >
                    <span className="max-w-32 truncate">{a.currentCall.lead.name}</span>
                    <span className="text-gray-600 tabular-nums">{formatClock(callClock(a.currentCall, now))}</span>
                  </button>
                ) : (
                  <span className="text-gray-400">—</span>
                )}
              </td>
              <td className={num}>{formatNumber(a.today.calls, lng)}</td>
              <td className={num}>{formatNumber(a.today.connects, lng)}</td>
              <td className={cn(num, 'whitespace-nowrap')}>{formatTalkTime(a.today.talkSeconds, lng)}</td>
              <td className={cn(num, 'font-medium')}>{formatNumber(a.today.conversions, lng)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
