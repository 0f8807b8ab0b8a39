// Auth: the session (sign-in, restore, sign-out), the signed-in user and the abilities the server
// sends for them, the sign-in page and the route guards.
export { RequireAbility, RequireAuth } from './components/RequireAuth';
export { useCurrentUser, useSession } from './hooks/useSession';
export { SignInPage } from './routes/SignInPage';
export { type SessionState, session } from './session';
