import { defineErrors } from '../../platform/errors.js';

export const MessagingErrors = defineErrors({
  WHATSAPP_NOT_CONFIGURED: ['unavailable', 'WhatsApp is not configured on this server (WHATSAPP_TOKEN and the rest are unset)'],
  EMAIL_NOT_CONFIGURED: ['unavailable', 'Email is not configured on this server (SMTP_URL is unset)'],
  CONSENT_REQUIRED: ['conflict', 'The lead has not consented to messages on this channel'],
  DND_MARKETING: ['conflict', 'The lead is on the DND registry: marketing messages are not sent to them'],
  TEMPLATE_NOT_FOUND: ['unprocessable', 'No approved template by that name'],
  TEMPLATE_NOT_SENDABLE: ['unprocessable', 'This template needs header or button parameters TeleHub does not fill'],
  VARIABLES_MISMATCH: ['bad_request', 'The variables do not match the template'],
  WINDOW_CLOSED: ['conflict', 'The 24-hour window is closed: the lead has not written in the last 24 hours, so only a template can be sent'],
  LEAD_HAS_NO_EMAIL: ['conflict', 'The lead has no email address'],
  EMAIL_TEMPLATE_EXISTS: ['conflict', 'An email template with this name and language exists'],
  EMAIL_TEMPLATE_NOT_FOUND: ['not_found', 'Email template not found'],
  TEMPLATE_SYNC_FAILED: ['bad_gateway', 'Meta did not answer the template sync'],
  MESSAGE_NOT_FOUND: ['not_found', 'Message not found'],
});
