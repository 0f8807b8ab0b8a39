/**
 * The controls of the settings, one per kind of value. Each takes the ids the field wires up
 * (label, hint, error) and the draft it edits; none knows about saving.
 */
import { Eye, EyeOff } from 'lucide-react';
import { Switch } from 'radix-ui';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { cn } from '../../../lib/cn';
import { DND_CATEGORY_KEYS } from './categories';
import { type DurationUnit, parseDurationText, unitsFor } from './durations';
import type { Draft } from './settingDrafts';
import type { FieldSpec } from './settingFields';

export type ControlProps = {
  id: string;
  /** The field's label, for controls that need a name of their own (the unit of a duration). */
  label: string;
  describedBy: string | undefined;
  invalid: boolean;
  spec: FieldSpec;
  draft: Draft;
  /** The value in force, for a duration's units and a secret's state. */
  inForce: string | null;
  isSet: boolean;
  onChange: (draft: Draft) => void;
  disabled?: boolean;
};

const aria = (p: ControlProps) => ({ 'aria-describedby': p.describedBy, 'aria-invalid': p.invalid || undefined });

function DurationControl(p: ControlProps & { draft: Extract<Draft, { kind: 'duration' }>; units: readonly DurationUnit[] }) {
  const { t } = useTranslation();
  const offered = unitsFor(parseDurationText(p.inForce), [...p.units, p.draft.unit]);
  return (
    <div className="flex gap-2">
      <div className="w-28 shrink-0">
        <Input
          id={p.id}
          {...aria(p)}
          inputMode="decimal"
          autoComplete="off"
          className="tabular-nums"
          value={p.draft.amount}
          disabled={p.disabled}
          onChange={(e) => p.onChange({ ...p.draft, amount: e.target.value })}
        />
      </div>
      <Select
        aria-label={`${p.label}: ${t('orgSettings.units.label')}`}
        className="max-w-40"
        value={p.draft.unit}
        disabled={p.disabled}
        onValueChange={(unit) => p.onChange({ ...p.draft, unit: unit as DurationUnit })}
        options={offered.map((u) => ({ value: u, label: t(`orgSettings.units.${u}`) }))}
      />
    </div>
  );
}

function HoursControl(p: ControlProps & { draft: Extract<Draft, { kind: 'hours' }> }) {
  const { t } = useTranslation();
  const part = (which: 'from' | 'to') => (
    <div className="min-w-0 flex-1 sm:w-36 sm:flex-none">
      <label htmlFor={which === 'from' ? p.id : `${p.id}-to`} className="mb-1 block text-xs text-gray-700">
        {t(`orgSettings.hours.${which}`)}
      </label>
      <Input
        id={which === 'from' ? p.id : `${p.id}-to`}
        type="time"
        {...aria(p)}
        value={p.draft[which]}
        disabled={p.disabled}
        onChange={(e) => p.onChange({ ...p.draft, [which]: e.target.value })}
      />
    </div>
  );
  return (
    <div className="flex gap-3">
      {part('from')}
      {part('to')}
    </div>
  );
}

function SwitchControl(p: ControlProps & { draft: Extract<Draft, { kind: 'switch' }> }) {
  const { t } = useTranslation();
  return (
    <div className="flex h-9 items-center gap-2">
      <Switch.Root
        id={p.id}
        {...aria(p)}
        checked={p.draft.on}
        disabled={p.disabled}
        onCheckedChange={(on) => p.onChange({ kind: 'switch', on })}
        className="relative h-5 w-9 shrink-0 rounded-full bg-gray-300 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 data-[state=checked]:bg-indigo-600"
      >
        <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[18px]" />
      </Switch.Root>
      <span aria-hidden className="text-sm text-gray-700">
        {p.draft.on ? t('orgSettings.switch.on') : t('orgSettings.switch.off')}
      </span>
    </div>
  );
}

function CategoryControl(p: ControlProps & { draft: Extract<Draft, { kind: 'text' }> }) {
  const { t } = useTranslation();
  const options = DND_CATEGORY_KEYS.map((key, i) => ({
    value: String(i + 1),
    label: t('orgSettings.category', { n: i + 1, name: t(`dnd.categories.${key}`) }),
  }));
  return (
    <Select
      id={p.id}
      {...aria(p)}
      value={p.draft.text}
      disabled={p.disabled}
      onValueChange={(text) => p.onChange({ kind: 'text', text })}
      options={options}
      placeholder={t('orgSettings.problems.required')}
    />
  );
}

function SecretControl(p: ControlProps & { draft: Extract<Draft, { kind: 'text' }> }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const placeholder = p.isSet
    ? t('orgSettings.secret.keep')
    : p.spec.control === 'secret' && p.spec.placeholder
      ? p.spec.placeholder
      : t('orgSettings.secret.enter');
  return (
    <div className="relative">
      <Input
        id={p.id}
        {...aria(p)}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        className="pr-10"
        placeholder={placeholder}
        value={p.draft.text}
        disabled={p.disabled}
        onChange={(e) => p.onChange({ kind: 'text', text: e.target.value })}
      />
      {p.draft.text !== '' && (
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-label={shown ? t('orgSettings.secret.hide') : t('orgSettings.secret.show')}
          aria-pressed={shown}
          className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-gray-500 hover:text-gray-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {shown ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
        </button>
      )}
    </div>
  );
}

/** Time zones the browser knows, offered as suggestions (the server has the last word). */
function useTimeZones(): string[] {
  return useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return ['Asia/Kolkata', 'Asia/Dubai', 'Asia/Singapore', 'Europe/London', 'UTC'];
    }
  }, []);
}

function TextControl(p: ControlProps & { draft: Extract<Draft, { kind: 'text' }> }) {
  const zones = useTimeZones();
  const { spec } = p;
  const numeric = spec.control === 'integer' || spec.control === 'percent';
  const placeholder = spec.control === 'url' || spec.control === 'text' ? spec.placeholder : spec.control === 'timeZone' ? 'Asia/Kolkata' : undefined;
  const input = (
    <Input
      id={p.id}
      {...aria(p)}
      type={spec.control === 'url' ? 'url' : 'text'}
      inputMode={spec.control === 'integer' ? 'numeric' : spec.control === 'percent' ? 'decimal' : spec.control === 'url' ? 'url' : undefined}
      autoComplete="off"
      spellCheck={false}
      list={spec.control === 'timeZone' ? `${p.id}-zones` : undefined}
      className={cn(numeric && 'tabular-nums', spec.control === 'percent' && 'pr-7')}
      placeholder={placeholder}
      value={p.draft.text}
      disabled={p.disabled}
      onChange={(e) => p.onChange({ kind: 'text', text: e.target.value })}
    />
  );
  if (spec.control === 'percent') {
    return (
      <div className="relative w-28">
        {input}
        <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-gray-500">
          %
        </span>
      </div>
    );
  }
  if (numeric) return <div className="w-28">{input}</div>;
  if (spec.control !== 'timeZone') return input;
  return (
    <>
      {input}
      <datalist id={`${p.id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}

/** The control a setting's kind calls for. */
export function SettingControl(p: ControlProps) {
  const { spec, draft } = p;
  if (draft.kind === 'duration') return <DurationControl {...p} draft={draft} units={spec.control === 'duration' ? spec.units : ['m', 'h']} />;
  if (draft.kind === 'hours') return <HoursControl {...p} draft={draft} />;
  if (draft.kind === 'switch') return <SwitchControl {...p} draft={draft} />;
  if (spec.control === 'category') return <CategoryControl {...p} draft={draft} />;
  if (spec.control === 'secret') return <SecretControl {...p} draft={draft} />;
  return <TextControl {...p} draft={draft} />;
}
