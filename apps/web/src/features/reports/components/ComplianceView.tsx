import type { ComplianceReport, ReportFilters } from '@telehub/shared';
import { ShieldCheck, TriangleAlert } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import type { CallDrill, ConsentDrill } from '../api/reportsApi';
import { type ReportFormat, useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { GroupedBarChart } from './charts/BarChart';
import { Legend } from './charts/Legend';
import { LineChart } from './charts/LineChart';
import { PALETTE } from './charts/scale';
import { CallsDrill, ConsentLeadsDrill, DrillNumber } from './Drilldowns';
import { everyDay, peakOf, refusalsByReason, sharedCap } from './figures';
import { FiguresTable, ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

const num = 'text-right tabular-nums whitespace-nowrap';

type AbandonItem = ComplianceReport['abandons']['items'][number];
type Drill = { calls: CallDrill; title: string } | { consent: ConsentDrill; title: string };

/** The consent purposes the ledger knows; any other is shown as the server names it. */
const PURPOSES = ['calls', 'recording', 'whatsapp', 'email', 'marketing'] as const;
const isPurpose = (p: string): p is (typeof PURPOSES)[number] => (PURPOSES as readonly string[]).includes(p);

/** A figure with its name, and what it means below (a rate, a warning). */
function Tile({ label, value, note, warn, testId }: { label: string; value: ReactNode; note?: ReactNode; warn?: boolean; testId?: string }) {
  return (
    <div
      className={cn('min-w-0 rounded-md px-3 py-2.5 ring-1', warn ? 'bg-red-50 ring-red-200' : 'ring-gray-200')}
      data-figure={testId}
      data-warn={warn || undefined}
    >
      <dt className={cn('text-xs font-medium', warn ? 'text-red-800' : 'text-gray-600')}>{label}</dt>
      <dd className={cn('mt-0.5 text-xl font-semibold tabular-nums', warn ? 'text-red-900' : 'text-gray-900')}>{value}</dd>
      {note && <dd className={cn('mt-0.5 text-xs', warn ? 'text-red-800' : 'text-gray-600')}>{note}</dd>}
    </div>
  );
}

/** Over the cap, in words and colour (colour is never the only cue). */
function OverCap() {
  const { t } = useTranslation();
  return (
    <span className="ml-1.5 inline-flex items-center gap-1 rounded-full bg-red-100 px-1.5 py-0.5 align-middle text-xs font-medium whitespace-nowrap text-red-800">
      <TriangleAlert aria-hidden className="size-3" />
      {t('reports.compliance.abandons.overCap')}
    </span>
  );
}

function RefusalsPanel({ report, f }: { report: ComplianceReport; f: ReportFormat }) {
  const { t } = useTranslation();
  const { refusals } = report;
  const reasons = refusalsByReason(refusals.byReason);
  const days = everyDay(report, refusals.byDay, (day) => ({ day, refusals: 0 }));
  const top = reasons[0];
  const busiest = peakOf(days, (d) => d.refusals);
  const total = t('reports.compliance.refusals.total', { count: refusals.total, n: f.n(refusals.total) });
  return (
    <ReportPanel
      title={t('reports.compliance.refusals.title')}
      hint={t('reports.compliance.refusals.hint')}
      actions={
        <p className="text-sm font-semibold text-gray-900 tabular-nums" data-figure="refusals-total">
          {total}
        </p>
      }
    >
      {refusals.total === 0 ? (
        <p className="text-sm text-gray-600">{t('reports.compliance.refusals.none')}</p>
      ) : (
        <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="min-w-0">
            <GroupedBarChart
              categories={reasons.map((r) => ({ key: r.reason, label: t(`reports.compliance.reasons.${r.reason}`) }))}
              series={[{ name: t('reports.compliance.refusals.refused'), color: PALETTE[5], values: reasons.map((r) => r.refusals) }]}
              top={Math.max(1, ...reasons.map((r) => r.refusals))}
              format={(v) => f.n(v)}
              summary={t('reports.compliance.refusals.summary', {
                total: f.n(refusals.total),
                reason: top ? t(`reports.compliance.reasons.${top.reason}`) : '—',
                count: f.n(top?.refusals ?? 0),
              })}
            />
          </div>
          <div className="min-w-0">
            <h3 className="mb-2 text-xs font-medium text-gray-600">{t('reports.compliance.refusals.byDay')}</h3>
            <LineChart
              height={150}
              categories={days.map((d) => f.day(d.day))}
              series={[{ name: t('reports.compliance.refusals.refused'), color: PALETTE[5], values: days.map((d) => d.refusals) }]}
              format={(v) => f.n(v)}
              summary={t('reports.compliance.refusals.byDaySummary', {
                from: f.day(report.from),
                to: f.day(report.to),
                total: f.n(refusals.total),
                day: busiest ? f.day(busiest.day) : '—',
                max: f.n(busiest?.refusals ?? 0),
              })}
            />
          </div>
        </div>
      )}
    </ReportPanel>
  );
}

function AbandonsPanel({ report, f, onDrill }: { report: ComplianceReport; f: ReportFormat; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const { items } = report.abandons;
  const days = everyDay(report, report.abandons.byDay, (day) => ({ day, connects: 0, abandons: 0, abandonRate: null }));
  const cap = sharedCap(items);
  const worst = peakOf(days, (d) => d.abandonRate);
  const over = items.filter((c) => c.overCap).length;
  const nameOf = (c: AbandonItem) => c.name ?? t('reports.compliance.abandons.noCampaign');
  const open = (c: AbandonItem) =>
    onDrill({ calls: { outcome: 'abandoned', campaign: c.campaignId ?? 'none' }, title: `${t('reports.drill.outcomes.abandoned')} · ${nameOf(c)}` });
  const tableLabel = t('reports.compliance.abandons.table');
  const dayLabel = t('reports.compliance.abandons.byDay');
  const rateName = t('reports.measure.abandonRate');
  const capName = cap == null ? '' : t('reports.compliance.abandons.capLine', { rate: f.rate(cap) });

  return (
    <div className="space-y-5">
      <ReportPanel
        title={tableLabel}
        hint={t('reports.compliance.abandons.hint')}
        actions={
          over > 0 ? (
            <p className="inline-flex items-center gap-1 text-sm font-medium text-red-800" data-figure="over-cap">
              <TriangleAlert aria-hidden className="size-4" />
              {t('reports.compliance.abandons.overCount', { count: over, n: f.n(over) })}
            </p>
          ) : undefined
        }
        flush
      >
        {items.length === 0 ? (
          <p className="p-4 text-sm text-gray-600">{t('reports.compliance.abandons.none')}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={tableLabel}>
              <DataTableHead
                columns={[
                  { label: t('reports.compliance.abandons.campaign') },
                  { label: t('reports.measure.connects'), className: 'text-right' },
                  { label: t('reports.measure.abandons'), className: 'text-right' },
                  { label: rateName, className: 'text-right' },
                  { label: t('reports.compliance.abandons.cap'), className: 'text-right' },
                  { label: t('reports.compliance.abandons.daysOverCap'), className: 'text-right' },
                  { label: t('reports.compliance.abandons.worstDay') },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {items.map((c) => (
                  <tr key={c.campaignId ?? 'none'} data-campaign={nameOf(c)} data-over-cap={c.overCap || undefined} className={cn(c.overCap && 'bg-red-50/70')}>
                    <th scope="row" className={cn(tableCell, 'max-w-56 min-w-36 text-left font-medium break-words text-gray-900')}>
                      {nameOf(c)}
                    </th>
                    <td className={cn(tableCell, num)}>{f.n(c.connects)}</td>
                    <td className={cn(tableCell, num)}>
                      {c.abandons > 0 ? (
                        <DrillNumber
                          value={f.n(c.abandons)}
                          label={t('reports.compliance.abandons.drill', { campaign: nameOf(c), count: f.n(c.abandons) })}
                          onClick={() => open(c)}
                          drill="abandoned"
                        />
                      ) : (
                        f.n(0)
                      )}
                    </td>
                    <td className={cn(tableCell, num, c.overCap && 'font-semibold text-red-800')}>
                      {f.rate(c.abandonRate)}
                      {c.overCap && <OverCap />}
                    </td>
                    <td className={cn(tableCell, num)}>
                      {c.cap == null ? <span className="text-gray-500">{t('reports.compliance.abandons.noCap')}</span> : f.rate(c.cap)}
                    </td>
                    <td className={cn(tableCell, num, c.daysOverCap > 0 && 'font-semibold text-red-800')}>{c.cap == null ? '—' : f.n(c.daysOverCap)}</td>
                    <td className={cn(tableCell, 'whitespace-nowrap text-gray-700 tabular-nums')}>
                      {c.worstDay ? t('reports.compliance.abandons.worst', { day: f.day(c.worstDay), rate: f.rate(c.worstRate) }) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ReportPanel>

      <ReportPanel
        title={dayLabel}
        actions={<Legend items={[{ label: rateName, color: PALETTE[5] }, ...(cap == null ? [] : [{ label: capName, color: '#6b7280', dashed: true }])]} />}
      >
        <LineChart
          axis="rate"
          categories={days.map((d) => f.day(d.day))}
          series={[
            { name: rateName, color: PALETTE[5], values: days.map((d) => d.abandonRate) },
            ...(cap == null ? [] : [{ name: capName, color: '#6b7280', dashed: true, values: days.map(() => cap) }]),
          ]}
          format={(v) => f.rate(v)}
          summary={
            worst
              ? t('reports.compliance.abandons.byDaySummary', {
                  from: f.day(report.from),
                  to: f.day(report.to),
                  rate: f.rate(worst.abandonRate),
                  day: f.day(worst.day),
                })
              : t('reports.compliance.abandons.byDaySummaryNone', { from: f.day(report.from), to: f.day(report.to) })
          }
        />
        <FiguresTable summary={t('reports.states.showFigures')}>
          <table className="w-full border-collapse text-sm" aria-label={dayLabel}>
            <DataTableHead
              columns={[
                { label: t('reports.compliance.day') },
                { label: t('reports.measure.connects'), className: 'text-right' },
                { label: t('reports.measure.abandons'), className: 'text-right' },
                { label: rateName, className: 'text-right' },
              ]}
            />
            <tbody className="divide-y divide-gray-100">
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className={cn(tableCell, 'py-1.5 text-left font-normal whitespace-nowrap')}>
                    {f.day(d.day)}
                  </th>
                  <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.connects)}</td>
                  <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.abandons)}</td>
                  <td className={cn(tableCell, 'py-1.5', num)}>{f.rate(d.abandonRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </FiguresTable>
      </ReportPanel>
    </div>
  );
}

function RecordingsPanel({ report, f, onDrill }: { report: ComplianceReport; f: ReportFormat; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const r = report.recordings;
  const missing = r.withoutNotice > 0;
  const recordedTitle = t('reports.drill.outcomes.recorded');
  const noNoticeTitle = t('reports.drill.outcomes.no_notice');
  return (
    <ReportPanel title={t('reports.compliance.recordings.title')} hint={t('reports.compliance.recordings.hint')}>
      {r.connects === 0 && r.recorded === 0 ? (
        <p className="text-sm text-gray-600">{t('reports.compliance.recordings.none')}</p>
      ) : (
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Tile label={t('reports.compliance.recordings.connects')} value={f.n(r.connects)} testId="connects" />
          <Tile
            label={t('reports.compliance.recordings.recorded')}
            value={
              r.recorded > 0 ? (
                <DrillNumber
                  value={f.n(r.recorded)}
                  label={t('reports.compliance.recordings.drillRecorded', { count: f.n(r.recorded) })}
                  onClick={() => onDrill({ calls: { outcome: 'recorded' }, title: recordedTitle })}
                  drill="recorded"
                />
              ) : (
                f.n(0)
              )
            }
            note={t('reports.compliance.recordings.recordedRate', { rate: f.rate(r.recordedRate) })}
            testId="recorded"
          />
          <Tile
            label={t('reports.compliance.recordings.noticed')}
            value={f.n(r.noticed)}
            note={t('reports.compliance.recordings.noticeRate', { rate: f.rate(r.noticeRate) })}
            testId="noticed"
          />
          <Tile
            label={t('reports.compliance.recordings.withoutNotice')}
            warn={missing}
            value={
              missing ? (
                <DrillNumber
                  value={f.n(r.withoutNotice)}
                  label={t('reports.compliance.recordings.drillNoNotice', { count: f.n(r.withoutNotice) })}
                  onClick={() => onDrill({ calls: { outcome: 'no_notice' }, title: noNoticeTitle })}
                  drill="no_notice"
                />
              ) : (
                f.n(0)
              )
            }
            note={
              missing ? (
                <span className="inline-flex items-center gap-1 font-medium">
                  <TriangleAlert aria-hidden className="size-3.5" />
                  {t('reports.compliance.recordings.review')}
                </span>
              ) : (
                t('reports.compliance.recordings.allNoticed')
              )
            }
            testId="without-notice"
          />
        </dl>
      )}
    </ReportPanel>
  );
}

function ConsentPanel({ report, f, onDrill }: { report: ComplianceReport; f: ReportFormat; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const c = report.consents;
  const days = everyDay(report, c.byDay, (day) => ({ day, grants: 0, withdrawals: 0 }));
  const purposeOf = (p: string) => (isPurpose(p) ? t(`reports.compliance.consents.purposes.${p}`) : p);
  const given = t('reports.compliance.consents.grants');
  const withdrawn = t('reports.compliance.consents.withdrawals');
  const withdrawnTitle = t('reports.compliance.consents.withdrawnTitle');
  const givenTitle = t('reports.compliance.consents.givenTitle');
  const open = (granted: boolean, purpose?: string) =>
    onDrill({
      consent: { granted, ...(purpose ? { purpose } : {}) },
      title: purpose ? `${granted ? givenTitle : withdrawnTitle} · ${purposeOf(purpose)}` : granted ? givenTitle : withdrawnTitle,
    });
  const byPurpose = t('reports.compliance.consents.byPurpose');
  const byDay = t('reports.compliance.consents.byDay');
  const colours = { grants: PALETTE[2], withdrawals: PALETTE[5] };
  const drillFigure = (n: number, granted: boolean, purpose?: string) =>
    n > 0 ? (
      <DrillNumber
        value={f.n(n)}
        label={
          purpose
            ? t(granted ? 'reports.compliance.consents.drillGivenFor' : 'reports.compliance.consents.drillWithdrawnFor', {
                purpose: purposeOf(purpose),
                count: f.n(n),
              })
            : t(granted ? 'reports.compliance.consents.drillGiven' : 'reports.compliance.consents.drillWithdrawn', { count: f.n(n) })
        }
        onClick={() => open(granted, purpose)}
        drill={granted ? 'consent-given' : 'consent-withdrawn'}
      />
    ) : (
      f.n(0)
    );

  return (
    <ReportPanel title={t('reports.compliance.consents.title')} hint={t('reports.compliance.consents.hint')}>
      {c.grants === 0 && c.withdrawals === 0 ? (
        <p className="text-sm text-gray-600">{t('reports.compliance.consents.none')}</p>
      ) : (
        <div className="space-y-5">
          <div className="grid gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
            <div className="min-w-0 space-y-4">
              <dl className="grid grid-cols-2 gap-3">
                <Tile label={given} value={drillFigure(c.grants, true)} testId="consent-given" />
                <Tile label={withdrawn} value={drillFigure(c.withdrawals, false)} testId="consent-withdrawn" />
              </dl>
              {c.byPurpose.length > 0 && (
                <div className="relative overflow-x-auto rounded-md ring-1 ring-gray-200">
                  <table className="w-full border-collapse text-sm" aria-label={byPurpose}>
                    <DataTableHead
                      columns={[
                        { label: t('reports.compliance.consents.purpose') },
                        { label: given, className: 'text-right' },
                        { label: withdrawn, className: 'text-right' },
                      ]}
                    />
                    <tbody className="divide-y divide-gray-100">
                      {c.byPurpose.map((p) => (
                        <tr key={p.purpose} data-purpose={p.purpose}>
                          <th scope="row" className={cn(tableCell, 'text-left font-medium break-words text-gray-900')}>
                            {purposeOf(p.purpose)}
                          </th>
                          <td className={cn(tableCell, num)}>{drillFigure(p.grants, true, p.purpose)}</td>
                          <td className={cn(tableCell, num)}>{drillFigure(p.withdrawals, false, p.purpose)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
            <div className="min-w-0">
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-xs font-medium text-gray-600">{byDay}</h3>
                <Legend
                  items={[
                    { label: given, color: colours.grants },
                    { label: withdrawn, color: colours.withdrawals, dashed: true },
                  ]}
                />
              </div>
              <LineChart
                height={180}
                categories={days.map((d) => f.day(d.day))}
                series={[
                  { name: given, color: colours.grants, values: days.map((d) => d.grants) },
                  { name: withdrawn, color: colours.withdrawals, values: days.map((d) => d.withdrawals), dashed: true },
                ]}
                format={(v) => f.n(v)}
                summary={t('reports.compliance.consents.byDaySummary', {
                  from: f.day(report.from),
                  to: f.day(report.to),
                  grants: f.n(c.grants),
                  withdrawals: f.n(c.withdrawals),
                })}
              />
              <FiguresTable summary={t('reports.states.showFigures')}>
                <table className="w-full border-collapse text-sm" aria-label={byDay}>
                  <DataTableHead
                    columns={[{ label: t('reports.compliance.day') }, { label: given, className: 'text-right' }, { label: withdrawn, className: 'text-right' }]}
                  />
                  <tbody className="divide-y divide-gray-100">
                    {days.map((d) => (
                      <tr key={d.day}>
                        <th scope="row" className={cn(tableCell, 'py-1.5 text-left font-normal whitespace-nowrap')}>
                          {f.day(d.day)}
                        </th>
                        <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.grants)}</td>
                        <td className={cn(tableCell, 'py-1.5', num)}>{f.n(d.withdrawals)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </FiguresTable>
            </div>
          </div>
        </div>
      )}
    </ReportPanel>
  );
}

/** Whether the period holds anything to show at all. */
const isEmpty = (r: ComplianceReport) =>
  r.refusals.total === 0 &&
  r.abandons.items.every((c) => c.connects === 0 && c.abandons === 0) &&
  r.recordings.connects === 0 &&
  r.recordings.recorded === 0 &&
  r.consents.grants === 0 &&
  r.consents.withdrawals === 0;

function ComplianceBody({ report, query }: { report: ComplianceReport; query: ReportFilters }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [drill, setDrill] = useState<Drill | null>(null);
  if (isEmpty(report)) return <ReportEmpty icon={ShieldCheck} title={t('reports.compliance.empty.title')} body={t('reports.compliance.empty.body')} />;

  return (
    <div className="space-y-5">
      <RefusalsPanel report={report} f={f} />
      <AbandonsPanel report={report} f={f} onDrill={setDrill} />
      <RecordingsPanel report={report} f={f} onDrill={setDrill} />
      <ConsentPanel report={report} f={f} onDrill={setDrill} />
      {drill &&
        ('calls' in drill ? (
          <CallsDrill query={query} drill={drill.calls} title={drill.title} onClose={() => setDrill(null)} />
        ) : (
          <ConsentLeadsDrill query={query} drill={drill.consent} title={drill.title} onClose={() => setDrill(null)} />
        ))}
    </div>
  );
}

/**
 * The compliance tab: the dials the rules refused and why, abandoned calls against each
 * campaign's cap, recordings and their notice, and consent given and withdrawn, each figure that
 * has something behind it opening its calls or leads.
 */
export function ComplianceView({ query, onClearFilters }: { query: ReportFilters; onClearFilters: () => void }) {
  const report = useReport('compliance', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <ComplianceBody report={data} query={query} />}
    </ReportView>
  );
}
