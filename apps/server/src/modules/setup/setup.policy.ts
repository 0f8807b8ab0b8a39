/** The setup checklist is the admins'. */
import { ADMIN } from '../../platform/auth/roles.js';

export const setupPolicy = { roles: { view: ADMIN } };
