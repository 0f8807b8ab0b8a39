// Sign-in (password, or single sign-on through an OpenID provider), access tokens, refresh rotation, sign-out, and whether a session is still open (every request asks). Owns refresh_tokens.
// Role checks on each route live in platform/auth; the abilities sent to the UI come from here.
export { authPolicy } from './auth.policy.js';
export { authRoutes, REFRESH_COOKIE } from './auth.routes.js';
export { type AuthService, abilitiesFor, createAuthService } from './auth.service.js';
export { type AccessSession, type Authenticated, createSessions, revokeAllSessions, type Sessions } from './auth.sessions.js';
export { createSsoService, type SsoService } from './auth.sso.js';
export { ssoRoutes } from './auth.sso.routes.js';
