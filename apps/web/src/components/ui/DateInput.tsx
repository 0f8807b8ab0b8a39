import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../hooks/useLocale';
import { intlLocale } from '../../i18n';
import { cn } from '../../lib/cn';
import { addDays, inRange, monthGrid, parseTypedDate, showTypedDate } from '../../lib/dates';
import { Input } from './Input';

export type DateInputProps = {
  id?: string;
  /** 'YYYY-MM-DD', or '' for none (as a native date input's value). */
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-label'?: string;
};

/**
 * A date typed as day/month/year or picked from a month view, the same in English and Hindi
 * whatever the browser's own locale (a native date input follows the browser, which shows many
 * Indian users mm/dd/yyyy). What is typed is applied once it is a whole, valid date within
 * min/max; anything else is kept as typed and marked, never silently changed.
 */
export function DateInput({ id, value, onChange, min, max, required, disabled, className, ...aria }: DateInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(showTypedDate(value));
  const [open, setOpen] = useState(false);
  const problemId = useId();
  // A value set from outside (a reset, a URL) replaces what is shown.
  useEffect(() => {
    setText((shown) => (parseTypedDate(shown) === value ? shown : showTypedDate(value)));
  }, [value]);

  const parsed = parseTypedDate(text);
  const problem = parsed === null ? t('dates.invalid') : parsed !== '' && !inRange(parsed, min, max) ? t('dates.outOfRange') : null;
  const describedBy = [aria['aria-describedby'], problem ? problemId : undefined].filter(Boolean).join(' ') || undefined;

  const type = (next: string) => {
    setText(next);
    const iso = parseTypedDate(next);
    if (iso === '') onChange('');
    else if (iso && inRange(iso, min, max)) onChange(iso);
  };

  return (
    <div className={cn('min-w-0', className)}>
      <div className="flex">
        <Input
          id={id}
          value={text}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dates.placeholder')}
          required={required}
          disabled={disabled}
          aria-label={aria['aria-label']}
          aria-invalid={aria['aria-invalid'] || problem !== null || undefined}
          aria-describedby={describedBy}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            if (parsed) setText(showTypedDate(parsed));
          }}
          className="rounded-r-none"
        />
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button
              type="button"
              disabled={disabled}
              aria-label={t('dates.pick')}
              className="inline-flex h-9 shrink-0 items-center rounded-r-md px-2 text-gray-600 ring-1 ring-gray-300 ring-inset hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
            >
              <CalendarDays aria-hidden className="size-4" />
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content align="end" sideOffset={4} className="z-50 rounded-lg border border-gray-200 bg-white p-3 shadow-lg">
              <MonthView
                value={parsed || value}
                min={min}
                max={max}
                onPick={(iso) => {
                  setText(showTypedDate(iso));
                  onChange(iso);
                  setOpen(false);
                }}
              />
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      </div>
      {problem && (
        <p id={problemId} className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A month of days as a grid of buttons: arrows move by day and week, Page Up/Down by month. */
function MonthView({ value, min, max, onPick }: { value: string; min?: string; max?: string; onPick: (iso: string) => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const [focus, setFocus] = useState(value || today());
  const [year, month] = focus.split('-').map(Number) as [number, number];
  const grid = useMemo(() => monthGrid(year, month), [year, month]);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const moved = useRef(false);

  useEffect(() => {
    if (moved.current) cells.current.get(focus)?.focus();
  }, [focus]);

  const locale = intlLocale(lng);
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  // 5 January 2026 is a Monday: the week's day names from it.
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 5 + i))),
  );
  const weekdayNames = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 5 + i))),
  );
  const shiftMonth = (by: number) => {
    const d = new Date(Date.UTC(year, month - 1 + by, 1));
    const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const day = Math.min(Number(focus.slice(8)), days);
    setFocus(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const by = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (by !== undefined) {
      e.preventDefault();
      moved.current = true;
      setFocus(addDays(focus, by));
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      moved.current = true;
      shiftMonth(e.key === 'PageUp' ? -1 : 1);
    }
  };

  return (
    <div className="w-64">
      <div className="mb-2 flex items-center justify-between">
        <button type="button" onClick={() => shiftMonth(-1)} aria-label={t('dates.previousMonth')} className="rounded p-1 hover:bg-gray-100">
          <ChevronLeft aria-hidden className="size-4" />
        </button>
        <p className="text-sm font-semibold text-gray-900" aria-live="polite">
          {title}
        </p>
        <button type="button" onClick={() => shiftMonth(1)} aria-label={t('dates.nextMonth')} className="rounded p-1 hover:bg-gray-100">
          <ChevronRight aria-hidden className="size-4" />
        </button>
      </div>
      <table aria-label={title} className="w-full table-fixed text-center text-sm" onKeyDown={onKey}>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={weekdayNames[i]} scope="col" abbr={weekdayNames[i]} className="pb-1 text-xs font-medium text-gray-600">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: grid.length / 7 }, (_, w) => (
            <tr key={grid.slice(w * 7, w * 7 + 7).find(Boolean) ?? w}>
              {grid.slice(w * 7, w * 7 + 7).map((iso, i) =>
                iso ? (
                  <td key={iso}>
                    <button
                      type="button"
                      ref={(el) => {
                        if (el) cells.current.set(iso, el);
                        else cells.current.delete(iso);
                      }}
                      tabIndex={iso === focus ? 0 : -1}
                      disabled={!inRange(iso, min, max)}
                      aria-pressed={iso === value}
                      aria-label={full.format(new Date(`${iso}T00:00:00Z`))}
                      onClick={() => onPick(iso)}
                      className={cn(
                        'mx-auto flex size-8 items-center justify-center rounded-full text-gray-900 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-gray-300 disabled:hover:bg-transparent',
                        iso === value && 'bg-indigo-600 text-white hover:bg-indigo-600',
                        iso === today() && iso !== value && 'font-semibold text-indigo-700',
                      )}
                    >
                      {Number(iso.slice(8))}
                    </button>
                  </td>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: empty cells before and after the month have only their place
                  <td key={`pad-${w}-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
