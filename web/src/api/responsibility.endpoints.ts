import { downloadFile, getJson, sendJson } from './client.ts';
import type { TaskKind, TaskSourceType, TaskStatus } from '../../../src/core/responsibility/responsibility.types.ts';
import type {
  GoalResponsibility,
  IssueResult,
  ResponsibilityList,
  ResponsibilitySummary,
  TaskCalendar,
  TaskReminder,
  TaskView,
} from '../../../src/services/responsibility/responsibility.contract.ts';

export type {
  GoalResponsibility,
  GoalUnitReport,
  IssueResult,
  ResponsibilityGoal,
  ResponsibilityList,
  ResponsibilityMeasure,
  ResponsibilitySummary,
  ResponsibilityWarning,
  TaskCalendar,
  TaskReminder,
  TaskView,
} from '../../../src/services/responsibility/responsibility.contract.ts';
export type { TaskKind, TaskSourceType, TaskStatus };

const seg = (value: string | number) => encodeURIComponent(String(value));

export interface TaskQuery {
  status?: TaskStatus[];
  kind?: TaskKind[];
  /** Department id, name or alias. */
  department?: string | number;
  regionCode?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  year?: number;
  /** Only the committee office's own tasks (its reviews of what units submitted). */
  office?: boolean;
}

/** The owner of a new task: a department, a county, or a county's department. */
export interface TaskOwnerInput {
  departmentId?: number | null;
  department?: string | null;
  regionCode?: string | null;
}

export interface NewTask {
  title: string;
  kind: TaskKind;
  description?: string;
  owner: TaskOwnerInput;
  dueDate: string;
  reminderDays?: number[];
  year?: number | null;
}

const list = (values: readonly string[] | undefined) => (values === undefined || values.length === 0 ? undefined : values.join(','));

/** Responsibility lists (责任清单) and tasks with their deadlines (任务与期限): src/api/routes/responsibility. */
export const responsibilityApi = {
  index: (signal?: AbortSignal) => getJson<ResponsibilitySummary[]>('/responsibilities', undefined, signal),
  list: (department: string | number, signal?: AbortSignal) => getJson<ResponsibilityList>(`/responsibilities/${seg(department)}`, undefined, signal),
  /** Saves the department's list as Excel or Word (the server names the file). */
  download: (department: string | number, format: 'xlsx' | 'docx') =>
    downloadFile(`/responsibilities/${seg(`${department}.${format}`)}`, `responsibilities.${format}`),
  goal: (goalId: number, signal?: AbortSignal) => getJson<GoalResponsibility>(`/goals/${seg(goalId)}/responsibility`, undefined, signal),

  tasks: (q: TaskQuery = {}, signal?: AbortSignal) =>
    getJson<TaskView[]>(
      '/tasks',
      { status: list(q.status), kind: list(q.kind), department: q.department, regionCode: q.regionCode, dueFrom: q.dueFrom, dueTo: q.dueTo, overdue: q.overdue ? 1 : undefined, year: q.year, office: q.office ? 1 : undefined },
      signal,
    ),
  overdue: (signal?: AbortSignal) => getJson<TaskView[]>('/tasks/overdue', undefined, signal),
  calendar: (month: string, kind?: TaskKind[], signal?: AbortSignal) => getJson<TaskCalendar>('/tasks/calendar', { month, kind: list(kind) }, signal),
  reminders: (signal?: AbortSignal) => getJson<TaskReminder[]>('/tasks/reminders', undefined, signal),
  task: (id: number, signal?: AbortSignal) => getJson<TaskView>(`/tasks/${seg(id)}`, undefined, signal),
  createTask: (input: NewTask) => sendJson<TaskView>('POST', '/tasks', input),
  completeTask: (id: number, note?: string) => sendJson<TaskView>('POST', `/tasks/${seg(id)}/complete`, note ? { note } : {}),
  cancelTask: (id: number, reason: string) => sendJson<TaskView>('POST', `/tasks/${seg(id)}/cancel`, { reason }),
  reopenTask: (id: number, reason?: string) => sendJson<TaskView>('POST', `/tasks/${seg(id)}/reopen`, reason ? { reason } : {}),
  issueAnnualReports: (input: { year: number; dueDate: string; includeCounties?: boolean }) => sendJson<IssueResult>('POST', '/tasks/issue/annual-reports', input),
  syncWarnings: (year?: number) => sendJson<IssueResult>('POST', '/tasks/sync/warnings', year === undefined ? {} : { year }),
};
