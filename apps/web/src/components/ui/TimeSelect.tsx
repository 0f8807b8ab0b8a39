import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../hooks/useLocale';
import { intlLocale } from '../../i18n';
import { timesOfDay } from '../../lib/dates';
import { clockOptions } from '../../lib/format';
import { Select } from './Select';

/**
 * A time of day chosen from a list, named as the interface language says times ("9:30 am",
 * "सुबह 9:30"), whatever the browser's locale. Value 'HH:MM'; `endOfDay` adds 24:00 (midnight at
 * the end of the day, for the end of a range).
 */
export function TimeSelect({
  value,
  onChange,
  step = 30,
  endOfDay = false,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  step?: number;
  endOfDay?: boolean;
  id?: string;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const options = useMemo(() => {
    const f = new Intl.DateTimeFormat(intlLocale(lng), { ...clockOptions(lng), timeZone: 'UTC' });
    const times = timesOfDay(step);
    if (value && value !== '24:00' && !times.includes(value)) times.push(value);
    const list = times.sort().map((v) => ({ value: v, label: f.format(new Date(`2026-01-01T${v}:00Z`)) }));
    if (endOfDay) list.push({ value: '24:00', label: t('dates.endOfDay') });
    return list;
  }, [lng, step, endOfDay, value, t]);
  return <Select value={value} onValueChange={onChange} options={options} {...rest} />;
}
