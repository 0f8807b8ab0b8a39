import type { AssignResult } from '@telehub/shared';
import { CopyCheck, FileUp, SearchX, UsersRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { BulkAssignBar } from '../../assignment';
import { useCurrentUser } from '../../auth';
import { AddToCampaignBar } from '../../campaigns';
import { useUserNames } from '../../users';
import { ExportButton } from '../components/ExportButton';
import { LeadFilters } from '../components/LeadFilters';
import { LeadsTable, LeadsTableSkeleton, type Selection } from '../components/LeadsTable';
import { hasActiveFilters, PAGE_SIZES, toLeadQuery, useLeadFilters } from '../hooks/useLeadFilters';
import { useLeads } from '../hooks/useLeads';

const NONE_SELECTED: ReadonlySet<string> = new Set();

export function LeadsListPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const { abilities } = useCurrentUser();
  const { filters, update, clear } = useLeadFilters();
  const query = toLeadQuery(filters);
  const leads = useLeads(query);
  const { nameOf } = useUserNames();
  const exportFilter = { q: query.q, status: query.status, ownerId: query.ownerId, campaignId: query.campaignId, tag: query.tag, dnd: query.dnd };
  const [assigned, setAssigned] = useState<AssignResult | null>(null);
  // Ticks belong to the rows on screen: another page or filter starts with none.
  const queryKey = JSON.stringify(query);
  const [ticked, setTicked] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: queryKey, ids: new Set() });
  const selected = ticked.key === queryKey ? ticked.ids : NONE_SELECTED;
  const setSelected = (ids: ReadonlySet<string>) => setTicked({ key: queryKey, ids });

  const pageIds = leads.data?.items.map((l) => l.id) ?? [];
  const selection: Selection | undefined = abilities.assignLeads
    ? {
        selected,
        toggle: (id, on) => setSelected(new Set(on ? [...selected, id] : [...selected].filter((x) => x !== id))),
        toggleAll: (on) => setSelected(on ? new Set(pageIds) : NONE_SELECTED),
      }
    : undefined;
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
        actions={
          <>
            {abilities.mergeLeads && (
              <Link to="/leads/duplicates" className={buttonClass('secondary')}>
                <CopyCheck aria-hidden className="size-4" />
                {t('duplicates.open')}
              </Link>
            )}
            {abilities.importLeads && (
              <Link to="/leads/import" className={buttonClass('secondary')}>
                <FileUp aria-hidden className="size-4" />
                {t('imports.open')}
              </Link>
            )}
            {abilities.exportLeads && <ExportButton filter={exportFilter} />}
          </>
        }
      />
      {assigned && (
        <Alert tone="info" className="mb-4">
          <span className="flex flex-wrap items-center gap-x-3">
            {t('bulk.result', {
              count: assigned.assigned,
              assigned: formatNumber(assigned.assigned, lng),
              unchanged: formatNumber(assigned.unchanged, lng),
            })}
            <button type="button" className="font-medium underline hover:no-underline" onClick={() => setAssigned(null)}>
              {t('common.close')}
            </button>
          </span>
        </Alert>
      )}
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <LeadFilters filters={filters} update={update} clear={clear} />
        {selection && selected.size > 0 && (
          <BulkAssignBar
            leadIds={[...selected]}
            onClear={() => setSelected(NONE_SELECTED)}
            onDone={(result) => {
              setSelected(NONE_SELECTED);
              setAssigned(result);
            }}
          />
        )}
        {selection && selected.size > 0 && abilities.manageCampaigns && <AddToCampaignBar leadIds={[...selected]} />}
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
            <LeadsTable leads={leads.data.items} showOwner={abilities.viewTeam} ownerName={nameOf} dimmed={leads.isPlaceholderData} selection={selection} />
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
