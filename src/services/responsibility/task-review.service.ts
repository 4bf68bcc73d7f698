import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { addDays } from '../../core/responsibility/dates.ts';
import type { ReviewSourceType, TaskKind } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { TaskRow } from '../../storage/schema/responsibility.schema.ts';
import { listTaskRows, recordEvent, updateTaskRow } from '../../storage/repositories/task.repository.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { closeTaskRecord, createTaskRecord } from './task.service.ts';
import type { Author } from './task.service.ts';

/**
 * The office's review tasks (审核). When a unit submits something the city office must approve or return — a
 * department's or county's report, a county plan or an implementation plan filed, a warning's rectification reported
 * done, a supervision finding's rectification reported — the office gets a task, owned by the office itself (the
 * city with no department: see OFFICE_OWNER), due REVIEW_DUE_DAYS later. It is closed when the office decides
 * (approves, returns, publishes, closes), and opened again when the unit submits again. Like every task it shows in
 * the office's task list, calendar, overdue list and reminders (in the application, and by e-mail to the office's
 * contacts registered for 370300). Departments and counties do not see these tasks (they are not theirs).
 *
 * The services of those records call openReviewTask / closeReviewTask / cancelReviewTask inside their own
 * transaction, after their own access checks (as syncRoundTasksAs and syncWarningTasksAs do for the units' tasks).
 */

/**
 * Days the office has to review a submission, counted in calendar days from the submission. The usual
 * administrative norm is 10 working days; calendar days keep the rule simple (no holiday calendar) and a little
 * stricter. Change it here.
 */
export const REVIEW_DUE_DAYS = 10;

/**
 * How the committee office (市妇儿工委办公室) owns a task: the city itself, with no department. Only the office, the
 * statistics bureau, viewers and city-level staff read such tasks (readsAllTasks); only the office closes them.
 */
export const OFFICE_OWNER = { departmentId: null, regionCode: CITY_REGION_CODE } as const;

/** The owner label of a task of the office. */
export const OFFICE_LABEL = '市妇儿工委办公室';

export function isOfficeOwned(task: { owner_department_id: number | null; owner_region_code: string | null }): boolean {
  return task.owner_department_id === null && task.owner_region_code === CITY_REGION_CODE;
}

export interface ReviewSubject {
  source: { type: ReviewSourceType; id: number };
  /** The kind of what is reviewed (annual_report, plan_filing …), so the task sits with its kind in lists. */
  kind: TaskKind;
  /** “审核：…”. */
  title: string;
  description: string;
  year?: number | null;
  /** The day the unit submitted (default today): the review is due REVIEW_DUE_DAYS later. */
  submittedOn?: string;
}

/** The review task of a source: the newest one (a source has one, reopened on each resubmission). */
async function reviewTaskOf(db: Kysely<Database>, source: ReviewSubject['source']): Promise<TaskRow | null> {
  const tasks = await listTaskRows(db, { source });
  return tasks.reduce<TaskRow | null>((newest, t) => (newest === null || t.id > newest.id ? t : newest), null);
}

/**
 * A submission came in: the office's review task is created, or opened again (a resubmission after a return) with a
 * new due date REVIEW_DUE_DAYS from today. An open one stays as it is (its due date counts from the first submission
 * still undecided), with title and description brought up to date.
 */
export async function openReviewTask(db: Kysely<Database>, author: Author, subject: ReviewSubject, clock: Clock = {}): Promise<TaskRow> {
  const dueDate = addDays(subject.submittedOn ?? todayOf(clock), REVIEW_DUE_DAYS);
  const task = await reviewTaskOf(db, subject.source);
  if (task === null) {
    return createTaskRecord(
      db,
      author,
      { title: subject.title, kind: subject.kind, description: subject.description, owner: OFFICE_OWNER, dueDate, source: subject.source, year: subject.year ?? null },
      clock,
    );
  }
  const at = stampOf(clock);
  if (task.status === 'open') {
    if (task.title === subject.title && task.description === subject.description) return task;
    return updateTaskRow(db, task.id, { title: subject.title, description: subject.description, updated_at: at });
  }
  const reopened = await updateTaskRow(db, task.id, {
    status: 'open',
    title: subject.title,
    description: subject.description,
    due_date: dueDate,
    completed_at: null,
    completed_by: null,
    completed_by_name: null,
    outcome_note: null,
    updated_at: at,
  });
  await recordEvent(db, { at, user_id: author.userId, user_name: author.displayName, entity: 'task', entity_id: task.id, action: 'task.reopen', note: '重新提交，待审核' });
  return reopened;
}

/** The office decided (approved, returned, published, closed): its open review task is done, with the decision as note. */
export async function closeReviewTask(db: Kysely<Database>, author: Author, source: ReviewSubject['source'], note: string, clock: Clock = {}): Promise<TaskRow | null> {
  const task = await reviewTaskOf(db, source);
  if (task === null || task.status !== 'open') return null;
  return closeTaskRecord(db, author, task, note, clock);
}

/** There is nothing to review any more (the submission was withdrawn): the open review task is cancelled. */
export async function cancelReviewTask(db: Kysely<Database>, author: Author, source: ReviewSubject['source'], note: string, clock: Clock = {}): Promise<TaskRow | null> {
  const task = await reviewTaskOf(db, source);
  if (task === null || task.status !== 'open') return null;
  const at = stampOf(clock);
  const row = await updateTaskRow(db, task.id, { status: 'cancelled', outcome_note: note, completed_at: at, completed_by: author.userId, completed_by_name: author.displayName, updated_at: at });
  await recordEvent(db, { at, user_id: author.userId, user_name: author.displayName, entity: 'task', entity_id: task.id, action: 'task.cancel', note });
  return row;
}
