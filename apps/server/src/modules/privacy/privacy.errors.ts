import { defineErrors } from '../../platform/errors.js';

export const PrivacyErrors = defineErrors({
  PRIVACY_REQUEST_NOT_FOUND: ['not_found', 'Privacy request not found'],
  PRIVACY_REQUEST_CLOSED: ['conflict', 'This request is already closed'],
  PRIVACY_LEGAL_HOLD: ['conflict', 'The lead is under a legal hold: its data cannot be erased until the hold is lifted'],
  PRIVACY_CORRECTION_EMPTY: ['bad_request', 'corrections: give at least one corrected field'],
  PRIVACY_RESOLUTION_REQUIRED: ['bad_request', 'resolution: say how the request was resolved'],
  PRIVACY_NO_EXPORT: ['not_found', 'This request has no access export (it is not a completed access request, or the person was erased since)'],
  PRIVACY_ALREADY_ERASED: ['conflict', 'The person behind this number was erased; there is nothing left to act on'],
  PRIVACY_HOLD_EXISTS: ['conflict', 'The lead is already under a legal hold'],
  PRIVACY_HOLD_NOT_FOUND: ['not_found', 'No active legal hold with this id'],
  PRIVACY_LEAD_ERASED: ['conflict', 'The lead was erased'],
});
