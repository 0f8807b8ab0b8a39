import { X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { DateInput } from '../../../components/ui/DateInput';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import type { ParamKey } from './auditParams';
import { AUDIT_ENTITY_TYPES, AUDIT_GROUPS, actionLabel, actionsOfGroup, isAuditGroup } from './auditVocabulary';

const label = 'mb-1 block text-xs font-medium text-gray-600';

/** Person, area and action, record type and id, and the days: each change narrows the log at once. */
export function AuditFilters({
  params,
  people,
  rangeInvalid,
  onChange,
  onClear,
}: {
  params: URLSearchParams;
  people: { id: string; name: string }[];
  rangeInvalid: boolean;
  onChange: (changes: Partial<Record<ParamKey, string | undefined>>) => void;
  onClear?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ids = {
    person: `${id}-person`,
    group: `${id}-group`,
    action: `${id}-action`,
    entity: `${id}-entity`,
    entityId: `${id}-eid`,
    from: `${id}-from`,
    to: `${id}-to`,
  };
  const group = params.get('group') ?? '';
  const [entityId, setEntityId] = useState(params.get('entityId') ?? '');
  useEffect(() => setEntityId(params.get('entityId') ?? ''), [params]);
  const applyEntityId = () => {
    const v = entityId.trim();
    if (v !== (params.get('entityId') ?? '')) onChange({ entityId: v || undefined });
  };

  const personOptions = [{ value: NONE, label: t('audit.filters.personAny') }, ...people.map((p) => ({ value: p.id, label: p.name }))];
  const groupOptions = [{ value: NONE, label: t('audit.filters.groupAny') }, ...AUDIT_GROUPS.map((g) => ({ value: g, label: t(`audit.groups.${g}`) }))];
  const actionOptions = [
    { value: NONE, label: t('audit.filters.actionAny') },
    ...(isAuditGroup(group) ? actionsOfGroup(group) : []).map((a) => ({ value: a, label: actionLabel(a, t) })),
  ];
  const entityOptions = [
    { value: NONE, label: t('audit.filters.entityAny') },
    ...AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) })),
  ];

  return (
    <fieldset className="grid min-w-0 grid-cols-1 gap-3 border-b border-gray-200 p-3 sm:grid-cols-2 sm:p-4 lg:grid-cols-4">
      <legend className="sr-only">{t('audit.filters.label')}</legend>
      <div className="min-w-0">
        <label htmlFor={ids.person} className={label}>
          {t('audit.filters.person')}
        </label>
        <Select
          id={ids.person}
          value={params.get('actor') ?? NONE}
          onValueChange={(v) => onChange({ actor: v === NONE ? undefined : v })}
          options={personOptions}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.group} className={label}>
          {t('audit.filters.group')}
        </label>
        <Select
          id={ids.group}
          value={group || NONE}
          onValueChange={(v) => onChange({ group: v === NONE ? undefined : v, action: undefined })}
          options={groupOptions}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.action} className={label}>
          {t('audit.filters.action')}
        </label>
        <Select
          id={ids.action}
          value={params.get('action') ?? NONE}
          onValueChange={(v) => onChange({ action: v === NONE ? undefined : v })}
          options={actionOptions}
          disabled={!isAuditGroup(group)}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.entity} className={label}>
          {t('audit.filters.entityType')}
        </label>
        <Select
          id={ids.entity}
          value={params.get('entity') ?? NONE}
          onValueChange={(v) => onChange({ entity: v === NONE ? undefined : v })}
          options={entityOptions}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.entityId} className={label}>
          {t('audit.filters.entityId')}
        </label>
        <Input
          id={ids.entityId}
          value={entityId}
          placeholder={t('audit.filters.entityIdPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          onChange={(e) => setEntityId(e.target.value)}
          onBlur={applyEntityId}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyEntityId();
          }}
        />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.from} className={label}>
          {t('audit.filters.from')}
        </label>
        <DateInput id={ids.from} value={params.get('from') ?? ''} max={params.get('to') ?? undefined} onChange={(v) => onChange({ from: v || undefined })} />
      </div>
      <div className="min-w-0">
        <label htmlFor={ids.to} className={label}>
          {t('audit.filters.to')}
        </label>
        <DateInput
          id={ids.to}
          value={params.get('to') ?? ''}
          min={params.get('from') ?? undefined}
          aria-invalid={rangeInvalid || undefined}
          aria-describedby={rangeInvalid ? `${id}-range` : undefined}
          onChange={(v) => onChange({ to: v || undefined })}
        />
        {rangeInvalid && (
          <p id={`${id}-range`} role="alert" className="mt-1 text-xs text-red-700">
            {t('audit.filters.rangeInvalid')}
          </p>
        )}
      </div>
      {onClear && (
        <div className="flex items-end">
          <Button variant="ghost" onClick={onClear}>
            <X aria-hidden className="size-4" />
            {t('audit.filters.clear')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
