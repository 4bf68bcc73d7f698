import { getJson, sendJson } from './client.ts';
import type { SessionInfo } from './types.ts';

/** /api/auth/*: login, the current session, logout, password change. */
export const authApi = {
  me: (signal?: AbortSignal) => getJson<SessionInfo>('/auth/me', undefined, signal),
  login: (username: string, password: string) => sendJson<SessionInfo>('POST', '/auth/login', { username, password }),
  logout: () => sendJson<void>('POST', '/auth/logout'),
  changePassword: (oldPassword: string, newPassword: string) =>
    sendJson<SessionInfo>('POST', '/auth/password', { oldPassword, newPassword }),
};
