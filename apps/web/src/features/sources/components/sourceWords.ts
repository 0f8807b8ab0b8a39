/** Connector states, schedules and run counts in words. */
import type { SourceName } from '@telehub/shared';
import type { TFunction } from 'i18next';

const STATUSES = ['idle', 'running', 'succeeded', 'failed', 'connecting', 'consuming', 'disconnected', 'stopped'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

export const statusText = (s: string, t: TFunction) => (isStatus(s) ? t(`sources.status.${s}`) : s);

export const STATUS_TONE: Record<Status, string> = {
  idle: 'bg-gray-100 text-gray-700 ring-gray-200',
  running: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
  succeeded: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  consuming: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  connecting: 'bg-amber-50 text-amber-800 ring-amber-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
  disconnected: 'bg-red-50 text-red-700 ring-red-200',
  stopped: 'bg-gray-100 text-gray-700 ring-gray-200',
};
export const statusTone = (s: string) => (isStatus(s) ? STATUS_TONE[s] : STATUS_TONE.idle);

export function everyText(seconds: number, t: TFunction): string {
  if (seconds % 3600 === 0) return t('sources.card.everyHours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('sources.card.everyMinutes', { count: seconds / 60 });
  return t('sources.card.everySeconds', { count: seconds });
}

/** The environment variables that turn each connector on. */
export const ENV_VARS: Record<SourceName, string> = {
  laravel: 'LARAVEL_CRM_URL, LARAVEL_CRM_TOKEN',
  mysql: 'LEGACY_MYSQL_URL',
  amqp: 'LARAVEL_AMQP_URL, LARAVEL_AMQP_QUEUE',
};

/** The counts a run summary may carry, in the order they read best. */
export const SUMMARY_KEYS = ['fetched', 'created', 'updated', 'unchanged', 'failed', 'received', 'applied', 'duplicates', 'deadLettered'] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

export function summaryCounts(summary: Record<string, unknown> | null): [SummaryKey, number][] {
  if (!summary) return [];
  return SUMMARY_KEYS.flatMap((k) => (typeof summary[k] === 'number' ? [[k, summary[k] as number] as [SummaryKey, number]] : []));
}
