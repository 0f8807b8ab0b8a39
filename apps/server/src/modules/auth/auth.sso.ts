/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE, state and nonce,
 * through openid-client (the provider found by discovery from OIDC_ISSUER). The returning user
 * is found by their verified email, created on first sign-in, and given the role and team their
 * groups say on every sign-in; then a session starts exactly as a password sign-in starts one.
 */
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../users/index.js';
import { AuthErrors } from './auth.errors.js';
import type { AuthService, Session } from './auth.service.js';
import { readIdentity, type SsoIdentity } from './auth.sso.claims.js';
import { SsoErrors } from './auth.sso.errors.js';
import { openFlow, SSO_FLOW_TTL_MS, type SsoFlow, safeNext, sealFlow } from './auth.sso.flow.js';

export const SSO_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/** How long a request to the provider may take (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_S = 10;

export type SsoDeps = {
  sso: Config['sso'];
  publicBaseUrl: string;
  /** Signs the flow cookie: one key for every node of the deployment (read once, on the first use). */
  flowKey: () => Promise<string>;
  clock: Clock;
  logger: Logger;
  users: Pick<UsersService, 'findForLogin' | 'create' | 'update' | 'listTeams'>;
  audit: Pick<AuditService, 'record'>;
  auth: Pick<AuthService, 'ssoSession'>;
};

type ClientInfo = { ip?: string; userAgent?: string };

export type SsoService = ReturnType<typeof createSsoService>;

/** A provider that did not answer, or answered 5xx, is down; anything else it said is not to be trusted. */
function providerError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    return err.error === 'access_denied' || err.error === 'login_required' || err.error === 'consent_required'
      ? SsoErrors.SSO_DENIED()
      : SsoErrors.SSO_FAILED(`The identity provider refused: ${err.error}`);
  }
  const down =
    err instanceof TypeError ||
    (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) ||
    (err instanceof oidc.ResponseBodyError && err.status >= 500) ||
    (err instanceof oidc.ClientError && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM');
  return down ? SsoErrors.SSO_PROVIDER_UNAVAILABLE() : SsoErrors.SSO_FAILED();
}

export function createSsoService(deps: SsoDeps) {
  const { sso, clock, logger } = deps;
  const redirectUri = `${deps.publicBaseUrl}${SSO_CALLBACK_PATH}`;
  let discovered: Promise<oidc.Configuration> | undefined;
  let key: Promise<string> | undefined;
  const flowKey = () => {
    key ??= deps.flowKey().catch((err: unknown) => {
      key = undefined;
      throw err;
    });
    return key;
  };

  /** The provider's metadata, read once; a failed read is tried again on the next sign-in. */
  function provider(): Promise<oidc.Configuration> {
    const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = sso;
    if (!issuer || !clientId || !secret) return Promise.reject(SsoErrors.SSO_NOT_CONFIGURED());
    discovered ??= oidc
      .discovery(new URL(issuer), clientId, { redirect_uris: [redirectUri] }, oidc.ClientSecretBasic(secret), {
        timeout: PROVIDER_TIMEOUT_S,
        // An http issuer is refused in production by config; elsewhere it is a local provider.
        execute: issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        logger.warn({ err, issuer }, 'single sign-on: the identity provider could not be discovered');
        throw SsoErrors.SSO_PROVIDER_UNAVAILABLE();
      });
    return discovered;
  }

  async function refuse(err: unknown, identity: Partial<SsoIdentity>, userId: string | null, client: ClientInfo): Promise<never> {
    const coded = providerError(err);
    if (!(err instanceof AppError)) logger.warn({ err, code: coded.code }, 'single sign-on refused by what the identity provider answered');
    await deps.audit.record(null, {
      action: 'auth.sso_refused',
      entityType: 'user',
      entityId: userId,
      details: { reason: coded.code, email: identity.email ?? null, groups: identity.groups ?? null, ip: client.ip ?? null },
    });
    throw coded;
  }

  /** The claims of the ID token, with those only userinfo releases (groups, often). */
  async function claimsOf(config: oidc.Configuration, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>) {
    const idClaims = tokens.claims();
    if (!idClaims) throw SsoErrors.SSO_FAILED('The identity provider sent no ID token');
    if (!config.serverMetadata().userinfo_endpoint) return { ...idClaims };
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...info, ...idClaims, ...pick(info, ['email', 'email_verified', 'name', sso.OIDC_ROLE_CLAIM, sso.OIDC_TEAM_CLAIM]) };
  }

  /** The TeleHub team the claim names: the first of its values that is a team's name. */
  async function teamOf(identity: SsoIdentity): Promise<string | undefined> {
    // No team claim (or none for this user, as for an admin): the team is kept as TeleHub has it.
    if (!identity.teamNames?.length) return undefined;
    const teams = await deps.users.listTeams(SYSTEM_ACTOR);
    for (const name of identity.teamNames) {
      const team = teams.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (team) return team.id;
    }
    throw SsoErrors.SSO_NO_TEAM(undefined, { teams: identity.teamNames });
  }

  /** The user behind the identity: created on first sign-in, its role and team kept to the claims. */
  async function userFor(identity: SsoIdentity): Promise<{ id: string; created: boolean; changed: string[] }> {
    const teamId = await teamOf(identity);
    const existing = await deps.users.findForLogin(identity.email);
    if (!existing) {
      // Nobody knows this password: the account signs in through the provider (or an admin sets one).
      const password = randomBytes(32).toString('base64url');
      const user = await deps.users.create(SYSTEM_ACTOR, { email: identity.email, name: identity.name, role: identity.role, password, teamId: teamId ?? null });
      return { id: user.id, created: true, changed: [] };
    }
    if (!existing.active) throw AuthErrors.ACCOUNT_DISABLED();
    const changes: { role?: SsoIdentity['role']; teamId?: string } = {};
    if (existing.role !== identity.role) changes.role = identity.role;
    if (teamId !== undefined && existing.teamId !== teamId) changes.teamId = teamId;
    if (Object.keys(changes).length > 0) await deps.users.update(SYSTEM_ACTOR, existing.id, changes);
    return { id: existing.id, created: false, changed: Object.keys(changes) };
  }

  return {
    enabled: sso.enabled,

    /** Where to send the browser, and the sealed flow to keep in its cookie until it returns. */
    async start(next: string | undefined): Promise<{ url: string; cookie: string }> {
      const config = await provider();
      const flow: SsoFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        next: safeNext(next),
        expiresAt: clock.now().getTime() + SSO_FLOW_TTL_MS,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: sso.OIDC_SCOPES,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, cookie: sealFlow(await flowKey(), flow) };
    },

    /**
     * The browser's return from the provider (`callbackUrl`, with the flow cookie it kept): the
     * code exchanged, the ID token checked, the user found or made, a session started.
     */
    async callback(callbackUrl: URL, cookie: string | undefined, client: ClientInfo): Promise<{ session: Session; next: string }> {
      const flow = openFlow(await flowKey(), cookie, clock.now());
      // A return this browser did not start here (or started too long ago) is not read at all.
      if (!flow || callbackUrl.searchParams.get('state') !== flow.state) return refuse(SsoErrors.SSO_STATE_INVALID(), {}, null, client);
      let identity: SsoIdentity | undefined;
      try {
        const config = await provider();
        // The URL the provider redirected to, as registered: the public base, not this node's address.
        const current = new URL(`${redirectUri}${callbackUrl.search}`);
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        identity = readIdentity(await claimsOf(config, tokens), sso);
      } catch (err) {
        const extra = err instanceof AppError ? err.extra : undefined;
        return refuse(err, { email: extra?.email as string | undefined, groups: extra?.groups as string[] | undefined }, null, client);
      }
      let userId: string | null = null;
      try {
        const user = await userFor(identity);
        userId = user.id;
        const session = await deps.auth.ssoSession(user.id, client, { created: user.created, changed: user.changed, groups: identity.groups });
        return { session, next: flow.next };
      } catch (err) {
        if (!userId) userId = (await deps.users.findForLogin(identity.email))?.id ?? null;
        return refuse(err, identity, userId, client);
      }
    },
  };
}

function pick(o: Record<string, unknown>, keys: (string | undefined)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k && o[k] !== undefined) out[k] = o[k];
  return out;
}
