import type { FollowupRule } from '@telehub/shared';
import { Plus, Repeat } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useCurrentUser } from '../../auth';
import { useDispositions } from '../../calls';
import { useCampaigns } from '../../campaigns';
import { DeleteFollowupRuleDialog } from '../components/DeleteFollowupRuleDialog';
import { FollowupRuleCard } from '../components/FollowupRuleCard';
import { FollowupRuleDialog } from '../components/FollowupRuleDialog';
import { useFollowupRules } from '../hooks/useFollowups';

type Editing = { mode: 'create' } | { mode: 'edit'; rule: FollowupRule } | null;

export function FollowupRulesPage() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const rules = useFollowupRules();
  const campaigns = useCampaigns();
  const dispositions = useDispositions();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<FollowupRule | null>(null);
  const manage = abilities.manageFollowups;

  const campaignName = (id: string) => campaigns.data?.items.find((c) => c.id === id)?.name ?? '—';
  const valueLabel = (rule: FollowupRule) => (value: string) =>
    rule.triggerKind === 'status'
      ? t(`status.${value}` as 'status.new', { defaultValue: value })
      : (dispositions.data?.items.find((d) => d.code === value)?.label ?? value);
  const add = manage && (
    <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
      <Plus aria-hidden className="size-4" />
      {t('followups.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('followups.title')} documentTitle={t('followups.title')} subtitle={t('followups.subtitle')} actions={add || undefined} />
      <Alert tone="info" className="mb-4">
        {t('followups.hoursNote')}
      </Alert>
      <section aria-label={t('followups.title')} className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={rules}
          errorTitle={t('followups.loadError')}
          skeletonRows={3}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={Repeat} title={t('followups.empty.title')} body={t('followups.empty.body')} action={add || undefined} />}
        >
          {(d) => (
            <ul className="divide-y divide-gray-100">
              {d.items.map((rule) => (
                <FollowupRuleCard
                  key={rule.id}
                  rule={rule}
                  valueLabel={valueLabel(rule)}
                  campaignName={campaignName}
                  onEdit={manage ? () => setEditing({ mode: 'edit', rule }) : undefined}
                  onDelete={manage ? () => setDeleting(rule) : undefined}
                />
              ))}
            </ul>
          )}
        </QueryView>
      </section>
      {editing && <FollowupRuleDialog rule={editing.mode === 'edit' ? editing.rule : undefined} onClose={() => setEditing(null)} />}
      {deleting && <DeleteFollowupRuleDialog rule={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
