import type { LeadStatus } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

/** Text-on-tint pairs chosen for AA contrast (700 on 50). */
export const STATUS_STYLES: Record<LeadStatus, { badge: string; dot: string }> = {
  new: { badge: 'bg-sky-50 text-sky-800 ring-sky-200', dot: 'bg-sky-500' },
  contacted: { badge: 'bg-slate-100 text-slate-700 ring-slate-200', dot: 'bg-slate-500' },
  interested: { badge: 'bg-indigo-50 text-indigo-700 ring-indigo-200', dot: 'bg-indigo-500' },
  callback: { badge: 'bg-amber-50 text-amber-800 ring-amber-200', dot: 'bg-amber-500' },
  not_interested: { badge: 'bg-orange-50 text-orange-800 ring-orange-200', dot: 'bg-orange-500' },
  converted: { badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200', dot: 'bg-emerald-500' },
  lost: { badge: 'bg-rose-50 text-rose-700 ring-rose-200', dot: 'bg-rose-500' },
  invalid: { badge: 'bg-gray-100 text-gray-600 ring-gray-200', dot: 'bg-gray-400' },
};

export function StatusBadge({ status, className }: { status: LeadStatus; className?: string }) {
  const { t } = useTranslation();
  const s = STATUS_STYLES[status];
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', s.badge, className)}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', s.dot)} />
      {t(`status.${status}`)}
    </span>
  );
}
