import { defineErrors } from '../../platform/errors.js';

export const LeadErrors = defineErrors({
  LEAD_NOT_FOUND: ['not_found', 'Lead not found'],
  LEAD_PHONE_INVALID: ['bad_request', 'The phone number is not valid'],
  LEAD_PHONE_EXISTS: ['conflict', 'A lead with this phone number already exists'],
  LEAD_OWNER_INVALID: ['unprocessable', 'The owner must be an active user'],
  LEAD_TIMEZONE_INVALID: ['bad_request', 'The time zone is not a known IANA time zone'],
  LEAD_METADATA_INVALID: ['bad_request', 'metadata: it passes the limits on size, keys or nesting'],
  LEAD_FIELD_FORBIDDEN: ['forbidden', 'You may not change this field'],
  LEAD_FIELD_NOT_FOUND: ['not_found', 'Lead field not found'],
  LEAD_FIELD_KEY_TAKEN: ['conflict', 'key: this key is already defined'],
  LEAD_FIELDS_TOO_MANY: ['bad_request', 'There are as many lead fields as a lead can hold'],
  LEAD_MERGE_SAME: ['bad_request', 'otherId: a lead cannot be merged into itself'],
  MERGE_NOT_FOUND: ['not_found', 'Merge not found'],
  MERGE_ALREADY_UNDONE: ['conflict', 'This merge was already undone'],
  MERGE_UNDO_PHONE_TAKEN: ['conflict', "The merged lead's phone now belongs to another lead; the merge cannot be undone"],
});
