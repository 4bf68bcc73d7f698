import type { Generated, Selectable } from 'kysely';

/** Accounts (migration 0002-accounts). Timestamps are ISO text in UTC (`toISOString()`), so they compare as text. */
export interface UsersTable {
  id: Generated<number>;
  /** Normalised: trimmed, NFKC, lower case. */
  username: string;
  display_name: string;
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (see password-hash.ts). */
  password_hash: string;
  /** JSON list of Role. */
  roles: string;
  department_id: number | null;
  region_code: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the 256-bit token in the cookie: a stolen database holds no usable session. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  /** When the session ends unless used again: min(last use + idle limit, created_at + absolute limit). */
  expires_at: string;
  last_seen_at: string;
}

/** One failed login (or failed old-password check), kept for the throttling window. */
export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
