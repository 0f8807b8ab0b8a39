/**
 * Who may do what with leads. A telecaller works the leads they own; a manager the leads of the
 * people they watch (their teams) and the unassigned pool they hand out; an admin every lead.
 * Routes, services and the abilities sent to the client all ask here.
 */
import { ADMIN, ANY_ROLE, isAdmin, isStaff, STAFF, type Watched } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';

const staff = (a: Actor) => isStaff(a);

export const leadsPolicy = {
  /** Route access; row-level checks follow. */
  roles: { view: ANY_ROLE, create: ANY_ROLE, delete: STAFF, assign: STAFF, export: STAFF, merge: STAFF, import: STAFF, privacy: ADMIN, manageFields: ADMIN },
  /** Everyone may add a lead; a telecaller's new lead is their own. */
  create: (_a: Actor) => true,
  delete: staff,
  assign: staff,
  export: staff,
  merge: staff,
  import: staff,
  /** A person's rights over their data (access, erasure) are exercised by admins. */
  privacy: isAdmin,
  /** Row-level visibility: `watched` is the people the actor watches (null: everyone). */
  canSee: (a: Actor, lead: { ownerId: string | null }, watched: Watched) => watched === null || (lead.ownerId !== null ? watched.has(lead.ownerId) : staff(a)),
  /** Whom the actor may give leads to: anyone they watch (and nobody). */
  canAssignTo: (a: Actor, ownerId: string | null, watched: Watched) => staff(a) && (ownerId === null || watched === null || watched.has(ownerId)),
  /** The scope forced on a list query: null for none (admins). */
  listScope: (a: Actor, watched: Watched) => (watched === null ? null : { ownerIds: [...watched], unowned: staff(a) }),
  abilities: (a: Actor) => ({
    createLeads: true,
    deleteLeads: staff(a),
    assignLeads: staff(a),
    exportLeads: staff(a),
    mergeLeads: staff(a),
    /** Lead field definitions are the organisation's vocabulary: admins keep it. */
    manageLeadFields: isAdmin(a),
  }),
};
