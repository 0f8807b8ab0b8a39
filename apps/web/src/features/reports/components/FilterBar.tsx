import { CalendarDays, X } from 'lucide-react';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { DateInput } from '../../../components/ui/DateInput';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { useDebouncedInput } from '../../../hooks/useDebouncedInput';
import { cn } from '../../../lib/cn';
import { useCampaigns } from '../../campaigns';
import { useTeams, useUsers } from '../../users';
import { useReportFormat } from '../hooks/useReportFormat';
import { type DayRange, PERIODS, type Period } from './periods';
import { filterCount, type ReportState } from './reportParams';

/** Sources every install has; the funnel adds those it has seen. */
const KNOWN_SOURCES = ['manual', 'import', 'crm', 'mysql', 'inbound'];

function Labelled({ label, htmlFor, className, children }: { label: string; htmlFor: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn('min-w-0', className)}>
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-gray-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * The period and the filters of the report. The period shows as words in the interface
 * language (the browser's date box would write it the American way); the date boxes are only
 * for editing a custom period. Team and telecaller are for staff.
 */
export function FilterBar({
  state,
  range,
  today,
  staff,
  sources,
  update,
  clear,
}: {
  state: ReportState;
  range: DayRange;
  today: string;
  staff: boolean;
  /** Sources seen in the funnel, offered in the source box. */
  sources: string[];
  update: (patch: Partial<ReportState>) => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const ids = { period: useId(), from: useId(), to: useId(), team: useId(), campaign: useId(), source: useId(), sourceList: useId(), agent: useId() };
  const teams = useTeams();
  const users = useUsers();
  const campaigns = useCampaigns();
  const source = useDebouncedInput(state.source, (v) => update({ source: v.trim() }), 500);

  const telecallers = useMemo(
    () =>
      (users.data?.items ?? [])
        .filter((u) => u.role === 'telecaller' && (!state.teamId || u.teamId === state.teamId || u.id === state.agentId))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [users.data, state.teamId, state.agentId],
  );
  const campaignOptions = useMemo(
    () => [...(campaigns.data?.items ?? [])].sort((a, b) => Number(a.status === 'archived') - Number(b.status === 'archived') || a.name.localeCompare(b.name)),
    [campaigns.data],
  );
  const sourceOptions = [...new Set([...sources, ...KNOWN_SOURCES])];
  const pick = (v: string) => (v === NONE ? '' : v);
  const active = filterCount(state);

  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">{t('reports.filters.label')}</legend>
      <div className="grid grid-cols-2 items-end gap-x-3 gap-y-3 md:flex md:flex-wrap">
        <Labelled label={t('reports.filters.period')} htmlFor={ids.period} className="col-span-2 md:w-44">
          <Select
            id={ids.period}
            value={state.period}
            onValueChange={(v) => update({ period: v as Period })}
            options={PERIODS.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
          />
        </Labelled>
        {state.period === 'custom' && (
          <>
            <Labelled label={t('reports.filters.from')} htmlFor={ids.from} className="md:w-40">
              <DateInput id={ids.from} value={range.from} max={today} required onChange={(v) => v && update({ from: v })} />
            </Labelled>
            <Labelled label={t('reports.filters.to')} htmlFor={ids.to} className="md:w-40">
              <DateInput id={ids.to} value={range.to} min={range.from} required onChange={(v) => v && update({ to: v })} />
            </Labelled>
          </>
        )}
        {staff && (
          <Labelled label={t('reports.filters.team')} htmlFor={ids.team} className="md:w-44">
            <Select
              id={ids.team}
              value={state.teamId || NONE}
              onValueChange={(v) => update({ teamId: pick(v) })}
              options={[
                { value: NONE, label: t('reports.filters.anyTeam') },
                ...(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name })),
                ...(state.teamId && !teams.data?.items.some((x) => x.id === state.teamId)
                  ? [{ value: state.teamId, label: t('reports.filters.otherTeam') }]
                  : []),
              ]}
            />
          </Labelled>
        )}
        <Labelled label={t('reports.filters.campaign')} htmlFor={ids.campaign} className="md:w-52">
          <Select
            id={ids.campaign}
            value={state.campaignId || NONE}
            onValueChange={(v) => update({ campaignId: pick(v) })}
            options={[
              { value: NONE, label: t('reports.filters.anyCampaign') },
              ...campaignOptions.map((c) => ({ value: c.id, label: c.name, hint: c.status === 'archived' ? t('campaigns.status.archived') : undefined })),
              ...(state.campaignId && !campaignOptions.some((c) => c.id === state.campaignId)
                ? [{ value: state.campaignId, label: t('reports.filters.otherCampaign') }]
                : []),
            ]}
          />
        </Labelled>
        <Labelled label={t('reports.filters.source')} htmlFor={ids.source} className="md:w-40">
          <Input
            id={ids.source}
            list={ids.sourceList}
            value={source.text}
            placeholder={t('reports.filters.anySource')}
            maxLength={80}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => source.onChange(e.target.value)}
            onBlur={() => source.flush()}
            onKeyDown={(e) => e.key === 'Enter' && source.flush()}
          />
          <datalist id={ids.sourceList}>
            {sourceOptions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </Labelled>
        {staff && (
          <Labelled label={t('reports.filters.telecaller')} htmlFor={ids.agent} className="md:w-48">
            <Select
              id={ids.agent}
              value={state.agentId || NONE}
              onValueChange={(v) => update({ agentId: pick(v) })}
              options={[
                { value: NONE, label: t('reports.filters.anyTelecaller') },
                ...telecallers.map((u) => ({ value: u.id, label: u.name })),
                ...(state.agentId && !telecallers.some((u) => u.id === state.agentId) ? [{ value: state.agentId, label: t('common.unknownUser') }] : []),
              ]}
            />
          </Labelled>
        )}
        {active > 0 && (
          <Button variant="ghost" onClick={clear} className="col-span-2 justify-self-start">
            <X aria-hidden className="size-4" />
            {t('reports.filters.clear')}
          </Button>
        )}
      </div>
      <p className="mt-3 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-700" aria-live="polite">
        <CalendarDays aria-hidden className="size-4 text-gray-500" />
        <span className="font-medium text-gray-900" data-period>
          {f.period(range)}
        </span>
        <span className="text-xs text-gray-600">{t('reports.filters.zone')}</span>
      </p>
    </fieldset>
  );
}
