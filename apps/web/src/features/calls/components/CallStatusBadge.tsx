import type { CallStatus } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

/** Text-on-tint pairs (700 on 50) for AA contrast. */
const TONES: Record<CallStatus, string> = {
  queued: 'bg-gray-100 text-gray-700 ring-gray-200',
  dialing: 'bg-sky-50 text-sky-800 ring-sky-200',
  ringing: 'bg-amber-50 text-amber-800 ring-amber-200',
  in_progress: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  completed: 'bg-gray-100 text-gray-700 ring-gray-200',
  no_answer: 'bg-orange-50 text-orange-800 ring-orange-200',
  busy: 'bg-orange-50 text-orange-800 ring-orange-200',
  failed: 'bg-rose-50 text-rose-700 ring-rose-200',
  canceled: 'bg-gray-100 text-gray-700 ring-gray-200',
  abandoned: 'bg-rose-50 text-rose-700 ring-rose-200',
};

export function CallStatusBadge({ status, className }: { status: CallStatus; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={cn('inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[status], className)}>
      {t(`calls.status.${status}`)}
    </span>
  );
}
