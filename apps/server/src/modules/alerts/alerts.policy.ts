/** Alerts are for staff, each about the people and teams they watch. */
import { STAFF } from '../../platform/auth/roles.js';

export const alertsPolicy = {
  roles: { view: STAFF },
};
