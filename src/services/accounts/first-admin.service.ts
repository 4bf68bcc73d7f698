import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { countUsers } from '../../storage/repositories/user.repository.ts';
import { AccountError } from './account-error.ts';
import { passwordProblem } from './password-policy.ts';
import { createUser } from './user.service.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

export interface FirstAdminResult {
  /** false when the database already had users: nothing was done. */
  created: boolean;
  username?: string;
  /** The generated password (only when FUER_ADMIN_PASSWORD was not set): to be shown once. */
  generatedPassword?: string;
  /** What to tell the operator, in Chinese (null when nothing was done). */
  message: string | null;
}

/**
 * At first start (no user at all), creates the administrator `admin`: with the password in FUER_ADMIN_PASSWORD,
 * or with a generated one that is returned for printing once and must be changed at first login.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  env: Record<string, string | undefined>,
  options: { now?: Date } = {},
): Promise<FirstAdminResult> {
  if ((await countUsers(db)) > 0) return { created: false, message: null };
  const given = env.FUER_ADMIN_PASSWORD;
  if (given !== undefined && given !== '') {
    const problem = passwordProblem(given, FIRST_ADMIN_USERNAME);
    if (problem !== null) throw new AccountError('invalid_password', `环境变量 FUER_ADMIN_PASSWORD 不符合密码要求：${problem}`);
  }
  const password = given === undefined || given === '' ? undefined : given;
  const { generatedPassword } = await createUser(
    db,
    { username: FIRST_ADMIN_USERNAME, displayName: '系统管理员', roles: ['admin'], ...(password !== undefined ? { password } : {}) },
    options,
  );
  const message =
    generatedPassword === undefined
      ? `首次启动已创建管理员账号 ${FIRST_ADMIN_USERNAME}（密码取自环境变量 FUER_ADMIN_PASSWORD）`
      : `首次启动已创建管理员账号 ${FIRST_ADMIN_USERNAME}，初始密码：${generatedPassword}（请登录后立即修改）`;
  return generatedPassword === undefined
    ? { created: true, username: FIRST_ADMIN_USERNAME, message }
    : { created: true, username: FIRST_ADMIN_USERNAME, generatedPassword, message };
}
