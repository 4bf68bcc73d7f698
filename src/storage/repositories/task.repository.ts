import type { Insertable, Kysely, Updateable } from 'kysely';
import type { TaskKind, TaskSourceType, TaskStatus } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../schema.ts';
import type { TaskRow, TasksTable } from '../schema/responsibility.schema.ts';

export type NewTaskRow = Insertable<TasksTable>;
export type TaskChanges = Updateable<TasksTable>;

export async function insertTask(db: Kysely<Database>, row: NewTaskRow): Promise<TaskRow> {
  return db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTask(db: Kysely<Database>, id: number): Promise<TaskRow | null> {
  return (await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateTaskRow(db: Kysely<Database>, id: number, changes: TaskChanges): Promise<TaskRow> {
  return db.updateTable('tasks').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface TaskFilter {
  status?: TaskStatus[];
  kind?: TaskKind[];
  ownerDepartmentId?: number;
  ownerRegionCode?: string;
  /** Only tasks of this department or region (an actor's scope): department tasks, or a county's own tasks. */
  scope?: { departmentId: number | null; regionCode: string | null } | null;
  dueFrom?: string;
  dueTo?: string;
  /** Open tasks due before this date. */
  overdueOn?: string;
  /** Only the committee office's own tasks (the city, no department): its review tasks (审核) and the like. */
  officeOwned?: { regionCode: string };
  source?: { type: TaskSourceType; id?: number };
  year?: number;
}

export async function listTaskRows(db: Kysely<Database>, filter: TaskFilter = {}): Promise<TaskRow[]> {
  let q = db.selectFrom('tasks').selectAll();
  if (filter.status && filter.status.length > 0) q = q.where('status', 'in', filter.status);
  if (filter.kind && filter.kind.length > 0) q = q.where('kind', 'in', filter.kind);
  if (filter.ownerDepartmentId !== undefined) q = q.where('owner_department_id', '=', filter.ownerDepartmentId);
  if (filter.ownerRegionCode !== undefined) q = q.where('owner_region_code', '=', filter.ownerRegionCode);
  const scope = filter.scope;
  if (scope) {
    q =
      scope.departmentId !== null
        ? q.where('owner_department_id', '=', scope.departmentId)
        : q.where('owner_department_id', 'is', null).where('owner_region_code', '=', scope.regionCode ?? '');
  }
  if (filter.officeOwned !== undefined) q = q.where('owner_department_id', 'is', null).where('owner_region_code', '=', filter.officeOwned.regionCode);
  if (filter.dueFrom !== undefined) q = q.where('due_date', '>=', filter.dueFrom);
  if (filter.dueTo !== undefined) q = q.where('due_date', '<=', filter.dueTo);
  if (filter.overdueOn !== undefined) q = q.where('status', '=', 'open').where('due_date', '<', filter.overdueOn);
  if (filter.source !== undefined) {
    q = q.where('source_type', '=', filter.source.type);
    if (filter.source.id !== undefined) q = q.where('source_id', '=', filter.source.id);
  }
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  return q.orderBy('due_date').orderBy('id').execute();
}

export async function listReminderContacts(db: Kysely<Database>) {
  return db.selectFrom('reminder_contacts').selectAll().orderBy('id').execute();
}

export async function insertReminderContact(db: Kysely<Database>, row: Insertable<Database['reminder_contacts']>) {
  return db.insertInto('reminder_contacts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findReminderContact(db: Kysely<Database>, id: number) {
  return (await db.selectFrom('reminder_contacts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The id of the committee office among the departments (category office: 市妇儿工委办公室), if registered. */
export async function findOfficeDepartmentId(db: Kysely<Database>): Promise<number | null> {
  return (await db.selectFrom('departments').select('id').where('category', '=', 'office').orderBy('id').executeTakeFirst())?.id ?? null;
}

/** Who recorded each of the given entities' latest `action` event (e.g. who added a reminder contact: ids may be reused after a delete). */
export async function eventAuthors(db: Kysely<Database>, entity: Database['responsibility_events']['entity'], action: string, ids: readonly number[]): Promise<Map<number, string>> {
  const authors = new Map<number, string>();
  if (ids.length === 0) return authors;
  const rows = await db.selectFrom('responsibility_events').select(['entity_id', 'user_name']).where('entity', '=', entity).where('action', '=', action).where('entity_id', 'in', ids).orderBy('id').execute();
  for (const r of rows) authors.set(r.entity_id, r.user_name);
  return authors;
}

export async function deleteReminderContact(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('reminder_contacts').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Inserts a notification unless one exists for the task, date and recipient; returns it only when new. A single
 * INSERT … ON CONFLICT DO NOTHING on task_notifications_unique, so two runs building the same day's reminders at
 * the same time get one row, and the run that lost simply gets null.
 */
export async function insertNotificationOnce(db: Kysely<Database>, row: Insertable<Database['task_notifications']>) {
  const inserted = await db
    .insertInto('task_notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['task_id', 'remind_on', 'recipient']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? null;
}

/**
 * Claims an undelivered message for one run: a single conditional UPDATE that succeeds only while the message is
 * still pending or failed and no other run holds a claim newer than `staleBefore` (an older one is from a run that
 * crashed and is taken over). True when this run now holds the message and may send it.
 */
export async function claimNotification(db: Kysely<Database>, id: number, claim: { token: string; at: string; staleBefore: string }): Promise<boolean> {
  const result = await db
    .updateTable('task_notifications')
    .set({ claim_token: claim.token, claimed_at: claim.at })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .where((eb) => eb.or([eb('claim_token', 'is', null), eb('claimed_at', 'is', null), eb('claimed_at', '<', claim.staleBefore)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records one delivery attempt: sent (error null) or failed with the error; counts the attempt and releases the claim. */
export async function recordDeliveryAttempt(db: Kysely<Database>, id: number, error: string | null, at: string): Promise<void> {
  await db
    .updateTable('task_notifications')
    .set((eb) => ({
      status: error === null ? 'sent' : 'failed',
      detail: error,
      sent_at: error === null ? at : null,
      attempts: eb('attempts', '+', 1),
      last_attempt_at: at,
      claim_token: null,
      claimed_at: null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Releases a claim without an attempt (the message was not handed to the mail server after all). */
export async function releaseNotificationClaim(db: Kysely<Database>, id: number, token: string): Promise<void> {
  await db.updateTable('task_notifications').set({ claim_token: null, claimed_at: null }).where('id', '=', id).where('claim_token', '=', token).execute();
}

/** Notes why an unsent message was left in the outbox this run (its status stays as it is). */
export async function setNotificationDetail(db: Kysely<Database>, id: number, detail: string): Promise<void> {
  await db.updateTable('task_notifications').set({ detail }).where('id', '=', id).execute();
}

/** Messages not delivered yet (pending or failed), oldest first, with their task's status. */
export async function listUndeliveredNotifications(db: Kysely<Database>) {
  return db
    .selectFrom('task_notifications as n')
    .innerJoin('tasks as t', 't.id', 'n.task_id')
    .selectAll('n')
    .select('t.status as task_status')
    .where('n.status', 'in', ['pending', 'failed'])
    .orderBy('n.id')
    .execute();
}

export async function listNotifications(db: Kysely<Database>, filter: { status?: 'pending' | 'sent' | 'failed'; taskId?: number } = {}) {
  let q = db.selectFrom('task_notifications').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.taskId !== undefined) q = q.where('task_id', '=', filter.taskId);
  return q.orderBy('id').execute();
}

/** How many messages of each status the outbox holds. */
export async function countNotificationsByStatus(db: Kysely<Database>): Promise<Record<'pending' | 'sent' | 'failed', number>> {
  const rows = await db.selectFrom('task_notifications').select(['status', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('status').execute();
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** The newest messages first (the mail queue screen). */
export async function listRecentNotifications(db: Kysely<Database>, limit: number, status?: 'pending' | 'sent' | 'failed') {
  let q = db.selectFrom('task_notifications as n').innerJoin('tasks as t', 't.id', 'n.task_id').selectAll('n').select('t.title as task_title');
  if (status) q = q.where('n.status', '=', status);
  return q.orderBy('n.id', 'desc').limit(limit).execute();
}

/** Names of departments and regions, for labelling owners and units. */
export async function unitNames(db: Kysely<Database>, departmentIds: Iterable<number>, regionCodes: Iterable<string>) {
  const ids = [...new Set(departmentIds)];
  const codes = [...new Set(regionCodes)];
  const departments = new Map<number, string>();
  const regions = new Map<string, string>();
  if (ids.length > 0) for (const r of await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()) departments.set(r.id, r.name);
  if (codes.length > 0) for (const r of await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute()) regions.set(r.code, r.name);
  return { departments, regions };
}

export async function recordEvent(db: Kysely<Database>, row: Insertable<Database['responsibility_events']>): Promise<void> {
  await db.insertInto('responsibility_events').values(row).execute();
}

export async function listEvents(db: Kysely<Database>, entity: Database['responsibility_events']['entity'], entityId: number) {
  return db.selectFrom('responsibility_events').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute();
}
