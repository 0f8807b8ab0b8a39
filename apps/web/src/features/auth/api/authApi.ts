import type { LoginBody, LoginResponse, MeResponse, SignInOptions } from '@telehub/shared';
import { API_BASE, api } from '../../../lib/api';

export const authApi = {
  login: (body: LoginBody) => api<LoginResponse>('/auth/login', { method: 'POST', body, auth: false }),
  logout: () => api<undefined>('/auth/logout', { method: 'POST', auth: false }),
  me: () => api<MeResponse>('/auth/me'),
  options: (signal?: AbortSignal) => api<SignInOptions>('/auth/options', { auth: false, signal }),
};

/** Where the single sign-on button goes: the server redirects on to the identity provider. */
export const ssoStartUrl = (next: string) => `${API_BASE}/auth/oidc/start${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;
