import type { CallControls, ControlAvailability } from '@telehub/shared';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/errors';

export type InCallControl = keyof CallControls['can'];

const PROVIDER_NAMES: Record<CallControls['provider'], string> = { simulator: 'Simulator', twilio: 'Twilio', exotel: 'Exotel' };

/** Why a control is closed, in the interface language; null when it is open. */
export function closedBecause(t: TFunction, state: Pick<CallControls, 'provider'>, control: InCallControl, a: ControlAvailability): string | null {
  if (a.ok || !a.reason) return null;
  if (a.reason === 'provider') {
    if (control === 'redial') return t('inCall.why.redialProvider');
    return state.provider === 'exotel' ? t('inCall.why.exotel') : t('inCall.why.provider', { provider: PROVIDER_NAMES[state.provider] });
  }
  return t(`inCall.why.${a.reason}`);
}

const OWN_CODES = ['CONTROL_UNSUPPORTED', 'CONTROL_FORBIDDEN', 'TRANSFER_TARGET_INVALID', 'REDIAL_NUMBER_UNKNOWN', 'REDIAL_OUTCOME_REQUIRED'] as const;
const REASONS = ['not_connected', 'ended', 'not_yours', 'consulting', 'held', 'no_numbers'] as const;
const TARGET_BLOCKS = ['busy', 'offline', 'break', 'no_phone'] as const;
const oneOf =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (list as readonly string[]).includes(v);
const isOwnCode = oneOf(OWN_CODES);
const isReason = oneOf(REASONS);
const isTargetBlock = oneOf(TARGET_BLOCKS);

/** A refused control in the interface language where the refusal is one of ours; `fallback` (the app's own words) otherwise. */
export function controlError(t: TFunction, err: unknown, fallback: (err: unknown) => string): string {
  if (!isApiError(err)) return fallback(err);
  const reason = err.extra.reason;
  if (err.code === 'CONTROL_UNSUPPORTED' && err.extra.provider === 'exotel') return t('inCall.why.exotel');
  if (err.code === 'CONTROL_UNAVAILABLE' && isReason(reason)) return t(`inCall.why.${reason}`);
  if (err.code === 'TRANSFER_TARGET_INVALID' && isTargetBlock(reason))
    return `${t('inCall.errors.TRANSFER_TARGET_INVALID')} (${t(`inCall.move.blocked.${reason}`)})`;
  if (isOwnCode(err.code)) return t(`inCall.errors.${err.code}`);
  return fallback(err);
}
