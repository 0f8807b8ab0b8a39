/**
 * Admins change every setting the product holds; managers read and change the alert thresholds
 * (the command center's alerts are theirs to tune). Telecallers see none.
 */
import type { LiveGroup } from '../../config.js';
import { isAdmin, STAFF } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

export const settingsPolicy = {
  roles: { view: STAFF, manage: STAFF },
  groupsOf: (a: Pick<Actor, 'role'>): readonly LiveGroup[] =>
    isAdmin(a) ? ['sources', 'workload', 'compliance', 'alerts', 'telephony'] : a.role === 'manager' ? ['alerts'] : [],
  abilities: (a: Actor) => ({ manageSettings: isAdmin(a), manageAlertThresholds: a.role === 'admin' || a.role === 'manager' }),
};
