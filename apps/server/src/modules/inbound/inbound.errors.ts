import { defineErrors } from '../../platform/errors.js';

export const InboundErrors = defineErrors({
  INBOUND_CALL_NOT_FOUND: ['not_found', 'No inbound call with this id'],
  INBOUND_NOT_OFFERED: ['conflict', 'This call is no longer ringing for you: another agent has it, or the caller has hung up'],
  INBOUND_HOURS_INVALID: ['bad_request', 'The hours are not valid'],
  INBOUND_TEAM_FORBIDDEN: ['forbidden', 'You can set the hours of the teams you lead'],
  INBOUND_UNSUPPORTED: ['conflict', 'The configured telephony provider cannot take inbound calls'],
  INBOUND_CALLER_INVALID: ['bad_request', 'The caller’s number is not a phone number'],
  CALLBACK_TAKEN: ['conflict', 'Someone in your team has already taken this callback'],
  CALLBACK_NOT_IN_TEAM: ['not_found', 'No callback waiting in your team’s queue with this id'],
});
