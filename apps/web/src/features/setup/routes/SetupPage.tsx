import { useQuery } from '@tanstack/react-query';
import type { SetupStep } from '@telehub/shared';
import { CheckCircle2, Circle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { cn } from '../../../lib/cn';
import { setupApi, setupKeys } from '../api/setupApi';

/** Where each step is done in the app, and the button's words (telephony: set in the server's environment). */
const LINKS = {
  teams: { to: '/settings/teams', label: 'setup.actions.teams' },
  telecallers: { to: '/settings/users', label: 'setup.actions.telecallers' },
  leads: { to: '/leads/import', label: 'setup.actions.leads' },
  campaigns: { to: '/campaigns/new', label: 'setup.actions.campaigns' },
  dnd: { to: '/settings/compliance/dnd', label: 'setup.actions.dnd' },
  sources: { to: '/settings/sources', label: 'setup.actions.sources' },
} as const;
const linkOf = (key: SetupStep['key']) => (key === 'telephony' ? null : LINKS[key]);

function StepCard({ step }: { step: SetupStep }) {
  const { t } = useTranslation();
  const link = linkOf(step.key);
  return (
    <li
      className={cn('flex gap-3 rounded-lg bg-white p-4 shadow-sm ring-1', step.done ? 'ring-emerald-200' : 'ring-gray-200')}
      data-step={step.key}
      data-done={step.done}
    >
      {step.done ? (
        <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
      ) : (
        <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-400" />
      )}
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-semibold text-gray-900">{t(`setup.steps.${step.key}.title`)}</h2>
          <span className={cn('rounded px-1.5 py-0.5 text-xs font-medium', step.required ? 'bg-indigo-50 text-indigo-800' : 'bg-gray-100 text-gray-700')}>
            {step.required ? t('setup.required') : t('setup.recommended')}
          </span>
          <span className={cn('text-xs font-medium', step.done ? 'text-emerald-700' : 'text-amber-800')}>{step.done ? t('setup.done') : t('setup.todo')}</span>
        </div>
        <p className="text-sm text-gray-700">{t(`setup.steps.${step.key}.body`)}</p>
        {step.count > 0 && step.key !== 'telephony' && <p className="text-xs text-gray-600">{t('setup.count', { count: step.count })}</p>}
      </div>
      {link && (
        <Link
          to={link.to}
          className="self-start rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t(link.label)}
        </Link>
      )}
    </li>
  );
}

/** The admin's checklist: each step, whether it is done, and where to do it. */
export function SetupPage() {
  const { t } = useTranslation();
  const checklist = useQuery({ queryKey: setupKeys.checklist, queryFn: ({ signal }) => setupApi.checklist(signal) });
  const steps = checklist.data?.steps ?? [];
  const done = steps.filter((s) => s.done).length;
  return (
    <div className="mx-auto max-w-3xl space-y-4 p-4 sm:p-6">
      <PageHeader title={t('setup.title')} subtitle={t('setup.subtitle')} documentTitle={t('setup.title')} />
      {checklist.isPending && (
        <div className="space-y-3" aria-busy="true">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-20 w-full" />
          ))}
        </div>
      )}
      {checklist.isError && <ErrorState title={t('setup.loadError')} error={checklist.error} onRetry={() => void checklist.refetch()} />}
      {checklist.data && (
        <>
          <p className="text-sm font-medium text-gray-800" aria-live="polite">
            {t('setup.progress', { done, total: steps.length })}
          </p>
          {checklist.data.configured && (
            <p className="flex flex-wrap items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
              {t('setup.ready')}
              <Link to="/command-center" className="font-medium underline">
                {t('setup.toCommandCenter')}
              </Link>
            </p>
          )}
          <ol className="space-y-3">
            {steps.map((s) => (
              <StepCard key={s.key} step={s} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
