import type { CallSearchResult } from '@telehub/shared';
import { OBJECTION_TYPES, SENTIMENTS } from '@telehub/shared';
import { SlidersHorizontal, X } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { DateInput } from '../../../components/ui/DateInput';
import { Input } from '../../../components/ui/Input';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { useDebouncedInput } from '../../../hooks/useDebouncedInput';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { activeFilterCount, type CallSearchFilters } from './searchParams';

type Facets = CallSearchResult['facets'];

function Field({ label, htmlFor, children, className }: { label: string; htmlFor?: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0', className)}>
      {htmlFor ? (
        <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-gray-600">
          {label}
        </label>
      ) : (
        <span className="mb-1 block text-xs font-medium text-gray-600">{label}</span>
      )}
      {children}
    </div>
  );
}

/** The facet's values as options, each with its count; the chosen value stays listed when no call has it now. */
function facetOptions(counts: Facets[keyof Facets], chosen: string, label: (value: string) => string, lng: string): Option[] {
  const listed = counts.some((c) => c.value === chosen) || !chosen ? counts : [...counts, { value: chosen, count: 0 }];
  return listed.map((c) => ({ value: c.value, label: label(c.value), hint: formatNumber(c.count, lng) }));
}

/** A score box: the number is taken when typing stops, or on Enter. */
function ScoreInput({ id, value, label, onCommit }: { id: string; value: number | null; label: string; onCommit: (v: number | null) => void }) {
  const box = useDebouncedInput(value === null ? '' : String(value), (v) => onCommit(v.trim() === '' ? null : Number(v)), 500);
  return (
    <Input
      id={id}
      type="number"
      inputMode="numeric"
      min={0}
      max={100}
      aria-label={label}
      className="w-full"
      value={box.text}
      onChange={(e) => box.onChange(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && box.flush()}
      onBlur={() => box.flush()}
    />
  );
}

export type FilterNames = {
  agentName: (id: string) => string;
  campaignName: (id: string) => string;
  outcomeText: (code: string) => string;
  showAgents: boolean;
};

/**
 * The filters with how many calls each value would leave: selects for the long lists, chips for the
 * lead's sentiment. On a phone they fold behind a button so the results come first.
 */
export function FilterPanel({
  filters,
  facets,
  names,
  update,
  clear,
}: {
  filters: CallSearchFilters;
  facets: Facets | undefined;
  names: FilterNames;
  update: (patch: Partial<CallSearchFilters>) => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const [open, setOpen] = useState(false);
  const ids = {
    panel: useId(),
    objection: useId(),
    handled: useId(),
    outcome: useId(),
    agent: useId(),
    campaign: useId(),
    minScore: useId(),
    maxScore: useId(),
    from: useId(),
    to: useId(),
  };
  const active = activeFilterCount(filters);
  const f: Facets = facets ?? { objection: [], sentiment: [], outcome: [], agent: [], campaign: [] };
  const countOf = (list: Facets[keyof Facets], value: string) => list.find((c) => c.value === value)?.count ?? 0;
  const pick = (v: string) => (v === NONE ? '' : v);

  return (
    <div className="border-b border-gray-200">
      <div className="flex items-center justify-between gap-2 px-3 pt-3 md:hidden">
        <Button size="sm" aria-expanded={open} aria-controls={ids.panel} onClick={() => setOpen((o) => !o)}>
          <SlidersHorizontal aria-hidden className="size-4" />
          {active > 0 ? t('callSearch.filters.toggleCount', { count: active }) : t('callSearch.filters.toggle')}
        </Button>
        {active > 0 && (
          <Button size="sm" variant="ghost" onClick={clear}>
            <X aria-hidden className="size-4" />
            {t('callSearch.clearFilters')}
          </Button>
        )}
      </div>
      <fieldset
        id={ids.panel}
        className={cn('min-w-0 grid-cols-2 items-end gap-x-2 gap-y-3 p-3 sm:p-4 md:grid md:grid-cols-4 xl:grid-cols-6', open ? 'grid' : 'hidden')}
      >
        <legend className="sr-only">{t('callSearch.filters.label')}</legend>
        <Field label={t('callSearch.filters.objection')} htmlFor={ids.objection}>
          <Select
            id={ids.objection}
            value={filters.objection || NONE}
            onValueChange={(v) => update({ objection: pick(v) as CallSearchFilters['objection'] })}
            options={[
              { value: NONE, label: t('callSearch.filters.objectionAny') },
              ...OBJECTION_TYPES.map((o) => ({ value: o, label: t(`battlecards.objections.${o}`), hint: formatNumber(countOf(f.objection, o), lng) })),
            ]}
          />
        </Field>
        <Field label={t('callSearch.filters.handled')} htmlFor={ids.handled}>
          <Select
            id={ids.handled}
            value={filters.handled || NONE}
            onValueChange={(v) => update({ handled: pick(v) as CallSearchFilters['handled'] })}
            options={[
              { value: NONE, label: t('callSearch.filters.handledAny') },
              { value: 'true', label: t('callSearch.filters.handledTrue') },
              { value: 'false', label: t('callSearch.filters.handledFalse') },
            ]}
          />
        </Field>
        <Field label={t('callSearch.filters.outcome')} htmlFor={ids.outcome}>
          <Select
            id={ids.outcome}
            value={filters.outcome || NONE}
            onValueChange={(v) => update({ outcome: pick(v) })}
            options={[{ value: NONE, label: t('callSearch.filters.outcomeAny') }, ...facetOptions(f.outcome, filters.outcome, names.outcomeText, lng)]}
          />
        </Field>
        {names.showAgents && (
          <Field label={t('callSearch.filters.agent')} htmlFor={ids.agent}>
            <Select
              id={ids.agent}
              value={filters.agentId || NONE}
              onValueChange={(v) => update({ agentId: pick(v) })}
              options={[{ value: NONE, label: t('callSearch.filters.agentAny') }, ...facetOptions(f.agent, filters.agentId, names.agentName, lng)]}
            />
          </Field>
        )}
        <Field label={t('callSearch.filters.campaign')} htmlFor={ids.campaign}>
          <Select
            id={ids.campaign}
            value={filters.campaignId || NONE}
            onValueChange={(v) => update({ campaignId: pick(v) })}
            options={[{ value: NONE, label: t('callSearch.filters.campaignAny') }, ...facetOptions(f.campaign, filters.campaignId, names.campaignName, lng)]}
          />
        </Field>
        <Field label={t('callSearch.filters.score')} htmlFor={ids.minScore}>
          <div className="flex items-center gap-1.5">
            <ScoreInput id={ids.minScore} value={filters.minScore} label={t('callSearch.filters.minScore')} onCommit={(minScore) => update({ minScore })} />
            <span className="text-xs text-gray-500">{t('callSearch.filters.scoreTo')}</span>
            <ScoreInput id={ids.maxScore} value={filters.maxScore} label={t('callSearch.filters.maxScore')} onCommit={(maxScore) => update({ maxScore })} />
          </div>
        </Field>
        <Field label={t('callSearch.filters.from')} htmlFor={ids.from}>
          <DateInput id={ids.from} value={filters.from} max={filters.to || undefined} onChange={(v) => update({ from: v })} />
        </Field>
        <Field label={t('callSearch.filters.to')} htmlFor={ids.to}>
          <DateInput id={ids.to} value={filters.to} min={filters.from || undefined} onChange={(v) => update({ to: v })} />
        </Field>
        <fieldset className="col-span-2 min-w-0 md:col-span-4 xl:col-span-6">
          <legend className="mb-1 block text-xs font-medium text-gray-600">{t('callSearch.filters.sentiment')}</legend>
          <div className="flex flex-wrap items-center gap-1.5">
            {SENTIMENTS.map((s) => {
              const on = filters.sentiment === s;
              return (
                <button
                  key={s}
                  type="button"
                  aria-pressed={on}
                  onClick={() => update({ sentiment: on ? '' : s })}
                  className={cn(
                    'inline-flex h-8 items-center gap-1.5 rounded-full px-3 text-sm ring-1 ring-inset',
                    on ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-gray-800 ring-gray-300 hover:bg-gray-50',
                  )}
                >
                  {t(`callPage.sentiment.${s}`)}
                  <span className={cn('text-xs tabular-nums', on ? 'text-indigo-100' : 'text-gray-500')}>{formatNumber(countOf(f.sentiment, s), lng)}</span>
                </button>
              );
            })}
            {active > 0 && (
              <Button size="sm" variant="ghost" className="ml-auto hidden md:inline-flex" onClick={clear}>
                <X aria-hidden className="size-4" />
                {t('callSearch.clearFilters')}
              </Button>
            )}
          </div>
        </fieldset>
      </fieldset>
    </div>
  );
}
