import { REVIEW_SOURCE_TYPES, TASK_KIND_LABELS, TASK_KINDS, TASK_STATUS_LABELS, TASK_STATUSES } from '../../../../../src/core/responsibility/responsibility.types.ts';
import type { TaskKind, TaskStatus } from '../../../../../src/core/responsibility/responsibility.types.ts';
import { DUE_STATE_LABELS } from '../../../../../src/core/responsibility/task-schedule.ts';
import type { DueState } from '../../../../../src/core/responsibility/task-schedule.ts';

export { DUE_STATE_LABELS, TASK_KIND_LABELS, TASK_KINDS, TASK_STATUS_LABELS, TASK_STATUSES };
export type { DueState, TaskKind, TaskStatus };

/** Ant Design tag colours of a task's standing against its due date. */
export const DUE_STATE_COLORS: Record<DueState, string> = {
  overdue: 'red',
  due_today: 'volcano',
  due_soon: 'orange',
  upcoming: 'blue',
  done: 'green',
  cancelled: 'default',
};

export const kindOptions = TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }));
export const statusOptions = TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }));

/** 逾期3天 / 还有5天 / 今日到期, for an open task; nothing for a closed one. */
export function daysLeftText(task: { status: TaskStatus; daysLeft: number }): string {
  if (task.status !== 'open') return '';
  if (task.daysLeft < 0) return `逾期${-task.daysLeft}天`;
  if (task.daysLeft === 0) return '今日到期';
  return `还有${task.daysLeft}天`;
}

/** A review task of the office (审核): a unit submitted something the office must approve or return. */
export function isReviewTask(task: { source: { type: string } | null }): boolean {
  return task.source !== null && (REVIEW_SOURCE_TYPES as readonly string[]).includes(task.source.type);
}

/** Where the record behind a task is handled in the application (the thing to review, the warning, the plan …). */
export function taskLink(task: { source: { type: string; id: number } | null }): string | null {
  const source = task.source;
  if (source === null) return null;
  switch (source.type) {
    case 'unit_report_review':
      return `/reports/unit-reports/${source.id}`;
    case 'county_plan':
    case 'county_plan_review':
      return `/responsibility/county-plans/${source.id}`;
    case 'implementation_plan':
    case 'implementation_plan_review':
      return `/responsibility/implementation-plans/${source.id}`;
    case 'warning':
    case 'warning_review':
      return `/evaluation/warnings/${source.id}`;
    case 'supervision_finding':
    case 'supervision_report_review':
      return '/responsibility/supervision';
    default:
      return null;
  }
}
