import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { daysBetween, isIsoDate, isIsoMonth, monthRange } from '../../core/responsibility/dates.ts';
import {
  canCompleteTask,
  canManageTask,
  canReadTask,
  taskScopeOf,
} from '../../core/responsibility/responsibility-access.ts';
import type { TaskKind, TaskSourceType, TaskStatus } from '../../core/responsibility/responsibility.types.ts';
import { TASK_KIND_LABELS, TASK_STATUS_LABELS } from '../../core/responsibility/responsibility.types.ts';
import { calendarMonth, DEFAULT_REMINDER_DAYS, DUE_STATE_LABELS, dueState, reminderFor } from '../../core/responsibility/task-schedule.ts';
import type { Database } from '../../storage/schema.ts';
import type { TaskRow } from '../../storage/schema/responsibility.schema.ts';
import { findTask, insertTask, listTaskRows, recordEvent, unitNames, updateTaskRow } from '../../storage/repositories/task.repository.ts';
import type { TaskFilter } from '../../storage/repositories/task.repository.ts';
import { parseJsonList } from '../../storage/repositories/row-mappers.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { badRequest, forbidden, invalidState, notFound } from './responsibility.errors.ts';
import { cancelReviewTask, closeReviewTask, isOfficeOwned, OFFICE_LABEL, OFFICE_OWNER } from './task-review.service.ts';
import { resolveOwner } from './units.ts';
import type { OwnerInput } from './units.ts';
import type { TaskView, TaskCalendar, TaskReminder } from './responsibility.contract.ts';
export type { TaskView, TaskCalendar, TaskReminder } from './responsibility.contract.ts';

export interface TaskInput {
  title: string;
  kind: TaskKind;
  description?: string;
  owner: OwnerInput;
  dueDate: string;
  reminderDays?: number[];
  source?: { type: TaskSourceType; id: number } | null;
  year?: number | null;
}

/** Who a record is created by: a logged-in actor, or the system (CLI, automatic tasks). */
export type Author = Pick<Actor, 'userId' | 'displayName'> | { userId: null; displayName: string };

export const SYSTEM_AUTHOR: Author = { userId: null, displayName: '系统' };

function checkDue(date: string): void {
  if (!isIsoDate(date)) throw badRequest(`截止日期“${date}”无效，应为 YYYY-MM-DD`);
}

function checkReminderDays(days: readonly number[]): number[] {
  for (const d of days) if (!Number.isInteger(d) || d < 0 || d > 366) throw badRequest(`提醒天数“${d}”无效：应为0—366的整数（到期前几天提醒）`);
  return [...new Set(days)].sort((a, b) => b - a);
}

export async function toTaskViews(db: Kysely<Database>, rows: readonly TaskRow[], actor: Actor | null, clock: Clock = {}): Promise<TaskView[]> {
  const names = await unitNames(
    db,
    rows.flatMap((r) => (r.owner_department_id === null ? [] : [r.owner_department_id])),
    rows.flatMap((r) => (r.owner_region_code === null ? [] : [r.owner_region_code])),
  );
  const today = todayOf(clock);
  return rows.map((r) => {
    const departmentName = r.owner_department_id === null ? null : (names.departments.get(r.owner_department_id) ?? null);
    const regionName = r.owner_region_code === null ? null : (names.regions.get(r.owner_region_code) ?? r.owner_region_code);
    const reminderDays = parseJsonList<number>(r.reminder_days);
    const state = dueState({ status: r.status, dueDate: r.due_date, reminderDays }, today);
    const owner = { departmentId: r.owner_department_id, regionCode: r.owner_region_code };
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      kindLabel: TASK_KIND_LABELS[r.kind],
      description: r.description,
      owner: {
        ...owner,
        departmentName,
        regionName,
        label: isOfficeOwned(r)
          ? OFFICE_LABEL
          : departmentName !== null && regionName !== null && r.owner_region_code !== '370300'
            ? `${regionName}${departmentName}`
            : (departmentName ?? regionName ?? ''),
      },
      dueDate: r.due_date,
      status: r.status,
      statusLabel: TASK_STATUS_LABELS[r.status],
      dueState: state,
      dueStateLabel: DUE_STATE_LABELS[state],
      daysLeft: daysBetween(today, r.due_date),
      reminderDays,
      source: r.source_type !== null && r.source_id !== null ? { type: r.source_type, id: r.source_id } : null,
      year: r.year,
      createdBy: { id: r.created_by, name: r.created_by_name },
      createdAt: r.created_at,
      completedAt: r.completed_at,
      completedBy: r.completed_by_name === null ? null : { id: r.completed_by, name: r.completed_by_name },
      outcomeNote: r.outcome_note,
      can: {
        complete: actor !== null && r.status === 'open' && canCompleteTask(actor, { ...owner, kind: r.kind }),
        manage: actor !== null && canManageTask(actor, r.kind),
      },
    };
  });
}

/**
 * Creates a task without an access check: for the services that create tasks on their own (a county plan's
 * filing deadline, a supervision finding's follow-up …). The caller has checked access.
 */
export async function createTaskRecord(db: Kysely<Database>, author: Author, input: TaskInput, clock: Clock = {}): Promise<TaskRow> {
  const title = input.title.trim();
  if (title === '') throw badRequest('任务名称不能为空');
  checkDue(input.dueDate);
  const owner = await resolveOwner(db, input.owner);
  const at = stampOf(clock);
  const row = await insertTask(db, {
    title,
    kind: input.kind,
    description: input.description?.trim() ?? '',
    owner_department_id: owner.departmentId,
    owner_region_code: owner.regionCode,
    due_date: input.dueDate,
    status: 'open',
    reminder_days: JSON.stringify(checkReminderDays(input.reminderDays ?? DEFAULT_REMINDER_DAYS)),
    source_type: input.source?.type ?? null,
    source_id: input.source?.id ?? null,
    year: input.year ?? null,
    created_by: author.userId,
    created_by_name: author.displayName,
    created_at: at,
    updated_at: at,
    completed_at: null,
    completed_by: null,
    completed_by_name: null,
    outcome_note: null,
  });
  await recordEvent(db, { at, user_id: author.userId, user_name: author.displayName, entity: 'task', entity_id: row.id, action: 'task.create', note: null });
  return row;
}

/** Marks a task done without an access check (a filing that fulfils its deadline task …). */
export async function closeTaskRecord(db: Kysely<Database>, author: Author, task: TaskRow, note: string | null, clock: Clock = {}): Promise<TaskRow> {
  const at = stampOf(clock);
  const row = await updateTaskRow(db, task.id, {
    status: 'done',
    completed_at: at,
    completed_by: author.userId,
    completed_by_name: author.displayName,
    outcome_note: note,
    updated_at: at,
  });
  await recordEvent(db, { at, user_id: author.userId, user_name: author.displayName, entity: 'task', entity_id: task.id, action: 'task.complete', note });
  return row;
}

async function loadTask(db: Kysely<Database>, actor: Actor, id: number): Promise<TaskRow> {
  const row = await findTask(db, id);
  if (row === null) throw notFound(`任务 ${id} `);
  if (!canReadTask(actor, { departmentId: row.owner_department_id, regionCode: row.owner_region_code })) throw forbidden('无权查看该任务：它不属于您的部门或地区');
  return row;
}

export async function getTask(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<TaskView> {
  const row = await loadTask(db, actor, id);
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export async function createTask(db: Kysely<Database>, actor: Actor, input: TaskInput, clock: Clock = {}): Promise<TaskView> {
  if (!canManageTask(actor, input.kind)) throw forbidden('无权创建任务：仅妇儿工委办公室（管理员）可以布置任务（统计局可布置监测数据报送任务）');
  const row = await inTransaction(db, (trx) => createTaskRecord(trx, actor, input, clock));
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export interface TaskChangesInput {
  title?: string;
  description?: string;
  owner?: OwnerInput;
  dueDate?: string;
  reminderDays?: number[];
}

export async function updateTask(db: Kysely<Database>, actor: Actor, id: number, changes: TaskChangesInput, clock: Clock = {}): Promise<TaskView> {
  const row = await inTransaction(db, async (trx) => {
    const task = await loadTask(trx, actor, id);
    if (!canManageTask(actor, task.kind)) throw forbidden('无权修改任务：仅妇儿工委办公室（管理员）可以修改');
    if (task.status !== 'open') throw invalidState(`任务已${TASK_STATUS_LABELS[task.status]}，不能修改；如需修改请先重新打开`);
    const set: Parameters<typeof updateTaskRow>[2] = { updated_at: stampOf(clock) };
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('任务名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.description !== undefined) set.description = changes.description.trim();
    if (changes.dueDate !== undefined) {
      checkDue(changes.dueDate);
      set.due_date = changes.dueDate;
    }
    if (changes.reminderDays !== undefined) set.reminder_days = JSON.stringify(checkReminderDays(changes.reminderDays));
    if (changes.owner !== undefined) {
      const owner = await resolveOwner(trx, changes.owner);
      set.owner_department_id = owner.departmentId;
      set.owner_region_code = owner.regionCode;
    }
    const updated = await updateTaskRow(trx, id, set);
    await recordEvent(trx, { at: set.updated_at as string, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: id, action: 'task.update', note: null });
    return updated;
  });
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export async function completeTask(db: Kysely<Database>, actor: Actor, id: number, input: { note?: string }, clock: Clock = {}): Promise<TaskView> {
  const row = await inTransaction(db, async (trx) => {
    const task = await loadTask(trx, actor, id);
    if (!canCompleteTask(actor, { departmentId: task.owner_department_id, regionCode: task.owner_region_code, kind: task.kind })) {
      throw forbidden('无权办结该任务：只有任务的责任单位（填报员、审核员）或妇儿工委办公室可以办结');
    }
    if (task.status !== 'open') throw invalidState(`任务已${TASK_STATUS_LABELS[task.status]}，不能再次办结`);
    const done = await closeTaskRecord(trx, actor, task, input.note?.trim() || null, clock);
    // A supervision finding's rectification done here is the finding closed (as closeFinding): nothing left to review.
    if (task.source_type === 'supervision_finding' && task.source_id !== null) {
      await closeReviewTask(trx, actor, { type: 'supervision_report_review', id: task.source_id }, '整改任务已办结', clock);
    }
    return done;
  });
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export async function cancelTask(db: Kysely<Database>, actor: Actor, id: number, input: { reason: string }, clock: Clock = {}): Promise<TaskView> {
  const reason = input.reason.trim();
  if (reason === '') throw badRequest('取消任务须说明理由');
  const row = await inTransaction(db, async (trx) => {
    const task = await loadTask(trx, actor, id);
    if (!canManageTask(actor, task.kind)) throw forbidden('无权取消任务：仅妇儿工委办公室（管理员）可以取消');
    if (task.status !== 'open') throw invalidState(`任务已${TASK_STATUS_LABELS[task.status]}，不能取消`);
    const at = stampOf(clock);
    const updated = await updateTaskRow(trx, id, { status: 'cancelled', outcome_note: reason, completed_at: at, completed_by: actor.userId, completed_by_name: actor.displayName, updated_at: at });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: id, action: 'task.cancel', note: reason });
    if (task.source_type === 'supervision_finding' && task.source_id !== null) {
      await cancelReviewTask(trx, actor, { type: 'supervision_report_review', id: task.source_id }, '整改任务已取消', clock);
    }
    return updated;
  });
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export async function reopenTask(db: Kysely<Database>, actor: Actor, id: number, input: { reason?: string }, clock: Clock = {}): Promise<TaskView> {
  const row = await inTransaction(db, async (trx) => {
    const task = await loadTask(trx, actor, id);
    if (!canManageTask(actor, task.kind)) throw forbidden('无权重新打开任务：仅妇儿工委办公室（管理员）可以操作');
    if (task.status === 'open') throw invalidState('任务尚未办结，无需重新打开');
    const at = stampOf(clock);
    const updated = await updateTaskRow(trx, id, { status: 'open', completed_at: null, completed_by: null, completed_by_name: null, outcome_note: null, updated_at: at });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: id, action: 'task.reopen', note: input.reason?.trim() || null });
    return updated;
  });
  return (await toTaskViews(db, [row], actor, clock))[0] as TaskView;
}

export interface TaskQuery {
  status?: TaskStatus[];
  kind?: TaskKind[];
  departmentId?: number;
  regionCode?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  year?: number;
  source?: { type: TaskSourceType; id?: number };
  /** Only the office's own tasks (市妇儿工委办公室: its review tasks …). */
  office?: boolean;
}

/** Tasks the actor may see (the office, the statistics bureau and viewers: all; others: their own). */
export async function listTasks(db: Kysely<Database>, actor: Actor, query: TaskQuery = {}, clock: Clock = {}): Promise<TaskView[]> {
  for (const d of [query.dueFrom, query.dueTo]) if (d !== undefined) checkDue(d);
  const filter: TaskFilter = {
    status: query.status,
    kind: query.kind,
    ownerDepartmentId: query.departmentId,
    ownerRegionCode: query.regionCode,
    scope: taskScopeOf(actor),
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
    overdueOn: query.overdue ? todayOf(clock) : undefined,
    year: query.year,
    source: query.source,
    officeOwned: query.office ? { regionCode: OFFICE_OWNER.regionCode } : undefined,
  };
  return toTaskViews(db, await listTaskRows(db, filter), actor, clock);
}

export function overdueTasks(db: Kysely<Database>, actor: Actor, clock: Clock = {}): Promise<TaskView[]> {
  return listTasks(db, actor, { overdue: true }, clock);
}

/** A month's tasks, day by day (the calendar view), with the tasks still overdue from before. */
export async function taskCalendar(db: Kysely<Database>, actor: Actor, month: string, query: Omit<TaskQuery, 'dueFrom' | 'dueTo'> = {}, clock: Clock = {}): Promise<TaskCalendar> {
  if (!isIsoMonth(month)) throw badRequest(`月份“${month}”无效，应为 YYYY-MM`);
  const { first, last } = monthRange(month);
  const tasks = await listTasks(db, actor, { ...query, dueFrom: first, dueTo: last }, clock);
  const before = (await listTasks(db, actor, { ...query, status: ['open'], dueTo: first }, clock)).filter((t) => t.dueDate < first);
  return { month, days: calendarMonth(month, tasks), overdueBefore: before };
}

/**
 * In-application reminders for the actor: their open tasks (for the office: every task) whose first reminder
 * date has come, overdue ones first.
 */
export async function remindersFor(db: Kysely<Database>, actor: Actor, clock: Clock = {}): Promise<TaskReminder[]> {
  const today = todayOf(clock);
  const open = await listTasks(db, actor, { status: ['open'] }, clock);
  const out: TaskReminder[] = [];
  for (const task of open) {
    const reminder = reminderFor({ status: task.status, dueDate: task.dueDate, reminderDays: task.reminderDays }, today);
    if (reminder !== null) out.push({ task, reminder });
  }
  return out.sort((a, b) => a.reminder.daysLeft - b.reminder.daysLeft || a.task.id - b.task.id);
}
