import type { FollowupTiming } from '@telehub/shared';
import type { TFunction } from 'i18next';

/** "At once", "After 3 days", "24 hours before the callback", in the interface language. */
export function timingText(t: TFunction, timing: FollowupTiming): string {
  if (timing.kind === 'now') return t('followups.timing.now');
  if (timing.kind === 'after') return t('followups.timing.after', { amount: timing.amount, unit: t(`followups.units.${timing.unit}`) });
  return t('followups.timing.before', { count: timing.hours });
}
