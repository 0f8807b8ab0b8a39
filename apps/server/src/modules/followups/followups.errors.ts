import { defineErrors } from '../../platform/errors.js';

export const FollowupErrors = defineErrors({
  FOLLOWUP_RULE_NOT_FOUND: ['not_found', 'Follow-up rule not found'],
  FOLLOWUP_RUN_NOT_FOUND: ['not_found', 'Follow-up not found'],
  FOLLOWUP_RUN_ENDED: ['conflict', 'This follow-up has already ended'],
  FOLLOWUP_CAMPAIGN_NOT_FOUND: ['bad_request', 'campaignId: no such campaign'],
});
