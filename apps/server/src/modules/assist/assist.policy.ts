import { ANY_ROLE } from '../../platform/auth/roles.js';

/** Everyone signed in may use assist; a call's cards follow the call's own scope (checked by reading it). */
export const assistPolicy = { roles: { use: ANY_ROLE } } as const;
