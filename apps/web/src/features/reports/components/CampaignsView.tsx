import type { CampaignsReport, ReportFilters } from '@telehub/shared';
import { Megaphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import type { CallDrill, CallOutcome } from '../api/reportsApi';
import { useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { GroupedBarChart } from './charts/BarChart';
import { Legend } from './charts/Legend';
import { LineChart } from './charts/LineChart';
import { PALETTE } from './charts/scale';
import { CallsDrill, DrillNumber } from './Drilldowns';
import { FiguresTable, ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

const num = 'text-right tabular-nums whitespace-nowrap';
type Item = CampaignsReport['items'][number];

function CampaignsBody({ report, query }: { report: CampaignsReport; query: ReportFilters }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [drill, setDrill] = useState<{ drill: CallDrill; title: string } | null>(null);
  if (report.totals.dials === 0 && report.items.length === 0)
    return <ReportEmpty icon={Megaphone} title={t('reports.campaigns.empty.title')} body={t('reports.campaigns.empty.body')} />;

  const nameOf = (c: Item) => c.name ?? t('reports.campaigns.noCampaign');
  const open = (c: Item, outcome: CallOutcome) =>
    setDrill({
      drill: { outcome, campaign: c.campaignId ?? 'none' },
      title: `${t(`reports.drill.outcomes.${outcome}`)} · ${nameOf(c)}`,
    });
  const drillLabel = (c: Item, outcome: CallOutcome, n: number) =>
    t('reports.campaigns.drill', { what: t(`reports.drill.outcomes.${outcome}`), campaign: nameOf(c), count: f.n(n) });

  const colours = { dials: PALETTE[0], connects: PALETTE[1], conversions: PALETTE[2] };
  const days = report.byDay;
  const busiest = days.reduce((best, d) => (d.dials > (best?.dials ?? -1) ? d : best), days[0]);
  const daySummary = t('reports.campaigns.daySummary', {
    from: f.day(report.from),
    to: f.day(report.to),
    dials: f.n(report.totals.dials),
    connects: f.n(report.totals.connects),
    conversions: f.n(report.totals.conversions),
    day: busiest ? f.day(busiest.day) : '—',
    max: f.n(busiest?.dials ?? 0),
  });
  const dayTable = t('reports.campaigns.dayChart');

  return (
    <div className="space-y-5">
      <div className="grid gap-5 xl:grid-cols-2">
        <ReportPanel
          title={t('reports.campaigns.ratesChart')}
          actions={
            <Legend
              items={[
                { label: t('reports.measure.connectRate'), color: PALETTE[0], shape: 'box' },
                { label: t('reports.measure.conversionRate'), color: PALETTE[1], shape: 'box' },
              ]}
            />
          }
        >
          <GroupedBarChart
            categories={report.items.map((c) => ({ key: c.campaignId ?? 'none', label: nameOf(c) }))}
            series={[
              { name: t('reports.measure.connectRate'), color: PALETTE[0], values: report.items.map((c) => c.connectRate) },
              { name: t('reports.measure.conversionRate'), color: PALETTE[1], values: report.items.map((c) => c.conversionRate) },
            ]}
            top={Math.max(0.1, ...report.items.flatMap((c) => [c.connectRate ?? 0, c.conversionRate ?? 0]))}
            format={(v) => f.rate(v)}
            summary={t('reports.campaigns.ratesSummary', { count: report.items.length })}
          />
        </ReportPanel>
        <ReportPanel
          title={dayTable}
          actions={
            <Legend
              items={[
                { label: t('reports.measure.dials'), color: colours.dials },
                { label: t('reports.measure.connects'), color: colours.connects, dashed: true },
                { label: t('reports.measure.conversions'), color: colours.conversions },
              ]}
            />
          }
        >
          <LineChart
            categories={days.map((d) => f.day(d.day))}
            series={[
              { name: t('reports.measure.dials'), color: colours.dials, values: days.map((d) => d.dials) },
              { name: t('reports.measure.connects'), color: colours.connects, values: days.map((d) => d.connects), dashed: true },
              { name: t('reports.measure.conversions'), color: colours.conversions, values: days.map((d) => d.conversions) },
            ]}
            format={(v) => f.n(v)}
            summary={daySummary}
          />
          <FiguresTable summary={t('reports.states.showFigures')}>
            <table className="w-full border-collapse text-sm" aria-label={dayTable}>
              <DataTableHead
                columns={[
                  { label: t('reports.campaigns.day') },
                  { label: t('reports.measure.dials'), className: 'text-right' },
                  { label: t('reports.measure.connects'), className: 'text-right' },
                  { label: t('reports.measure.conversions'), className: 'text-right' },
                  { label: t('reports.measure.talk'), className: 'text-right' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row" className={cn(tableCell, 'py-1.5 text-left font-normal whitespace-nowrap')}>
                      {f.day(d.day)}
                    </th>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.dials)}</td>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.connects)}</td>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.conversions)}</td>
                    <td className={cn(tableCell, 'py-1.5', num)}>{f.hms(d.talkSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </FiguresTable>
        </ReportPanel>
      </div>

      <ReportPanel title={t('reports.campaigns.table')} hint={t('reports.campaigns.costNote')} flush>
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label={t('reports.campaigns.table')}>
            <DataTableHead
              columns={[
                { label: t('reports.campaigns.campaign') },
                { label: t('reports.measure.dials'), className: 'text-right' },
                { label: t('reports.measure.connects'), className: 'text-right' },
                { label: t('reports.measure.connectRate'), className: 'text-right' },
                { label: t('reports.measure.talk'), className: 'text-right' },
                { label: t('reports.measure.aht'), className: 'text-right' },
                { label: t('reports.measure.conversions'), className: 'text-right' },
                { label: t('reports.measure.abandonRate'), className: 'text-right' },
                { label: t('reports.measure.cost'), className: 'text-right' },
                { label: t('reports.measure.costPerConversion'), className: 'text-right' },
                { label: t('reports.measure.bestHours') },
              ]}
            />
            <tbody className="divide-y divide-gray-100">
              {report.items.map((c) => (
                <tr key={c.campaignId ?? 'none'} data-campaign={nameOf(c)}>
                  <th scope="row" className={cn(tableCell, 'max-w-56 min-w-36 text-left font-medium break-words text-gray-900')}>
                    {nameOf(c)}
                  </th>
                  <td className={cn(tableCell, num)}>
                    <DrillNumber value={f.n(c.dials)} label={drillLabel(c, 'all', c.dials)} onClick={() => open(c, 'all')} />
                  </td>
                  <td className={cn(tableCell, num)}>
                    <DrillNumber value={f.n(c.connects)} label={drillLabel(c, 'connected', c.connects)} onClick={() => open(c, 'connected')} />
                  </td>
                  <td className={cn(tableCell, num)}>{f.rate(c.connectRate)}</td>
                  <td className={cn(tableCell, num)}>{f.hms(c.talkSeconds)}</td>
                  <td className={cn(tableCell, num)}>{f.minSec(c.averageHandleSeconds)}</td>
                  <td className={cn(tableCell, num)}>
                    <DrillNumber value={f.n(c.conversions)} label={drillLabel(c, 'converted', c.conversions)} onClick={() => open(c, 'converted')} />
                    <span className="block text-xs text-gray-600">{f.rate(c.conversionRate)}</span>
                  </td>
                  <td className={cn(tableCell, num)}>
                    {f.rate(c.abandonRate)}
                    <span className="block text-xs">
                      <DrillNumber value={f.n(c.abandons)} label={drillLabel(c, 'abandoned', c.abandons)} onClick={() => open(c, 'abandoned')} />
                    </span>
                  </td>
                  <td className={cn(tableCell, num)}>
                    {c.cost == null ? <span className="text-gray-500">{t('reports.campaigns.notEntered')}</span> : f.money(c.cost)}
                  </td>
                  <td className={cn(tableCell, num)}>{f.money(c.costPerConversion)}</td>
                  <td className={cn(tableCell, 'min-w-28 text-gray-700 tabular-nums')}>
                    {c.bestHours.length > 0 ? (
                      <ul className="flex flex-wrap gap-1">
                        {c.bestHours.map((h) => (
                          <li key={h} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs">
                            {f.hour(h)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-gray-200 bg-gray-50/80 font-semibold">
              <tr>
                <th scope="row" className={cn(tableCell, 'text-left text-gray-900')}>
                  {t('reports.campaigns.total')}
                </th>
                <td className={cn(tableCell, num)}>{f.n(report.totals.dials)}</td>
                <td className={cn(tableCell, num)}>{f.n(report.totals.connects)}</td>
                <td className={cn(tableCell, num)}>{f.rate(report.totals.connectRate)}</td>
                <td className={cn(tableCell, num)}>{f.hms(report.totals.talkSeconds)}</td>
                <td className={cn(tableCell, num)}>{f.minSec(report.totals.averageHandleSeconds)}</td>
                <td className={cn(tableCell, num)}>
                  {f.n(report.totals.conversions)}
                  <span className="block text-xs font-normal text-gray-600">{f.rate(report.totals.conversionRate)}</span>
                </td>
                <td className={cn(tableCell, num)}>
                  {f.rate(report.totals.abandonRate)}
                  <span className="block text-xs font-normal text-gray-600">{f.n(report.totals.abandons)}</span>
                </td>
                <td className={tableCell} />
                <td className={tableCell} />
                <td className={tableCell} />
              </tr>
            </tfoot>
          </table>
        </div>
      </ReportPanel>
      {drill && <CallsDrill query={query} drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** The campaigns tab: rates by campaign, the period by day, and every campaign's figures, each drilling to its calls. */
export function CampaignsView({ query, onClearFilters }: { query: ReportFilters; onClearFilters: () => void }) {
  const report = useReport('campaigns', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <CampaignsBody report={data} query={query} />}
    </ReportView>
  );
}
