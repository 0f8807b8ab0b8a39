/** Where a lead came from, in words: the known connectors by name, anything else as recorded. */
import type { TFunction } from 'i18next';

const KNOWN = ['file', 'laravel', 'mysql', 'amqp', 'demo', 'api'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (s: string): s is Known => (KNOWN as readonly string[]).includes(s);

/** For sentences ("added from the Laravel CRM"). */
export function sourceName(source: string, t: TFunction): string {
  return isKnown(source) ? t(`sources.names.${source}`) : source;
}

/** For lists and labels ("Laravel CRM"). */
export function sourceLabel(source: string, t: TFunction): string {
  return isKnown(source) ? t(`sources.labels.${source}`) : source;
}
