import type { CallWithLead, Disposition, DispositionBody } from '@telehub/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatTalkTime } from '../../../lib/format';
import { dispositionLabel, useCallAnalysis, useDispositions } from '../../calls';
import { useShortcuts } from '../hooks/useShortcuts';
import { defaultCallbackTime, localInputToIso, toLocalInput } from './callbackTime';
import { Kbd } from './Kbd';
import { KEY_LABELS } from './keyLabels';

type Problem = 'chooseOutcome' | 'callbackRequired' | 'callbackPast' | null;

function Outcomes({ items, value, onChange, name }: { items: Disposition[]; value: string | null; onChange: (code: string) => void; name: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{t('workspace.wrapUp.outcome')}</legend>
      <div className="grid grid-cols-2 gap-1.5">
        {items.map((d) => (
          <label
            key={d.code}
            className={cn(
              'flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-sm ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
              value === d.code ? 'bg-indigo-600 font-medium text-white ring-indigo-600' : 'bg-white text-gray-800 ring-gray-300 hover:bg-gray-50',
            )}
          >
            <input
              type="radio"
              name={name}
              value={d.code}
              checked={value === d.code}
              onChange={() => onChange(d.code)}
              className="sr-only"
              aria-keyshortcuts={d.key}
            />
            <Kbd decorative className={value === d.code ? 'border-indigo-300 bg-indigo-500 text-white' : undefined}>
              {d.key.toUpperCase()}
            </Kbd>
            <span className="min-w-0 truncate">{dispositionLabel(d, lng)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Wrap-up after the call: the outcome (its key selects it), notes (N), and a callback time when
 * the outcome needs one. Save with Ctrl/Cmd+Enter; Enter saves and moves to the next lead.
 */
export function WrapUpForm({
  call,
  offered = null,
  onSave,
  saving,
  error,
}: {
  call: CallWithLead;
  /** The campaign's outcomes (codes); null: every one. */
  offered?: string[] | null;
  onSave: (body: DispositionBody, next: boolean) => void;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const dispositions = useDispositions();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const [code, setCode] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const all = dispositions.data?.items ?? [];
  // A campaign may offer only some outcomes; if none of its codes exist any more, all are shown rather than none.
  const narrowed = offered ? all.filter((d) => offered.includes(d.code)) : all;
  const items = narrowed.length > 0 ? narrowed : all;
  const chosen = items.find((d) => d.code === code) ?? null;

  useEffect(() => heading.current?.focus(), []);

  // A call nobody (or only a machine) answered is most likely "no answer": offer it, the agent can change it.
  const machine = call.answeredBy === 'machine';
  const answered = call.answeredAt !== null && !machine;
  const preset = !answered ? (items.find((d) => !d.connected)?.code ?? null) : null;
  useEffect(() => {
    if (preset) setCode((c) => c ?? preset);
  }, [preset]);

  // The call's analysis suggests the outcome and a note: filled in once it arrives, unless the agent has already begun.
  const analysis = useCallAnalysis(call.id, answered);
  const suggestion = analysis.data?.status === 'done' ? analysis.data.wrapUp : null;
  const reading = answered && (analysis.isPending || analysis.data?.status === 'pending') && analysis.fetchStatus !== 'idle';
  const touched = useRef(false);
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    if (!suggestion || prefilled || touched.current) return;
    const d = items.find((x) => x.code === suggestion.disposition);
    if (!d) return;
    setCode(d.code);
    if (d.requiresCallback) setCallbackAt((v) => v || defaultCallbackTime());
    setNotes((n) => n || suggestion.note);
    setPrefilled(true);
  }, [suggestion, items, prefilled]);

  function choose(next: string) {
    touched.current = true;
    setCode(next);
    setProblem(null);
    const d = items.find((x) => x.code === next);
    if (d?.requiresCallback) setCallbackAt((v) => v || defaultCallbackTime());
  }

  function submit(next: boolean) {
    if (saving) return;
    if (!chosen) return setProblem('chooseOutcome');
    const iso = chosen.requiresCallback ? localInputToIso(callbackAt) : null;
    if (chosen.requiresCallback && !iso) return setProblem('callbackRequired');
    if (iso && Date.parse(iso) <= Date.now()) return setProblem('callbackPast');
    setProblem(null);
    const body: DispositionBody = { disposition: chosen.code };
    if (notes.trim()) body.notes = notes.trim();
    if (iso) body.callbackAt = iso;
    onSave(body, next);
  }

  useShortcuts((e, ctx) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      submit(false);
      return true;
    }
    if (e.key === 'Enter' && !ctx.modified && !ctx.multiline && !ctx.onControl) {
      submit(true);
      return true;
    }
    if (ctx.typing || ctx.modified) return false;
    if (e.key === 'n' || e.key === 'N') {
      notesRef.current?.focus();
      return true;
    }
    const match = items.find((d) => d.key === e.key.toLowerCase());
    if (match) {
      choose(match.code);
      return true;
    }
    return false;
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(true);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-labelledby={`${id}-title`} noValidate>
      <div>
        <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="text-base font-semibold text-gray-900 focus:outline-none">
          {t('workspace.wrapUp.heading')}
        </h3>
        <p className="text-sm text-gray-600">
          {t('workspace.wrapUp.ended', { status: t(`calls.status.${call.status}`) })}
          {answered && call.durationSeconds !== null && ` · ${t('workspace.wrapUp.talk', { duration: formatTalkTime(call.durationSeconds, lng) })}`}
          {machine && ` · ${t('workspace.wrapUp.machine')}`}
        </p>
      </div>
      {reading && !prefilled && (
        <p role="status" className="flex items-center gap-2 text-sm text-gray-600">
          <Spinner /> {t('workspace.wrapUp.reading')}
        </p>
      )}
      {prefilled && (
        <p role="status" className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          {t('workspace.wrapUp.prefilled')}
          {suggestion?.callbackWhen ? ` ${t('workspace.wrapUp.leadSaid', { when: suggestion.callbackWhen })}` : ''}
        </p>
      )}
      {dispositions.isPending ? (
        <Skeleton className="h-28 w-full" />
      ) : dispositions.isError ? (
        <ErrorState title={t('workspace.wrapUp.loadError')} error={dispositions.error} onRetry={() => void dispositions.refetch()} />
      ) : (
        <Outcomes items={items} value={code} onChange={choose} name={`${id}-outcome`} />
      )}
      {problem === 'chooseOutcome' && (
        <p role="alert" className="text-sm text-red-700">
          {t('workspace.wrapUp.chooseOutcome')}
        </p>
      )}
      {chosen?.requiresCallback && (
        <Field
          label={t('workspace.wrapUp.callbackAt')}
          error={problem === 'callbackRequired' || problem === 'callbackPast' ? t(`workspace.wrapUp.${problem}`) : undefined}
          hint={t('workspace.wrapUp.callbackHint')}
        >
          {(control) => (
            <Input
              {...control}
              type="datetime-local"
              required
              min={toLocalInput(new Date())}
              value={callbackAt}
              onChange={(e) => {
                setCallbackAt(e.target.value);
                setProblem(null);
              }}
            />
          )}
        </Field>
      )}
      <Field label={t('workspace.wrapUp.notes')} optional={t('common.optional')} hint={t('workspace.wrapUp.notesHint')}>
        {(control) => (
          <Textarea
            {...control}
            ref={notesRef}
            rows={3}
            maxLength={4000}
            value={notes}
            placeholder={t('workspace.wrapUp.notesPlaceholder')}
            onChange={(e) => {
              touched.current = true;
              setNotes(e.target.value);
            }}
            aria-keyshortcuts="N"
          />
        )}
      </Field>
      {error !== null && error !== undefined && <Alert>{t('workspace.wrapUp.failed', { message: message(error) })}</Alert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={() => submit(false)} disabled={saving} aria-keyshortcuts="Control+Enter Meta+Enter">
          {t('workspace.wrapUp.save')}
          <Kbd decorative>{KEY_LABELS.ctrlEnter}</Kbd>
        </Button>
        <Button type="submit" variant="primary" disabled={saving} aria-keyshortcuts="Enter">
          {saving && <Spinner />}
          {saving ? t('common.saving') : t('workspace.wrapUp.saveNext')}
          {!saving && (
            <Kbd decorative className="border-indigo-400 bg-indigo-500 text-white">
              {KEY_LABELS.enter}
            </Kbd>
          )}
        </Button>
      </div>
    </form>
  );
}
