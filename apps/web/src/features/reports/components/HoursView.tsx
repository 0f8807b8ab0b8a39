import type { HoursReport, ReportFilters } from '@telehub/shared';
import { Clock } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import type { CallDrill } from '../api/reportsApi';
import { useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { ColumnChart } from './charts/BarChart';
import { HeatLegend, HeatMap } from './charts/HeatMap';
import { PALETTE } from './charts/scale';
import { CallsDrill } from './Drilldowns';
import { heatTop, hourGrid } from './measures';
import { FiguresTable, ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

const HOURS = [...Array(24).keys()];
const num = 'text-right tabular-nums';

function HoursBody({ report, query }: { report: HoursReport; query: ReportFilters }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const hintId = useId();
  const [drill, setDrill] = useState<{ drill: CallDrill; title: string } | null>(null);
  if (report.cells.length === 0) return <ReportEmpty icon={Clock} title={t('reports.hours.empty.title')} body={t('reports.hours.empty.body')} />;

  const grid = hourGrid(report.cells);
  const top = heatTop(report.cells);
  const at = (weekday: number, hour: number) => t('reports.hours.bestItem', { weekday: f.weekday(weekday), hour: f.hour(hour) });
  const open = (weekday: number, hour: number) => setDrill({ drill: { outcome: 'all', weekday, hour }, title: at(weekday, hour) });
  const best = report.best[0];
  const byHour = HOURS.map((h) => report.byHour.find((b) => b.hour === h) ?? null);
  const bestHour = report.byHour.reduce<HoursReport['byHour'][number] | null>(
    (b, h) => (h.connectRate != null && (b?.connectRate == null || h.connectRate > b.connectRate) ? h : b),
    null,
  );
  const steps = [0, 0.25, 0.5, 0.75, 1].map((s) => ({ t: s, label: f.rate(s * top) }));

  return (
    <div className="space-y-5">
      <ReportPanel title={t('reports.hours.title')} hint={t('reports.hours.intro')}>
        <HeatMap
          rows={[0, 1, 2, 3, 4, 5, 6].map(f.weekdayShort)}
          columns={HOURS.map((h) => String(h).padStart(2, '0'))}
          summary={
            best
              ? t('reports.hours.summary', { count: report.cells.length, best: `${at(best.weekday, best.hour)} (${f.rate(best.connectRate)})` })
              : t('reports.hours.summaryNone')
          }
          hintId={hintId}
          cell={(r, c) => {
            const v = grid[r]?.[c] ?? null;
            const words = { weekday: f.weekday(r), hour: f.hour(c) };
            if (!v) return { t: null, label: t('reports.hours.cellEmpty', words) };
            const rate = v.connectRate ?? 0;
            return {
              t: rate / top,
              label: t('reports.hours.cell', { ...words, rate: f.rate(v.connectRate), dials: f.n(v.dials) }),
              text: String(Math.round(rate * 100)),
            };
          }}
          onSelect={open}
        />
        <div className="mt-3 flex flex-wrap items-start justify-between gap-3">
          <HeatLegend steps={steps} emptyLabel={t('reports.hours.noDials')} title={t('reports.hours.legend')} />
          <p id={hintId} className="text-xs text-gray-600">
            {t('reports.hours.keys')}
          </p>
        </div>
      </ReportPanel>

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <ReportPanel title={t('reports.hours.best')}>
          {report.best.length === 0 ? (
            <p className="text-sm text-gray-600">{t('reports.hours.bestEmpty')}</p>
          ) : (
            <ol className="space-y-1.5">
              {report.best.map((b, i) => (
                <li key={`${b.weekday}-${b.hour}`}>
                  <button
                    type="button"
                    onClick={() => open(b.weekday, b.hour)}
                    className="flex w-full flex-wrap items-baseline justify-between gap-x-3 rounded-md px-3 py-2 text-left ring-1 ring-gray-200 hover:bg-gray-50"
                  >
                    <span className="text-sm font-medium text-gray-900">
                      <span className="mr-2 text-gray-500 tabular-nums">{f.n(i + 1)}.</span>
                      {at(b.weekday, b.hour)}
                    </span>
                    <span className="text-sm text-gray-700 tabular-nums">
                      {t('reports.hours.bestFigures', { rate: f.rate(b.connectRate), dials: f.n(b.dials) })}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </ReportPanel>
        <ReportPanel title={t('reports.hours.byHour')}>
          <ColumnChart
            categories={HOURS.map((h) => String(h).padStart(2, '0'))}
            values={byHour.map((b) => (b && b.dials > 0 ? b.connectRate : null))}
            color={PALETTE[0]}
            format={(v) => f.rate(v)}
            summary={
              bestHour ? t('reports.hours.byHourSummary', { hour: f.hour(bestHour.hour), rate: f.rate(bestHour.connectRate) }) : t('reports.hours.byHour')
            }
          />
          <FiguresTable summary={t('reports.states.showFigures')}>
            <table className="w-full border-collapse text-sm" aria-label={t('reports.hours.byHour')}>
              <DataTableHead
                columns={[
                  { label: t('reports.hours.hour') },
                  { label: t('reports.measure.dials'), className: 'text-right' },
                  { label: t('reports.measure.connects'), className: 'text-right' },
                  { label: t('reports.measure.connectRate'), className: 'text-right' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {report.byHour.map((b) => (
                  <tr key={b.hour}>
                    <th scope="row" className={cn(tableCell, 'py-1.5 text-left font-normal tabular-nums')}>
                      {f.hour(b.hour)}
                    </th>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(b.dials)}</td>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(b.connects)}</td>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.rate(b.connectRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </FiguresTable>
        </ReportPanel>
      </div>
      {drill && <CallsDrill query={query} drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** The when-to-call tab: the connect rate by weekday and hour, the best hours, and by hour of the day. */
export function HoursView({ query, onClearFilters }: { query: ReportFilters; onClearFilters: () => void }) {
  const report = useReport('hours', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <HoursBody report={data} query={query} />}
    </ReportView>
  );
}
