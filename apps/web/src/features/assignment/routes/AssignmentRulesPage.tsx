import type { AssignmentRule } from '@telehub/shared';
import { Clock, Plus, Route, Wand2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { useCampaigns } from '../../campaigns';
import { useTeams } from '../../users';
import { DeleteRuleDialog } from '../components/DeleteRuleDialog';
import { RuleDialog } from '../components/RuleDialog';
import { RulesTable } from '../components/RulesTable';
import { useAssignmentRules, useRunAssignment } from '../hooks/useAssignment';

type Editing = { mode: 'create' } | { mode: 'edit'; rule: AssignmentRule } | null;

export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const rules = useAssignmentRules();
  const teams = useTeams();
  const campaigns = useCampaigns();
  const run = useRunAssignment();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<AssignmentRule | null>(null);

  const teamName = (id: string) => teams.data?.items.find((x) => x.id === id)?.name ?? t('assignment.unknownTeam');
  const campaignName = (id: string) => campaigns.data?.items.find((x) => x.id === id)?.name ?? t('assignment.unknownCampaign');
  const items = rules.data?.items ?? [];
  const nextPriority = items.length > 0 ? Math.min(10_000, Math.max(...items.map((r) => r.priority)) + 10) : 100;

  return (
    <>
      <PageHeader
        title={t('assignment.title')}
        documentTitle={t('assignment.title')}
        subtitle={t('assignment.subtitle')}
        actions={
          <>
            <Button onClick={() => run.mutate()} disabled={run.isPending || items.length === 0}>
              {run.isPending ? <Spinner /> : <Wand2 aria-hidden className="size-4" />}
              {t('assignment.runNow')}
            </Button>
            <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
              <Plus aria-hidden className="size-4" />
              {t('assignment.add')}
            </Button>
          </>
        }
      />
      {run.isSuccess && (
        <Alert tone="info" className="mb-4">
          {t('assignment.runResult', { count: run.data.assigned, n: formatNumber(run.data.assigned, lng) })}
        </Alert>
      )}
      {run.isError && <Alert className="mb-4">{t('assignment.runFailed', { message: message(run.error) })}</Alert>}
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={rules}
          errorTitle={t('assignment.error')}
          skeletonRows={3}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <EmptyState
              icon={Route}
              title={t('assignment.empty.title')}
              body={t('assignment.empty.body')}
              action={
                <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
                  <Plus aria-hidden className="size-4" />
                  {t('assignment.add')}
                </Button>
              }
            />
          }
        >
          {(d) => (
            <RulesTable
              rules={d.items}
              teamName={teamName}
              campaignName={campaignName}
              onEdit={(rule) => setEditing({ mode: 'edit', rule })}
              onDelete={setDeleting}
            />
          )}
        </QueryView>
      </section>
      {rules.data && (
        <section aria-labelledby="sla-title" className="mt-5 flex items-start gap-3 rounded-lg border border-gray-200 bg-white p-4">
          <Clock aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
          <div>
            <h2 id="sla-title" className="text-sm font-semibold text-gray-900">
              {t('assignment.sla.title', { hours: formatNumber(rules.data.slaHours, lng) })}
            </h2>
            <p className="mt-0.5 text-sm text-gray-700">
              {t('assignment.sla.body', { count: rules.data.slaHours, hours: formatNumber(rules.data.slaHours, lng) })}
            </p>
            <p className="mt-1 text-xs text-gray-600">{t('assignment.sla.note')}</p>
          </div>
        </section>
      )}
      {editing && <RuleDialog rule={editing.mode === 'edit' ? editing.rule : undefined} nextPriority={nextPriority} onClose={() => setEditing(null)} />}
      {deleting && <DeleteRuleDialog rule={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
