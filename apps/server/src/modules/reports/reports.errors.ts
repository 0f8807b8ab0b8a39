import { defineErrors } from '../../platform/errors.js';

export const ReportErrors = defineErrors({
  REPORT_TEAM_NOT_YOURS: ['forbidden', 'teamId: that team is not one of yours'],
  REPORT_AGENT_NOT_YOURS: ['forbidden', 'agentId: that telecaller is not in your teams'],
  REPORT_EXPORT_NOT_FOUND: ['not_found', 'Export not found'],
  REPORT_EXPORT_NOT_READY: ['conflict', 'The export is not ready yet; wait for it to finish'],
  REPORT_SUBSCRIPTION_NOT_FOUND: ['not_found', 'Scheduled report not found'],
  REPORT_EMAIL_NOT_CONFIGURED: ['unavailable', 'Email is not set up: set SMTP_URL to send scheduled reports'],
});
