import type { CallWithLead } from '@telehub/shared';
import { AlertCircle, Check } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Textarea } from '../../../components/ui/Input';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatTime } from '../../../lib/format';
import { type DraftSaveState, useDraftNote } from '../hooks/useDraftNote';

const MAX = 4000;

function SaveState({ state, savedAt, error, onRetry }: { state: DraftSaveState; savedAt: string | null; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  if (state === 'saving') {
    return (
      <span className="inline-flex items-center gap-1 text-gray-600">
        <Spinner className="size-3.5" />
        {t('wrapUp.callNotes.saving')}
      </span>
    );
  }
  if (state === 'failed') {
    return (
      <span className="inline-flex flex-wrap items-center gap-1 text-red-700">
        <AlertCircle aria-hidden className="size-3.5" />
        {t('wrapUp.callNotes.failed', { message: message(error) })}
        <Button size="sm" variant="ghost" className="h-6 px-1.5" onClick={onRetry}>
          {t('wrapUp.callNotes.retry')}
        </Button>
      </span>
    );
  }
  if (state === 'waiting') return <span className="text-gray-500">{t('wrapUp.callNotes.unsaved')}</span>;
  if (!savedAt) return null;
  return (
    <span className="inline-flex items-center gap-1 text-emerald-700">
      <Check aria-hidden className="size-3.5" />
      {state === 'saved' ? t('wrapUp.callNotes.saved') : t('wrapUp.callNotes.savedAt', { time: formatTime(savedAt, lng) })}
    </span>
  );
}

/**
 * Notes typed while the call rings and runs, saved against the call as they are typed (a reload
 * or a second tab finds them) and opening in the wrap-up's note.
 */
export function CallNotes({ call }: { call: CallWithLead }) {
  const { t } = useTranslation();
  const id = useId();
  const draft = useDraftNote(call.id);
  const { query } = draft;

  return (
    <div className="space-y-1.5 border-t border-gray-100 pt-3" data-draft-state={draft.state}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <label id={`${id}-label`} htmlFor={`${id}-text`} className="text-sm font-medium text-gray-800">
          {t('wrapUp.callNotes.label')}
        </label>
        <p role="status" aria-live="polite" className="text-xs">
          <SaveState state={draft.state} savedAt={draft.savedAt} error={draft.error} onRetry={draft.retry} />
        </p>
      </div>
      {query.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : query.isError ? (
        <p className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {t('wrapUp.callNotes.loadError')}
          <Button size="sm" variant="secondary" onClick={() => void query.refetch()}>
            {t('wrapUp.callNotes.retry')}
          </Button>
        </p>
      ) : (
        <Textarea
          id={`${id}-text`}
          rows={4}
          maxLength={MAX}
          value={draft.text}
          placeholder={t('wrapUp.callNotes.placeholder')}
          aria-describedby={`${id}-hint`}
          onChange={(e) => draft.change(e.target.value)}
        />
      )}
      <p id={`${id}-hint`} className="flex flex-wrap justify-between gap-x-3 text-xs text-gray-600">
        <span>{t('wrapUp.callNotes.hint')}</span>
        {draft.text.length > MAX * 0.9 && <span>{t('wrapUp.callNotes.count', { n: draft.text.length, max: MAX })}</span>}
      </p>
    </div>
  );
}
