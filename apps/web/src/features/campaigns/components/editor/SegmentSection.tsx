import { LANGUAGES, LEAD_STATUSES } from '@telehub/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/ui/Alert';
import { Checkbox } from '../../../../components/ui/Checkbox';
import { DateInput } from '../../../../components/ui/DateInput';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { SwitchRow } from '../../../../components/ui/SwitchRow';
import { useLocale } from '../../../../hooks/useLocale';
import { cn } from '../../../../lib/cn';
import { languageName } from '../../../../lib/format';
import { useUsers } from '../../../users';
import type { SegmentForm } from '../segmentForm';
import { takesEveryLead, toSegment } from '../segmentForm';
import { CheckList } from './CheckList';
import { Section, type SectionProps } from './Section';

function Boxes<T extends string>({
  legend,
  items,
  value,
  onChange,
  label,
}: {
  legend: string;
  items: readonly T[];
  value: T[];
  onChange: (v: T[]) => void;
  label: (v: T) => string;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{legend}</legend>
      <div className="grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-4">
        {items.map((v) => (
          <label key={v} htmlFor={`${id}-${v}`} className="flex items-center gap-2 text-sm text-gray-800">
            <Checkbox
              id={`${id}-${v}`}
              checked={value.includes(v)}
              onChange={(e) => onChange(e.target.checked ? items.filter((x) => x === v || value.includes(x)) : value.filter((x) => x !== v))}
            />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Window({
  legend,
  from,
  to,
  onFrom,
  onTo,
  errFrom,
  errTo,
  disabled,
}: {
  legend: string;
  from: string;
  to: string;
  onFrom: (v: string) => void;
  onTo: (v: string) => void;
  errFrom?: string;
  errTo?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={cn(disabled && 'opacity-60')}>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{legend}</legend>
      <div className="grid grid-cols-2 gap-3">
        <Field label={<span className="text-xs font-normal text-gray-700">{t('campaigns.segment.from')}</span>} error={errFrom}>
          {(p) => <DateInput {...p} value={from} onChange={onFrom} disabled={disabled} />}
        </Field>
        <Field label={<span className="text-xs font-normal text-gray-700">{t('campaigns.segment.to')}</span>} error={errTo}>
          {(p) => <DateInput {...p} value={to} min={from || undefined} onChange={onTo} disabled={disabled} />}
        </Field>
      </div>
    </fieldset>
  );
}

/** Which leads the campaign works: a segment of the lead base (every filter narrows), or only leads added by list. */
export function SegmentSection({ form, set, err }: SectionProps) {
  const { t } = useTranslation();
  const lng = useLocale();
  const name = useId();
  const users = useUsers();
  const s = form.segment;
  const put = <K extends keyof SegmentForm>(key: K, value: SegmentForm[K]) => set('segment', { ...s, [key]: value });
  const owners = (users.data?.items ?? [])
    .filter((u) => u.active && u.role !== 'admin')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) }));

  return (
    <Section id="campaign-segment" title={t('campaigns.segment.title')} hint={t('campaigns.segment.hint')}>
      <fieldset>
        <legend className="sr-only">{t('campaigns.segment.which')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(['segment', 'list'] as const).map((m) => (
            <label
              key={m}
              className={cn(
                'flex cursor-pointer gap-2.5 rounded-md p-3 ring-1 ring-inset',
                s.mode === m ? 'bg-indigo-50 ring-indigo-500' : 'bg-white ring-gray-300 hover:bg-gray-50',
              )}
            >
              <input type="radio" name={name} checked={s.mode === m} onChange={() => put('mode', m)} className="mt-0.5 size-4 accent-indigo-600" />
              <span>
                <span className="block text-sm font-medium text-gray-900">{t(`campaigns.segment.mode.${m}`)}</span>
                <span className="block text-xs text-gray-600">{t(`campaigns.segment.modeHint.${m}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {s.mode === 'segment' && (
        <>
          {takesEveryLead(toSegment(s)) && <Alert tone="info">{t('campaigns.segment.everyLead')}</Alert>}
          <Boxes
            legend={t('campaigns.segment.statuses')}
            items={LEAD_STATUSES}
            value={s.statuses}
            onChange={(v) => put('statuses', v)}
            label={(v) => t(`status.${v}`)}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label={t('campaigns.segment.tags')} hint={t('campaigns.segment.listHint')} error={err('segment.tags')}>
              {(p) => <Input {...p} value={s.tags} onChange={(e) => put('tags', e.target.value)} autoComplete="off" />}
            </Field>
            <Field label={t('campaigns.segment.sources')} hint={t('campaigns.segment.listHint')} error={err('segment.sources')}>
              {(p) => <Input {...p} value={s.sources} onChange={(e) => put('sources', e.target.value)} autoComplete="off" />}
            </Field>
            <Field label={t('campaigns.segment.cities')} hint={t('campaigns.segment.listHint')} error={err('segment.cities')}>
              {(p) => <Input {...p} value={s.cities} onChange={(e) => put('cities', e.target.value)} autoComplete="off" />}
            </Field>
          </div>
          <Boxes
            legend={t('campaigns.segment.languages')}
            items={LANGUAGES}
            value={s.languages}
            onChange={(v) => put('languages', v)}
            label={(v) => languageName(v, lng)}
          />
          <CheckList
            legend={t('campaigns.segment.owners')}
            hint={t('campaigns.segment.ownersHint')}
            options={owners}
            value={s.ownerIds}
            onChange={(v) => put('ownerIds', v)}
            loading={users.isPending && users.fetchStatus !== 'idle'}
            emptyText={t('campaigns.form.noAgents')}
            error={err('segment.ownerIds')}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <Window
              legend={t('campaigns.segment.created')}
              from={s.createdFrom}
              to={s.createdTo}
              onFrom={(v) => put('createdFrom', v)}
              onTo={(v) => put('createdTo', v)}
              errFrom={err('segment.createdFrom')}
              errTo={err('segment.createdTo')}
            />
            <Window
              legend={t('campaigns.segment.lastContacted')}
              from={s.lastContactedFrom}
              to={s.lastContactedTo}
              onFrom={(v) => put('lastContactedFrom', v)}
              onTo={(v) => put('lastContactedTo', v)}
              errFrom={err('segment.lastContactedFrom')}
              errTo={err('segment.lastContactedTo')}
              disabled={s.neverContacted}
            />
          </div>
          <SwitchRow
            label={t('campaigns.segment.neverContacted')}
            hint={t('campaigns.segment.neverContactedHint')}
            checked={s.neverContacted}
            onCheckedChange={(v) => put('neverContacted', v)}
          />
          {err('segment') && <p className="text-sm text-red-700">{err('segment')}</p>}
        </>
      )}
    </Section>
  );
}
