import { defineErrors } from '../../platform/errors.js';

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
  PROVIDER_FAILED: ['bad_gateway', 'The telephony provider refused the request'],
  SUPERVISION_UNSUPPORTED: ['conflict', 'The telephony provider does not support this supervision mode'],
  SUPERVISOR_PHONE_MISSING: ['conflict', 'Add your phone number to your profile to listen to calls'],
});
