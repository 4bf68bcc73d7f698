import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { clearFailures, countFailures, deleteAttempt, deleteFailuresBefore, insertAttempt } from '../../storage/repositories/user.repository.ts';
import { AccountError } from './account-error.ts';

/** 5 failed attempts for one username from one address within 15 minutes block further attempts. */
export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MESSAGE = '登录失败次数过多，请15分钟后再试';

export interface ThrottleKey {
  username: string;
  ip: string;
}

const since = (now: Date): string => new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();

/**
 * Registers an attempt before the password is checked, counted as a failure until `attemptSucceeded` clears
 * the key — so a burst of parallel guesses cannot all pass the check before any failure is recorded. When the
 * key already has 5 failures in the window, the attempt is withdrawn and refused with 429: the password is
 * then not even checked, and the refusal does not extend the block.
 */
export async function beginAttempt(db: Kysely<Database>, key: ThrottleKey, now: Date): Promise<void> {
  await deleteFailuresBefore(db, since(now));
  const id = await insertAttempt(db, key.username, key.ip, now.toISOString());
  if ((await countFailures(db, key.username, key.ip, since(now))) > THROTTLE_MAX_FAILURES) {
    await deleteAttempt(db, id);
    throw new AccountError('too_many_attempts', THROTTLE_MESSAGE);
  }
}

/** The right password: the key's failures are forgotten. */
export async function attemptSucceeded(db: Kysely<Database>, key: ThrottleKey): Promise<void> {
  await clearFailures(db, key.username, key.ip);
}
