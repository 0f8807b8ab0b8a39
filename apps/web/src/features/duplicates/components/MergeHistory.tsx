import { Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useUserNames } from '../../users';
import { useMergeHistory, useUndoMerge } from '../hooks/useDuplicates';

/** The leads merged into this one, each undoable until it is undone; shown only when there are some. */
export function MergeHistory({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const { nameOf } = useUserNames();
  const history = useMergeHistory(leadId, true);
  const undo = useUndoMerge();
  if (!history.data || history.data.items.length === 0) return null;

  return (
    <section aria-labelledby="merge-history" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="merge-history" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('duplicates.history.title')}
      </h2>
      {undo.isError && (
        <p role="alert" className="border-b border-gray-200 px-4 py-2 text-sm text-red-700">
          {t('duplicates.banner.undoFailed', { message: message(undo.error) })}
        </p>
      )}
      <ul className="divide-y divide-gray-100">
        {history.data.items.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm">
            <div className="min-w-0">
              <p className="truncate font-medium text-gray-900">{m.mergedName}</p>
              <p className="text-xs text-gray-600">
                <time dateTime={m.createdAt} title={formatDateTime(m.createdAt, lng)}>
                  {t('duplicates.history.merged', { when: formatRelative(m.createdAt, lng), actor: m.actorId ? nameOf(m.actorId) : t('common.system') })}
                </time>
                {m.undoneAt && <span className="block text-gray-500">{t('duplicates.history.undone', { when: formatRelative(m.undoneAt, lng) })}</span>}
              </p>
            </div>
            {!m.undoneAt && (
              <Button size="sm" onClick={() => undo.mutate(m.id)} disabled={undo.isPending} aria-label={t('duplicates.history.undo', { name: m.mergedName })}>
                {undo.isPending && undo.variables === m.id ? <Spinner /> : <Undo2 aria-hidden className="size-4" />}
                {t('duplicates.banner.undo')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
