/**
 * Who the identity provider says signed in, read from its claims: the email (verified, if the
 * deployment asks), a display name, the role its groups give (OIDC_ROLE_MAP over
 * OIDC_ROLE_CLAIM) and, when OIDC_TEAM_CLAIM is set, the team it names. Pure, so each rule is
 * tested on its own; the coded error says which rule refused.
 */
import type { Role } from '@telehub/shared';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { SsoErrors } from './auth.sso.errors.js';

export type SsoIdentity = { sub: string; email: string; name: string; role: Role; teamNames: string[] | null; groups: string[] };

/** A higher role wins when a user is in groups of several. */
const RANK: Record<Role, number> = { admin: 3, manager: 2, telecaller: 1 };

/** A claim as a list of strings: one string, a list (non-strings dropped), or nothing. */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

export function roleOf(groups: string[], map: NonNullable<Config['sso']['OIDC_ROLE_MAP']>): Role | undefined {
  let best: Role | undefined;
  for (const { group, role } of map) {
    if (groups.includes(group) && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}

const Email = z.email().max(254);

export function readIdentity(claims: Record<string, unknown>, sso: Config['sso']): SsoIdentity {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const parsed = Email.safeParse(typeof claims.email === 'string' ? claims.email.trim() : undefined);
  if (!parsed.success) throw SsoErrors.SSO_EMAIL_MISSING();
  const email = parsed.data.toLowerCase();
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (sso.OIDC_REQUIRE_VERIFIED_EMAIL && !verified) throw SsoErrors.SSO_EMAIL_UNVERIFIED(undefined, { email });
  const groups = claimValues(claims[sso.OIDC_ROLE_CLAIM]);
  const role = sso.OIDC_ROLE_MAP ? roleOf(groups, sso.OIDC_ROLE_MAP) : undefined;
  if (!role) throw SsoErrors.SSO_NO_ROLE(undefined, { email, groups });
  const teamNames = sso.OIDC_TEAM_CLAIM ? claimValues(claims[sso.OIDC_TEAM_CLAIM]) : null;
  return { sub, email, name: displayName(claims, email), role, teamNames, groups };
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const full = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || text(claims.preferred_username);
  return (full || email.split('@')[0] || email).slice(0, 120);
}
