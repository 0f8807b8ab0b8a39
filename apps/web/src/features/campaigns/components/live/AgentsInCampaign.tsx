import { type CampaignStats, PRESENCE_STATES, type PresenceState } from '@telehub/shared';
import { Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../../hooks/useNow';
import { cn } from '../../../../lib/cn';
import { formatClock } from '../../../../lib/format';

type AgentState = CampaignStats['agentStates'][number];

const TONES: Record<PresenceState, string> = {
  available: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  ringing: 'bg-amber-50 text-amber-800 ring-amber-200',
  on_call: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  wrap_up: 'bg-violet-50 text-violet-800 ring-violet-200',
  break: 'bg-orange-50 text-orange-800 ring-orange-200',
  offline: 'bg-gray-100 text-gray-700 ring-gray-200',
};
const isState = (v: string): v is PresenceState => (PRESENCE_STATES as readonly string[]).includes(v);

/** Busiest first: on a call, ringing, wrapping up, free, on a break. */
const ORDER: Record<PresenceState, number> = { on_call: 0, ringing: 1, wrap_up: 2, available: 3, break: 4, offline: 5 };

/** The agents in the campaign now, each with their state and how long they have been in it. */
export function AgentsInCampaign({ agents }: { agents: AgentState[] }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  // A preset reason is a code with words in both languages; one typed by the agent shows as typed.
  const reasonText = (r: string) => (i18n.exists(`workspace.presence.reasons.${r}`) ? t(`workspace.presence.reasons.${r as 'other'}`) : r);
  const rows = agents
    .map((a) => ({ ...a, known: isState(a.state.toLowerCase()) ? (a.state.toLowerCase() as PresenceState) : null }))
    .sort((a, b) => (a.known ? ORDER[a.known] : 9) - (b.known ? ORDER[b.known] : 9) || a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="campaign-agents" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="campaign-agents" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('campaigns.live.agents')}
      </h2>
      {rows.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-4 text-sm text-gray-600">
          <Users aria-hidden className="size-4 text-gray-400" />
          {t('campaigns.live.noAgents')}
        </p>
      ) : (
        <ul className="max-h-96 divide-y divide-gray-100 overflow-y-auto">
          {rows.map((a) => (
            <li key={a.userId} data-agent={a.name} data-state={a.known ?? a.state} className="flex items-center justify-between gap-3 px-4 py-2">
              <span className="min-w-0 truncate text-sm font-medium text-gray-900">{a.name}</span>
              <span className="flex shrink-0 items-center gap-2">
                <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', a.known ? TONES[a.known] : TONES.offline)}>
                  {a.known ? t(`workspace.presence.states.${a.known}`) : a.state}
                  {a.known === 'break' && a.reason ? ` · ${reasonText(a.reason)}` : ''}
                </span>
                <span className="w-14 text-right text-xs text-gray-600 tabular-nums">{formatClock((now - Date.parse(a.since)) / 1000)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
