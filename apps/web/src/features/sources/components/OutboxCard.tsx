import type { OutboxStats } from '@telehub/shared';
import { Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { formatDuration, formatNumber } from '../../../lib/format';

export function OutboxCard({ outbox }: { outbox: OutboxStats }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <section aria-labelledby="outbox-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="flex items-start gap-2.5 border-b border-gray-200 px-4 py-3">
        <Send aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
        <div>
          <h2 id="outbox-title" className="text-sm font-semibold text-gray-900">
            {t('sources.outbox.title')}
          </h2>
          <p className="text-xs text-gray-600">{t('sources.outbox.what')}</p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 px-4 py-3 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-gray-600">{t('sources.outbox.pending')}</dt>
          <dd className="text-xl font-semibold text-gray-900 tabular-nums">{formatNumber(outbox.pending, lng)}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">{t('sources.outbox.delivered')}</dt>
          <dd className="text-xl font-semibold text-gray-900 tabular-nums">{formatNumber(outbox.delivered, lng)}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">{t('sources.outbox.oldest')}</dt>
          <dd className="text-xl font-semibold text-gray-900">
            {outbox.oldestPendingAgeSeconds === null ? <span className="text-gray-500">—</span> : formatDuration(outbox.oldestPendingAgeSeconds, lng)}
          </dd>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <dt className="text-xs text-gray-600">{t('sources.outbox.lastError')}</dt>
          <dd className="text-sm [overflow-wrap:anywhere]">
            {outbox.lastError ? <span className="text-red-700">{outbox.lastError}</span> : <span className="text-gray-500">{t('sources.outbox.none')}</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}
