import type { CampaignStatus } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

/** Text-on-tint pairs (700/800 on 50) for AA contrast; a running campaign's dot pulses. */
const TONES: Record<CampaignStatus, string> = {
  draft: 'bg-gray-100 text-gray-700 ring-gray-200',
  running: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  paused: 'bg-amber-50 text-amber-800 ring-amber-200',
  stopped: 'bg-red-50 text-red-800 ring-red-200',
  archived: 'bg-gray-50 text-gray-600 ring-gray-200',
};
const DOTS: Record<CampaignStatus, string> = {
  draft: 'bg-gray-400',
  running: 'bg-emerald-500 animate-pulse',
  paused: 'bg-amber-500',
  stopped: 'bg-red-500',
  archived: 'bg-gray-300',
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <span
      data-campaign-status={status}
      className={cn('inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[status])}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', DOTS[status])} />
      {t(`campaigns.status.${status}`)}
    </span>
  );
}
