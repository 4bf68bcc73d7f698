import type { Kysely } from 'kysely';
import type { DeadlineChangeView, DeadlineExtensionView } from '../../core/deadlines/round-deadline.ts';
import type { AuditRow } from '../../storage/schema/monitoring.schema.ts';
import type { DeadlineExtensionRow } from '../../storage/schema/deadlines.schema.ts';
import type { TaskRow } from '../../storage/schema/responsibility.schema.ts';
import { recordEvent, updateTaskRow } from '../../storage/repositories/task.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { Author } from '../responsibility/task.service.ts';

/** Helpers shared by the deadline changes of report rounds and data rounds. */

/** The unit of a unit key ('department:<id>', 'county:<code>', 'region:<code>'). */
export function unitOfKey(unitKey: string): { departmentId: number | null; regionCode: string | null } {
  const [kind, id = ''] = unitKey.split(':');
  return kind === 'department' ? { departmentId: Number(id), regionCode: null } : { departmentId: null, regionCode: id };
}

export function toExtensionView(row: DeadlineExtensionRow): DeadlineExtensionView {
  return { unitKey: row.unit_key, unitName: row.unit_name, ...unitOfKey(row.unit_key), dueDate: row.due_date, reason: row.reason, setByName: row.set_by_name, setAt: row.set_at };
}

/** The audit rows of deadline changes as the history the API shows (their after_json holds dueDate and unitName). */
export function toChangeViews(rows: readonly AuditRow[]): DeadlineChangeView[] {
  return rows.map((a) => {
    const before = (a.before_json === null ? {} : JSON.parse(a.before_json)) as { dueDate?: string };
    const after = (a.after_json === null ? {} : JSON.parse(a.after_json)) as { dueDate?: string; unitName?: string; unitKey?: string };
    return { at: a.at, userName: a.user_name, unitName: after.unitName ?? null, unitKey: after.unitKey ?? null, before: before.dueDate ?? '', after: after.dueDate ?? '', reason: a.reason ?? '' };
  });
}

/**
 * Moves a deadline task to a new due date (open and done tasks; a cancelled one stays as it was), with an event
 * in the task's history. Reminders and overdue flags are computed from the due date, so they follow.
 */
export async function moveTaskDue(db: Kysely<Database>, author: Author, task: TaskRow, dueDate: string, note: string, at: string): Promise<boolean> {
  if (task.status === 'cancelled' || task.due_date === dueDate) return false;
  await updateTaskRow(db, task.id, { due_date: dueDate, updated_at: at });
  await recordEvent(db, { at, user_id: author.userId, user_name: author.displayName, entity: 'task', entity_id: task.id, action: 'task.deadline', note: `截止日期由${task.due_date}调整为${dueDate}：${note}` });
  return true;
}
