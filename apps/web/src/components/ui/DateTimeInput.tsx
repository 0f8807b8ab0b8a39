import { useTranslation } from 'react-i18next';
import { DateInput } from './DateInput';
import { TimeSelect } from './TimeSelect';

/**
 * A day and a time of day, the day typed or picked day first and the time chosen by quarter hour,
 * named in the interface language. Value as a datetime-local input holds it ("2026-12-06T18:30",
 * local time), or '' for none; the time keeps 11:00 until one is chosen.
 */
export function DateTimeInput({
  id,
  value,
  onChange,
  min,
  required,
  disabled,
  ...aria
}: {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** The earliest moment allowed, in the same shape (only its day limits the calendar). */
  min?: string;
  required?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const { t } = useTranslation();
  const [day = '', time = ''] = value ? value.split('T') : [];
  return (
    <div className="flex flex-wrap items-start gap-2">
      <DateInput
        id={id}
        value={day}
        min={min?.slice(0, 10)}
        required={required}
        disabled={disabled}
        aria-describedby={aria['aria-describedby']}
        aria-invalid={aria['aria-invalid']}
        onChange={(d) => onChange(d ? `${d}T${time || '11:00'}` : '')}
        className="w-44"
      />
      <div className="w-40">
        <TimeSelect
          value={time}
          step={15}
          disabled={disabled || !day}
          aria-label={t('dates.time')}
          aria-describedby={aria['aria-describedby']}
          aria-invalid={aria['aria-invalid']}
          onChange={(v) => onChange(`${day}T${v}`)}
        />
      </div>
    </div>
  );
}
