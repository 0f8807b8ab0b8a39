import { Timer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatCountdown, wrapUpLeft, wrapUpShare, wrapUpUrgent } from './wrapUpTime';

/**
 * The campaign's wrap-up time running out, above the wrap-up form. At zero the server saves the
 * call as timed out and makes the agent ready again; the desk then says so.
 */
export function WrapUpCountdown({ endedAt, seconds }: { endedAt: string | null; seconds: number }) {
  const { t } = useTranslation();
  const now = useNow(250);
  const left = wrapUpLeft(endedAt, seconds, now);
  if (left === null) return null;
  const urgent = wrapUpUrgent(left);
  return (
    <div className={cn('rounded-md px-3 py-2 ring-1', urgent ? 'bg-red-50 ring-red-200' : 'bg-sky-50 ring-sky-200')} data-wrap-up-left={left}>
      <p className={cn('flex items-center justify-between gap-3 text-sm', urgent ? 'text-red-900' : 'text-sky-950')}>
        <span className="flex items-center gap-1.5">
          <Timer aria-hidden className="size-4" />
          {left > 0 ? t('workspace.campaign.wrapUpLeft') : t('workspace.campaign.wrapUpOver')}
        </span>
        {/* The number ticks without being read out; the label says what it is. */}
        <span role="timer" aria-live="off" className="text-lg font-semibold tabular-nums">
          {formatCountdown(left)}
        </span>
      </p>
      <div aria-hidden className="mt-1.5 h-1 overflow-hidden rounded-full bg-white/70">
        <div
          className={cn('h-full transition-[width] duration-200', urgent ? 'bg-red-500' : 'bg-sky-500')}
          style={{ width: `${wrapUpShare(left, seconds) * 100}%` }}
        />
      </div>
    </div>
  );
}
