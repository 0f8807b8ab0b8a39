import type { TransferMode } from '@telehub/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { cn } from '../../../lib/cn';
import { useTransferTargets } from '../hooks/useInCall';
import { PRESENCE_DOTS } from './presenceWords';

const MODES: TransferMode[] = ['warm', 'cold'];

/** Picks the colleague (teammates and the team's manager, with their presence) and how to hand the call over. */
export function TransferDialog({
  callId,
  onClose,
  onTransfer,
  pending,
  error,
}: {
  callId: string;
  onClose: () => void;
  onTransfer: (toUserId: string, mode: TransferMode) => void;
  pending: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const targets = useTransferTargets(callId, true);
  const [chosen, setChosen] = useState<string | null>(null);
  const [mode, setMode] = useState<TransferMode>('warm');
  const id = useId();
  const items = targets.data?.items ?? [];
  const pick = chosen && items.some((i) => i.userId === chosen && i.available) ? chosen : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pick && !pending) onTransfer(pick, mode);
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={t('inCall.move.title')} description={t('inCall.move.description')}>
      <form onSubmit={submit} noValidate className="space-y-4" data-transfer-dialog>
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">{t('inCall.move.who')}</legend>
          {targets.isPending ? (
            <div role="status" aria-label={t('inCall.move.loading')} className="mt-2 space-y-2">
              <Skeleton className="h-12 w-full" />
              <Skeleton className="h-12 w-full" />
            </div>
          ) : targets.isError ? (
            <div className="mt-2 space-y-2">
              <Alert>{t('inCall.move.loadError')}</Alert>
              <Button size="sm" onClick={() => void targets.refetch()}>
                {t('inCall.retry')}
              </Button>
            </div>
          ) : items.length === 0 ? (
            <p className="mt-2 text-sm text-gray-700">{t('inCall.move.empty')}</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {items.map((p) => (
                <li key={p.userId}>
                  <label
                    className={cn(
                      'flex items-start gap-3 rounded-md p-3 ring-1',
                      !p.available
                        ? 'cursor-not-allowed bg-gray-50 ring-gray-200'
                        : pick === p.userId
                          ? 'bg-indigo-50 ring-indigo-500'
                          : 'bg-white ring-gray-300 hover:bg-gray-50',
                    )}
                  >
                    <input
                      type="radio"
                      name={`${id}-who`}
                      value={p.userId}
                      checked={pick === p.userId}
                      onChange={() => setChosen(p.userId)}
                      disabled={!p.available}
                      className="mt-0.5 size-4 accent-indigo-600"
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block text-sm font-medium text-gray-900">{p.name}</span>
                      <span className="block text-xs text-gray-600">{t(p.relation === 'manager' ? 'inCall.move.manager' : 'inCall.move.teammate')}</span>
                    </span>
                    <span className="flex shrink-0 flex-col items-end gap-0.5 text-right text-xs">
                      <span className="flex items-center gap-1.5 text-gray-700">
                        <span aria-hidden className={cn('size-2 rounded-full', PRESENCE_DOTS[p.presence])} />
                        {t(`workspace.presence.states.${p.presence}`)}
                      </span>
                      {p.reason && p.reason !== 'busy' && p.reason !== 'offline' && p.reason !== 'break' && (
                        <span className="text-gray-600">{t(`inCall.move.blocked.${p.reason}`)}</span>
                      )}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">{t('inCall.move.how')}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {MODES.map((m) => (
              <label
                key={m}
                className={cn(
                  'flex items-start gap-3 rounded-md p-3 ring-1',
                  mode === m ? 'bg-indigo-50 ring-indigo-500' : 'bg-white ring-gray-300 hover:bg-gray-50',
                )}
              >
                <input type="radio" name={`${id}-how`} value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-0.5 size-4 accent-indigo-600" />
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-gray-900">{t(`inCall.move.${m}`)}</span>
                  <span className="block text-xs text-gray-600">{t(m === 'warm' ? 'inCall.move.warmHint' : 'inCall.move.coldHint')}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {error && <Alert>{error}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('inCall.move.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={!pick || pending}>
            {pending && <Spinner />}
            {pending ? t('inCall.move.submitting') : t('inCall.move.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
