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

export function StateBadge({ state }: { state: AgentState }) {
  const { t } = useTranslation();
  return (
    <span
      data-state={state}
      className={cn('inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', STATE_TONES[state])}
    >
      {t(`commandCenter.state.${state}`)}
    </span>
  );
}
