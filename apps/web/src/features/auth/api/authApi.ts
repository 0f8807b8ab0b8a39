import type { LoginBody, LoginResponse, MeResponse } from '@telehub/shared';
import { api } from '../../../lib/api';

export const authApi = {
  login: (body: LoginBody) => api<LoginResponse>('/auth/login', { method: 'POST', body, auth: false }),
  logout: () => api<undefined>('/auth/logout', { method: 'POST', auth: false }),
  me: () => api<MeResponse>('/auth/me'),
};
