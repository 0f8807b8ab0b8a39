import { FileLock2, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { Pagination } from '../../../components/Pagination';
import { QueryView } from '../../../components/QueryView';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { NONE, Select } from '../../../components/ui/Select';
import { useLocale } from '../../../hooks/useLocale';
import { formatDate } from '../../../lib/format';
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestFilters, type RequestStatus, type RequestType } from '../api/privacyApi';
import { useRequests } from '../hooks/usePrivacy';
import { OpenRequestDialog } from './OpenRequestDialog';
import { RequestDialog } from './RequestDialog';
import { RequestStatusBadge } from './RequestStatusBadge';

/** Requests with their due dates, overdue first among the open; filters; open one by phone. */
export function RequestsPanel({ leadId }: { leadId?: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const [filters, setFilters] = useState<RequestFilters>({ page: 1, ...(leadId ? { leadId } : {}) });
  const [opening, setOpening] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const requests = useRequests(filters);
  const overdueId = useId();
  const set = (f: Partial<RequestFilters>) => setFilters((old) => ({ ...old, ...f, page: f.page ?? 1 }));

  return (
    <section aria-labelledby="privacy-requests-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <h2 id="privacy-requests-title" className="text-sm font-semibold text-gray-900">
          {t('privacy.requests.title')}
          {requests.data && requests.data.overdue > 0 && (
            <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset">
              {t('privacy.requests.overdueCount', { count: requests.data.overdue })}
            </span>
          )}
        </h2>
        <Button size="sm" variant="primary" onClick={() => setOpening(true)}>
          <Plus aria-hidden className="size-4" />
          {t('privacy.requests.open')}
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-3 border-b border-gray-100 px-4 py-3">
        <div className="w-full sm:w-44">
          <Select
            size="sm"
            aria-label={t('privacy.requests.filterStatus')}
            value={filters.status ?? NONE}
            onValueChange={(v) => set({ status: v === NONE ? undefined : (v as RequestStatus) })}
            options={[
              { value: NONE, label: `${t('privacy.requests.filterStatus')}: ${t('privacy.requests.any')}` },
              ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`privacy.statuses.${s}`) })),
            ]}
          />
        </div>
        <div className="w-full sm:w-44">
          <Select
            size="sm"
            aria-label={t('privacy.requests.filterType')}
            value={filters.type ?? NONE}
            onValueChange={(v) => set({ type: v === NONE ? undefined : (v as RequestType) })}
            options={[
              { value: NONE, label: `${t('privacy.requests.filterType')}: ${t('privacy.requests.any')}` },
              ...REQUEST_TYPES.map((s) => ({ value: s, label: t(`privacy.types.${s}`) })),
            ]}
          />
        </div>
        <div className="flex h-8 items-center gap-2 text-sm text-gray-800">
          <Checkbox id={overdueId} checked={filters.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked || undefined })} />
          <label htmlFor={overdueId}>{t('privacy.requests.overdueOnly')}</label>
        </div>
      </div>
      <QueryView
        query={requests}
        errorTitle={t('privacy.requests.loadError')}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={FileLock2} title={t('privacy.requests.empty')} body={t('privacy.requests.emptyBody')} />}
        skeletonRows={4}
      >
        {(d) => (
          <>
            <ul className="divide-y divide-gray-100">
              {d.items.map((r) => {
                const name = r.leadName ?? t('privacy.requests.erased');
                return (
                  <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
                    <span className="w-24 font-medium text-gray-900">{t(`privacy.types.${r.type}`)}</span>
                    <span className="min-w-0 flex-1 truncate">
                      {r.leadName ? (
                        <Link to={`/leads/${r.leadId}`} className="text-indigo-700 hover:underline">
                          {r.leadName}
                        </Link>
                      ) : (
                        <span className="text-gray-600">{name}</span>
                      )}
                    </span>
                    <RequestStatusBadge status={r.status} overdue={r.overdue} />
                    <span className={r.overdue ? 'text-red-700' : 'text-gray-600'}>
                      {t('privacy.requests.columns.due')}: <time dateTime={r.dueAt}>{formatDate(r.dueAt, lng)}</time>
                    </span>
                    <Button
                      size="sm"
                      onClick={() => setViewing(r.id)}
                      aria-label={t('privacy.requests.viewLabel', { type: t(`privacy.types.${r.type}`), name })}
                    >
                      {t('privacy.requests.view')}
                    </Button>
                  </li>
                );
              })}
            </ul>
            {d.total > d.pageSize && (
              <div className="border-t border-gray-100 px-4 py-2">
                <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPageChange={(page) => set({ page })} />
              </div>
            )}
          </>
        )}
      </QueryView>
      <OpenRequestDialog open={opening} onOpenChange={setOpening} onOpened={(r) => setViewing(r.id)} />
      {viewing && <RequestDialog id={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}
