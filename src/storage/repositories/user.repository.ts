import type { Kysely } from 'kysely';
import type { Role } from '../../core/access/actor.types.ts';
import { ROLE_LABELS } from '../../core/access/actor.types.ts';
import type { AccountUser } from '../../services/accounts/account.types.ts';
import type { Database } from '../schema.ts';
import type { SessionRow, UserRow } from '../schema/accounts.schema.ts';
import { parseJsonList } from './row-mappers.ts';

/** A user row with the names of its department and region. */
export type UserRecord = UserRow & { department_name: string | null; region_name: string | null };

const isRole = (value: unknown): value is Role => typeof value === 'string' && value in ROLE_LABELS;

export function toAccountUser(row: UserRecord): AccountUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseJsonList<unknown>(row.roles).filter(isRole),
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    active: Number(row.active) === 1,
    mustChangePassword: Number(row.must_change_password) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('regions as r', 'r.code', 'u.region_code')
    .selectAll('u')
    .select(['d.name as department_name', 'r.name as region_name']);
}

export async function getUserRecord(db: Kysely<Database>, id: number): Promise<UserRecord | null> {
  return (await selectUsers(db).where('u.id', '=', id).executeTakeFirst()) ?? null;
}

export async function getUserRecordByUsername(db: Kysely<Database>, username: string): Promise<UserRecord | null> {
  return (await selectUsers(db).where('u.username', '=', username).executeTakeFirst()) ?? null;
}

export async function listUserRecords(db: Kysely<Database>): Promise<UserRecord[]> {
  return selectUsers(db).orderBy('u.id').execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserValues {
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  department_id: number | null;
  region_code: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export async function insertUser(db: Kysely<Database>, values: UserValues): Promise<number> {
  const row = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserRow(db: Kysely<Database>, id: number, values: Partial<Omit<UserValues, 'username' | 'created_at'>>): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

/** Ids of active users holding the admin role (roles are JSON text: read and filtered here, the table is small). */
export async function activeAdminIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1).execute();
  return rows.filter((r) => parseJsonList<unknown>(r.roles).includes('admin')).map((r) => r.id);
}

// Sessions

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function getSessionWithUser(db: Kysely<Database>, id: string): Promise<{ session: SessionRow; user: UserRecord } | null> {
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (session === undefined) return null;
  const user = await getUserRecord(db, session.user_id);
  return user === null ? null : { session, user };
}

export async function touchSession(db: Kysely<Database>, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of the user except `exceptId`; returns how many. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number, exceptId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function countUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Failed logins

export async function countFailures(db: Kysely<Database>, username: string, ip: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAttempt(db: Kysely<Database>, username: string, ip: string, at: string): Promise<number> {
  const row = await db.insertInto('login_attempts').values({ username, ip, at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteAttempt(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

export async function clearFailures(db: Kysely<Database>, username: string, ip: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('username', '=', username).where('ip', '=', ip).execute();
}

export async function deleteFailuresBefore(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<=', before).execute();
}
