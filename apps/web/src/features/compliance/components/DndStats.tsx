import { ListChecks, PhoneOff, Tag } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { useDndStats } from '../hooks/useDnd';
import { dndCategoryName } from './dndCategories';

function Card({ icon: Icon, label, value, children }: { icon: typeof Tag; label: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4">
      <dt className="flex items-center gap-2 text-sm font-medium text-gray-700">
        <Icon aria-hidden className="size-4 text-gray-500" />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold text-gray-900 tabular-nums">{value}</dd>
      {children && <dd className="mt-1 text-xs text-gray-600">{children}</dd>}
    </div>
  );
}

export function DndStats() {
  const { t } = useTranslation();
  const lng = useLocale();
  const stats = useDndStats();
  if (stats.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-28 rounded-lg" />
        ))}
      </div>
    );
  }
  if (stats.isError) return <ErrorState title={t('dnd.statsError')} error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  return (
    <section aria-label={t('dnd.statsLabel')}>
      <dl className="grid gap-3 sm:grid-cols-3">
        <Card icon={ListChecks} label={t('dnd.stats.entries')} value={formatNumber(s.entries, lng)}>
          {s.lastUpdatedAt ? (
            <time dateTime={s.lastUpdatedAt} title={formatDateTime(s.lastUpdatedAt, lng)}>
              {t('dnd.stats.updated', { when: formatRelative(s.lastUpdatedAt, lng) })}
            </time>
          ) : (
            t('dnd.stats.neverUpdated')
          )}
        </Card>
        <Card icon={PhoneOff} label={t('dnd.stats.flagged')} value={formatNumber(s.flaggedLeads, lng)}>
          {s.flaggedLeads > 0 ? (
            <Link to="/leads?dnd=true" className="font-medium text-indigo-700 hover:underline">
              {t('dnd.stats.showFlagged')}
            </Link>
          ) : (
            t('dnd.stats.flaggedHint')
          )}
        </Card>
        <Card
          icon={Tag}
          label={t('dnd.stats.category')}
          value={<span className="text-lg">{t('dnd.stats.categoryValue', { n: s.category, name: dndCategoryName(s.category, t) })}</span>}
        >
          {t('dnd.stats.categoryHint')}
        </Card>
      </dl>
    </section>
  );
}
