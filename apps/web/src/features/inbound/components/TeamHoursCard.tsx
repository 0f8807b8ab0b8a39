import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type InboundHours, type TeamInboundHours, WEEKDAYS } from '@telehub/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { api } from '../../../lib/api';
import { draftOf, type HoursDraft, parseHolidays, parseSpans } from '../hoursText';

export const inboundHoursKey = ['inbound', 'hours'] as const;

/** One team's answering hours: any hour, or spans per weekday in its zone, and holidays. */
export function TeamHoursCard({ team }: { team: TeamInboundHours }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<HoursDraft>(() => draftOf(team.hours));
  const [tried, setTried] = useState(false);
  const formId = useId();
  const save = useMutation({
    mutationFn: (hours: InboundHours | null) =>
      api<TeamInboundHours>(`/teams/${encodeURIComponent(team.teamId)}/inbound-hours`, { method: 'PUT', body: { hours } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboundHoursKey }),
  });

  const parsed = Object.fromEntries(WEEKDAYS.map((d) => [d, parseSpans(draft.days[d])])) as Record<(typeof WEEKDAYS)[number], ReturnType<typeof parseSpans>>;
  const holidays = parseHolidays(draft.holidays);
  const dayError = (d: (typeof WEEKDAYS)[number]) => {
    const p = parsed[d];
    return 'problem' in p ? t(`inbound.hours.problem.${p.problem}`) : undefined;
  };
  const invalid = !draft.anyHour && (WEEKDAYS.some((d) => dayError(d)) || 'bad' in holidays || !draft.timezone.trim());

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (draft.anyHour) return save.mutate(null);
    if (invalid || 'bad' in holidays) return;
    const week = Object.fromEntries(
      WEEKDAYS.flatMap((d) => {
        const p = parsed[d];
        return 'spans' in p && p.spans.length > 0 ? [[d, p.spans]] : [];
      }),
    );
    save.mutate({ timezone: draft.timezone.trim(), week, holidays: holidays.dates });
  }

  const set = (patch: Partial<HoursDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form
      onSubmit={submit}
      aria-label={t('inbound.hours.formLabel', { team: team.teamName })}
      className="space-y-4 rounded-lg border border-gray-200 bg-white p-4"
      data-team-hours={team.teamId}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-gray-900">{team.teamName}</h2>
        <span
          className={
            team.openNow ? 'rounded bg-emerald-100 px-2 text-xs font-medium text-emerald-900' : 'rounded bg-gray-100 px-2 text-xs font-medium text-gray-700'
          }
        >
          {team.openNow ? t('inbound.hours.openNow') : t('inbound.hours.closedNow')}
        </span>
      </div>
      <div className="flex items-center gap-2 text-sm text-gray-800">
        <Checkbox id={`${formId}-any`} checked={draft.anyHour} onChange={(e) => set({ anyHour: e.target.checked })} />
        <label htmlFor={`${formId}-any`}>{t('inbound.hours.anyHour')}</label>
      </div>
      {!draft.anyHour && (
        <>
          <Field
            label={t('inbound.hours.timezone')}
            hint={t('inbound.hours.timezoneHint')}
            error={tried && !draft.timezone.trim() ? t('inbound.hours.timezoneMissing') : undefined}
          >
            {(p) => <Input {...p} value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })} className="max-w-xs" />}
          </Field>
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-1 text-sm font-medium text-gray-800">{t('inbound.hours.week')}</legend>
            {WEEKDAYS.map((d) => (
              <Field key={d} label={t(`inbound.hours.day.${d}`)} error={dayError(d)} hint={draft.days[d].trim() ? undefined : t('inbound.hours.closedDay')}>
                {(p) => (
                  <Input
                    {...p}
                    value={draft.days[d]}
                    placeholder="09:30-13:00, 14:00-18:30"
                    onChange={(e) => set({ days: { ...draft.days, [d]: e.target.value } })}
                  />
                )}
              </Field>
            ))}
          </fieldset>
          <Field
            label={t('inbound.hours.holidays')}
            hint={t('inbound.hours.holidaysHint')}
            error={'bad' in holidays ? t('inbound.hours.badHoliday', { value: holidays.bad }) : undefined}
          >
            {(p) => <Input {...p} value={draft.holidays} placeholder="2026-12-25, 2027-01-26" onChange={(e) => set({ holidays: e.target.value })} />}
          </Field>
        </>
      )}
      {save.isError && <Alert>{t('inbound.hours.saveFailed', { message: message(save.error) })}</Alert>}
      {save.isSuccess && !save.isPending && (
        <p className="text-sm text-emerald-800" role="status">
          {t('inbound.hours.saved')}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={save.isPending || (tried && invalid)}>
        {t('inbound.hours.save')}
      </Button>
    </form>
  );
}
