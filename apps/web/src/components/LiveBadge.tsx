import { useTranslation } from 'react-i18next';
import { useLiveState } from '../hooks/useLiveState';
import { cn } from '../lib/cn';

/** Whether what is on screen is live, or waiting for the shared socket to come back (live pages: the command center, the workspace). */
export function LiveBadge() {
  const { t } = useTranslation();
  const state = useLiveState();
  return (
    <span
      role="status"
      data-live={state}
      className={cn(
        'inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset',
        state === 'live' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-amber-50 text-amber-800 ring-amber-200',
      )}
    >
      <span aria-hidden className={cn('size-2 rounded-full', state === 'live' ? 'animate-pulse bg-emerald-500' : 'bg-amber-500')} />
      {t(`live.${state}`)}
    </span>
  );
}
