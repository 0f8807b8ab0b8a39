import { FUNNEL_EXITS, type FunnelReport, type ReportFilters } from '@telehub/shared';
import { Filter } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import type { FunnelDrill } from '../api/reportsApi';
import { type ReportFormat, useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { FunnelChart, type FunnelStep } from './charts/FunnelChart';
import { LeadsDrill } from './Drilldowns';
import { ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

const num = 'text-right tabular-nums';

type Row = FunnelReport['bySource'][number] | FunnelReport['byCampaign'][number];

function CountsTable({ label, nameHeader, rows, nameOf, f }: { label: string; nameHeader: string; rows: Row[]; nameOf: (r: Row) => string; f: ReportFormat }) {
  const { t } = useTranslation();
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={label}>
        <DataTableHead
          columns={[
            { label: nameHeader },
            { label: t('reports.funnel.stages.created'), className: 'text-right' },
            { label: t('reports.funnel.stages.contacted'), className: 'text-right' },
            { label: t('reports.funnel.stages.interested'), className: 'text-right' },
            { label: t('reports.funnel.stages.converted'), className: 'text-right' },
            { label: t('reports.measure.conversionRate'), className: 'text-right' },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={nameOf(r)}>
              <th scope="row" className={cn(tableCell, 'max-w-64 min-w-40 text-left font-medium break-words text-gray-900')}>
                {nameOf(r)}
              </th>
              <td className={cn(tableCell, num)}>{f.n(r.created)}</td>
              <td className={cn(tableCell, num)}>{f.n(r.contacted)}</td>
              <td className={cn(tableCell, num)}>{f.n(r.interested)}</td>
              <td className={cn(tableCell, num)}>{f.n(r.converted)}</td>
              <td className={cn(tableCell, num, 'font-medium')}>{f.rate(r.conversionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FunnelBody({ report, query }: { report: FunnelReport; query: ReportFilters }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [drill, setDrill] = useState<{ stage: FunnelDrill; title: string } | null>(null);
  const leads = (n: number) => t('reports.funnel.leads', { count: n, n: f.n(n) });
  const stageLabel = (key: string) => t(`reports.funnel.stages.${key as 'created'}`);
  const count = (stage: string) => report.stages.find((s) => s.stage === stage)?.leads ?? 0;
  const created = count('created');
  if (created === 0 && report.exits.every((e) => e.leads === 0))
    return <ReportEmpty icon={Filter} title={t('reports.funnel.empty.title')} body={t('reports.funnel.empty.body')} />;

  const steps: FunnelStep[] = report.stages.map((s) => {
    const notes = [
      ...(s.fromPrevious != null && s.stage !== 'created' ? [t('reports.funnel.ofPrevious', { rate: f.rate(s.fromPrevious) })] : []),
      ...(s.averageHoursFromPrevious != null ? [t('reports.funnel.avgHours', { hours: f.decimal(s.averageHoursFromPrevious) })] : []),
    ];
    return {
      key: s.stage,
      label: stageLabel(s.stage),
      value: s.leads,
      valueText: leads(s.leads),
      notes,
      actionLabel: `${stageLabel(s.stage)}: ${leads(s.leads)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}. ${t('reports.funnel.showLeads')}`,
    };
  });
  const summary = t('reports.funnel.summary', {
    created: f.n(created),
    contacted: f.n(count('contacted')),
    interested: f.n(count('interested')),
    converted: f.n(count('converted')),
    rate: f.rate(report.stages.find((s) => s.stage === 'converted')?.fromStart ?? null),
  });

  return (
    <div className="space-y-5">
      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <ReportPanel title={t('reports.funnel.title')} hint={t('reports.funnel.intro')}>
          <FunnelChart steps={steps} summary={summary} onSelect={(key) => setDrill({ stage: key as FunnelDrill, title: stageLabel(key) })} />
        </ReportPanel>
        <ReportPanel title={t('reports.funnel.exitsTitle')}>
          <ul className="grid gap-2 sm:grid-cols-3 xl:grid-cols-1">
            {FUNNEL_EXITS.map((status) => {
              const n = report.exits.find((e) => e.status === status)?.leads ?? 0;
              const label = t(`reports.funnel.exits.${status}`);
              return (
                <li key={status}>
                  <button
                    type="button"
                    onClick={() => setDrill({ stage: status, title: label })}
                    aria-label={t('reports.funnel.exitAction', { status: label, count: leads(n) })}
                    className="flex w-full items-baseline justify-between gap-3 rounded-md px-3 py-2.5 text-left ring-1 ring-gray-200 hover:bg-gray-50"
                    data-exit={status}
                  >
                    <span className="text-sm text-gray-700">{label}</span>
                    <span className="text-lg font-semibold text-gray-900 tabular-nums">{f.n(n)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </ReportPanel>
      </div>
      <div className="grid gap-5 2xl:grid-cols-2">
        <ReportPanel title={t('reports.funnel.bySource')} flush>
          <CountsTable
            label={t('reports.funnel.bySource')}
            nameHeader={t('reports.funnel.source')}
            rows={report.bySource}
            nameOf={(r) => ('source' in r ? r.source : '')}
            f={f}
          />
        </ReportPanel>
        <ReportPanel title={t('reports.funnel.byCampaign')} flush>
          <CountsTable
            label={t('reports.funnel.byCampaign')}
            nameHeader={t('reports.funnel.campaign')}
            rows={report.byCampaign}
            nameOf={(r) => ('name' in r && r.name ? r.name : t('reports.funnel.noCampaign'))}
            f={f}
          />
        </ReportPanel>
      </div>
      {drill && <LeadsDrill query={query} stage={drill.stage} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** The funnel tab: leads created in the period through the stages, where they left, by source and campaign. */
export function FunnelView({ query, onClearFilters }: { query: ReportFilters; onClearFilters: () => void }) {
  const report = useReport('funnel', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <FunnelBody report={data} query={query} />}
    </ReportView>
  );
}
