import { SearchX, UsersRound } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { Button } from '../../../components/ui/Button';
import { useCurrentUser } from '../../auth/hooks/useSession';
import { useUserNames } from '../../users/hooks/useUserNames';
import { ExportButton } from '../components/ExportButton';
import { LeadFilters } from '../components/LeadFilters';
import { LeadsTable, LeadsTableSkeleton } from '../components/LeadsTable';
import { hasActiveFilters, PAGE_SIZES, toLeadQuery, useLeadFilters } from '../hooks/useLeadFilters';
import { useLeads } from '../hooks/useLeads';

export function LeadsListPage() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const { filters, update, clear } = useLeadFilters();
  const query = toLeadQuery(filters);
  const leads = useLeads(query);
  const { nameOf } = useUserNames();
  const exportFilter = { q: query.q, status: query.status, ownerId: query.ownerId, campaignId: query.campaignId, tag: query.tag };
  const filtered = hasActiveFilters(filters);
  const lastPage = leads.data ? Math.max(1, Math.ceil(leads.data.total / filters.pageSize)) : undefined;

  // A page past the end (an old link, fewer results now): show the last page that has leads.
  useEffect(() => {
    if (lastPage !== undefined && !leads.isPlaceholderData && filters.page > lastPage) update({ page: lastPage }, { replace: true });
  }, [lastPage, filters.page, leads.isPlaceholderData, update]);

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        documentTitle={t('leads.title')}
        subtitle={leads.data ? t(leads.data.totalExact === false ? 'leads.countApprox' : 'leads.count', { count: leads.data.total }) : '\u00a0'}
        actions={abilities.exportLeads ? <ExportButton filter={exportFilter} /> : undefined}
      />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <LeadFilters filters={filters} update={update} clear={clear} />
        {leads.isPending ? (
          <LeadsTableSkeleton />
        ) : leads.isError && !leads.data ? (
          <ErrorState title={t('leads.error')} error={leads.error} onRetry={() => void leads.refetch()} />
        ) : leads.data && leads.data.items.length === 0 ? (
          <EmptyState
            icon={filtered ? SearchX : UsersRound}
            title={t('leads.empty.title')}
            body={filtered ? t('leads.empty.filtered') : t('leads.empty.none')}
            action={
              filtered ? (
                <Button onClick={clear} variant="secondary">
                  {t('leads.filters.clear')}
                </Button>
              ) : undefined
            }
          />
        ) : leads.data ? (
          <>
            {leads.isError && <ErrorState title={t('leads.error')} error={leads.error} onRetry={() => void leads.refetch()} />}
            <LeadsTable leads={leads.data.items} showOwner={abilities.viewTeam} ownerName={nameOf} dimmed={leads.isPlaceholderData} />
            <Pagination
              page={filters.page}
              pageSize={filters.pageSize}
              total={leads.data.total}
              totalExact={leads.data.totalExact !== false}
              pageSizes={PAGE_SIZES}
              onPageChange={(page) => update({ page })}
              onPageSizeChange={(pageSize) => update({ pageSize })}
            />
          </>
        ) : null}
      </section>
    </>
  );
}
