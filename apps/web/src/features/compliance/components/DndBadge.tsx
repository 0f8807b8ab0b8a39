import type { Lead } from '@telehub/shared';
import { PhoneOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatRelative } from '../../../lib/format';
import { dndCategoriesText } from './dndCategories';

/** The small mark on a row of the leads list. */
export function DndTag({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <span
      title={t('dnd.badge.title')}
      className={cn(
        'inline-flex shrink-0 items-center rounded bg-red-50 px-1.5 py-px text-[11px] font-semibold text-red-700 ring-1 ring-red-200 ring-inset',
        className,
      )}
    >
      {t('dnd.badge.short')}
    </span>
  );
}

/** On the lead page: a clear warning with the registered categories in words. */
export function DndBanner({ lead }: { lead: Pick<Lead, 'dnd' | 'dndCategories' | 'dndCheckedAt'> }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (!lead.dnd) return null;
  return (
    <div
      role="note"
      aria-label={t('dnd.badge.title')}
      className="mt-3 flex items-start gap-2.5 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-900 ring-1 ring-red-200"
    >
      <PhoneOff aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
      <div className="min-w-0">
        <p className="font-semibold">{t('dnd.badge.title')}</p>
        <p>{t('dnd.badge.categories', { categories: dndCategoriesText(lead.dndCategories, t) })}</p>
        {lead.dndCheckedAt && <p className="text-xs text-red-800">{t('dnd.badge.checked', { when: formatRelative(lead.dndCheckedAt, lng) })}</p>}
      </div>
    </div>
  );
}
