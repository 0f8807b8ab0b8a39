import type { LeadSort } from '@telehub/shared';
import { Search, X } from 'lucide-react';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { useDebouncedInput } from '../../../hooks/useDebouncedInput';
import { useCurrentUser } from '../../auth';
import { useCampaigns } from '../../campaigns';
import { useUsers } from '../../users';
import { type DndFilter, type LeadFilters as Filters, hasActiveFilters, isSort } from '../hooks/useLeadFilters';
import { StatusFilter } from './StatusFilter';

const SORT_LABELS: Record<LeadSort, 'createdDesc' | 'createdAsc' | 'updatedDesc' | 'updatedAsc' | 'nameAsc' | 'nameDesc' | 'scoreDesc' | 'scoreAsc'> = {
  '-createdAt': 'createdDesc',
  createdAt: 'createdAsc',
  '-updatedAt': 'updatedDesc',
  updatedAt: 'updatedAsc',
  name: 'nameAsc',
  '-name': 'nameDesc',
  '-score': 'scoreDesc',
  score: 'scoreAsc',
};

function Labeled({ label, htmlFor, children, className }: { label: string; htmlFor?: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      {htmlFor ? (
        <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-gray-600">
          {label}
        </label>
      ) : (
        <span aria-hidden className="mb-1 block text-xs font-medium text-gray-600">
          {label}
        </span>
      )}
      {children}
    </div>
  );
}

export function LeadFilters({
  filters,
  update,
  clear,
}: {
  filters: Filters;
  update: (patch: Partial<Filters>, opts?: { replace?: boolean }) => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const ids = { q: useId(), owner: useId(), campaign: useId(), tag: useId(), dnd: useId(), sort: useId() };
  const search = useDebouncedInput(filters.q, (q) => update({ q }, { replace: true }));
  const tag = useDebouncedInput(filters.tag, (v) => update({ tag: v }, { replace: true }));
  const campaigns = useCampaigns();
  const users = useUsers();

  const ownerOptions = useMemo<Option[]>(() => {
    const people = (users.data?.items ?? []).filter((u) => u.active).sort((a, b) => a.name.localeCompare(b.name));
    return [
      { value: NONE, label: t('leads.filters.ownerAny') },
      { value: 'me', label: t('leads.filters.ownerMe') },
      { value: 'unassigned', label: t('common.unassigned') },
      ...people.map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
    ];
  }, [users.data, t]);

  const campaignOptions = useMemo<Option[]>(
    () => [{ value: NONE, label: t('leads.filters.campaignAny') }, ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))],
    [campaigns.data, t],
  );

  const dndOptions: { value: DndFilter | typeof NONE; label: string }[] = [
    { value: NONE, label: t('leads.filters.dndAll') },
    { value: 'true', label: t('leads.filters.dndOnly') },
    { value: 'false', label: t('leads.filters.dndNot') },
  ];

  const sortOptions = (Object.keys(SORT_LABELS) as LeadSort[]).map((s) => ({ value: s, label: t(`leads.sort.${SORT_LABELS[s]}`) }));

  return (
    <div className="space-y-3 border-b border-gray-200 p-3 sm:p-4">
      <div className="relative">
        <label htmlFor={ids.q} className="sr-only">
          {t('leads.search.label')}
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-500" />
        <Input
          id={ids.q}
          type="search"
          className="pr-9 pl-9"
          placeholder={t('leads.search.placeholder')}
          value={search.text}
          onChange={(e) => search.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') search.flush();
          }}
          autoComplete="off"
          spellCheck={false}
        />
        {search.text && (
          <button
            type="button"
            className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-gray-500 hover:bg-gray-100 hover:text-gray-700"
            aria-label={t('leads.search.clear')}
            onClick={() => search.onChange('')}
          >
            <X aria-hidden className="size-4" />
          </button>
        )}
      </div>
      <div className="grid grid-cols-2 items-end gap-2 sm:grid-cols-3 xl:flex xl:flex-wrap">
        <Labeled label={t('leads.filters.status')} className="xl:w-40">
          <StatusFilter label={t('leads.filters.status')} value={filters.status} onChange={(status) => update({ status })} />
        </Labeled>
        {abilities.viewTeam && (
          <Labeled label={t('leads.filters.owner')} htmlFor={ids.owner} className="xl:w-44">
            <Select id={ids.owner} value={filters.owner || NONE} onValueChange={(v) => update({ owner: v === NONE ? '' : v })} options={ownerOptions} />
          </Labeled>
        )}
        <Labeled label={t('leads.filters.campaign')} htmlFor={ids.campaign} className="xl:w-52">
          <Select
            id={ids.campaign}
            value={filters.campaign || NONE}
            onValueChange={(v) => update({ campaign: v === NONE ? '' : v })}
            options={campaignOptions}
          />
        </Labeled>
        <Labeled label={t('leads.filters.tag')} htmlFor={ids.tag} className="xl:w-32">
          <Input
            id={ids.tag}
            value={tag.text}
            placeholder={t('leads.filters.tagPlaceholder')}
            onChange={(e) => tag.onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') tag.flush();
            }}
            autoComplete="off"
            spellCheck={false}
          />
        </Labeled>
        <Labeled label={t('leads.filters.dnd')} htmlFor={ids.dnd} className="xl:w-36">
          <Select
            id={ids.dnd}
            value={filters.dnd || NONE}
            onValueChange={(v) => update({ dnd: v === 'true' || v === 'false' ? v : '' })}
            options={dndOptions}
          />
        </Labeled>
        <Labeled label={t('leads.filters.sort')} htmlFor={ids.sort} className="xl:w-44">
          <Select id={ids.sort} value={filters.sort} onValueChange={(v) => isSort(v) && update({ sort: v })} options={sortOptions} />
        </Labeled>
        {hasActiveFilters(filters) && (
          <Button variant="ghost" className="justify-self-start xl:ml-1" onClick={clear}>
            <X aria-hidden className="size-4" />
            {t('leads.filters.clear')}
          </Button>
        )}
      </div>
    </div>
  );
}
