import { useTranslation } from 'react-i18next';
import { useTeams, useUsers } from '../../../users';
import { CheckList } from './CheckList';
import { Section, type SectionProps } from './Section';

/** Who may work the campaign: whole teams, and agents by name. */
export function PeopleSection({ form, set, err }: SectionProps) {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useUsers();
  const teamName = new Map((teams.data?.items ?? []).map((tm) => [tm.id, tm.name]));
  const agents = (users.data?.items ?? [])
    .filter((u) => u.active && u.role === 'telecaller')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: u.name, hint: u.teamId ? teamName.get(u.teamId) : undefined }));

  return (
    <Section id="campaign-people" title={t('campaigns.form.people')} hint={t('campaigns.form.peopleHint')}>
      <div className="grid gap-4 md:grid-cols-2">
        <CheckList
          legend={t('campaigns.form.teams')}
          options={(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          value={form.teamIds}
          onChange={(v) => set('teamIds', v)}
          loading={teams.isPending && teams.fetchStatus !== 'idle'}
          emptyText={t('campaigns.form.noTeams')}
          error={err('teamIds')}
        />
        <CheckList
          legend={t('campaigns.form.agents')}
          options={agents}
          value={form.agentIds}
          onChange={(v) => set('agentIds', v)}
          loading={users.isPending && users.fetchStatus !== 'idle'}
          emptyText={t('campaigns.form.noAgents')}
          error={err('agentIds')}
        />
      </div>
    </Section>
  );
}
