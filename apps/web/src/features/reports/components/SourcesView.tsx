import type { ImportStatus, ReportFilters, SourcesReport } from '@telehub/shared';
import { DatabaseZap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format';
import { ImportStatusBadge, rejectReason } from '../../imports';
import { type ReportFormat, useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { GroupedBarChart } from './charts/BarChart';
import { Legend } from './charts/Legend';
import { LineChart } from './charts/LineChart';
import { PALETTE } from './charts/scale';
import { everyDay, peakOf } from './figures';
import { FiguresTable, ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

const num = 'text-right tabular-nums whitespace-nowrap';

const IMPORT_STATUSES = ['draft', 'queued', 'running', 'completed', 'failed'] as const satisfies readonly ImportStatus['status'][];
const isImportStatus = (s: string): s is ImportStatus['status'] => (IMPORT_STATUSES as readonly string[]).includes(s);

function SourcesTable({ report, f }: { report: SourcesReport; f: ReportFormat }) {
  const { t } = useTranslation();
  const label = t('reports.sources.table');
  // Narrowed to a team, telecaller or campaign, the organisation's intake is left out.
  const intake = report.intakeShown;
  return (
    <ReportPanel title={label} flush>
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-sm" aria-label={label}>
          <DataTableHead
            columns={[
              { label: t('reports.sources.source') },
              { label: t('reports.funnel.stages.created'), className: 'text-right' },
              { label: t('reports.funnel.stages.contacted'), className: 'text-right' },
              { label: t('reports.funnel.stages.converted'), className: 'text-right' },
              { label: t('reports.measure.conversionRate'), className: 'text-right' },
              ...(intake
                ? [
                    { label: t('reports.sources.received'), className: 'text-right' },
                    { label: t('reports.sources.matched'), className: 'text-right' },
                    { label: t('reports.sources.rejected'), className: 'text-right' },
                    { label: t('reports.sources.rejectRate'), className: 'text-right' },
                  ]
                : []),
            ]}
          />
          <tbody className="divide-y divide-gray-100">
            {report.items.map((s) => (
              <tr key={s.source} data-source={s.source}>
                <th scope="row" className={cn(tableCell, 'max-w-56 min-w-32 text-left font-medium break-words text-gray-900')}>
                  {s.source}
                </th>
                <td className={cn(tableCell, num)}>{f.n(s.created)}</td>
                <td className={cn(tableCell, num)}>{f.n(s.contacted)}</td>
                <td className={cn(tableCell, num)}>{f.n(s.converted)}</td>
                <td className={cn(tableCell, num, 'font-medium')}>{f.rate(s.conversionRate)}</td>
                {intake && (
                  <>
                    <td className={cn(tableCell, num)}>{f.n(s.received)}</td>
                    <td className={cn(tableCell, num)}>{f.n(s.matched)}</td>
                    <td className={cn(tableCell, num)}>{f.n(s.rejected)}</td>
                    <td className={cn(tableCell, num)}>{f.rate(s.rejectRate)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportPanel>
  );
}

function MergesPanel({ report, f }: { report: SourcesReport; f: ReportFormat }) {
  const { t } = useTranslation();
  const { merges } = report;
  const days = everyDay(report, merges.byDay, (day) => ({ day, merges: 0 }));
  const busiest = peakOf(days, (d) => d.merges);
  const title = t('reports.sources.merges.title');
  const byDay = t('reports.sources.merges.byDay');
  return (
    <ReportPanel title={title} hint={t('reports.sources.merges.hint')}>
      {merges.total === 0 && merges.undone === 0 ? (
        <p className="text-sm text-gray-600">{t('reports.sources.merges.none')}</p>
      ) : (
        <>
          <dl className="mb-4 grid grid-cols-2 gap-3">
            <div className="min-w-0 rounded-md px-3 py-2.5 ring-1 ring-gray-200" data-figure="merges">
              <dt className="text-xs font-medium text-gray-600">{t('reports.sources.merges.total')}</dt>
              <dd className="mt-0.5 text-xl font-semibold text-gray-900 tabular-nums">{f.n(merges.total)}</dd>
            </div>
            <div className="min-w-0 rounded-md px-3 py-2.5 ring-1 ring-gray-200" data-figure="merges-undone">
              <dt className="text-xs font-medium text-gray-600">{t('reports.sources.merges.undone')}</dt>
              <dd className="mt-0.5 text-xl font-semibold text-gray-900 tabular-nums">{f.n(merges.undone)}</dd>
            </div>
          </dl>
          <h3 className="mb-2 text-xs font-medium text-gray-600">{byDay}</h3>
          <LineChart
            height={160}
            categories={days.map((d) => f.day(d.day))}
            series={[{ name: t('reports.sources.merges.total'), color: PALETTE[0], values: days.map((d) => d.merges) }]}
            format={(v) => f.n(v)}
            summary={t('reports.sources.merges.byDaySummary', {
              from: f.day(report.from),
              to: f.day(report.to),
              total: f.n(merges.total),
              undone: f.n(merges.undone),
              day: busiest ? f.day(busiest.day) : '—',
              max: f.n(busiest?.merges ?? 0),
            })}
          />
          <FiguresTable summary={t('reports.states.showFigures')}>
            <table className="w-full border-collapse text-sm" aria-label={byDay}>
              <DataTableHead columns={[{ label: t('reports.sources.day') }, { label: t('reports.sources.merges.total'), className: 'text-right' }]} />
              <tbody className="divide-y divide-gray-100">
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row" className={cn(tableCell, 'py-1.5 text-left font-normal whitespace-nowrap')}>
                      {f.day(d.day)}
                    </th>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.merges)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </FiguresTable>
        </>
      )}
    </ReportPanel>
  );
}

function RejectReasonsPanel({ report, f }: { report: SourcesReport; f: ReportFormat }) {
  const { t } = useTranslation();
  const label = t('reports.sources.reasons.title');
  return (
    <ReportPanel title={label} flush>
      {report.rejectReasons.length === 0 ? (
        <p className="p-4 text-sm text-gray-600">{t('reports.sources.reasons.none')}</p>
      ) : (
        <div className="relative max-h-96 overflow-auto">
          <table className="w-full border-collapse text-sm" aria-label={label}>
            <DataTableHead columns={[{ label: t('reports.sources.reasons.reason') }, { label: t('reports.sources.reasons.rows'), className: 'text-right' }]} />
            <tbody className="divide-y divide-gray-100">
              {report.rejectReasons.map((r) => (
                <tr key={r.reason}>
                  <td className={cn(tableCell, 'min-w-48 break-words text-gray-800')}>{rejectReason(r.reason, t)}</td>
                  <td className={cn(tableCell, num)}>{f.n(r.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReportPanel>
  );
}

function ImportsPanel({ report, f }: { report: SourcesReport; f: ReportFormat }) {
  const { t } = useTranslation();
  const label = t('reports.sources.files.title');
  return (
    <ReportPanel title={label} flush>
      {report.imports.length === 0 ? (
        <p className="p-4 text-sm text-gray-600">{t('reports.sources.files.none')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label={label}>
            <DataTableHead
              columns={[
                { label: t('reports.sources.files.filename') },
                { label: t('reports.sources.source') },
                { label: t('reports.sources.files.status') },
                { label: t('reports.sources.files.date') },
                { label: t('reports.sources.files.total'), className: 'text-right' },
                { label: t('reports.sources.files.created'), className: 'text-right' },
                { label: t('reports.sources.files.merged'), className: 'text-right' },
                { label: t('reports.sources.files.rejected'), className: 'text-right' },
              ]}
            />
            <tbody className="divide-y divide-gray-100">
              {report.imports.map((file) => (
                <tr key={file.id} data-import={file.id}>
                  <th scope="row" className={cn(tableCell, 'max-w-64 min-w-40 text-left font-medium break-all text-gray-900')}>
                    {file.filename}
                  </th>
                  <td className={cn(tableCell, 'text-gray-700')}>{file.source}</td>
                  <td className={tableCell}>{isImportStatus(file.status) ? <ImportStatusBadge status={file.status} /> : file.status}</td>
                  <td className={cn(tableCell, 'whitespace-nowrap text-gray-700')}>{formatDateTime(file.createdAt, f.lng)}</td>
                  <td className={cn(tableCell, num)}>{f.n(file.total)}</td>
                  <td className={cn(tableCell, num)}>{f.n(file.created)}</td>
                  <td className={cn(tableCell, num)}>{f.n(file.merged)}</td>
                  <td className={cn(tableCell, num)}>{f.n(file.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReportPanel>
  );
}

const isEmpty = (r: SourcesReport) =>
  r.items.length === 0 && r.merges.total === 0 && r.merges.undone === 0 && r.rejectReasons.length === 0 && r.imports.length === 0;

function SourcesBody({ report }: { report: SourcesReport }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  if (isEmpty(report)) return <ReportEmpty icon={DatabaseZap} title={t('reports.sources.empty.title')} body={t('reports.sources.empty.body')} />;

  const created = t('reports.funnel.stages.created');
  const rejected = t('reports.sources.rejected');
  const colours = { created: PALETTE[0], rejected: PALETTE[5] };
  // Rejected rows get their bars only when there are some to show.
  const showRejected = report.intakeShown && report.items.some((s) => s.rejected > 0);
  return (
    <div className="space-y-5">
      <p className="text-xs text-gray-600" data-note="intake" data-intake={report.intakeShown ? 'shown' : 'hidden'}>
        {report.intakeShown ? t('reports.sources.intakeNote') : t('reports.sources.intakeHidden')}
      </p>
      {report.items.length > 0 && (
        <>
          <ReportPanel
            title={t('reports.sources.chart')}
            actions={
              <Legend
                items={[
                  { label: created, color: colours.created, shape: 'box' },
                  ...(showRejected ? [{ label: rejected, color: colours.rejected, shape: 'box' as const }] : []),
                ]}
              />
            }
          >
            <GroupedBarChart
              categories={report.items.map((s) => ({ key: s.source, label: s.source }))}
              series={[
                { name: created, color: colours.created, values: report.items.map((s) => s.created) },
                ...(showRejected ? [{ name: rejected, color: colours.rejected, values: report.items.map((s) => s.rejected) }] : []),
              ]}
              top={Math.max(1, ...report.items.flatMap((s) => [s.created, s.rejected]))}
              format={(v) => f.n(v)}
              summary={t('reports.sources.chartSummary', { count: report.items.length })}
            />
          </ReportPanel>
          <SourcesTable report={report} f={f} />
        </>
      )}
      <div className="grid gap-5 xl:grid-cols-2">
        <MergesPanel report={report} f={f} />
        {report.intakeShown && <RejectReasonsPanel report={report} f={f} />}
      </div>
      {report.intakeShown && <ImportsPanel report={report} f={f} />}
    </div>
  );
}

/**
 * The sources tab: what each source brought and how far its leads went, the rows refused and
 * merged on the way in, the merges of duplicates, and the files imported in the period.
 */
export function SourcesView({ query, onClearFilters }: { query: ReportFilters; onClearFilters: () => void }) {
  const report = useReport('sources', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <SourcesBody report={data} />}
    </ReportView>
  );
}
