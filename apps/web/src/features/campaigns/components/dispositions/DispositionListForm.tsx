import type { Disposition } from '@telehub/shared';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/ui/Alert';
import { Button } from '../../../../components/ui/Button';
import { Spinner } from '../../../../components/ui/Spinner';
import { useErrorMessage } from '../../../../hooks/useErrorMessage';
import { DispositionSetEditor } from './DispositionSetEditor';
import { dispositionSetProblems, tidySet } from './dispositionSet';

/**
 * A disposition list to edit and save: checked before it is sent (the first problem brought into
 * view), the server's refusal shown, and a word once it is saved.
 */
export function DispositionListForm({
  initial,
  label,
  onSave,
  saving,
  error,
  saved,
  actions,
}: {
  initial: Disposition[];
  label: string;
  onSave: (items: Disposition[]) => void;
  saving: boolean;
  error: unknown;
  /** Saved, and not changed since. */
  saved: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const formRef = useRef<HTMLFormElement>(null);
  const [items, setItems] = useState(initial);
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const problems = useMemo(() => dispositionSetProblems(items), [items]);
  const count = Object.keys(problems).length;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (count > 0) {
      requestAnimationFrame(() => {
        const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.scrollIntoView({ block: 'center' });
        first?.focus({ preventScroll: true });
      });
      return;
    }
    setChanged(false);
    onSave(tidySet(items));
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={label} className="space-y-4">
      {tried && count > 0 && <Alert>{t('wrapUp.editor.problems', { count })}</Alert>}
      <DispositionSetEditor
        items={items}
        onChange={(next) => {
          setItems(next);
          setChanged(true);
        }}
        problems={problems}
        showProblems={tried}
        disabled={saving}
      />
      {error !== null && error !== undefined && <Alert>{t('wrapUp.editor.saveFailed', { message: message(error) })}</Alert>}
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-gray-100 pt-3">
        <p role="status" className="mr-auto text-sm text-gray-600">
          {changed ? t('wrapUp.editor.unsaved') : saved ? t('wrapUp.editor.saved') : ''}
        </p>
        {actions}
        <Button type="submit" variant="primary" disabled={saving}>
          {saving && <Spinner />}
          {saving ? t('common.saving') : t('wrapUp.editor.save')}
        </Button>
      </div>
    </form>
  );
}
