import { defineErrors } from '../../platform/errors.js';

export const ComplianceErrors = defineErrors({
  DND_COLUMNS_MISSING: ['bad_request', 'file: no phone number column found (expected a header such as Phone, Mobile or MSISDN)'],
  DND_PHONE_INVALID: ['bad_request', 'phone: not a valid phone number'],
  DIAL_BLOCKED: ['conflict', 'This lead cannot be called now'],
  CONSENT_NOT_RECORDED: ['conflict', 'Consent not recorded'],
  NOTICE_NOT_FOUND: ['not_found', 'No such consent notice'],
  NOTICE_CONFLICT: ['conflict', 'Another version of this notice was published at the same moment; try again'],
});
