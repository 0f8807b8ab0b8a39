import { useTranslation } from 'react-i18next';
import { NONE, Select } from '../../../components/ui/Select';
import { useTeams } from '../hooks/useFloor';

/** All the teams you watch, or one of them. */
export function TeamFilter({ value, onChange }: { value: string | null; onChange: (teamId: string | null) => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const options = [{ value: NONE, label: t('commandCenter.team.all') }, ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))];
  return (
    <div className="w-48">
      <Select
        aria-label={t('commandCenter.team.label')}
        size="sm"
        value={value ?? NONE}
        onValueChange={(v) => onChange(v === NONE ? null : v)}
        options={options}
        disabled={teams.isPending || (teams.data ?? []).length < 2}
      />
    </div>
  );
}
