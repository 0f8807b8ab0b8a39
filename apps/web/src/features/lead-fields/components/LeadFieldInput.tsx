import type { LeadFieldDefinition } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/DateInput';
import type { FieldControlProps } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { useLocale } from '../../../hooks/useLocale';
import { optionLabel } from './fieldValues';

/**
 * The input a defined field's type calls for, holding its value as text (see toInputText and
 * fromInputText): a number pad for numbers, a date picker, the options of a choice, yes or no.
 */
export function LeadFieldInput({
  def,
  value,
  onChange,
  control,
}: {
  def: LeadFieldDefinition;
  value: string;
  onChange: (text: string) => void;
  /** The label's wiring from Field. */
  control: FieldControlProps;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const notSet = { value: NONE, label: t('leadFields.value.notSet') };
  const onSelect = (v: string) => onChange(v === NONE ? '' : v);
  switch (def.type) {
    case 'number':
      return <Input {...control} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} className="w-40" autoComplete="off" />;
    case 'date':
      return <DateInput {...control} value={value} onChange={onChange} className="w-52" />;
    case 'boolean':
      return (
        <Select
          {...control}
          value={value || NONE}
          onValueChange={onSelect}
          options={[notSet, { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]}
          className="w-40"
        />
      );
    case 'choice': {
      const options = def.options.map((o) => ({ value: o.value, label: optionLabel(o, lng) }));
      // A value from the data that is not among the options still shows as it is.
      const stray = value && !def.options.some((o) => o.value === value) ? [{ value, label: value }] : [];
      return <Select {...control} value={value || NONE} onValueChange={onSelect} options={[notSet, ...options, ...stray]} />;
    }
    case 'text':
      return <Input {...control} value={value} onChange={(e) => onChange(e.target.value)} maxLength={2000} autoComplete="off" />;
  }
}
