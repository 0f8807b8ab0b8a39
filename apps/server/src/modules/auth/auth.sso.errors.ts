import { defineErrors } from '../../platform/errors.js';

/** Why a single sign-on was refused; the code lands on the sign-in page (`?sso_error=`), which explains it. */
export const SsoErrors = defineErrors({
  SSO_NOT_CONFIGURED: ['not_found', 'Single sign-on is not set up here'],
  SSO_PROVIDER_UNAVAILABLE: ['bad_gateway', 'The identity provider did not answer; try again in a moment'],
  SSO_DENIED: ['forbidden', 'The sign-in was cancelled or refused at the identity provider'],
  SSO_STATE_INVALID: ['bad_request', 'This sign-in link is stale or was not started here; start again from the sign-in page'],
  SSO_FAILED: ['bad_gateway', 'The identity provider answered in a way that cannot be trusted; sign-in stopped'],
  SSO_EMAIL_MISSING: ['forbidden', 'The identity provider did not send an email address'],
  SSO_EMAIL_UNVERIFIED: ['forbidden', 'The identity provider has not verified this email address'],
  SSO_NO_ROLE: ['forbidden', 'None of your groups gives a role in TeleHub; ask an admin'],
  SSO_NO_TEAM: ['forbidden', 'The team your identity provider names does not exist in TeleHub; ask an admin'],
});
