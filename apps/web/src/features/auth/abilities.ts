import type { Abilities } from '@telehub/shared';

/**
 * The server's abilities plus a few it does not name yet. Each is read from the ability whose
 * server policy has the same rule: imports, merges and assignment rules are for staff (admins
 * and managers, like assigning leads); the DND registry and the data sources are for admins
 * (like settings). When /auth/me sends these names, drop the derivation.
 */
export type AppAbilities = Abilities & {
  importLeads: boolean;
  mergeLeads: boolean;
  manageAssignment: boolean;
  manageCompliance: boolean;
  manageSources: boolean;
};

export function withDerivedAbilities(a: Abilities): AppAbilities {
  return {
    ...a,
    importLeads: a.assignLeads,
    mergeLeads: a.assignLeads,
    manageAssignment: a.assignLeads,
    manageCompliance: a.viewSettings,
    manageSources: a.viewSettings,
  };
}
