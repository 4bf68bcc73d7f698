import { addDays, daysBetween, monthRange } from './dates.ts';
import type { TaskStatus } from './responsibility.types.ts';

/** Where an open task stands against its due date on a given day. */
export type DueState = 'overdue' | 'due_today' | 'due_soon' | 'upcoming' | 'done' | 'cancelled';

export const DUE_STATE_LABELS: Record<DueState, string> = {
  overdue: '已逾期',
  due_today: '今日到期',
  due_soon: '即将到期',
  upcoming: '未到期',
  done: '已完成',
  cancelled: '已取消',
};

/** Default reminder offsets: a week before, the day before, and on the day. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 1, 0];

export interface SchedulableTask {
  status: TaskStatus;
  dueDate: string;
  /** Days before the due date on which to remind (0: on the day). */
  reminderDays?: readonly number[];
}

function soonWindow(task: SchedulableTask): number {
  const days = task.reminderDays ?? DEFAULT_REMINDER_DAYS;
  return days.length === 0 ? 0 : Math.max(...days);
}

export function dueState(task: SchedulableTask, today: string): DueState {
  if (task.status === 'done') return 'done';
  if (task.status === 'cancelled') return 'cancelled';
  const left = daysBetween(today, task.dueDate);
  if (left < 0) return 'overdue';
  if (left === 0) return 'due_today';
  return left <= soonWindow(task) ? 'due_soon' : 'upcoming';
}

export function isOverdue(task: SchedulableTask, today: string): boolean {
  return task.status === 'open' && task.dueDate < today;
}

/** The dates on which a task is to be reminded of, earliest first, without duplicates. */
export function reminderDates(dueDate: string, reminderDays: readonly number[] = DEFAULT_REMINDER_DAYS): string[] {
  return [...new Set(reminderDays.filter((d) => Number.isInteger(d) && d >= 0).map((d) => addDays(dueDate, -d)))].sort();
}

export interface Reminder {
  /** The reminder date that is due (the latest one on or before today), or the due date for an overdue task. */
  remindOn: string;
  /** Days from today to the due date; negative when overdue. */
  daysLeft: number;
  state: DueState;
  /** Chinese: 还有3天到期 / 今日到期 / 已逾期5天 */
  text: string;
}

/**
 * The reminder an open task gives on `today`: from its first reminder date on, until it is done. Overdue
 * tasks keep reminding (daily) until closed.
 */
export function reminderFor(task: SchedulableTask, today: string): Reminder | null {
  if (task.status !== 'open') return null;
  const daysLeft = daysBetween(today, task.dueDate);
  const state = dueState(task, today);
  if (daysLeft < 0) return { remindOn: today, daysLeft, state, text: `已逾期${-daysLeft}天` };
  const dates = reminderDates(task.dueDate, task.reminderDays ?? DEFAULT_REMINDER_DAYS).filter((d) => d <= today);
  const last = dates[dates.length - 1];
  if (last === undefined) return null;
  return { remindOn: last, daysLeft, state, text: daysLeft === 0 ? '今日到期' : `还有${daysLeft}天到期` };
}

export interface CalendarDay<T> {
  date: string;
  items: T[];
}

/** Every day of a month (YYYY-MM), each with the items due that day (items outside the month are ignored). */
export function calendarMonth<T extends { dueDate: string }>(month: string, items: readonly T[]): CalendarDay<T>[] {
  const { first, last } = monthRange(month);
  const days: CalendarDay<T>[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push({ date: d, items: [] });
  for (const item of items) {
    const index = daysBetween(first, item.dueDate);
    days[index]?.items.push(item);
  }
  return days;
}
