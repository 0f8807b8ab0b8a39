import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';

export type Count = { key: string; label: string; hint: string; value: number; tone: 'good' | 'neutral' | 'bad' };

const TONES = { good: 'text-emerald-700', neutral: 'text-indigo-700', bad: 'text-red-700' };

/** The outcome of a run as cards: what each number means under it. */
export function ImportCounts({ counts, label }: { counts: Count[]; label: string }) {
  const lng = useLocale();
  return (
    <dl aria-label={label} className="grid gap-3 sm:grid-cols-3">
      {counts.map((c) => (
        <div key={c.key} className="rounded-lg border border-gray-200 bg-white p-4">
          <dt className="text-sm font-medium text-gray-700">{c.label}</dt>
          <dd className={cn('mt-1 text-2xl font-semibold tabular-nums', c.value === 0 ? 'text-gray-500' : TONES[c.tone])} data-count={c.key}>
            {formatNumber(c.value, lng)}
          </dd>
          <dd className="mt-1 text-xs text-gray-600">{c.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
