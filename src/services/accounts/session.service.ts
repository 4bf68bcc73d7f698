import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  getSessionWithUser,
  insertSession,
  toAccountUser,
  touchSession,
} from '../../storage/repositories/user.repository.ts';
import type { AccountUser } from './account.types.ts';

/** A session ends after 8 hours without a request, and 7 days after login in any case. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
// Sliding expiry without a write on every request: last use is recorded at most once a minute.
const TOUCH_INTERVAL_MS = 60 * 1000;

/** The session id stored in the database: SHA-256 of the cookie's token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const newToken = (): string => randomBytes(32).toString('base64url');

function expiryOf(createdAt: Date, lastSeen: Date): string {
  return new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS)).toISOString();
}

export interface NewSession {
  /** Goes into the cookie; the database keeps only its hash. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(db: Kysely<Database>, userId: number, options: { now?: Date } = {}): Promise<NewSession> {
  const now = options.now ?? new Date();
  await deleteExpiredSessions(db, now.toISOString());
  const token = newToken();
  const sessionId = sessionIdOf(token);
  const csrfToken = newToken();
  const expiresAt = expiryOf(now, now);
  await insertSession(db, {
    id: sessionId,
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    last_seen_at: now.toISOString(),
  });
  return { token, sessionId, csrfToken, expiresAt };
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: AccountUser;
  actor: Actor;
}

export function actorOfUser(user: AccountUser): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    departmentId: user.departmentId,
    regionCode: user.regionCode,
  };
}

/**
 * The live session of a cookie token, or null (unknown, expired, or its user deactivated). Using a session
 * extends it: up to 8 hours from now, never beyond 7 days from login.
 */
export async function resolveSession(db: Kysely<Database>, token: string, options: { now?: Date } = {}): Promise<ResolvedSession | null> {
  if (token === '' || token.length > 128) return null;
  const now = options.now ?? new Date();
  const sessionId = sessionIdOf(token);
  const found = await getSessionWithUser(db, sessionId);
  if (found === null) return null;
  const { session, user: record } = found;
  if (session.expires_at <= now.toISOString() || Number(record.active) !== 1) {
    await deleteSession(db, sessionId);
    return null;
  }
  let expiresAt = session.expires_at;
  if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
    expiresAt = expiryOf(new Date(session.created_at), now);
    await touchSession(db, sessionId, now.toISOString(), expiresAt);
  }
  const user = toAccountUser(record);
  return { sessionId, csrfToken: session.csrf_token, expiresAt, user, actor: actorOfUser(user) };
}

export async function revokeSession(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, sessionIdOf(token));
}

export async function revokeSessionById(db: Kysely<Database>, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** Ends every session of the user (except one, when given); returns how many ended. */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, exceptSessionId?: string): Promise<number> {
  return deleteUserSessions(db, userId, exceptSessionId);
}

/** Constant-time comparison of the CSRF token a request sent with the session's. */
export function csrfTokenMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
