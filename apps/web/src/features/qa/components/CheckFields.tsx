import { OBJECTION_TYPES, type QaCheck, SCRIPT_CHECKPOINTS, SENTIMENTS } from '@telehub/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../../components/ui/Checkbox';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { phrasesFrom } from './scorecardDraft';

const pct = (x: number) => String(Math.round(x * 100));
const fraction = (s: string) => Math.min(1, Math.max(0, Number(s) / 100 || 0));

/** The fields of one question's check, by its kind. */
export function CheckFields({ check, onChange }: { check: QaCheck; onChange: (c: QaCheck) => void }) {
  const { t } = useTranslation();
  // Phrases are typed as text and read on each change, so a half-typed line is not lost.
  const [phrases, setPhrases] = useState(check.kind === 'phrase' ? check.phrases.join('\n') : '');
  const absentId = useId();
  switch (check.kind) {
    case 'phrase':
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('qa.check.phrases')} hint={t('qa.check.phrasesHint')} className="sm:col-span-2">
            {(p) => (
              <Textarea
                {...p}
                rows={3}
                value={phrases}
                onChange={(e) => {
                  setPhrases(e.target.value);
                  onChange({ ...check, phrases: phrasesFrom(e.target.value) });
                }}
              />
            )}
          </Field>
          <Field label={t('qa.check.by')}>
            {(p) => (
              <Select
                {...p}
                value={check.by}
                onValueChange={(v) => onChange({ ...check, by: v as 'agent' | 'lead' })}
                options={(['agent', 'lead'] as const).map((s) => ({ value: s, label: t(`qa.sides.${s}`) }))}
              />
            )}
          </Field>
          <Field label={t('qa.check.within')} hint={t('qa.check.withinHint')}>
            {(p) => (
              <Input
                {...p}
                type="number"
                min={1}
                max={3600}
                value={check.withinSeconds ?? ''}
                onChange={(e) => onChange({ ...check, withinSeconds: e.target.value === '' ? null : Math.round(Number(e.target.value)) })}
              />
            )}
          </Field>
          <div className="flex items-center gap-2 text-sm text-gray-800 sm:col-span-2">
            <Checkbox id={absentId} checked={check.absent} onChange={(e) => onChange({ ...check, absent: e.target.checked })} />
            <label htmlFor={absentId}>{t('qa.check.absent')}</label>
          </div>
        </div>
      );
    case 'checkpoint':
      return (
        <Field label={t('qa.check.checkpoint')}>
          {(p) => (
            <Select
              {...p}
              value={check.checkpoint}
              onValueChange={(v) => onChange({ ...check, checkpoint: v as typeof check.checkpoint })}
              options={SCRIPT_CHECKPOINTS.map((c) => ({ value: c, label: t(`qa.checkpoints.${c}`) }))}
            />
          )}
        </Field>
      );
    case 'talk_ratio':
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('qa.check.min')}>
            {(p) => (
              <Input {...p} type="number" min={0} max={100} value={pct(check.min)} onChange={(e) => onChange({ ...check, min: fraction(e.target.value) })} />
            )}
          </Field>
          <Field label={t('qa.check.max')}>
            {(p) => (
              <Input {...p} type="number" min={0} max={100} value={pct(check.max)} onChange={(e) => onChange({ ...check, max: fraction(e.target.value) })} />
            )}
          </Field>
        </div>
      );
    case 'sentiment':
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('qa.check.side')}>
            {(p) => (
              <Select
                {...p}
                value={check.side}
                onValueChange={(v) => onChange({ ...check, side: v as 'lead' | 'agent' })}
                options={(['lead', 'agent'] as const).map((s) => ({ value: s, label: t(`qa.sides.${s}`) }))}
              />
            )}
          </Field>
          <Field label={t('qa.check.atLeast')}>
            {(p) => (
              <Select
                {...p}
                value={check.atLeast}
                onValueChange={(v) => onChange({ ...check, atLeast: v as typeof check.atLeast })}
                options={SENTIMENTS.map((s) => ({ value: s, label: t(`qa.sentiments.${s}`) }))}
              />
            )}
          </Field>
        </div>
      );
    case 'objection_handled':
      return (
        <Field label={t('qa.check.objection')}>
          {(p) => (
            <Select
              {...p}
              value={check.objection ?? NONE}
              onValueChange={(v) => onChange({ ...check, objection: v === NONE ? null : (v as typeof check.objection) })}
              options={[
                { value: NONE, label: t('qa.check.objectionAny') },
                ...OBJECTION_TYPES.map((o) => ({ value: o, label: t(`battlecards.objections.${o}`) })),
              ]}
            />
          )}
        </Field>
      );
    case 'llm':
      return (
        <Field label={t('qa.check.instruction')} hint={t('qa.check.instructionHint')}>
          {(p) => <Textarea {...p} rows={2} maxLength={1000} value={check.instruction} onChange={(e) => onChange({ ...check, instruction: e.target.value })} />}
        </Field>
      );
  }
}
