import type { FollowupRule } from '@telehub/shared';
import { Mail, MessageCircle, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { timingText } from './timingText';

/** A rule as a card: what starts it, where, its steps in order, and how many leads it is following now. */
export function FollowupRuleCard({
  rule,
  valueLabel,
  campaignName,
  onEdit,
  onDelete,
}: {
  rule: FollowupRule;
  valueLabel: (value: string) => string;
  campaignName: (id: string) => string;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  const values = rule.triggerValues.map(valueLabel).join(', ');
  return (
    <li className="space-y-3 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium break-words text-gray-900">{rule.name}</h3>
          <p className="text-sm text-gray-700">
            {rule.triggerKind === 'disposition' ? t('followups.rule.whenDisposition', { values }) : t('followups.rule.whenStatus', { values })}
            {' · '}
            {rule.campaignId ? campaignName(rule.campaignId) : t('followups.rule.anyCampaign')}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${rule.active ? 'bg-green-50 text-green-800 ring-1 ring-green-200' : 'bg-gray-100 text-gray-700'}`}
          >
            {rule.active ? t('followups.rule.active') : t('followups.rule.paused')}
          </span>
          {rule.activeRuns > 0 && <span className="text-xs text-gray-700">{t('followups.rule.running', { count: rule.activeRuns })}</span>}
          {onEdit && (
            <Button size="sm" variant="ghost" aria-label={t('followups.rule.edit', { name: rule.name })} onClick={onEdit}>
              <Pencil aria-hidden className="size-4" />
            </Button>
          )}
          {onDelete && (
            <Button size="sm" variant="ghost" aria-label={t('followups.rule.delete', { name: rule.name })} onClick={onDelete}>
              <Trash2 aria-hidden className="size-4" />
            </Button>
          )}
        </div>
      </div>
      <ol aria-label={t('followups.rule.steps', { name: rule.name })} className="space-y-1.5">
        {rule.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a rule's steps are in a fixed order
          <li key={i} className="flex flex-wrap items-center gap-x-2 text-sm text-gray-800">
            <span className="inline-flex size-5 items-center justify-center rounded-full bg-indigo-50 text-xs font-medium text-indigo-700">{i + 1}</span>
            {s.channel === 'whatsapp' ? <MessageCircle aria-hidden className="size-4 text-green-700" /> : <Mail aria-hidden className="size-4 text-gray-600" />}
            <span>{t(`followups.channels.${s.channel}`)}</span>
            <span className="font-mono text-xs break-all text-gray-700">{s.template}</span>
            <span className="text-gray-600">· {timingText(t, s.timing)}</span>
          </li>
        ))}
      </ol>
    </li>
  );
}
