import { AppError, defineErrors } from '../../platform/errors.js';

export const CallErrors = defineErrors({
  CALL_NOT_FOUND: ['not_found', 'Call not found'],
  RECORDING_NOT_FOUND: ['not_found', 'This call has no recording (yet)'],
  RECORDING_FORBIDDEN: ['forbidden', 'Only the agent on the call and managers may listen to its recording'],
  /** The agent cannot take the call (busy, no phone); the compliance module refuses for the lead's sake with the same code. */
  DIAL_BLOCKED: ['conflict', 'This lead cannot be called now'],
  DIAL_MODE_UNSUPPORTED: ['conflict', 'The telephony provider cannot place this kind of call'],
  CALL_NOT_BRIDGEABLE: ['conflict', 'This call cannot be connected to an agent now'],
  CALL_NOT_LIVE: ['conflict', 'The call has already ended'],
  HANGUP_UNSUPPORTED: ['conflict', 'This provider cannot end calls from here; hang up on the phone'],
  /** A simulator call runs in the server process that placed it; another one cannot end it. */
  CALL_HELD_ELSEWHERE: ['conflict', 'This call runs on another TeleHub server, which this one cannot reach; try again in a moment'],
  CALL_STILL_LIVE: ['conflict', 'The call is still going on: hang up first'],
  CALL_ALREADY_DISPOSED: ['conflict', 'This call already has a disposition'],
  DISPOSITION_UNKNOWN: ['bad_request', 'disposition: not one of the configured dispositions'],
  CALLBACK_TIME_REQUIRED: ['bad_request', 'callbackAt: this disposition needs a callback time'],
  CALLBACK_TIME_PAST: ['bad_request', 'callbackAt: must be in the future'],
  DISPOSITIONS_INVALID: ['bad_request', 'The disposition list is not valid'],
  CAMPAIGN_NOT_FOUND: ['not_found', 'Campaign not found'],
  /** The draft note is the agent's own, typed on their call. */
  DRAFT_NOTE_NOT_YOURS: ['forbidden', 'Only the agent on the call keeps notes on it'],
  PROVIDER_FAILED: ['bad_gateway', 'The telephony provider refused the request'],
  SUPERVISION_UNSUPPORTED: ['conflict', 'The telephony provider does not support this supervision mode'],
  SUPERVISOR_PHONE_MISSING: ['conflict', 'Add your phone number to your profile to listen to calls'],
  /** In-call controls (calls.controls.ts): the provider cannot (`provider`, `control`), or not on this call now (`reason`). */
  CONTROL_UNSUPPORTED: ['conflict', 'The telephony provider cannot do this on a call'],
  CONTROL_FORBIDDEN: ['forbidden', 'Only the agent on the call can use its controls'],
  CONTROL_UNAVAILABLE: ['conflict', 'This control cannot be used on the call now'],
  TRANSFER_TARGET_INVALID: ['unprocessable', 'This person cannot take the call'],
  REDIAL_NUMBER_UNKNOWN: ['unprocessable', 'phone: not one of the lead’s numbers'],
  REDIAL_OUTCOME_REQUIRED: ['unprocessable', 'disposition: the lead answered this call; choose its outcome before calling another number'],
});

export type FieldProblem = { path: string; message: string };

/**
 * A wrap-up missing what its disposition requires, one detail a field (as validation errors carry
 * them). A lone callback-time problem keeps the code it always had.
 */
export function wrapUpRefused(problems: (FieldProblem & { code?: 'CALLBACK_TIME_REQUIRED' | 'CALLBACK_TIME_PAST' })[]): AppError {
  const details = problems.map(({ path, message }) => ({ path, message }));
  const [only] = problems;
  if (problems.length === 1 && only?.code) return new AppError(only.code, 'bad_request', `${only.path}: ${only.message}`, details);
  return new AppError('WRAP_UP_INCOMPLETE', 'bad_request', `The wrap-up is not complete: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
