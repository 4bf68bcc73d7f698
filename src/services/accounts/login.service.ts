import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { getUserRecordByUsername, toAccountUser, updateUserRow } from '../../storage/repositories/user.repository.ts';
import { AccountError } from './account-error.ts';
import type { AccountUser } from './account.types.ts';
import { attemptSucceeded, beginAttempt } from './login-throttle.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { normalizeUsername } from './user.service.ts';

export interface Credentials {
  username: string;
  password: string;
  /** The client's address: failures are counted per username and address. */
  ip: string;
  now?: Date;
}

const INVALID = '用户名或密码错误';

/**
 * Checks a username and password. Unknown names and wrong passwords fail alike (same message, same work);
 * after 5 failures for the username from the address within 15 minutes every attempt is refused with 429
 * until the window has passed. A correct password clears the count and, when the hash is of an older cost,
 * stores a new one.
 */
export async function authenticate(db: Kysely<Database>, credentials: Credentials): Promise<AccountUser> {
  const now = credentials.now ?? new Date();
  const username = normalizeUsername(credentials.username);
  const key = { username, ip: credentials.ip };
  await beginAttempt(db, key, now);
  const record = await getUserRecordByUsername(db, username);
  const matches = await verifyPassword(credentials.password, record?.password_hash ?? (await dummyPasswordHash()));
  if (record === null || !matches) throw new AccountError('invalid_credentials', INVALID);
  await attemptSucceeded(db, key);
  if (Number(record.active) !== 1) throw new AccountError('account_inactive', '账号已停用，请联系管理员');
  if (needsRehash(record.password_hash)) {
    await updateUserRow(db, record.id, { password_hash: await hashPassword(credentials.password) });
  }
  return toAccountUser(record);
}
