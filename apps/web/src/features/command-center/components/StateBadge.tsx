import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { AgentState } from '../api/floorApi';

/** Text-on-tint pairs (700/800 on 50) for AA contrast. */
export const STATE_TONES: Record<AgentState, string> = {
  AVAILABLE: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  RINGING: 'bg-amber-50 text-amber-800 ring-amber-200',
  ON_CALL: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  WRAP_UP: 'bg-violet-50 text-violet-800 ring-violet-200',
  BREAK: 'bg-orange-50 text-orange-800 ring-orange-200',
  OFFLINE: 'bg-gray-100 text-gray-700 ring-gray-200',
};

/** An agent's state as a tinted pill; `lg` on the wall screen. */
export function StateBadge({ state, size = 'sm' }: { state: AgentState; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <span
      data-state={state}
      className={cn(
        'inline-flex max-w-full items-center truncate whitespace-nowrap rounded-full font-medium ring-1 ring-inset',
        size === 'lg' ? 'px-2.5 py-0.5 text-sm' : 'px-2 py-0.5 text-xs',
        STATE_TONES[state],
      )}
    >
      {t(`commandCenter.state.${state}`)}
    </span>
  );
}
