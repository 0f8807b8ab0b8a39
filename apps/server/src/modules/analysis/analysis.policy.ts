/** Who may read a call's analysis: whoever may see the call (the calls module decides that per call). */
import { ANY_ROLE } from '../../platform/auth/roles.js';

export const analysisPolicy = {
  roles: { read: ANY_ROLE },
};
