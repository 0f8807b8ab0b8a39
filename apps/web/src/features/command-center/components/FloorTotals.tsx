import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { AgentState, TeamStatus } from '../api/floorApi';
import { STATE_TONES } from './StateBadge';

/** How many agents are in each state, and how many calls are live. */
export function FloorTotals({ totals }: { totals: TeamStatus['totals'] }) {
  const { t } = useTranslation();
  const items: [AgentState, number][] = [
    ['AVAILABLE', totals.available],
    ['RINGING', totals.ringing],
    ['ON_CALL', totals.onCall],
    ['WRAP_UP', totals.wrapUp],
    ['BREAK', totals.onBreak],
    ['OFFLINE', totals.offline],
  ];
  return (
    <section aria-labelledby="floor-totals-title">
      <h2 id="floor-totals-title" className="mb-1.5 text-xs font-semibold tracking-wide text-gray-700 uppercase">
        {t('commandCenter.totals.title')}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {items.map(([state, n]) => (
          <li key={state} data-total={state} className={cn('flex items-center gap-2 rounded-md px-2.5 py-1 text-sm ring-1 ring-inset', STATE_TONES[state])}>
            <span>{t(`commandCenter.state.${state}`)}</span>
            <span className="font-semibold tabular-nums">{n}</span>
          </li>
        ))}
        <li data-total="LIVE_CALLS" className="flex items-center gap-2 rounded-md bg-white px-2.5 py-1 text-sm text-gray-800 ring-1 ring-inset ring-gray-300">
          <span>{t('commandCenter.totals.liveCalls')}</span>
          <span className="font-semibold tabular-nums">{totals.liveCalls}</span>
        </li>
      </ul>
    </section>
  );
}
