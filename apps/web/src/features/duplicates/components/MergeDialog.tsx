import type { MergeResult } from '@telehub/shared';
import { ArrowLeftRight, GitMerge } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDate, formatNumber, formatPhone } from '../../../lib/format';
import { useUserNames } from '../../users';
import type { LeadBrief } from '../api/duplicatesApi';
import { useMergeLeads, useMergePreview } from '../hooks/useDuplicates';
import { planLines } from './planText';

export type Merged = MergeResult & { survivorName: string; otherName: string };

function LeadCard({ lead, survives }: { lead: LeadBrief; survives: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <section
      aria-labelledby={`card-${lead.id}`}
      className={cn('min-w-0 rounded-lg p-3 ring-1', survives ? 'bg-emerald-50/60 ring-emerald-300' : 'bg-gray-50 ring-gray-200')}
    >
      <p id={`card-${lead.id}`} className={cn('text-xs font-semibold tracking-wide uppercase', survives ? 'text-emerald-800' : 'text-gray-600')}>
        {survives ? t('duplicates.merge.stays') : t('duplicates.merge.retired')}
      </p>
      <p className="mt-1 truncate font-medium text-gray-900">{lead.name}</p>
      <div className="mt-1 space-y-0.5 text-sm text-gray-700">
        <p className="tabular-nums">{formatPhone(lead.phone)}</p>
        <p className="truncate" title={lead.email ?? undefined}>
          {lead.email ?? <span className="text-gray-500">{t('lead.noEmail')}</span>}
        </p>
        <p>{lead.city ?? <span className="text-gray-500">—</span>}</p>
        <p className="text-xs text-gray-600">{t('duplicates.merge.added', { date: formatDate(lead.createdAt, lng) })}</p>
      </div>
    </section>
  );
}

function Plan({ survivor, other }: { survivor: LeadBrief; other: LeadBrief }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const { nameOf } = useUserNames();
  const preview = useMergePreview(survivor.id, other.id);
  if (preview.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-2">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    );
  }
  if (preview.isError) return <ErrorState title={t('duplicates.merge.previewError')} error={preview.error} onRetry={() => void preview.refetch()} />;
  const plan = preview.data;
  return (
    <div className="space-y-4">
      <section aria-labelledby="plan-title">
        <h3 id="plan-title" className="text-sm font-semibold text-gray-900">
          {t('duplicates.merge.planTitle', { name: plan.survivor.name })}
        </h3>
        <dl className="mt-2 divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
          {planLines(plan, { t, lng, nameOf }).map((line) => (
            <div key={line.field} className="grid gap-x-3 px-3 py-2 text-sm sm:grid-cols-[7rem_1fr]">
              <dt className="text-gray-600">{line.label}</dt>
              <dd className="min-w-0">
                <span className="font-medium text-gray-900 [overflow-wrap:anywhere]">{line.value}</span>
                <span className="block text-xs text-gray-600">{line.note}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="moves-title">
        <h3 id="moves-title" className="text-sm font-semibold text-gray-900">
          {t('duplicates.merge.movesTitle', { name: plan.survivor.name })}
        </h3>
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-sm text-gray-700">
          <li>{t('duplicates.merge.movesActivities', { count: plan.moves.activities, n: formatNumber(plan.moves.activities, lng) })}</li>
          <li>{t('duplicates.merge.movesIdentities', { count: plan.moves.identities, n: formatNumber(plan.moves.identities, lng) })}</li>
          <li>{t('duplicates.merge.movesOther')}</li>
        </ul>
        <p className="mt-2 text-sm text-gray-700">{t('duplicates.merge.retireNote', { name: plan.merged.name })}</p>
      </section>
    </div>
  );
}

/**
 * Both leads side by side, the server's plan for merging them in words, a switch for which one
 * stays, and Merge. The plan is asked again after each switch.
 */
export function MergeDialog({ a, b, onClose, onMerged }: { a: LeadBrief; b: LeadBrief; onClose: () => void; onMerged: (merged: Merged) => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const merge = useMergeLeads();
  const [swapped, setSwapped] = useState(false);
  const survivor = swapped ? b : a;
  const other = swapped ? a : b;

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('duplicates.merge.title')}
      description={t('duplicates.merge.description')}
      className="max-w-3xl"
    >
      <div className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <LeadCard lead={survivor} survives />
          <LeadCard lead={other} survives={false} />
        </div>
        <Button
          size="sm"
          onClick={() => {
            merge.reset();
            setSwapped((s) => !s);
          }}
        >
          <ArrowLeftRight aria-hidden className="size-4" />
          {t('duplicates.merge.swap')}
        </Button>
        <Plan key={`${survivor.id}:${other.id}`} survivor={survivor} other={other} />
        {merge.isError && <Alert>{t('duplicates.merge.failed', { message: message(merge.error) })}</Alert>}
      </div>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          variant="primary"
          disabled={merge.isPending}
          onClick={() =>
            merge.mutate(
              { survivorId: survivor.id, otherId: other.id },
              { onSuccess: (result) => onMerged({ ...result, survivorName: survivor.name, otherName: other.name }) },
            )
          }
        >
          {merge.isPending ? <Spinner /> : <GitMerge aria-hidden className="size-4" />}
          {merge.isPending ? t('duplicates.merge.merging') : t('duplicates.merge.submit', { name: survivor.name })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
