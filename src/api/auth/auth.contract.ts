/**
 * Shapes of the account API (types and two constants; shared by the server and the web front end). Paths relative to /api.
 */
import type { Role } from '../../core/access/actor.types.ts';
import type { AccountUser } from '../../services/accounts/account.types.ts';

export type { AccountUser };

/** The session cookie (HttpOnly, SameSite=Lax, Secure when FUER_COOKIE_SECURE=1). */
export const SESSION_COOKIE = 'fuer_session';
/** The header every POST/PUT/PATCH/DELETE of a logged-in session must carry, with SessionInfo.csrfToken. */
export const CSRF_HEADER = 'x-csrf-token';

/** POST /auth/login body */
export interface LoginRequest {
  username: string;
  password: string;
}

/** POST /auth/login, GET /auth/me, POST /auth/password */
export interface SessionInfo {
  user: AccountUser;
  csrfToken: string;
}

/** POST /auth/password body */
export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

/** POST /users body (administrators) */
export interface CreateUserRequest {
  username: string;
  displayName?: string;
  roles: Role[];
  /** Department id, full name or alias. */
  department?: number | string | null;
  regionCode?: string | null;
  /** Omitted: generated and returned once. */
  password?: string;
  /** Default true: the user changes the password the administrator set. */
  mustChangePassword?: boolean;
}

/** PATCH /users/:id body (administrators); only the fields given change. */
export interface UpdateUserRequest {
  displayName?: string;
  roles?: Role[];
  department?: number | string | null;
  regionCode?: string | null;
  active?: boolean;
  /** Sets this password; the user must change it at next login. */
  password?: string;
  /** Generates a new password, returned once; the user must change it at next login. */
  resetPassword?: boolean;
}

/** POST /users, PATCH /users/:id */
export interface UserResponse {
  user: AccountUser;
  /** Present only when a password was generated: show it once to the administrator. */
  generatedPassword?: string;
}
