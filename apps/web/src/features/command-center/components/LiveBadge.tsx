import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { useLiveState } from '../hooks/useFloor';

/** Whether what is on screen is live, or waiting for the connection to come back. */
export function LiveBadge() {
  const { t } = useTranslation();
  const state = useLiveState();
  return (
    <span
      role="status"
      data-live={state}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset',
        state === 'live' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-amber-50 text-amber-800 ring-amber-200',
      )}
    >
      <span aria-hidden className={cn('size-2 rounded-full', state === 'live' ? 'animate-pulse bg-emerald-500' : 'bg-amber-500')} />
      {t(`commandCenter.live.${state}`)}
    </span>
  );
}
