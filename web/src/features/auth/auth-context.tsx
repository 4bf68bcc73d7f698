import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { authApi } from '../../api/auth.endpoints.ts';
import { ApiRequestError, onUnauthenticated, setCsrfToken } from '../../api/client.ts';
import type { AccountUser, SessionInfo } from '../../api/types.ts';
import { hasSessionHint, setSessionHint } from './session-hint.ts';

export type AuthStatus = 'checking' | 'anonymous' | 'authenticated';

export interface AuthState {
  status: AuthStatus;
  user: AccountUser | null;
  /** The user logged out here (not an expired session): protected pages then go to a plain login page. */
  loggedOut: boolean;
  login(username: string, password: string): Promise<AccountUser>;
  logout(): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth 须在 AuthProvider 内使用');
  return state;
}

/** The logged-in user, for pages behind RequireAuth. */
export function useUser(): AccountUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser 须在 RequireAuth 内使用');
  return user;
}

/** Holds the session: asks /auth/me once at start (when this browser logged in before), keeps the CSRF token. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>(() => (hasSessionHint() ? 'checking' : 'anonymous'));
  const [user, setUser] = useState<AccountUser | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);

  const accept = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setSessionHint(true);
    setLoggedOut(false);
    setUser(session.user);
    setStatus('authenticated');
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setSessionHint(false);
    setUser(null);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    if (!hasSessionHint()) return;
    const controller = new AbortController();
    authApi.me(controller.signal).then(accept, (err: unknown) => {
      if (controller.signal.aborted) return;
      // A network failure is not a logout: the hint stays for the next page load.
      if (err instanceof ApiRequestError && err.status === 401) forget();
      else {
        setCsrfToken(null);
        setUser(null);
        setStatus('anonymous');
      }
    });
    return () => controller.abort();
  }, [accept, forget]);

  useEffect(() => onUnauthenticated(forget), [forget]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      user,
      loggedOut,
      async login(username, password) {
        const session = await authApi.login(username, password);
        accept(session);
        return session.user;
      },
      async logout() {
        try {
          await authApi.logout();
        } finally {
          setLoggedOut(true);
          forget();
        }
      },
      async changePassword(oldPassword, newPassword) {
        accept(await authApi.changePassword(oldPassword, newPassword));
      },
    }),
    [status, user, loggedOut, accept, forget],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
