import { type Disposition, LEAD_STATUSES, type LeadStatus, type SubDisposition, type WrapUpRequirable } from '@telehub/shared';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../components/ui/Button';
import { Checkbox } from '../../../../components/ui/Checkbox';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { NONE, Select } from '../../../../components/ui/Select';
import { useLocale } from '../../../../hooks/useLocale';
import { dispositionLabel } from '../../../calls';
import { codeFrom, MAX_DISPOSITIONS, moved, newDisposition, type SetProblem, type SetProblems } from './dispositionSet';

type Err = (path: string) => string | undefined;

const isStatus = (v: string): v is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(v);

function RequiredBoxes({ d, set, disabled }: { d: Disposition; set: (next: Partial<Disposition>) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (field: WrapUpRequirable, on: boolean) => set({ required: on ? [...new Set([...d.required, field])] : d.required.filter((r) => r !== field) });
  const boxes: { key: string; label: string; checked: boolean; onChange: (on: boolean) => void }[] = [
    { key: 'callback', label: t('wrapUp.editor.fields.callback'), checked: d.requiresCallback, onChange: (on) => set({ requiresCallback: on }) },
    { key: 'notes', label: t('wrapUp.editor.fields.notes'), checked: d.required.includes('notes'), onChange: (on) => toggle('notes', on) },
    {
      key: 'sub',
      label: t('wrapUp.editor.fields.subDisposition'),
      checked: d.required.includes('subDisposition'),
      onChange: (on) => toggle('subDisposition', on),
    },
    { key: 'answer', label: t('wrapUp.editor.fields.answer'), checked: d.required.includes('answer'), onChange: (on) => toggle('answer', on) },
  ];
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{t('wrapUp.editor.fields.requires')}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {boxes.map((b) => (
          <span key={b.key} className="inline-flex items-center gap-2 text-sm text-gray-800">
            <Checkbox id={`${id}-${b.key}`} checked={b.checked} onChange={(e) => b.onChange(e.target.checked)} disabled={disabled} />
            <label htmlFor={`${id}-${b.key}`}>{b.label}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

function SubList({ d, i, set, err, disabled }: { d: Disposition; i: number; set: (next: Partial<Disposition>) => void; err: Err; disabled?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const setSub = (j: number, next: Partial<SubDisposition>) => set({ subDispositions: d.subDispositions.map((s, k) => (k === j ? { ...s, ...next } : s)) });
  const listError = err(`${i}.subDispositions`);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-gray-800">{t('wrapUp.editor.fields.subs')}</legend>
      <p className="text-xs text-gray-600">{t('wrapUp.editor.fields.subsHint')}</p>
      {d.subDispositions.length > 0 && (
        <ul className="space-y-2">
          {d.subDispositions.map((s, j) => {
            const name = s.label.trim() || s.code || String(j + 1);
            return (
              // Position is the identity while a reason is being typed (its code may be empty or repeated).
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={j} className="grid gap-2 rounded-md bg-gray-50 p-2 ring-1 ring-gray-200 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
                <Field label={t('wrapUp.editor.fields.subLabel')} error={err(`${i}.subs.${j}.label`)}>
                  {(p) => (
                    <Input
                      {...p}
                      value={s.label}
                      maxLength={60}
                      disabled={disabled}
                      onChange={(e) => setSub(j, { label: e.target.value })}
                      onBlur={() => !s.code && setSub(j, { code: codeFrom(s.label) })}
                    />
                  )}
                </Field>
                <Field label={t('wrapUp.editor.fields.subLabelHi')}>
                  {(p) => (
                    <Input
                      {...p}
                      lang="hi"
                      value={s.labelHi ?? ''}
                      maxLength={60}
                      disabled={disabled}
                      onChange={(e) => setSub(j, { labelHi: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('wrapUp.editor.fields.subCode')} error={err(`${i}.subs.${j}.code`)}>
                  {(p) => (
                    <Input
                      {...p}
                      value={s.code}
                      maxLength={40}
                      spellCheck={false}
                      disabled={disabled}
                      onChange={(e) => setSub(j, { code: e.target.value.trim() })}
                    />
                  )}
                </Field>
                <Button
                  size="sm"
                  variant="ghost"
                  className="self-end sm:mt-6"
                  aria-label={t('wrapUp.editor.fields.removeSub', { name: dispositionLabel({ label: name, labelHi: s.labelHi }, lng) })}
                  disabled={disabled}
                  onClick={() => set({ subDispositions: d.subDispositions.filter((_, k) => k !== j) })}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {listError && <p className="text-sm text-red-700">{listError}</p>}
      <Button
        size="sm"
        variant="secondary"
        disabled={disabled || d.subDispositions.length >= 20}
        onClick={() => set({ subDispositions: [...d.subDispositions, { code: '', label: '', labelHi: null }] })}
      >
        <Plus aria-hidden className="size-4" />
        {t('wrapUp.editor.fields.addSub')}
      </Button>
    </fieldset>
  );
}

function DispositionCard({
  d,
  i,
  count,
  set,
  move,
  remove,
  err,
  open,
  disabled,
}: {
  d: Disposition;
  i: number;
  count: number;
  set: (next: Partial<Disposition>) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
  err: Err;
  /** Has a problem to show. */
  open: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const id = useId();
  // A new outcome (no code yet) opens ready to fill in; one with a problem opens to show it.
  const [shown, setShown] = useState(open || d.code === '');
  useEffect(() => {
    if (open) setShown(true);
  }, [open]);
  const name = dispositionLabel(d, lng).trim() || d.code || t('wrapUp.editor.newLabel');
  const badges = [
    d.requiresCallback && t('wrapUp.editor.fields.callback'),
    d.required.includes('notes') && t('wrapUp.editor.fields.notes'),
    d.subDispositions.length > 0 && `${t('wrapUp.editor.fields.subs')}: ${d.subDispositions.length}`,
    d.question && t('wrapUp.editor.fields.question'),
  ].filter((b): b is string => typeof b === 'string');
  return (
    <li className="rounded-lg border border-gray-200 bg-white">
      <details open={shown} onToggle={(e) => setShown(e.currentTarget.open)}>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-2.5 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <kbd className="inline-flex min-w-6 justify-center rounded border border-gray-300 bg-gray-50 px-1.5 font-mono text-xs text-gray-700">
            {d.key.toUpperCase() || '?'}
          </kbd>
          <span className="min-w-0 flex-1 font-medium text-gray-900 [overflow-wrap:anywhere]">{name}</span>
          {badges.map((b) => (
            <span key={b} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
              {b}
            </span>
          ))}
        </summary>
        <div className="space-y-4 border-t border-gray-100 p-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('wrapUp.editor.fields.label')} error={err(`${i}.label`)}>
              {(p) => (
                <Input
                  {...p}
                  value={d.label}
                  maxLength={60}
                  disabled={disabled}
                  onChange={(e) => set({ label: e.target.value })}
                  onBlur={() => !d.code && set({ code: codeFrom(d.label) })}
                />
              )}
            </Field>
            <Field label={t('wrapUp.editor.fields.labelHi')}>
              {(p) => <Input {...p} lang="hi" value={d.labelHi ?? ''} maxLength={60} disabled={disabled} onChange={(e) => set({ labelHi: e.target.value })} />}
            </Field>
            <Field label={t('wrapUp.editor.fields.code')} hint={t('wrapUp.editor.fields.codeHint')} error={err(`${i}.code`)}>
              {(p) => (
                <Input {...p} value={d.code} maxLength={40} spellCheck={false} disabled={disabled} onChange={(e) => set({ code: e.target.value.trim() })} />
              )}
            </Field>
            <div className="grid grid-cols-[5rem_1fr] gap-3">
              <Field label={t('wrapUp.editor.fields.key')} error={err(`${i}.key`)}>
                {(p) => (
                  <Input
                    {...p}
                    value={d.key}
                    maxLength={1}
                    className="text-center font-mono"
                    disabled={disabled}
                    onChange={(e) => set({ key: e.target.value.toLowerCase() })}
                  />
                )}
              </Field>
              <Field label={t('wrapUp.editor.fields.leadStatus')}>
                {(p) => (
                  <Select
                    {...p}
                    value={d.leadStatus ?? NONE}
                    disabled={disabled}
                    onValueChange={(v) => set({ leadStatus: isStatus(v) ? v : null })}
                    options={[
                      { value: NONE, label: t('wrapUp.editor.fields.keepStatus') },
                      ...LEAD_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
                    ]}
                  />
                )}
              </Field>
            </div>
          </div>
          <span className="inline-flex items-center gap-2 text-sm text-gray-800">
            <Checkbox id={`${id}-connected`} checked={d.connected} onChange={(e) => set({ connected: e.target.checked })} disabled={disabled} />
            <label htmlFor={`${id}-connected`}>{t('wrapUp.editor.fields.connected')}</label>
          </span>
          <RequiredBoxes d={d} set={set} disabled={disabled} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label={t('wrapUp.editor.fields.question')}
              optional={d.required.includes('answer') ? undefined : t('common.optional')}
              error={err(`${i}.question`)}
            >
              {(p) => (
                <Input
                  {...p}
                  value={d.question?.label ?? ''}
                  maxLength={80}
                  disabled={disabled}
                  onChange={(e) => set({ question: { label: e.target.value, labelHi: d.question?.labelHi ?? null } })}
                />
              )}
            </Field>
            <Field label={t('wrapUp.editor.fields.questionHi')} optional={t('common.optional')}>
              {(p) => (
                <Input
                  {...p}
                  lang="hi"
                  value={d.question?.labelHi ?? ''}
                  maxLength={80}
                  disabled={disabled}
                  onChange={(e) => set({ question: { label: d.question?.label ?? '', labelHi: e.target.value } })}
                />
              )}
            </Field>
          </div>
          <SubList d={d} i={i} set={set} err={err} disabled={disabled} />
          <div className="flex flex-wrap justify-end gap-1 border-t border-gray-100 pt-3">
            <Button size="sm" variant="ghost" aria-label={t('wrapUp.editor.moveUp', { name })} disabled={disabled || i === 0} onClick={() => move(-1)}>
              <ArrowUp aria-hidden className="size-4" />
            </Button>
            <Button size="sm" variant="ghost" aria-label={t('wrapUp.editor.moveDown', { name })} disabled={disabled || i === count - 1} onClick={() => move(1)}>
              <ArrowDown aria-hidden className="size-4" />
            </Button>
            <Button size="sm" variant="ghost" className="text-red-700" disabled={disabled || count === 1} onClick={remove}>
              <Trash2 aria-hidden className="size-4" />
              {t('wrapUp.editor.remove', { name })}
            </Button>
          </div>
        </div>
      </details>
    </li>
  );
}

/**
 * Edits a disposition list: each outcome's names in English and Hindi, code, key, the lead status
 * it sets, whether it counts as a connect, what wrap-up requires for it, its question and its
 * reasons. The caller holds the list and saves it.
 */
export function DispositionSetEditor({
  items,
  onChange,
  problems,
  showProblems,
  disabled,
}: {
  items: Disposition[];
  onChange: (items: Disposition[]) => void;
  problems: SetProblems;
  /** Problems are shown once a save has been tried. */
  showProblems: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const err: Err = (path) => {
    const p: SetProblem | undefined = showProblems ? problems[path] : undefined;
    return p ? t(`wrapUp.editor.errors.${p}`) : undefined;
  };
  const hasProblem = (i: number) => showProblems && Object.keys(problems).some((k) => k.startsWith(`${i}.`));
  return (
    <div className="space-y-3">
      <ol className="space-y-2">
        {items.map((d, i) => (
          <DispositionCard
            // Position is the identity: codes change as they are typed.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            d={d}
            i={i}
            count={items.length}
            open={hasProblem(i)}
            disabled={disabled}
            err={err}
            set={(next) => onChange(items.map((x, k) => (k === i ? { ...x, ...next } : x)))}
            move={(by) => onChange(moved(items, i, by))}
            remove={() => onChange(items.filter((_, k) => k !== i))}
          />
        ))}
      </ol>
      {err('') && <p className="text-sm text-red-700">{err('')}</p>}
      <Button
        variant="secondary"
        disabled={disabled || items.length >= MAX_DISPOSITIONS}
        onClick={() => onChange([...items, newDisposition(items, t('wrapUp.editor.newLabel'))])}
      >
        <Plus aria-hidden className="size-4" />
        {t('wrapUp.editor.add')}
      </Button>
    </div>
  );
}
