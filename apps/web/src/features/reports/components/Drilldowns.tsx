import type { UseQueryResult } from '@tanstack/react-query';
import { CALL_STATUSES, type CallStatus, LEAD_STATUSES, type LeadStatus, type ReportFilters, type ReportLeadPage } from '@telehub/shared';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { ErrorState } from '../../../components/ErrorState';
import { Pagination } from '../../../components/Pagination';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Dialog } from '../../../components/ui/Dialog';
import { cn } from '../../../lib/cn';
import { formatClock, formatDate, formatDateTime } from '../../../lib/format';
import { CallStatusBadge, dispositionText, useDispositions } from '../../calls';
import { StatusBadge } from '../../leads';
import type { CallDrill, ConsentDrill, FunnelDrill } from '../api/reportsApi';
import { useReportFormat } from '../hooks/useReportFormat';
import { useConsentLeads, useFunnelLeads, useReportCalls } from '../hooks/useReports';

const PAGE_SIZE = 25;
const isLeadStatus = (s: string): s is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(s);
const isCallStatus = (s: string): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s);

function DrillDialog({ title, description, onClose, children }: { title: string; description: string; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={description} className="sm:max-w-4xl">
      <div className="-mx-5 -my-4">{children}</div>
    </Dialog>
  );
}

/** A figure that opens what is behind it (its calls, its leads); its name says what and how many. */
export function DrillNumber({ value, label, onClick, drill }: { value: string; label: string; onClick: () => void; drill?: string }) {
  return (
    <button type="button" onClick={onClick} aria-label={label} data-drill={drill} className="rounded font-medium text-indigo-700 tabular-nums hover:underline">
      {value}
    </button>
  );
}

/** A page of leads in a drill-down's dialog, each linking to its page. */
function LeadsList({ leads, label, page, onPage }: { leads: UseQueryResult<ReportLeadPage>; label: string; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  if (leads.isPending) return <TableSkeleton rows={5} />;
  if (leads.isError) return <ErrorState title={t('reports.drill.loadError')} error={leads.error} onRetry={() => void leads.refetch()} />;
  if (leads.data.items.length === 0) return <p className="px-5 py-10 text-center text-sm text-gray-600">{t('reports.drill.noLeads')}</p>;
  return (
    <>
      <div className={cn('relative overflow-x-auto', leads.isPlaceholderData && 'opacity-60')}>
        <table className="w-full border-collapse text-sm" aria-label={label}>
          <DataTableHead
            columns={[
              { label: t('reports.drill.lead') },
              { label: t('reports.drill.status') },
              { label: t('reports.drill.source'), className: 'hidden sm:table-cell' },
              { label: t('reports.drill.created') },
              { label: t('reports.drill.owner'), className: 'hidden md:table-cell' },
            ]}
          />
          <tbody className="divide-y divide-gray-100">
            {leads.data.items.map((lead) => (
              <tr key={lead.id}>
                <td className={cn(tableCell, 'max-w-56')}>
                  <Link to={`/leads/${lead.id}`} className="font-medium break-words text-indigo-700 hover:underline">
                    {lead.name}
                  </Link>
                </td>
                <td className={tableCell}>{isLeadStatus(lead.status) ? <StatusBadge status={lead.status} /> : lead.status}</td>
                <td className={cn(tableCell, 'hidden text-gray-700 sm:table-cell')}>{lead.source}</td>
                <td className={cn(tableCell, 'whitespace-nowrap text-gray-700')}>{formatDate(lead.createdAt, f.lng)}</td>
                <td className={cn(tableCell, 'hidden text-gray-700 md:table-cell')}>{lead.ownerName ?? t('common.unassigned')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={leads.data.total} onPageChange={onPage} />
    </>
  );
}

/** The leads behind a stage or exit of the funnel, a page at a time, each linking to its page. */
export function LeadsDrill({ query, stage, title, onClose }: { query: ReportFilters; stage: FunnelDrill; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [page, setPage] = useState(1);
  const leads = useFunnelLeads(query, stage, page, PAGE_SIZE);
  const label = t('reports.drill.leadsTitle', { stage: title });
  return (
    <DrillDialog title={label} description={f.period(query)} onClose={onClose}>
      <LeadsList leads={leads} label={label} page={page} onPage={setPage} />
    </DrillDialog>
  );
}

/** The leads who withdrew (or gave) consent in the period, for one purpose or any: the compliance report's drill-down. */
export function ConsentLeadsDrill({ query, drill, title, onClose }: { query: ReportFilters; drill: ConsentDrill; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [page, setPage] = useState(1);
  const leads = useConsentLeads(query, drill, page, PAGE_SIZE);
  const label = t('reports.drill.leadsTitle', { stage: title });
  return (
    <DrillDialog title={label} description={f.period(query)} onClose={onClose}>
      <LeadsList leads={leads} label={label} page={page} onPage={setPage} />
    </DrillDialog>
  );
}

/** The calls behind a number (a campaign's dials, an hour of the week), each linking to the call's page. */
export function CallsDrill({ query, drill, title, onClose }: { query: ReportFilters; drill: CallDrill; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [page, setPage] = useState(1);
  const calls = useReportCalls(query, drill, page, PAGE_SIZE);
  const dispositions = useDispositions();
  return (
    <DrillDialog title={t('reports.drill.callsTitle', { what: title })} description={f.period(query)} onClose={onClose}>
      {calls.isPending ? (
        <TableSkeleton rows={5} />
      ) : calls.isError ? (
        <ErrorState title={t('reports.drill.loadError')} error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.items.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-gray-600">{t('reports.drill.noCalls')}</p>
      ) : (
        <>
          <div className={cn('relative overflow-x-auto', calls.isPlaceholderData && 'opacity-60')}>
            <table className="w-full border-collapse text-sm" aria-label={t('reports.drill.callsTitle', { what: title })}>
              <DataTableHead
                columns={[
                  { label: t('reports.drill.started') },
                  { label: t('reports.drill.lead') },
                  { label: t('reports.drill.telecaller'), className: 'hidden sm:table-cell' },
                  { label: t('reports.drill.campaign'), className: 'hidden lg:table-cell' },
                  { label: t('reports.drill.status') },
                  { label: t('reports.drill.talk'), className: 'text-right' },
                  { label: t('reports.drill.outcome'), className: 'hidden md:table-cell' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {calls.data.items.map((call) => {
                  const when = formatDateTime(call.startedAt, f.lng);
                  return (
                    <tr key={call.id}>
                      <td className={cn(tableCell, 'whitespace-nowrap')}>
                        <Link
                          to={`/calls/${call.id}`}
                          className="font-medium text-indigo-700 hover:underline"
                          aria-label={t('reports.drill.openCall', { when })}
                        >
                          {when}
                        </Link>
                      </td>
                      <td className={cn(tableCell, 'max-w-48')}>
                        <Link to={`/leads/${call.leadId}`} className="break-words text-gray-900 hover:underline">
                          {call.leadName}
                        </Link>
                      </td>
                      <td className={cn(tableCell, 'hidden text-gray-700 sm:table-cell')}>{call.agentName ?? '—'}</td>
                      <td className={cn(tableCell, 'hidden text-gray-700 lg:table-cell')}>{call.campaignName ?? t('reports.campaigns.noCampaign')}</td>
                      <td className={tableCell}>{isCallStatus(call.status) ? <CallStatusBadge status={call.status} /> : call.status}</td>
                      <td className={cn(tableCell, 'text-right text-gray-700 tabular-nums')}>{formatClock(call.talkSeconds)}</td>
                      <td className={cn(tableCell, 'hidden text-gray-700 md:table-cell')}>
                        {call.disposition ? dispositionText(call.disposition, dispositions.data?.items, f.lng) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={calls.data.total} onPageChange={setPage} />
        </>
      )}
    </DrillDialog>
  );
}
