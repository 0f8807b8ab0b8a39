import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { RequestStatus } from '../api/privacyApi';

/** Text-on-tint pairs for AA contrast. */
const STYLES: Record<RequestStatus, string> = {
  open: 'bg-sky-50 text-sky-800 ring-sky-200',
  in_progress: 'bg-amber-50 text-amber-800 ring-amber-200',
  completed: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  rejected: 'bg-gray-100 text-gray-700 ring-gray-200',
};

export function RequestStatusBadge({ status, overdue }: { status: RequestStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className={cn('inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', STYLES[status])}>
        {t(`privacy.statuses.${status}`)}
      </span>
      {overdue && (
        <span className="inline-flex whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset">
          {t('privacy.requests.overdue')}
        </span>
      )}
    </span>
  );
}
