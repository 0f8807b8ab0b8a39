import { defineErrors } from '../../platform/errors.js';

export const CampaignErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: ['not_found', 'Campaign not found'],
  CAMPAIGN_LEAD_UNKNOWN: ['unprocessable', 'One or more leads do not exist'],
  CAMPAIGN_DATES_INVALID: ['bad_request', 'endDate must not be before startDate'],
  CAMPAIGN_TIMEZONE_INVALID: ['bad_request', 'timezone: not a known IANA time zone'],
  CAMPAIGN_PEOPLE_UNKNOWN: ['unprocessable', 'An agent or team does not exist'],
  CAMPAIGN_ARCHIVED: ['conflict', 'The campaign is archived; it can no longer change'],
  CAMPAIGN_TRANSITION_INVALID: ['conflict', 'The campaign cannot make that change from where it is'],
  CAMPAIGN_NO_AGENTS: ['conflict', 'Assign agents or teams to the campaign before starting it'],
  DIAL_MODE_UNSUPPORTED: ['unprocessable', 'The telephony provider cannot run this dial mode'],
  CAMPAIGN_NOT_RUNNING: ['conflict', 'The campaign is not running'],
  CAMPAIGN_NOT_ASSIGNED: ['forbidden', 'You are not one of this campaign’s agents'],
  PREVIEW_ONLY: ['conflict', 'Only a preview campaign offers leads one at a time'],
});
