import type { CallScore, QaAnswer, QaDispute, QaVerdict } from '@telehub/shared';
import { QA_VERDICTS } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { formatClock, formatRelative } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { useCallScore, useDisputeScore, useResolveDispute, useReviewScore } from '../hooks/useQa';

const VERDICT_TONE: Record<QaVerdict, string> = {
  pass: 'bg-green-50 text-green-800 ring-green-200',
  fail: 'bg-red-50 text-red-800 ring-red-200',
  na: 'bg-gray-50 text-gray-700 ring-gray-200',
};

/** The reviewer's draft verdicts, by question key, from the score as it stands. */
export function draftVerdicts(score: CallScore): Record<string, { verdict: QaVerdict; comment: string }> {
  return Object.fromEntries(score.answers.map((a) => [a.key, { verdict: a.override ?? a.auto, comment: a.comment ?? '' }]));
}

/** What a review sends: only the questions whose verdict differs from the automatic one. */
export function reviewOf(score: CallScore, draft: Record<string, { verdict: QaVerdict; comment: string }>) {
  return score.answers.flatMap((a) => {
    const d = draft[a.key];
    return d && d.verdict !== a.auto ? [{ key: a.key, verdict: d.verdict, comment: d.comment.trim() || null }] : [];
  });
}

function Verdict({ verdict }: { verdict: QaVerdict }) {
  const { t } = useTranslation();
  return (
    <span className={cn('inline-flex shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset', VERDICT_TONE[verdict])}>
      {t(`qa.verdicts.${verdict}`)}
    </span>
  );
}

function AnswerRow({ a, callId }: { a: QaAnswer; callId: string }) {
  const { t, i18n } = useTranslation();
  const text = i18n.language === 'hi' && a.textHi ? a.textHi : a.text;
  const final = a.override ?? a.auto;
  return (
    <li className="flex flex-col gap-1 py-2 sm:flex-row sm:items-start sm:gap-3">
      <Verdict verdict={final} />
      <div className="min-w-0 flex-1 text-sm">
        <p className="text-gray-900">
          {text} <span className="text-xs text-gray-500">({t('qa.score.points', { weight: a.weight })})</span>
        </p>
        {a.evidence && <p className="break-words text-xs text-gray-600">{a.evidence}</p>}
        {a.override && (
          <p className="text-xs text-gray-600">
            {t('qa.score.automatic', { verdict: t(`qa.verdicts.${a.auto}`) })}
            {a.comment ? ` · ${t('qa.score.reviewerComment', { comment: a.comment })}` : ''}
          </p>
        )}
        {a.atMs !== null && (
          <Link to={`/calls/${callId}?t=${a.atMs}`} className="text-xs text-indigo-700 underline-offset-2 hover:underline">
            {t('qa.score.jump', { time: formatClock(Math.floor(a.atMs / 1000)) })}
          </Link>
        )}
      </div>
    </li>
  );
}

function ReviewForm({ score, onDone }: { score: CallScore; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const review = useReviewScore(score.callId);
  const [draft, setDraft] = useState(() => draftVerdicts(score));
  const [comment, setComment] = useState(score.reviewComment ?? '');
  const [missing, setMissing] = useState<Set<string>>(new Set());

  function submit(e: FormEvent) {
    e.preventDefault();
    const answers = reviewOf(score, draft);
    const without = new Set(answers.filter((a) => !a.comment).map((a) => a.key));
    setMissing(without);
    if (without.size > 0) return;
    review.mutate({ answers, comment: comment.trim() || null }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t('qa.review.start')}>
      <p className="text-xs text-gray-600">{t('qa.review.hint')}</p>
      {score.answers.map((a) => {
        const d = draft[a.key] ?? { verdict: a.auto, comment: '' };
        const question = i18n.language === 'hi' && a.textHi ? a.textHi : a.text;
        const differs = d.verdict !== a.auto;
        return (
          <fieldset key={a.key} className="space-y-2 rounded-md border border-gray-200 p-3">
            <legend className="px-1 text-sm font-medium text-gray-900">{question}</legend>
            <div className="flex flex-wrap items-center gap-2">
              <div className="w-44">
                <Select
                  aria-label={t('qa.review.verdict', { question })}
                  size="sm"
                  value={d.verdict}
                  onValueChange={(v) => setDraft((prev) => ({ ...prev, [a.key]: { ...d, verdict: v as QaVerdict } }))}
                  options={QA_VERDICTS.map((v) => ({ value: v, label: t(`qa.verdicts.${v}`) }))}
                />
              </div>
              <span className="text-xs text-gray-600">{t('qa.score.automatic', { verdict: t(`qa.verdicts.${a.auto}`) })}</span>
            </div>
            {differs && (
              <Field label={t('qa.review.comment')} error={missing.has(a.key) ? t('qa.review.commentNeeded') : undefined}>
                {(p) => (
                  <Input
                    {...p}
                    maxLength={1000}
                    value={d.comment}
                    onChange={(e) => setDraft((prev) => ({ ...prev, [a.key]: { ...d, comment: e.target.value } }))}
                  />
                )}
              </Field>
            )}
          </fieldset>
        );
      })}
      <Field label={t('qa.review.overall')} optional={t('qa.editor.optional')}>
        {(p) => <Textarea {...p} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      {review.isError && <Alert>{message(review.error)}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={review.isPending}>
          {t('qa.review.submit')}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t('qa.review.cancel')}
        </Button>
      </div>
    </form>
  );
}

function DisputeForm({ callId, onDone }: { callId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const dispute = useDisputeScore(callId);
  const [reason, setReason] = useState('');
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        dispute.mutate(reason.trim(), { onSuccess: onDone });
      }}
    >
      <Field label={t('qa.dispute.reason')} hint={t('qa.dispute.reasonHint')}>
        {(p) => <Textarea {...p} rows={3} minLength={10} maxLength={2000} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {dispute.isError && <Alert>{message(dispute.error)}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={dispute.isPending || reason.trim().length < 10}>
          {t('qa.dispute.submit')}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t('qa.dispute.cancel')}
        </Button>
      </div>
    </form>
  );
}

function DisputeEntry({ d, callId, canResolve }: { d: QaDispute; callId: string; canResolve: boolean }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const resolve = useResolveDispute(callId);
  const [resolution, setResolution] = useState('');
  return (
    <li className="space-y-1 rounded-md bg-gray-50 p-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-gray-900">{t(`qa.dispute.status.${d.status}`)}</span>
        <span className="text-xs text-gray-600">{t('qa.dispute.raised', { name: d.raisedBy.name, when: formatRelative(d.raisedAt, i18n.language) })}</span>
      </p>
      <p className="break-words text-gray-800">{d.reason}</p>
      {d.resolvedBy && <p className="text-xs text-gray-600">{t('qa.dispute.resolvedBy', { name: d.resolvedBy.name, resolution: d.resolution ?? '' })}</p>}
      {d.status === 'open' && canResolve && (
        <div className="space-y-2 pt-1">
          <Field label={t('qa.dispute.resolution')} hint={t('qa.dispute.upholdHint')}>
            {(p) => <Input {...p} maxLength={2000} value={resolution} onChange={(e) => setResolution(e.target.value)} />}
          </Field>
          {resolve.isError && <Alert>{message(resolve.error)}</Alert>}
          <div className="flex flex-wrap gap-2">
            {(['upheld', 'rejected'] as const).map((outcome) => (
              <Button
                key={outcome}
                size="sm"
                variant={outcome === 'upheld' ? 'primary' : 'secondary'}
                disabled={resolve.isPending || resolution.trim().length < 3}
                onClick={() => resolve.mutate({ disputeId: d.id, outcome, resolution: resolution.trim() })}
              >
                {t(outcome === 'upheld' ? 'qa.dispute.uphold' : 'qa.dispute.reject')}
              </Button>
            ))}
          </div>
        </div>
      )}
    </li>
  );
}

/**
 * A call's quality score on its page: the score and each question's verdict with its evidence
 * (a link to hear it), a manager's review (override with a comment), the telecaller's dispute and
 * its settling. `agentId` is the telecaller on the call: only they may dispute.
 */
export function CallQaSection({ callId, agentId }: { callId: string; agentId: string | null }) {
  const { t } = useTranslation();
  const { user, abilities } = useCurrentUser();
  const query = useCallScore(callId);
  const [mode, setMode] = useState<'view' | 'review' | 'dispute'>('view');

  const body = () => {
    if (query.isPending) return <Skeleton className="h-24 w-full" />;
    if (query.isError) return <Alert>{t('qa.score.error')}</Alert>;
    const score = query.data.score;
    if (!score) return <p className="text-sm text-gray-600">{t('qa.score.pending')}</p>;
    const sections = [...new Set(score.answers.map((a) => a.section))];
    const openDispute = score.disputes.some((d) => d.status === 'open');
    const canReview = abilities.reviewScores && user.id !== agentId;
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-x-4 gap-y-1">
          <p className="text-3xl font-semibold text-gray-900 tabular-nums" data-testid="qa-score">
            {score.score === null ? '–' : Math.round(score.score)}
            <span className="ml-1 text-sm font-normal text-gray-600">{t('qa.score.outOf')}</span>
          </p>
          <div className="text-xs text-gray-600">
            <p>{t('qa.score.scorecard', { name: score.scorecard.name, version: score.scorecard.version })}</p>
            <p>
              {score.reviewedBy ? t('qa.score.reviewed', { name: score.reviewedBy.name }) : t('qa.score.notReviewed')}
              {score.reviewedBy && score.autoScore !== null ? ` · ${t('qa.score.auto', { score: Math.round(score.autoScore) })}` : ''}
            </p>
          </div>
        </div>
        {score.reviewComment && <p className="text-sm text-gray-800">{t('qa.score.reviewerComment', { comment: score.reviewComment })}</p>}
        {mode === 'review' ? (
          <ReviewForm score={score} onDone={() => setMode('view')} />
        ) : (
          sections.map((s) => (
            <div key={s}>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-600">{s}</h3>
              <ul className="divide-y divide-gray-100">
                {score.answers
                  .filter((a) => a.section === s)
                  .map((a) => (
                    <AnswerRow key={a.key} a={a} callId={callId} />
                  ))}
              </ul>
            </div>
          ))
        )}
        {mode === 'view' && (
          <div className="flex flex-wrap gap-2">
            {canReview && (
              <Button size="sm" variant="primary" onClick={() => setMode('review')}>
                {score.reviewedBy ? t('qa.review.again') : t('qa.review.start')}
              </Button>
            )}
            {user.id === agentId && !openDispute && (
              <Button size="sm" onClick={() => setMode('dispute')}>
                {t('qa.dispute.start')}
              </Button>
            )}
          </div>
        )}
        {mode === 'dispute' && <DisputeForm callId={callId} onDone={() => setMode('view')} />}
        {score.disputes.length > 0 && (
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-600">{t('qa.dispute.title')}</h3>
            <ul className="mt-1 space-y-2">
              {score.disputes.map((d) => (
                <DisputeEntry key={d.id} d={d} callId={callId} canResolve={canReview} />
              ))}
            </ul>
          </div>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby={`qa-${callId}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <h2 id={`qa-${callId}`} className="mb-3 text-base font-semibold text-gray-900">
        {t('qa.score.title')}
      </h2>
      {body()}
    </section>
  );
}
