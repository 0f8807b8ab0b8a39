import type { ImportStatus } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber, formatPercent } from '../../../lib/format';

/** The bar and numbers of a queued or running import (leads or DND list). */
export function ImportProgress({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const n = (v: number) => formatNumber(v, lng);
  const queued = status.status === 'queued';
  const total = Math.max(status.total, status.processed);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium text-gray-900" aria-live="polite">
          {queued ? t('imports.progress.queued') : status.phase ? t(`imports.phase.${status.phase}`) : t('imports.status.running')}
        </p>
        {!queued && <p className="text-2xl font-semibold text-gray-900 tabular-nums">{formatPercent(status.percent, lng)}</p>}
      </div>
      <div
        role="progressbar"
        aria-label={t('imports.progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={queued ? undefined : Math.round(status.percent)}
        aria-valuetext={queued ? t('imports.progress.queued') : formatPercent(status.percent, lng)}
        className="h-2.5 overflow-hidden rounded-full bg-gray-100"
      >
        <div
          className={cn('h-full rounded-full bg-indigo-600 transition-[width] duration-700', queued && 'w-1/4 animate-pulse bg-indigo-300')}
          style={queued ? undefined : { width: `${Math.min(100, Math.max(2, status.percent))}%` }}
        />
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-700">
        <div className="flex gap-1.5">
          <dt className="text-gray-600">{t('imports.progress.rows')}</dt>
          <dd className="tabular-nums">
            {total > 0 ? t('imports.progress.ofTotal', { processed: n(status.processed), total: n(total) }) : n(status.processed)}
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-gray-600">{t('imports.progress.speed')}</dt>
          <dd className="tabular-nums">
            {status.rowsPerSecond === null ? '—' : t('imports.progress.perSecond', { rate: n(Math.round(status.rowsPerSecond)) })}
          </dd>
        </div>
      </dl>
    </div>
  );
}
