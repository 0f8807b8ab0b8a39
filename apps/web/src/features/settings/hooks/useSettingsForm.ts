import type { SettingItem } from '@telehub/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { checkDraft, type Draft, draftOf, isEdited, type Problem } from '../components/settingDrafts';
import type { FieldSpec } from '../components/settingFields';
import { useSaveSettings } from './useOrgSettings';

/** A setting that the server refuses without another one set (the CRM's address needs its token). */
const NEEDS: Record<string, string> = { LARAVEL_CRM_URL: 'LARAVEL_CRM_TOKEN' };

export type FormStatus = { tone: 'success' | 'error'; text: string } | null;
export type SettingsForm = ReturnType<typeof useSettingsForm>;

const without = <T>(record: Record<string, T>, names: readonly string[]) => Object.fromEntries(Object.entries(record).filter(([k]) => !names.includes(k)));

/**
 * One group of settings being edited: what each control holds (only what was touched is kept, so
 * values that change on the server show through), the problems found here or by the server, and
 * Save / reset. Nothing typed is lost when saving fails.
 */
export function useSettingsForm(
  fields: readonly FieldSpec[],
  items: readonly SettingItem[] | undefined,
  opts: { savedText?: string; onSaved?: () => void } = {},
) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveSettings();
  const reset = useSaveSettings();
  const prefix = useId();
  const [edits, setEdits] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<FormStatus>(null);

  const byName = useMemo(() => new Map((items ?? []).map((i) => [i.name, i])), [items]);
  // Only the settings this server knows (and lets this user change) are shown.
  const present = useMemo(() => fields.filter((f) => byName.has(f.name)), [fields, byName]);
  const inForce = (name: string) => byName.get(name)?.value ?? null;
  const draftFor = (spec: FieldSpec): Draft => edits[spec.name] ?? draftOf(spec, inForce(spec.name));
  const dirtyNames = present
    .filter((f) => {
      const edit = edits[f.name];
      return edit !== undefined && isEdited(f, inForce(f.name), edit);
    })
    .map((f) => f.name);
  const dirty = dirtyNames.length > 0;

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const idOf = (name: string) => `${prefix}-${name}`;
  const problemText = (p: Problem) => t(`orgSettings.problems.${p.key}`, p.values ?? {});

  function focusFirst(names: string[]) {
    const first = present.find((f) => names.includes(f.name));
    if (first) requestAnimationFrame(() => document.getElementById(idOf(first.name))?.focus());
  }

  /** The values of `names` to send (for a test: every field, a blank secret as ''), or null after marking what is wrong. */
  function collect(names: readonly string[], forTest: boolean): Record<string, string | null> | null {
    const found: Record<string, string> = {};
    const values: Record<string, string | null> = {};
    for (const spec of present) {
      if (!names.includes(spec.name)) continue;
      const checked = checkDraft(spec, draftFor(spec));
      if (!checked.ok) found[spec.name] = problemText(checked.problem);
      else if (spec.control !== 'secret') values[spec.name] = checked.text;
      else if (checked.text !== null) values[spec.name] = checked.text;
      else if (forTest) values[spec.name] = '';
    }
    for (const [name, needed] of Object.entries(NEEDS)) {
      const spec = present.find((f) => f.name === name);
      const other = present.find((f) => f.name === needed);
      if (!spec || !other || found[needed]) continue;
      const checked = checkDraft(spec, draftFor(spec));
      const given = checkDraft(other, draftFor(other));
      if (checked.ok && checked.text && given.ok && !given.text && !byName.get(needed)?.isSet) found[needed] = problemText({ key: 'needed' });
    }
    setErrors(found);
    if (Object.keys(found).length === 0) return values;
    setStatus({ tone: 'error', text: forTest ? t('orgSettings.connections.invalid') : t('orgSettings.save.invalid') });
    focusFirst(Object.keys(found));
    return null;
  }

  function onServerError(err: Error, what: 'save' | 'test' = 'save') {
    const invalid = what === 'test' ? t('orgSettings.connections.invalid') : t('orgSettings.save.invalid');
    if (isApiError(err) && err.code === 'SETTING_INVALID' && err.details.length > 0) {
      const mine = err.details.filter((d) => present.some((f) => f.name === d.path));
      const others = err.details.filter((d) => !mine.includes(d));
      setErrors((e) => ({ ...e, ...Object.fromEntries(mine.map((d) => [d.path, d.message])) }));
      const rest = others.map((d) => `${d.path}: ${d.message}`).join('; ');
      setStatus({ tone: 'error', text: rest ? `${invalid} ${rest}` : invalid });
      focusFirst(mine.map((d) => d.path));
      return;
    }
    if (isApiError(err) && (err.code === 'SETTING_FORBIDDEN' || err.status === 403)) return setStatus({ tone: 'error', text: t('orgSettings.save.forbidden') });
    setStatus({
      tone: 'error',
      text: what === 'test' ? t('orgSettings.connections.testFailed', { message: message(err) }) : t('orgSettings.save.failed', { message: message(err) }),
    });
  }

  return {
    fields: present,
    item: (name: string) => byName.get(name),
    draft: draftFor,
    errors,
    status,
    dirty,
    dirtyNames,
    idOf,
    saving: save.isPending,
    /** The setting being put back to the environment's value, if any. */
    resetting: reset.isPending ? (Object.keys(reset.variables ?? {})[0] ?? null) : null,

    setDraft(name: string, draft: Draft) {
      setEdits((e) => ({ ...e, [name]: draft }));
      setErrors((e) => without(e, [name]));
      setStatus(null);
    },

    discard() {
      setEdits({});
      setErrors({});
      setStatus(null);
    },

    /** Stores what changed, checked here first; the server checks again and names each field it refuses. */
    save() {
      const names = dirtyNames;
      if (names.length === 0) return;
      const values = collect(names, false);
      if (!values) return;
      setStatus(null);
      // What is typed while the save is under way stays an edit of its own.
      const sent = Object.fromEntries(names.map((n) => [n, edits[n]]));
      save.mutate(values, {
        onSuccess: () => {
          setEdits((e) =>
            without(
              e,
              names.filter((n) => e[n] === sent[n]),
            ),
          );
          setStatus({ tone: 'success', text: opts.savedText ?? t('orgSettings.save.saved') });
          opts.onSaved?.();
        },
        onError: (err) => onServerError(err),
      });
    },

    /** Takes the stored value away at once: the environment's (or the default) applies again. */
    reset(name: string) {
      setStatus(null);
      reset.mutate(
        { [name]: null },
        {
          onSuccess: () => {
            setEdits((e) => without(e, [name]));
            setErrors((e) => without(e, [name]));
            setStatus({ tone: 'success', text: opts.savedText ?? t('orgSettings.save.saved') });
            opts.onSaved?.();
          },
          onError: (err) => onServerError(err),
        },
      );
    },

    /** What a connection test lays over the settings in force, or null after marking what is wrong here. */
    testValues(): Record<string, string | null> | null {
      setStatus(null);
      return collect(
        present.map((f) => f.name),
        true,
      );
    },

    /** A refused test names its fields like a refused save. */
    onTestError: (err: Error) => onServerError(err, 'test'),
    /** Says something of the form's own (a test's result is shown by its caller). */
    clearStatus: () => setStatus(null),
  };
}
