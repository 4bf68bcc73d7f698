import type { Kysely } from 'kysely';
import { ROLE_LABELS } from '../../core/access/actor.types.ts';
import type { Role } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import { findDepartmentId } from '../../storage/repositories/department.repository.ts';
import {
  activeAdminIds,
  deleteUserSessions,
  getUserRecord,
  getUserRecordByUsername,
  insertUser,
  listUserRecords,
  toAccountUser,
  updateUserRow,
} from '../../storage/repositories/user.repository.ts';
import type { UserValues } from '../../storage/repositories/user.repository.ts';
import { AccountError } from './account-error.ts';
import type { AccountUser, NewUserInput, UserChanges, UserWithPassword } from './account.types.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { generatePassword, passwordProblem } from './password-policy.ts';
import { attemptSucceeded, beginAttempt } from './login-throttle.ts';

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

const USERNAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{1,31}$/u;

/** The stored form of a username: trimmed, NFKC (full-width letters become ASCII), lower case. */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw new AccountError('invalid_user', `用户名“${username}”无效：应为2—32个字符，以字母、汉字或数字开头，只含字母、汉字、数字及 _ . -`);
  }
}

/** Roles in Chinese, joined: 填报员、审核员. */
export const roleList = (roles: readonly Role[]): string => roles.map((r) => ROLE_LABELS[r]).join('、');

/** Reads roles given as codes (reporter) or Chinese labels (填报员); throws on an unknown one. */
export function parseRole(raw: string): Role {
  const value = raw.trim();
  if ((ROLES as string[]).includes(value)) return value as Role;
  const byLabel = ROLES.find((r) => ROLE_LABELS[r] === value);
  if (byLabel !== undefined) return byLabel;
  throw new AccountError('invalid_user', `未知角色“${value}”：应为 ${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')} 之一`);
}

function checkRoles(roles: readonly Role[]): Role[] {
  const unique = [...new Set(roles.map((r) => parseRole(r)))];
  if (unique.length === 0) throw new AccountError('invalid_user', '至少需要指定一个角色');
  // Stored in the canonical order, so that equal role sets compare equal.
  return ROLES.filter((r) => unique.includes(r));
}

function checkDisplayName(name: string): string {
  const value = name.trim();
  if (value === '' || [...value].length > 50) throw new AccountError('invalid_user', '显示名不能为空，且不超过50个字符');
  return value;
}

async function resolveDepartment(db: Kysely<Database>, department: number | string | null | undefined): Promise<number | null> {
  if (department === undefined || department === null || department === '') return null;
  const id = await findDepartmentId(db, department);
  if (id === null) {
    throw new AccountError('invalid_user', `单位“${department}”不存在（可用全称或简称，如“市卫生健康委”或“市卫健委”）`);
  }
  return id;
}

async function resolveRegion(db: Kysely<Database>, code: string | null | undefined, now: Date): Promise<{ code: string; level: string } | null> {
  if (code === undefined || code === null || code.trim() === '') return null;
  const value = code.trim();
  const region = await db.selectFrom('regions').select(['code', 'name', 'level', 'valid_to']).where('code', '=', value).executeTakeFirst();
  if (region === undefined) throw new AccountError('invalid_user', `区划“${value}”不存在（应为区划代码，如 370303）`);
  if (region.level !== 'city' && region.level !== 'county') {
    throw new AccountError('invalid_user', `区划“${value}”（${region.name}）不是市或区县级：账号只能归属市或区县`);
  }
  if (region.valid_to !== null && region.valid_to < now.toISOString().slice(0, 10)) {
    throw new AccountError('invalid_user', `区划“${value}”（${region.name}）已于${region.valid_to}撤销`);
  }
  return { code: region.code, level: region.level };
}

/** A reporter reports for exactly one department (city level) or one county; other roles may have either or none. */
function checkScope(roles: Role[], departmentId: number | null, region: { code: string; level: string } | null): void {
  if (!roles.includes('reporter')) return;
  if (departmentId === null && region === null) {
    throw new AccountError('invalid_user', '填报员须指定所属单位（如 市卫生健康委）或所属区县（区划代码，如 370303）');
  }
  if (departmentId !== null && region !== null) {
    throw new AccountError('invalid_user', '填报员只能属于一个单位或一个区县，不能同时指定单位和区县');
  }
  if (region !== null && region.level !== 'county') {
    throw new AccountError('invalid_user', '填报员所属区划应为区县；市级数据由各单位的填报员填报');
  }
}

async function requireRecord(db: Kysely<Database>, id: number) {
  const record = await getUserRecord(db, id);
  if (record === null) throw new AccountError('user_not_found', `用户（编号${id}）不存在`);
  return record;
}

export async function getUser(db: Kysely<Database>, id: number): Promise<AccountUser | null> {
  const record = await getUserRecord(db, id);
  return record === null ? null : toAccountUser(record);
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<AccountUser | null> {
  const record = await getUserRecordByUsername(db, normalizeUsername(username));
  return record === null ? null : toAccountUser(record);
}

export async function listUsers(db: Kysely<Database>): Promise<AccountUser[]> {
  return (await listUserRecords(db)).map(toAccountUser);
}

function checkNewPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem !== null) throw new AccountError('invalid_password', problem);
}

/**
 * Creates a user. Without a password, a strong one is generated and returned once (and the user must change
 * it at first login unless `mustChangePassword` says otherwise).
 */
export async function createUser(db: Kysely<Database>, input: NewUserInput, options: { now?: Date } = {}): Promise<UserWithPassword> {
  const now = options.now ?? new Date();
  const username = normalizeUsername(input.username);
  checkUsername(username);
  const roles = checkRoles(input.roles);
  const displayName = checkDisplayName(input.displayName ?? username);
  const departmentId = await resolveDepartment(db, input.department);
  const region = await resolveRegion(db, input.regionCode, now);
  checkScope(roles, departmentId, region);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  checkNewPassword(password, username);
  if ((await getUserRecordByUsername(db, username)) !== null) {
    throw new AccountError('username_taken', `用户名“${username}”已被使用`);
  }
  const stamp = now.toISOString();
  const values: UserValues = {
    username,
    display_name: displayName,
    password_hash: await hashPassword(password),
    roles: JSON.stringify(roles),
    department_id: departmentId,
    region_code: region?.code ?? null,
    active: 1,
    must_change_password: (input.mustChangePassword ?? generated) ? 1 : 0,
    created_at: stamp,
    updated_at: stamp,
  };
  let id: number;
  try {
    id = await insertUser(db, values);
  } catch (err) {
    // Two creations of one name at once: the unique constraint decides.
    if ((await getUserRecordByUsername(db, username)) !== null) throw new AccountError('username_taken', `用户名“${username}”已被使用`);
    throw err;
  }
  const user = toAccountUser(await requireRecord(db, id));
  return generated ? { user, generatedPassword: password } : { user };
}

async function assertAdminRemains(db: Kysely<Database>, userId: number): Promise<void> {
  const others = (await activeAdminIds(db)).filter((id) => id !== userId);
  if (others.length === 0) throw new AccountError('last_admin', '至少需要保留一个启用的管理员账号');
}

/**
 * Changes a user (administrators' operation). Deactivating or resetting the password ends every session of
 * the user. `actorUserId`: the administrator acting, who may not deactivate or demote themselves.
 */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  changes: UserChanges,
  options: { now?: Date; actorUserId?: number } = {},
): Promise<UserWithPassword> {
  const now = options.now ?? new Date();
  const record = await requireRecord(db, id);
  const current = toAccountUser(record);
  const roles = changes.roles !== undefined ? checkRoles(changes.roles) : current.roles;
  const displayName = changes.displayName !== undefined ? checkDisplayName(changes.displayName) : current.displayName;
  const departmentId = changes.department !== undefined ? await resolveDepartment(db, changes.department) : current.departmentId;
  const regionCode = changes.regionCode !== undefined ? changes.regionCode : current.regionCode;
  const region = await resolveRegion(db, regionCode, now);
  checkScope(roles, departmentId, region);
  const active = changes.active ?? current.active;

  const losesAdmin = current.active && current.roles.includes('admin') && (!active || !roles.includes('admin'));
  if (losesAdmin) {
    if (options.actorUserId === id) throw new AccountError('invalid_user', '不能停用自己的账号或取消自己的管理员角色');
    await assertAdminRemains(db, id);
  }

  if (changes.password !== undefined && changes.resetPassword === true) {
    throw new AccountError('invalid_user', '不能同时指定新密码和重置密码');
  }
  let generatedPassword: string | undefined;
  let passwordHash: string | undefined;
  if (changes.password !== undefined || changes.resetPassword === true) {
    const password = changes.password ?? generatePassword();
    checkNewPassword(password, current.username);
    if (changes.password === undefined) generatedPassword = password;
    passwordHash = await hashPassword(password);
  }

  await updateUserRow(db, id, {
    display_name: displayName,
    roles: JSON.stringify(roles),
    department_id: departmentId,
    region_code: region?.code ?? null,
    active: active ? 1 : 0,
    ...(passwordHash !== undefined ? { password_hash: passwordHash, must_change_password: 1 } : {}),
    updated_at: now.toISOString(),
  });
  // Sessions carry no copy of roles or scope (they are read on every request), so only these end them.
  if (!active || passwordHash !== undefined) await deleteUserSessions(db, id);
  const user = toAccountUser(await requireRecord(db, id));
  return generatedPassword === undefined ? { user } : { user, generatedPassword };
}

export async function deactivateUser(db: Kysely<Database>, id: number, options: { now?: Date; actorUserId?: number } = {}): Promise<AccountUser> {
  return (await updateUser(db, id, { active: false }, options)).user;
}

/**
 * Sets a user's password as an operator (`fuer user passwd`): given, or generated and returned once (then the
 * user must change it at next login). Ends every session of the user.
 */
export async function setUserPassword(
  db: Kysely<Database>,
  id: number,
  options: { password?: string; now?: Date } = {},
): Promise<UserWithPassword> {
  const now = options.now ?? new Date();
  const record = await requireRecord(db, id);
  const generated = options.password === undefined;
  const password = options.password ?? generatePassword();
  checkNewPassword(password, record.username);
  await updateUserRow(db, id, { password_hash: await hashPassword(password), must_change_password: generated ? 1 : 0, updated_at: now.toISOString() });
  await deleteUserSessions(db, id);
  const user = toAccountUser(await requireRecord(db, id));
  return generated ? { user, generatedPassword: password } : { user };
}

export interface ChangePasswordInput {
  userId: number;
  oldPassword: string;
  newPassword: string;
  /** The session the change is made from: it stays; every other session of the user ends. */
  keepSessionId?: string;
  /** With an address, wrong old passwords count towards the login throttle of that username and address. */
  ip?: string;
  now?: Date;
}

/** The user changes their own password: the old one must be right; other sessions end. */
export async function changePassword(db: Kysely<Database>, input: ChangePasswordInput): Promise<AccountUser> {
  const now = input.now ?? new Date();
  const record = await requireRecord(db, input.userId);
  const key = input.ip === undefined ? null : { username: record.username, ip: input.ip };
  if (key !== null) await beginAttempt(db, key, now);
  if (!(await verifyPassword(input.oldPassword, record.password_hash))) throw new AccountError('wrong_password', '原密码不正确');
  if (key !== null) await attemptSucceeded(db, key);
  checkNewPassword(input.newPassword, record.username);
  if (input.newPassword === input.oldPassword) throw new AccountError('invalid_password', '新密码不能与原密码相同');
  await updateUserRow(db, record.id, { password_hash: await hashPassword(input.newPassword), must_change_password: 0, updated_at: now.toISOString() });
  await deleteUserSessions(db, record.id, input.keepSessionId);
  return toAccountUser(await requireRecord(db, record.id));
}

