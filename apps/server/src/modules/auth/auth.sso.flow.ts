/**
 * What a single sign-on must remember between sending the browser to the identity provider and
 * its return: the state, the nonce, the PKCE code verifier and where to land. It travels in a
 * short-lived, httpOnly cookie signed with a key of this deployment (shared by every node, so
 * the browser may come back to any of them); a cookie changed by anyone else is not read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SSO_FLOW_COOKIE = 'telehub_sso';
export const SSO_FLOW_PATH = '/api/v1/auth/oidc';
/** Time to sign in at the provider; past it the flow is started again from the button. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;

const Flow = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43),
  next: z.string(),
  expiresAt: z.number(),
});
export type SsoFlow = z.infer<typeof Flow>;

const mac = (key: string, body: string) => createHmac('sha256', key).update(`sso-flow.${body}`).digest('base64url');

export function sealFlow(key: string, flow: SsoFlow): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The flow in `value`, or undefined when it is missing, signed by another key, changed, or expired. */
export function openFlow(key: string, value: string | undefined, now: Date): SsoFlow | undefined {
  if (!value) return undefined;
  const [body, sig, ...rest] = value.split('.');
  if (!body || !sig || rest.length > 0) return undefined;
  const want = Buffer.from(mac(key, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const flow = Flow.safeParse(parsed);
  if (!flow.success || flow.data.expiresAt <= now.getTime()) return undefined;
  return flow.data;
}

/** Only same-app paths, so a crafted link cannot send the user to another site after signing in. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
