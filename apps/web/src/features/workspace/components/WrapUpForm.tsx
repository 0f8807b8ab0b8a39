import type { CallWithLead, Disposition, DispositionBody } from '@telehub/shared';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { DateTimeInput } from '../../../components/ui/DateTimeInput';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { isApiError } from '../../../lib/errors';
import { formatTalkTime } from '../../../lib/format';
import { dispositionLabel, useCallAnalysis, useDispositions } from '../../calls';
import { useWrapUpFollowUp, WrapUpFollowUp } from '../../messaging';
import { useDraftNoteQuery } from '../hooks/useDraftNote';
import { useShortcuts } from '../hooks/useShortcuts';
import { defaultCallbackTime, localInputToIso, toLocalInput } from './callbackTime';
import { Kbd } from './Kbd';
import { KEY_LABELS } from './keyLabels';
import { firstProblem, problemsFromServer, type WrapUpField, type WrapUpProblems, wrapUpProblems } from './wrapUpChecks';
import { offerBeside, prefillNote, withSuggestion } from './wrapUpNote';

const choice = (selected: boolean, invalid = false) =>
  cn(
    'flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-sm ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
    selected
      ? 'bg-indigo-600 font-medium text-white ring-indigo-600'
      : cn('bg-white text-gray-800 hover:bg-gray-50', invalid ? 'ring-red-400' : 'ring-gray-300'),
  );

function Outcomes({ items, value, onChange, name }: { items: Disposition[]; value: string | null; onChange: (code: string) => void; name: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{t('workspace.wrapUp.outcome')}</legend>
      <div className="grid grid-cols-2 gap-1.5">
        {items.map((d) => (
          <label key={d.code} className={choice(value === d.code)}>
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

/** The finer reasons under the chosen outcome (a radio group: arrow keys move within it). */
function SubOutcomes({
  outcome,
  value,
  onChange,
  name,
  error,
}: {
  outcome: Disposition;
  value: string | null;
  onChange: (code: string) => void;
  name: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const required = outcome.required.includes('subDisposition');
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">
        {t('wrapUp.form.subDisposition')}
        {required && <span className="ml-1 font-normal text-gray-500">({t('wrapUp.form.required')})</span>}
      </legend>
      <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">
        {outcome.subDispositions.map((s, i) => (
          <label key={s.code} className={choice(value === s.code, Boolean(error))}>
            <input
              type="radio"
              name={name}
              value={s.code}
              checked={value === s.code}
              onChange={() => onChange(s.code)}
              className="sr-only"
              aria-invalid={error && i === 0 ? true : undefined}
              data-field="subDisposition"
            />
            <span className="min-w-0 [overflow-wrap:anywhere]">{dispositionLabel(s, lng)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * Wrap-up after the call: the outcome (its key selects it) from the list the call's campaign
 * offers, the reason under it, the answer to its question, a callback time when it needs one, and
 * notes (N), which start from what the agent typed during the call. What the outcome requires is
 * checked here and again by the server, each field with its own message. Save with Ctrl/Cmd+Enter;
 * Enter saves and moves to the next lead.
 */
export function WrapUpForm({
  call,
  onSave,
  saving,
  error,
}: {
  call: CallWithLead;
  onSave: (body: DispositionBody, next: boolean) => void;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const dispositions = useDispositions(call.campaignId);
  const draft = useDraftNoteQuery(call.id);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const [code, setCode] = useState<string | null>(null);
  const [sub, setSub] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const [notes, setNotes] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  // An optional template to the lead, sent when the wrap-up is saved.
  const followUp = useWrapUpFollowUp(call.leadId);
  const [problems, setProblems] = useState<WrapUpProblems>({});
  const items = dispositions.data?.items ?? [];
  const chosen = items.find((d) => d.code === code) ?? null;

  useEffect(() => heading.current?.focus(), []);

  // A call nobody (or only a machine) answered is most likely "no answer": offer it, the agent can change it.
  const machine = call.answeredBy === 'machine';
  const answered = call.answeredAt !== null && !machine;
  const preset = !answered ? (items.find((d) => !d.connected)?.code ?? null) : null;
  useEffect(() => {
    if (preset) setCode((c) => c ?? preset);
  }, [preset]);

  // The call's analysis suggests the outcome and a note: the outcome is filled in once it arrives, unless the agent has already chosen.
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
    setPrefilled(true);
  }, [suggestion, items, prefilled]);

  // The note: the agent's own draft wins; the suggested note fills an empty box, or is offered beside it.
  const notesTouched = useRef(false);
  const declined = useRef(false);
  const [offer, setOffer] = useState<string | null>(null);
  const draftText = draft.data?.text ?? null;
  const suggestedNote = suggestion?.note ?? null;
  const fromDraft = Boolean(draftText?.trim()) && !notesTouched.current;
  useEffect(() => {
    if (declined.current) return;
    if (notesTouched.current) {
      setOffer(offerBeside(notesRef.current?.value ?? '', suggestedNote));
      return;
    }
    const p = prefillNote(draftText, suggestedNote);
    setNotes(p.notes);
    setOffer(p.offer);
  }, [draftText, suggestedNote]);

  const show = useCallback((found: WrapUpProblems) => {
    setProblems(found);
    const first = firstProblem(found);
    if (!first) return;
    // After React has marked the field, bring it into view and focus it.
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"][aria-invalid="true"], [data-field="${first}"]`);
      // A field made of several controls (the callback's day and time) is focused at its first.
      const target = el?.matches('input, textarea, select, button, [tabindex]') ? el : (el?.querySelector<HTMLElement>('input, button') ?? el);
      target?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: 'center' });
    });
  }, []);

  // A refusal from the server lands on the fields it names.
  useEffect(() => {
    if (isApiError(error) && error.details.length > 0) show(problemsFromServer(error.details));
  }, [error, show]);

  const clear = (field: WrapUpField) => setProblems(({ [field]: _, ...rest }) => rest);

  function choose(next: string) {
    touched.current = true;
    setCode(next);
    if (next !== code) setSub(null);
    setProblems({});
    const d = items.find((x) => x.code === next);
    if (d?.requiresCallback) setCallbackAt((v) => v || defaultCallbackTime());
  }

  function editNotes(value: string) {
    touched.current = true;
    notesTouched.current = true;
    setNotes(value);
    clear('notes');
  }

  async function submit(next: boolean) {
    if (saving || followUp.sending) return;
    const iso = chosen?.requiresCallback ? localInputToIso(callbackAt) : null;
    const found = wrapUpProblems(chosen, { sub, notes, answer, callbackIso: iso }, Date.now());
    if (!chosen || firstProblem(found)) return show(found);
    setProblems({});
    // The note goes even when empty: an emptied box replaces what was drafted during the call.
    const body: DispositionBody = { disposition: chosen.code, notes: notes.trim() };
    if (iso) body.callbackAt = iso;
    if (sub && chosen.subDispositions.some((s) => s.code === sub)) body.subDisposition = sub;
    if (chosen.question && answer.trim()) body.answer = answer.trim();
    // The follow-up first: when it cannot go (no consent, a missing value), the agent sees why and decides.
    if (!(await followUp.send())) return;
    onSave(body, next);
  }

  useShortcuts((e, ctx) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      void submit(false);
      return true;
    }
    if (e.key === 'Enter' && !ctx.modified && !ctx.multiline && !ctx.onControl) {
      void submit(true);
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
    void submit(true);
  };

  const outcomeName = chosen ? dispositionLabel(chosen, lng) : '';
  const problemText = (field: WrapUpField): string | undefined => {
    const p = problems[field];
    if (!p) return undefined;
    if (p === 'subRequired' || p === 'notesRequired' || p === 'answerRequired') return t(`wrapUp.form.${p}`, { outcome: outcomeName });
    return t(`workspace.wrapUp.${p}`);
  };
  const notesRequired = chosen?.required.includes('notes') ?? false;
  const refusedByServer = isApiError(error) && error.details.length > 0;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" aria-labelledby={`${id}-title`} noValidate>
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
        <div data-field="outcome" tabIndex={-1} className="focus:outline-none">
          <Outcomes items={items} value={code} onChange={choose} name={`${id}-outcome`} />
        </div>
      )}
      {problems.outcome && (
        <p role="alert" className="text-sm text-red-700">
          {t('workspace.wrapUp.chooseOutcome')}
        </p>
      )}
      {chosen && chosen.subDispositions.length > 0 && (
        <SubOutcomes
          outcome={chosen}
          value={sub}
          onChange={(v) => {
            setSub(v);
            clear('subDisposition');
          }}
          name={`${id}-sub`}
          error={problemText('subDisposition')}
        />
      )}
      {chosen?.question && (
        <Field
          label={dispositionLabel(chosen.question, lng)}
          optional={chosen.required.includes('answer') ? undefined : t('common.optional')}
          error={problemText('answer')}
        >
          {(control) => (
            <Input
              {...control}
              data-field="answer"
              maxLength={500}
              value={answer}
              required={chosen.required.includes('answer')}
              onChange={(e) => {
                setAnswer(e.target.value);
                clear('answer');
              }}
            />
          )}
        </Field>
      )}
      {chosen?.requiresCallback && (
        <Field label={t('workspace.wrapUp.callbackAt')} error={problemText('callbackAt')} hint={t('workspace.wrapUp.callbackHint')}>
          {(control) => (
            <div data-field="callbackAt">
              <DateTimeInput
                {...control}
                required
                min={toLocalInput(new Date())}
                value={callbackAt}
                onChange={(v) => {
                  setCallbackAt(v);
                  clear('callbackAt');
                }}
              />
            </div>
          )}
        </Field>
      )}
      <Field
        label={t('workspace.wrapUp.notes')}
        optional={notesRequired ? undefined : t('common.optional')}
        hint={fromDraft ? t('wrapUp.form.fromCall') : t('workspace.wrapUp.notesHint')}
        error={problemText('notes')}
      >
        {(control) => (
          <Textarea
            {...control}
            ref={notesRef}
            data-field="notes"
            rows={3}
            maxLength={4000}
            value={notes}
            required={notesRequired}
            placeholder={t('workspace.wrapUp.notesPlaceholder')}
            onChange={(e) => editNotes(e.target.value)}
            aria-keyshortcuts="N"
          />
        )}
      </Field>
      {offer && (
        <div className="space-y-1.5 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-950 ring-1 ring-indigo-100">
          <p className="font-medium">{t('wrapUp.form.suggestion')}</p>
          <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{offer}</p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                editNotes(withSuggestion(notes, offer));
                setOffer(null);
              }}
            >
              {t('wrapUp.form.addSuggestion')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                declined.current = true;
                setOffer(null);
              }}
            >
              {t('wrapUp.form.dismissSuggestion')}
            </Button>
          </div>
        </div>
      )}
      <WrapUpFollowUp lead={{ name: call.leadName, phone: call.leadPhone }} followUp={followUp} />
      {error !== null && error !== undefined && (
        <Alert>{refusedByServer ? t('wrapUp.form.fixFields') : t('workspace.wrapUp.failed', { message: message(error) })}</Alert>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={() => void submit(false)} disabled={saving} aria-keyshortcuts="Control+Enter Meta+Enter">
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
