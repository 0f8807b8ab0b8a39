import type { CoachingItem } from '@telehub/shared';
import { Sparkles, UserRound, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { cn } from '../../../lib/cn';
import { useSkillLabel } from '../hooks/useSkillLabel';
import { CallLinks } from './CallLinks';
import { itemStanding, progressShare } from './coachingFormat';
import { ShareBars } from './ShareBars';

function SourceBadge({ item }: { item: CoachingItem }) {
  const { t } = useTranslation();
  const engine = item.source === 'engine';
  const Icon = engine ? Sparkles : UserRound;
  const text = engine
    ? t('coaching.item.source.engine')
    : item.assignedBy
      ? t('coaching.item.source.manager', { name: item.assignedBy.name })
      : t('coaching.item.source.managerUnknown');
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium',
        engine ? 'bg-violet-50 text-violet-800 ring-1 ring-violet-200' : 'bg-sky-50 text-sky-800 ring-1 ring-sky-200',
      )}
    >
      <Icon aria-hidden className="size-3" />
      {text}
    </span>
  );
}

/**
 * An open item: the skill, where the telecaller stood against the team when it was set, the note,
 * how many of the calls asked for have been made, and example calls. `agentName` shows whose it is
 * (on a manager's queue), with `onDismiss` to drop it.
 */
export function CoachingItemCard({
  item,
  agentName,
  onDismiss,
  dismissing,
}: {
  item: CoachingItem;
  agentName?: string;
  onDismiss?: () => void;
  dismissing?: boolean;
}) {
  const { t } = useTranslation();
  const label = useSkillLabel();
  const skill = label(item.skill);
  const share = progressShare(item.progress, item.measureAfterCalls);
  const tone = itemStanding(item);
  const progressText = t('coaching.item.progress', { done: Math.min(item.progress, item.measureAfterCalls), total: item.measureAfterCalls });
  return (
    <article aria-label={agentName ? `${agentName}: ${skill}` : skill} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          {agentName && <p className="text-xs font-semibold tracking-wide text-gray-500 uppercase">{agentName}</p>}
          <h3 className="text-sm font-semibold text-gray-900">{skill}</h3>
        </div>
        <div className="flex items-center gap-2">
          <SourceBadge item={item} />
          {onDismiss && (
            <Button
              size="sm"
              variant="ghost"
              onClick={onDismiss}
              disabled={dismissing}
              aria-label={t('coaching.item.dismissLabel', { skill, name: agentName ?? '' })}
            >
              <X aria-hidden className="size-4" />
              {dismissing ? t('coaching.item.dismissing') : t('coaching.item.dismiss')}
            </Button>
          )}
        </div>
      </header>

      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-medium text-gray-600">{t('coaching.item.whenSet')}</p>
          {item.baseline === null && item.teamBaseline === null ? (
            <p className="text-sm text-gray-600">{t('coaching.item.noBaseline')}</p>
          ) : (
            <ShareBars you={item.baseline} team={item.teamBaseline} youLabel={agentName} tone={tone} />
          )}
        </div>
        <div>
          <p id={`progress-${item.id}`} className="mb-1 text-xs font-medium text-gray-600">
            {t('coaching.item.progressLabel')}
          </p>
          <div
            role="progressbar"
            aria-labelledby={`progress-${item.id}`}
            aria-valuemin={0}
            aria-valuemax={item.measureAfterCalls}
            aria-valuenow={Math.min(item.progress, item.measureAfterCalls)}
            aria-valuetext={progressText}
            className="h-2 overflow-hidden rounded-full bg-gray-100"
          >
            <div className="h-full rounded-full bg-indigo-500" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <p className="mt-1 text-sm text-gray-800 tabular-nums">{progressText}</p>
        </div>
      </div>

      {item.note && (
        <p className="mt-3 rounded-md bg-amber-50/60 px-3 py-2 text-sm whitespace-pre-line text-gray-800 ring-1 ring-amber-100">
          <span className="sr-only">{t('coaching.item.note')}: </span>
          {item.note}
        </p>
      )}

      {(item.examples.own.length > 0 || item.examples.best.length > 0) && (
        <div className="mt-3 flex flex-wrap gap-x-6 gap-y-3 border-t border-gray-100 pt-3">
          <CallLinks title={agentName ? t('coaching.item.ownCallsOf', { name: agentName }) : t('coaching.item.ownCalls')} callIds={item.examples.own} />
          <CallLinks title={t('coaching.item.bestCalls')} callIds={item.examples.best} />
        </div>
      )}
    </article>
  );
}
