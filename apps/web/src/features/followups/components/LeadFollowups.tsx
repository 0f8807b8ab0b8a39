import type { FollowupRun, FollowupRunStep, Lead } from '@telehub/shared';
import { Mail, MessageCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime } from '../../../lib/format';
import { useCancelFollowup, useLeadFollowups } from '../hooks/useFollowups';
import { timingText } from './timingText';

const STEP_TONE: Record<FollowupRunStep['status'], string> = {
  pending: 'bg-amber-50 text-amber-800 ring-amber-200',
  sending: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  queued: 'bg-green-50 text-green-800 ring-green-200',
  refused: 'bg-red-50 text-red-800 ring-red-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  skipped: 'bg-gray-100 text-gray-700 ring-gray-200',
  cancelled: 'bg-gray-100 text-gray-700 ring-gray-200',
};

function Step({ step }: { step: FollowupRunStep }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const when = step.sentAt
    ? t('followups.lead.sent', { when: formatDateTime(step.sentAt, lng) })
    : step.status === 'pending' && step.dueAt
      ? t('followups.lead.due', { when: formatDateTime(step.dueAt, lng) })
      : null;
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      {step.channel === 'whatsapp' ? <MessageCircle aria-hidden className="size-4 text-green-700" /> : <Mail aria-hidden className="size-4 text-gray-600" />}
      <span className="font-mono text-xs break-all text-gray-800">{step.template}</span>
      <span className="text-gray-600">{timingText(t, step.timing)}</span>
      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STEP_TONE[step.status]}`}>{t(`followups.lead.stepStatus.${step.status}`)}</span>
      {when && <span className="text-xs text-gray-600">{when}</span>}
      {step.reason && step.status !== 'queued' && <span className="basis-full text-xs text-gray-600">{step.reason}</span>}
    </li>
  );
}

function Run({ run, leadId }: { run: FollowupRun; leadId: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const cancel = useCancelFollowup(leadId);
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words text-gray-900">{run.ruleName}</p>
          <p className="text-xs text-gray-600">
            {t(`followups.lead.runStatus.${run.status}`)} · {t('followups.lead.started', { when: formatDateTime(run.createdAt, lng) })}
            {run.cancelReason ? ` · ${run.cancelReason}` : ''}
          </p>
        </div>
        {run.status === 'active' && (
          <Button
            size="sm"
            disabled={cancel.isPending}
            aria-label={t('followups.lead.cancelLabel', { name: run.ruleName })}
            onClick={() => cancel.mutate(run.id)}
          >
            {cancel.isPending && <Spinner />}
            {t('followups.lead.cancel')}
          </Button>
        )}
      </div>
      {cancel.isError && <Alert>{t('followups.lead.cancelFailed', { message: message(cancel.error) })}</Alert>}
      <ol className="space-y-1.5">
        {run.steps.map((s) => (
          <Step key={s.id} step={s} />
        ))}
      </ol>
    </li>
  );
}

/** The lead's follow-ups, running and past, each step's state, and Stop for a running one. */
export function LeadFollowups({ lead }: { lead: Pick<Lead, 'id'> }) {
  const { t } = useTranslation();
  const runs = useLeadFollowups(lead.id);
  return (
    <section aria-labelledby="lead-followups-title" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="lead-followups-title" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('followups.lead.title')}
      </h2>
      <div className="px-4">
        <QueryView
          query={runs}
          errorTitle={t('followups.lead.loadError')}
          skeletonRows={2}
          isEmpty={(d) => d.items.length === 0}
          empty={<p className="py-4 text-sm text-gray-600">{t('followups.lead.empty')}</p>}
        >
          {(d) => (
            <ul className="divide-y divide-gray-100">
              {d.items.map((run) => (
                <Run key={run.id} run={run} leadId={lead.id} />
              ))}
            </ul>
          )}
        </QueryView>
      </div>
    </section>
  );
}
