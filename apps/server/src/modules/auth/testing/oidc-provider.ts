/**
 * A real OpenID provider for tests (the oidc-provider package), in this process on a free port:
 * one confidential client with TeleHub's redirect URI, PKCE required, accounts whose groups and
 * team a test may change between sign-ins, and the package's own login pages (any password is
 * taken: who signs in is what is being tested, not the provider's passwords). Consent is granted
 * to the client up front, as an organisation's own identity provider does for its own apps.
 * `browserSignIn` walks those pages over HTTP as a browser would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export type TestAccount = { email: string; name: string; groups: string[]; team?: string; emailVerified?: boolean };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login name: change one between sign-ins to change what the provider says. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
};

const SCOPES = 'openid email profile groups';

export async function startTestProvider(opts: { redirectUri: string }): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientId = 'telehub';
  const clientSecret = 'a-client-secret-only-these-tests-know';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups', 'team'] },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          // Read at each sign-in, so a test that changes the groups sees the change.
          const now = accounts.get(id) ?? account;
          return {
            sub: id,
            email: now.email,
            email_verified: now.emailVerified ?? true,
            name: now.name,
            groups: now.groups,
            ...(now.team ? { team: now.team } : {}),
          };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const found = await ctx.oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies by name, as a browser keeps them for the provider's origin (paths are not told apart). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows `authorizationUrl` through the provider as a browser would (redirects, its cookies,
 * the login form posted with `login`), and answers the URL it finally sends the browser to at
 * TeleHub (the callback, with the code and state). `cancel` presses the login page's Cancel.
 */
export async function browserSignIn(authorizationUrl: string, login: string, opts: { callbackPrefix: string; cancel?: boolean }): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.take(res);
    init = {};
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      if (url.href.startsWith(opts.callbackPrefix)) return url;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    if (opts.cancel) {
      const abort = html.match(/href="([^"]*\/abort)"/)?.[1];
      if (!abort) throw new Error('no Cancel link on the provider page');
      url = new URL(abort, url);
      continue;
    }
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action || !/name="login"/.test(html)) throw new Error(`no login form on the provider page ${url.pathname}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any-password' }).toString(),
    };
  }
  throw new Error('too many redirects at the provider');
}
