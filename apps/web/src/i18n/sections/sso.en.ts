/** Single sign-on on the sign-in page: the button, and why a sign-in through the identity provider ended back here. */
export const ssoEn = {
  sso: {
    button: 'Sign in with {{label}}',
    or: 'or with your email and password',
    subtitle: 'Use your organisation’s sign-in, or the email and password your admin gave you.',
    onlySso: 'Your organisation signs in through its own sign-in service.',
    redirecting: 'Opening {{label}}…',
    errors: {
      SSO_NOT_CONFIGURED: 'Single sign-on is not set up on this server. Sign in with your email and password, or ask an admin.',
      SSO_PROVIDER_UNAVAILABLE: 'Your organisation’s sign-in service did not answer. Try again in a moment.',
      SSO_DENIED: 'The sign-in was cancelled or refused at your organisation’s sign-in service.',
      SSO_STATE_INVALID: 'That sign-in link had expired or was not started here. Please start again.',
      SSO_FAILED: 'Your organisation’s sign-in service gave an answer TeleHub cannot trust, so sign-in stopped. Ask an admin.',
      SSO_NO_ROLE: 'Your account is not in any group that gives a role in TeleHub. Ask an admin to add you to one.',
      SSO_NO_TEAM: 'The team your account names does not exist in TeleHub. Ask an admin.',
      SSO_EMAIL_MISSING: 'Your organisation’s sign-in service did not share your email address. Ask an admin.',
      SSO_EMAIL_UNVERIFIED: 'Your email address is not verified at your organisation’s sign-in service.',
      ACCOUNT_DISABLED: 'This account is disabled. Ask an admin to enable it.',
      LAST_ADMIN: 'Signing in would take the role away from the last admin, so it was refused. Ask an admin.',
      PASSWORD_SIGNIN_DISABLED: 'Password sign-in is switched off here. Use the button above.',
      generic: 'Sign-in through your organisation did not complete ({{code}}).',
    },
  },
};
