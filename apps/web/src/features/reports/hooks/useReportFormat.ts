import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { intlLocale } from '../../../i18n';
import { clockOptions, formatHms, formatMinSec, formatNumber, formatRate, formatRupees } from '../../../lib/format';
import { hourLabel } from '../components/measures';
import { formatDayShort, formatPeriod, REPORT_TIME_ZONE } from '../components/periods';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DASH = '—';

/** The report's figures in words, in the interface language; a missing figure is a dash. */
export function useReportFormat() {
  const { t } = useTranslation();
  const lng = useLocale();
  return useMemo(() => {
    const oneDecimal = new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 1 });
    const inIndia = new Intl.DateTimeFormat(intlLocale(lng), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...clockOptions(lng),
      timeZone: REPORT_TIME_ZONE,
      timeZoneName: 'short',
    });
    return {
      lng,
      n: (v: number | null | undefined) => (v == null ? DASH : formatNumber(v, lng)),
      rate: (v: number | null | undefined) => (v == null ? DASH : formatRate(v, lng)),
      hms: (v: number | null | undefined) => (v == null ? DASH : formatHms(v)),
      minSec: (v: number | null | undefined) => (v == null ? DASH : formatMinSec(v)),
      money: (v: number | null | undefined) => (v == null ? DASH : formatRupees(v, lng)),
      decimal: (v: number | null | undefined) => (v == null ? DASH : oneDecimal.format(v)),
      hour: hourLabel,
      weekday: (i: number) => t(`reports.weekday.${WEEKDAY_KEYS[i] ?? 'mon'}`),
      weekdayShort: (i: number) => t(`reports.weekdayShort.${WEEKDAY_KEYS[i] ?? 'mon'}`),
      day: (d: string) => formatDayShort(d, lng),
      period: (r: { from: string; to: string }) => formatPeriod(r, lng),
      /** A moment in India time, zone named (schedules are set in it, whatever the browser's zone). */
      istDateTime: (iso: string) => inIndia.format(new Date(iso)),
    };
  }, [lng, t]);
}

export type ReportFormat = ReturnType<typeof useReportFormat>;
