import type { ReportFilters, TelecallerMeasures, TelecallersReport } from '@telehub/shared';
import { ArrowDown, ArrowUp, ChevronsUpDown, Minus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tableCell, tableHeadCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import { type ReportFormat, useReportFormat } from '../hooks/useReportFormat';
import { useReport } from '../hooks/useReports';
import { Legend } from './charts/Legend';
import { LineChart, Sparkline } from './charts/LineChart';
import { PALETTE } from './charts/scale';
import { type Better, type SortDir, seriesFacts, sortRows, standing, toneOf } from './measures';
import { ReportPanel } from './ReportPanel';
import { ReportEmpty, ReportView } from './ReportStates';

type Item = TelecallersReport['items'][number];
type MeasureKey =
  | 'dials'
  | 'connects'
  | 'connectRate'
  | 'talk'
  | 'aht'
  | 'wrap'
  | 'conversions'
  | 'conversionRate'
  | 'abandonRate'
  | 'loggedIn'
  | 'occupancy'
  | 'qa';
type Column = { key: MeasureKey; get: (m: TelecallerMeasures) => number | null; fmt: (f: ReportFormat, v: number | null) => string; better: Better };

/** The measures in the order the table shows them, each with the way it is better. */
const COLUMNS: Column[] = [
  { key: 'dials', get: (m) => m.dials, fmt: (f, v) => f.n(v), better: 'higher' },
  { key: 'connects', get: (m) => m.connects, fmt: (f, v) => f.n(v), better: 'higher' },
  { key: 'connectRate', get: (m) => m.connectRate, fmt: (f, v) => f.rate(v), better: 'higher' },
  { key: 'talk', get: (m) => m.talkSeconds, fmt: (f, v) => f.hms(v), better: 'higher' },
  { key: 'aht', get: (m) => m.averageHandleSeconds, fmt: (f, v) => f.minSec(v), better: 'neither' },
  { key: 'wrap', get: (m) => m.averageWrapSeconds, fmt: (f, v) => f.minSec(v), better: 'lower' },
  { key: 'conversions', get: (m) => m.conversions, fmt: (f, v) => f.n(v), better: 'higher' },
  { key: 'conversionRate', get: (m) => m.conversionRate, fmt: (f, v) => f.rate(v), better: 'higher' },
  { key: 'abandonRate', get: (m) => m.abandonRate, fmt: (f, v) => f.rate(v), better: 'lower' },
  { key: 'loggedIn', get: (m) => m.loggedInSeconds, fmt: (f, v) => f.hms(v), better: 'higher' },
  { key: 'occupancy', get: (m) => m.occupancy, fmt: (f, v) => f.rate(v), better: 'higher' },
  { key: 'qa', get: (m) => m.qaScore, fmt: (f, v) => f.decimal(v), better: 'higher' },
];

const TONE_CLASS = { good: 'text-[#0072B2]', bad: 'text-[#D55E00]', neutral: 'text-gray-500' } as const;

/** An arrow against the median, its meaning in words for screen readers and in the tooltip. */
function Standing({ value, median, better }: { value: number | null; median: number | null; better: Better }) {
  const { t } = useTranslation();
  const s = standing(value, median);
  if (s === null) return null;
  const words = t(`reports.telecallers.${s}`);
  const Icon = s === 'above' ? ArrowUp : s === 'below' ? ArrowDown : Minus;
  return (
    <span title={words} className={cn('ml-1 inline-flex align-[-2px]', TONE_CLASS[toneOf(s, better)])} data-standing={s}>
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      <span className="sr-only">{` (${words})`}</span>
    </span>
  );
}

type Sort = { key: MeasureKey | 'name'; dir: SortDir };

function SortHeader({
  label,
  active,
  dir,
  onSort,
  align,
  className,
}: {
  label: string;
  active: boolean;
  dir: SortDir;
  onSort: () => void;
  align: 'left' | 'right';
  className?: string;
}) {
  const { t } = useTranslation();
  const Icon = active ? (dir === 'asc' ? ArrowUp : ArrowDown) : ChevronsUpDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className={cn(tableHeadCell, align === 'right' && 'text-right', className)}
    >
      <button
        type="button"
        onClick={onSort}
        title={t('reports.telecallers.sortBy', { column: label })}
        className={cn('inline-flex items-center gap-1 rounded hover:text-gray-900', align === 'right' && 'flex-row-reverse', active && 'text-gray-900')}
      >
        {label}
        <Icon aria-hidden className="size-3.5 shrink-0" />
      </button>
    </th>
  );
}

function TelecallerTable({ report }: { report: TelecallersReport }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const [sort, setSort] = useState<Sort>({ key: 'conversions', dir: 'desc' });
  const compare = report.items.length > 1;
  const column = COLUMNS.find((c) => c.key === sort.key);
  const rows = sortRows(report.items, (r) => (sort.key === 'name' ? r.name : (column?.get(r) ?? null)), sort.dir);
  const onSort = (key: Sort['key']) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' }));
  const label = (key: MeasureKey) => t(`reports.measure.${key}`);

  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={t('reports.telecallers.table')}>
        <thead className="border-b border-gray-200 bg-gray-50/80">
          <tr>
            <SortHeader
              label={t('reports.telecallers.name')}
              active={sort.key === 'name'}
              dir={sort.dir}
              onSort={() => onSort('name')}
              align="left"
              className="sticky left-0 z-10 bg-gray-50"
            />
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} label={label(c.key)} active={sort.key === c.key} dir={sort.dir} onSort={() => onSort(c.key)} align="right" />
            ))}
            <th scope="col" className={tableHeadCell}>
              {t('reports.telecallers.trend')}
            </th>
          </tr>
        </thead>
        {compare && (
          <tbody className="border-b-2 border-gray-200 bg-gray-50/60">
            <tr data-row="median">
              <th scope="row" className={cn(tableCell, 'sticky left-0 z-10 bg-gray-50 text-left font-semibold text-gray-900')}>
                {t('reports.telecallers.median')}
              </th>
              {COLUMNS.map((c) => (
                <td key={c.key} className={cn(tableCell, 'text-right font-medium whitespace-nowrap text-gray-800 tabular-nums')}>
                  {c.fmt(f, c.get(report.median))}
                </td>
              ))}
              <td className={tableCell} />
            </tr>
          </tbody>
        )}
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => {
            const dials = r.trend.map((d) => d.dials);
            const facts = seriesFacts(dials);
            return (
              <tr key={r.agentId} data-agent={r.name}>
                <th scope="row" className={cn(tableCell, 'sticky left-0 z-10 min-w-36 bg-white text-left font-normal')}>
                  <span className="block font-medium text-gray-900">{r.name}</span>
                  {r.teamName && <span className="block text-xs text-gray-600">{r.teamName}</span>}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.key} className={cn(tableCell, 'text-right whitespace-nowrap text-gray-800 tabular-nums')}>
                    {c.fmt(f, c.get(r))}
                    {compare && <Standing value={c.get(r)} median={c.get(report.median)} better={c.better} />}
                  </td>
                ))}
                <td className={tableCell}>
                  <Sparkline
                    values={dials}
                    color={PALETTE[0]}
                    label={t('reports.telecallers.trendLabel', { name: r.name, first: f.n(facts.first), last: f.n(facts.last), max: f.n(facts.max) })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A telecaller's own figures, large, and their calls by day. */
function MyFigures({ me, report }: { me: Item; report: TelecallersReport }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const colours = { dials: PALETTE[0], connects: PALETTE[1], conversions: PALETTE[2] };
  if (me.dials === 0 && me.loggedInSeconds === 0)
    return <ReportEmpty icon={Users} title={t('reports.telecallers.noCalls.title')} body={t('reports.telecallers.noCalls.body')} />;
  return (
    <div className="space-y-5">
      <ReportPanel title={t('reports.telecallers.mine')}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {COLUMNS.map((c) => (
            <div key={c.key} className="rounded-md bg-gray-50 px-3 py-2 ring-1 ring-gray-200" data-measure={c.key}>
              <dt className="text-xs text-gray-600">{t(`reports.measure.${c.key}`)}</dt>
              <dd className="mt-0.5 text-lg font-semibold text-gray-900 tabular-nums">{c.fmt(f, c.get(me))}</dd>
            </div>
          ))}
        </dl>
      </ReportPanel>
      <ReportPanel
        title={t('reports.telecallers.myTrend')}
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
          height={260}
          categories={me.trend.map((d) => f.day(d.day))}
          series={[
            { name: t('reports.measure.dials'), color: colours.dials, values: me.trend.map((d) => d.dials) },
            { name: t('reports.measure.connects'), color: colours.connects, values: me.trend.map((d) => d.connects), dashed: true },
            { name: t('reports.measure.conversions'), color: colours.conversions, values: me.trend.map((d) => d.conversions) },
          ]}
          format={(v) => f.n(v)}
          summary={t('reports.telecallers.myTrendSummary', {
            from: f.day(report.from),
            to: f.day(report.to),
            dials: f.n(me.dials),
            connects: f.n(me.connects),
            conversions: f.n(me.conversions),
          })}
        />
      </ReportPanel>
    </div>
  );
}

function TelecallersBody({ report, ownOnly }: { report: TelecallersReport; ownOnly: boolean }) {
  const { t } = useTranslation();
  const me = report.items[0];
  if (ownOnly)
    return me ? (
      <MyFigures me={me} report={report} />
    ) : (
      <ReportEmpty icon={Users} title={t('reports.telecallers.noCalls.title')} body={t('reports.telecallers.noCalls.body')} />
    );
  if (report.items.length === 0) return <ReportEmpty icon={Users} title={t('reports.telecallers.empty.title')} body={t('reports.telecallers.empty.body')} />;
  return (
    <ReportPanel title={t('reports.telecallers.table')} hint={report.items.length > 1 ? t('reports.telecallers.medianNote') : undefined} flush>
      <TelecallerTable report={report} />
    </ReportPanel>
  );
}

/** The telecallers tab: each telecaller's figures against the median, with their days; a telecaller sees their own, larger. */
export function TelecallersView({ query, ownOnly, onClearFilters }: { query: ReportFilters; ownOnly: boolean; onClearFilters: () => void }) {
  const report = useReport('telecallers', query);
  return (
    <ReportView query={report} onClearFilters={onClearFilters}>
      {(data) => <TelecallersBody report={data} ownOnly={ownOnly} />}
    </ReportView>
  );
}
