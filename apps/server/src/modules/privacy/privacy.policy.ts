/**
 * The person's rights, legal holds, retention and the processing log are for admins alone; the web
 * app shows them to whoever has the `manageCompliance` ability (admins), which they belong with.
 */
import { ADMIN } from '../../platform/auth/roles.js';

export const privacyPolicy = {
  roles: { manage: ADMIN },
};
