import { ROLES, type Role, type Team } from '@telehub/shared';
import { Search, X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { useDebouncedInput } from '../../../hooks/useDebouncedInput';

export type UserFilterValues = { q: string; role?: Role; teamId?: string; active?: boolean };

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** Search (committed a moment after typing stops) and the role, team and status filters. */
export function UserFilters({ value, teams, onChange }: { value: UserFilterValues; teams: Team[]; onChange: (next: UserFilterValues) => void }) {
  const { t } = useTranslation();
  const ids = { q: useId(), role: useId(), team: useId(), status: useId() };
  const search = useDebouncedInput(value.q, (q) => onChange({ ...value, q }));
  const filtered = Boolean(value.q || value.role || value.teamId || value.active !== undefined);
  const status = value.active === undefined ? NONE : value.active ? 'active' : 'inactive';

  return (
    <search aria-label={t('users.filters.label')} className="grid gap-2 border-b border-gray-200 p-3 sm:grid-cols-2 sm:p-4 lg:flex lg:items-end">
      <div className="sm:col-span-2 lg:w-72">
        <label htmlFor={ids.q} className="mb-1 block text-xs font-medium text-gray-600">
          {t('users.filters.search')}
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-gray-500" />
          <Input
            id={ids.q}
            type="search"
            className="pl-8"
            value={search.text}
            placeholder={t('users.filters.searchPlaceholder')}
            onChange={(e) => search.onChange(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && search.flush()}
            maxLength={120}
            autoComplete="off"
          />
        </div>
      </div>
      <div className="lg:w-44">
        <label htmlFor={ids.role} className="mb-1 block text-xs font-medium text-gray-600">
          {t('users.filters.role')}
        </label>
        <Select
          id={ids.role}
          value={value.role ?? NONE}
          onValueChange={(v) => onChange({ ...value, role: isRole(v) ? v : undefined })}
          options={[{ value: NONE, label: t('users.filters.roleAny') }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
        />
      </div>
      <div className="lg:w-48">
        <label htmlFor={ids.team} className="mb-1 block text-xs font-medium text-gray-600">
          {t('users.filters.team')}
        </label>
        <Select
          id={ids.team}
          value={value.teamId ?? NONE}
          onValueChange={(v) => onChange({ ...value, teamId: v === NONE ? undefined : v })}
          options={[
            { value: NONE, label: t('users.filters.teamAny') },
            { value: 'none', label: t('users.noTeam') },
            ...teams.map((tm) => ({ value: tm.id, label: tm.name })),
          ]}
        />
      </div>
      <div className="lg:w-40">
        <label htmlFor={ids.status} className="mb-1 block text-xs font-medium text-gray-600">
          {t('users.filters.status')}
        </label>
        <Select
          id={ids.status}
          value={status}
          onValueChange={(v) => onChange({ ...value, active: v === NONE ? undefined : v === 'active' })}
          options={[
            { value: NONE, label: t('users.filters.statusAny') },
            { value: 'active', label: t('users.active') },
            { value: 'inactive', label: t('users.deactivated') },
          ]}
        />
      </div>
      {filtered && (
        <Button variant="ghost" className="justify-self-start" onClick={() => onChange({ q: '' })}>
          <X aria-hidden className="size-4" />
          {t('users.filters.clear')}
        </Button>
      )}
    </search>
  );
}
