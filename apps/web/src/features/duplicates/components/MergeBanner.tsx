import { CheckCircle2, Undo2, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useUndoMerge } from '../hooks/useDuplicates';
import type { Merged } from './MergeDialog';

/** What was just merged, with Undo right there (and, once undone, a note saying so). */
export function MergeBanner({ merged, onClose, showOpen = true }: { merged: Merged; onClose: () => void; showOpen?: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const undo = useUndoMerge();
  const done = undo.isSuccess;
  return (
    <div role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
      <CheckCircle2 aria-hidden className="size-5 shrink-0 text-emerald-600" />
      <p className="min-w-0 flex-1">
        {done
          ? t('duplicates.banner.undone', { other: merged.otherName })
          : t('duplicates.banner.merged', { other: merged.otherName, survivor: merged.survivorName })}
        {undo.isError && <span className="block text-red-700">{t('duplicates.banner.undoFailed', { message: message(undo.error) })}</span>}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {showOpen && !done && (
          <Link to={`/leads/${merged.plan.survivor.id}`} className="font-medium text-emerald-900 underline hover:no-underline">
            {t('duplicates.banner.open', { name: merged.survivorName })}
          </Link>
        )}
        {!done && (
          <Button size="sm" onClick={() => undo.mutate(merged.mergeId)} disabled={undo.isPending}>
            {undo.isPending ? <Spinner /> : <Undo2 aria-hidden className="size-4" />}
            {t('duplicates.banner.undo')}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onClose} aria-label={t('common.close')}>
          <X aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}
