import type { Calibration } from '@telehub/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead } from '../../../components/DataTableHead';
import { QueryView } from '../../../components/QueryView';
import { Select } from '../../../components/ui/Select';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { useCalibration } from '../hooks/useReview';
import { formatPoints, formatShare, windowStart } from './coachingFormat';

const WINDOWS = ['7', '30', '90'] as const;
type Window = (typeof WINDOWS)[number];

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-md bg-gray-50 px-3 py-2.5 ring-1 ring-gray-200 ring-inset">
      <p className="text-xs font-medium text-gray-600">{label}</p>
      <p className="text-2xl font-semibold text-gray-900 tabular-nums">{value}</p>
      <p className="text-xs text-gray-600">{hint}</p>
    </div>
  );
}

/** Agreement as a bar: low agreement is where the automatic check and the reviewers part ways. */
function AgreementBar({ value }: { value: number }) {
  const lng = useLocale();
  return (
    <div className="flex items-center justify-end gap-2">
      <span aria-hidden className="hidden h-2 w-24 overflow-hidden rounded-full bg-gray-100 sm:block">
        <span
          className={cn('block h-full rounded-full', value >= 0.85 ? 'bg-emerald-500' : value >= 0.6 ? 'bg-amber-500' : 'bg-red-500')}
          style={{ width: `${Math.round(value * 100)}%` }}
        />
      </span>
      <span className="w-10 text-right font-medium tabular-nums">{formatShare(value, lng)}</span>
    </div>
  );
}

function Breakdown({ label, column, rows }: { label: string; column: string; rows: { key: string; name: string; answers: number; agreement: number }[] }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (rows.length === 0) return null;
  return (
    <div className="min-w-0">
      <table aria-label={label} className="w-full text-sm">
        <DataTableHead
          columns={[
            { label: column },
            { label: t('coaching.calibration.answers'), className: 'text-right' },
            { label: t('coaching.calibration.agreement'), className: 'text-right' },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="px-3 py-2 text-gray-900">{r.name}</td>
              <td className="px-3 py-2 text-right text-gray-700 tabular-nums">{formatNumber(r.answers, lng)}</td>
              <td className="px-3 py-2">
                <AgreementBar value={r.agreement} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figures({ data }: { data: Calibration }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="space-y-4 px-4 py-4">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-1 2xl:grid-cols-2">
        <Figure
          label={t('coaching.calibration.agreement')}
          value={formatShare(data.agreement, lng)}
          hint={t('coaching.calibration.agreementHint', { answers: formatNumber(data.answers, lng), calls: formatNumber(data.reviewedCalls, lng) })}
        />
        <Figure
          label={t('coaching.calibration.shift')}
          value={data.meanScoreShift === null ? t('coaching.noValue') : t('coaching.calibration.points', { value: formatPoints(data.meanScoreShift, lng) })}
          hint={t('coaching.calibration.shiftHint')}
        />
      </div>
      <div className="space-y-4">
        <Breakdown
          label={t('coaching.calibration.byQuestion')}
          column={t('coaching.calibration.question')}
          rows={data.byQuestion.map((q) => ({ key: q.key, name: q.text, answers: q.answers, agreement: q.agreement }))}
        />
        <Breakdown
          label={t('coaching.calibration.byReviewer')}
          column={t('coaching.calibration.reviewer')}
          rows={data.byReviewer.map((r) => ({ key: r.id, name: r.name, answers: r.answers, agreement: r.agreement }))}
        />
      </div>
    </div>
  );
}

/** How often reviewers kept the automatic verdicts over a chosen window: overall, per question, per reviewer. */
export function CalibrationPanel() {
  const { t } = useTranslation();
  const [days, setDays] = useState<Window>('30');
  const calibration = useCalibration(windowStart(Number(days)));
  return (
    <div>
      <div className="space-y-2 border-b border-gray-100 px-4 py-2.5">
        <p className="text-xs text-gray-600">{t('coaching.calibration.subtitle')}</p>
        <div className="flex items-center gap-2">
          <label htmlFor="calibration-window" className="text-sm text-gray-700">
            {t('coaching.calibration.window')}
          </label>
          <div className="w-32">
            <Select
              id="calibration-window"
              size="sm"
              value={days}
              onValueChange={(v) => setDays(WINDOWS.find((w) => w === v) ?? '30')}
              options={WINDOWS.map((w) => ({ value: w, label: t(`coaching.calibration.days.${w}`) }))}
            />
          </div>
        </div>
      </div>
      <QueryView
        query={calibration}
        errorTitle={t('coaching.calibration.loadError')}
        skeletonRows={3}
        isEmpty={(d) => d.reviewedCalls === 0}
        empty={<p className="px-4 py-5 text-sm text-gray-600">{t('coaching.calibration.empty')}</p>}
      >
        {(data) => <Figures data={data} />}
      </QueryView>
    </div>
  );
}
