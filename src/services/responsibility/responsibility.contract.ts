/**
 * Response shapes of the responsibility API (/api/responsibilities, /api/county-plans, /api/implementation-plans,
 * /api/tasks, /api/supervisions, /api/meetings, /api/pilots), shared by the server and the web front end. Types
 * only, importing nothing but the pure core: the web may import this file.
 */
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { FilingCheck } from '../../core/responsibility/filing-rule.ts';
import type {
  CountyItemStatus,
  FilingStatus,
  GoalRef,
  MeetingKind,
  PilotStatus,
  TaskKind,
  TaskSourceType,
  TaskStatus,
} from '../../core/responsibility/responsibility.types.ts';
import type { ComparisonResult } from '../../core/responsibility/target-comparison.ts';
import type { CalendarDay, DueState, Reminder } from '../../core/responsibility/task-schedule.ts';
import type { TargetDirection, TargetKind, TargetOp } from '../../core/target/target.types.ts';

export type { CalendarDay, DueState, Reminder, FilingCheck, ComparisonResult };

/**
 * Where a supervision finding or a meeting decision stands, from its follow-up task. 'reported': the owner has
 * reported the rectification of a finding and the office has yet to close it (销号).
 */
export type FollowUpState = 'unassigned' | 'in_progress' | 'reported' | 'closed' | 'cancelled';

/** The owner's report of a finding's rectification (整改情况). */
export interface RectificationReport {
  at: string;
  by: string;
  note: string;
}

/** A task as the API and the screens show it. */
export interface TaskView {
  id: number;
  title: string;
  kind: TaskKind;
  kindLabel: string;
  description: string;
  owner: { departmentId: number | null; departmentName: string | null; regionCode: string | null; regionName: string | null; label: string };
  dueDate: string;
  status: TaskStatus;
  statusLabel: string;
  dueState: DueState;
  dueStateLabel: string;
  /** Days from today to the due date (negative: overdue). */
  daysLeft: number;
  reminderDays: number[];
  source: { type: TaskSourceType; id: number } | null;
  year: number | null;
  createdBy: { id: number | null; name: string };
  createdAt: string;
  completedAt: string | null;
  completedBy: { id: number | null; name: string } | null;
  outcomeNote: string | null;
  /** What the requesting user may do with it (for the screens' buttons). */
  can: { complete: boolean; manage: boolean };
}

export interface TaskCalendar {
  month: string;
  days: CalendarDay<TaskView>[];
  /** Open tasks due before the month that are still not done. */
  overdueBefore: TaskView[];
}

export interface TaskReminder {
  task: TaskView;
  reminder: Reminder;
}

export interface UnitView {
  departmentId: number | null;
  regionCode: string | null;
  name: string;
}

export interface FindingView {
  id: number;
  ord: number;
  text: string;
  unit: UnitView | null;
  goal: (GoalRef & { goalId: number | null; text: string }) | null;
  task: TaskView | null;
  state: FollowUpState;
  stateLabel: string;
  /** The owner's reports of the rectification, oldest first (the latest one counts). */
  reports: RectificationReport[];
  /** What the requesting user may do with it: turn it into a task, report its rectification, close it. */
  can: { assign: boolean; report: boolean; close: boolean };
}

export interface SupervisionView {
  id: number;
  title: string;
  visitDate: string;
  inspectors: string;
  summary: string;
  units: UnitView[];
  findings: FindingView[];
  openFindings: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  can: { manage: boolean };
}

export interface DecisionView {
  id: number;
  ord: number;
  text: string;
  owner: UnitView | null;
  dueDate: string | null;
  task: TaskView | null;
  state: FollowUpState;
  stateLabel: string;
}

export interface MeetingView {
  id: number;
  kind: MeetingKind;
  kindLabel: string;
  title: string;
  heldOn: string;
  location: string;
  minutes: string;
  attendees: UnitView[];
  decisions: DecisionView[];
  openDecisions: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  can: { manage: boolean };
}

export interface MilestoneView {
  id: number;
  ord: number;
  title: string;
  dueDate: string;
  doneAt: string | null;
  note: string | null;
  /** Not done and past its date. */
  overdue: boolean;
}

export interface PilotView {
  id: number;
  title: string;
  description: string;
  period: { start: string; end: string };
  status: PilotStatus;
  statusLabel: string;
  results: string;
  goals: (GoalRef & { goalId: number | null; text: string })[];
  units: UnitView[];
  milestones: MilestoneView[];
  progress: { done: number; total: number; overdue: number };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  can: { manage: boolean };
}

export interface ImplementationPlanView {
  id: number;
  department: { id: number; name: string };
  title: string;
  period: { start: number; end: number };
  content: string;
  documentNo: string | null;
  status: FilingStatus;
  statusLabel: string;
  goals: (GoalRef & { goalId: number | null; text: string; role: 'lead' | 'responsible' | null })[];
  filedAt: string | null;
  filedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  events: { at: string; user: string; action: string; note: string | null }[];
  can: { edit: boolean; file: boolean; review: boolean };
}

export interface CityTargetRef {
  source: 'goal' | 'measure';
  domainOrd: number;
  itemOrd: number;
  targetOrd: number;
  text: string;
  indicatorName: string;
  kind: TargetKind;
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
}

export interface CountyTargetView {
  id: number;
  countyGoalId: number | null;
  domainOrd: number;
  ord: number;
  indicatorName: string;
  indicatorCode: string | null;
  kind: TargetKind;
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
  baseYear: number | null;
  targetYear: number;
  text: string;
  direction: TargetDirection | null;
  scope: string | null;
  reference: string | null;
  status: CountyItemStatus;
  statusLabel: string;
  reason: string | null;
  /** The city target it derives from; null for an added target, or when the city plan no longer has it. */
  city: CityTargetRef | null;
  /** Against the city target; null when there is none or the target is not applicable. */
  comparison: { result: ComparisonResult; label: string; reason: string } | null;
  /** Weaker than the city's target: shown highlighted to the office. */
  weaker: boolean;
}

export interface CountyGoalView {
  id: number;
  domainOrd: number;
  ord: number;
  text: string;
  unitsText: string;
  status: CountyItemStatus;
  statusLabel: string;
  reason: string | null;
  city: { domain: number; goal: number; text: string } | null;
  targets: CountyTargetView[];
}

export interface CountyPlanSummary {
  goals: number;
  goalsByStatus: Record<CountyItemStatus, number>;
  targets: number;
  targetsByStatus: Record<CountyItemStatus, number>;
  weaker: number;
  stronger: number;
  /** City targets the county plan does not state at all (an imported plan that left them out). */
  missingCityTargets: number;
}

export interface CountyPlanHeader {
  id: number;
  region: { code: string; name: string };
  planKind: PlanKind;
  kindLabel: string;
  period: { start: number; end: number };
  title: string;
  origin: 'derived' | 'imported';
  sourceFile: string | null;
  status: FilingStatus;
  statusLabel: string;
  promulgatedAt: string | null;
  documentNo: string | null;
  filedAt: string | null;
  filedRecordedAt: string | null;
  filedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  version: number;
  filing: FilingCheck & { stateLabel: string };
  summary: CountyPlanSummary;
}

export interface CountyPlanView extends CountyPlanHeader {
  domains: { ord: number; title: string; goals: CountyGoalView[]; measureTargets: CountyTargetView[] }[];
  missingCityTargets: CityTargetRef[];
  missingCityGoals: { domain: number; goal: number; text: string }[];
  events: { at: string; user: string; action: string; note: string | null }[];
  can: { edit: boolean; file: boolean; review: boolean };
}

export interface CountyPlanOverviewRow {
  region: { code: string; name: string; functional: boolean };
  planKind: PlanKind;
  kindLabel: string;
  /** The county's plan for the city plan's period, or null when it has none yet. */
  plan: CountyPlanHeader | null;
  /** Highlighted for the office: filed late, overdue, or a target weaker than the city's. */
  flagged: boolean;
  flags: string[];
}

export interface CountyPlanImportResult {
  plans: CountyPlanView[];
  /** Per plan: how its goals and targets matched the city plan's. */
  matching: { planKind: string; goals: Record<CountyItemStatus, number>; targets: Record<CountyItemStatus, number>; missingCityTargets: number }[];
}

/**
 * The responsibility list (责任清单) of a department: what the city plans charge it with and what it owes.
 *
 * Goals: every goal of the two city plans naming the department as 牵头单位 (lead) or 责任单位 (responsible),
 * exactly as the plans name them.
 * Measures: the plans never name units in a strategy measure (none of the seed's 185 measures does), so a
 * measure is not “led” by anyone. The list shows a measure with relation 'named' when its text names the
 * department (by name or alias), and otherwise, as relation 'domain', the measures of each domain in which the
 * department leads or shares a goal — marked as related through the domain, not as a duty the plan assigns.
 */
export interface ReportedPlan {
  id: number;
  title: string;
  status: FilingStatus;
  statusLabel: string;
  filedAt: string | null;
}

export interface ResponsibilityGoal extends GoalRef {
  goalId: number;
  planCode: string;
  planTitle: string;
  domainTitle: string;
  text: string;
  role: 'lead' | 'responsible';
  leadUnits: string[];
  responsibleUnits: string[];
  unitGroups: string[];
  targets: { indicator: string; indicatorCode: string | null; text: string }[];
  /** This department's implementation plans covering the goal. */
  implementationPlans: ReportedPlan[];
}

export interface ResponsibilityMeasure {
  plan: PlanKind;
  domain: number;
  measure: number;
  measureId: number;
  title: string;
  relation: 'named' | 'domain';
  /** The department's strongest role among the domain's goals. */
  via: 'lead' | 'responsible' | null;
}

export interface ResponsibilityWarning {
  id: number;
  year: number;
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  regionName: string;
  level: string;
  levelLabel: string;
  status: string;
  statusLabel: string;
  reason: string;
  pendingSteps: number;
  nextStepDue: string | null;
}

export interface ResponsibilityList {
  department: string;
  departmentId: number;
  aliases: string[];
  generatedAt: string;
  lead: ResponsibilityGoal[];
  responsible: ResponsibilityGoal[];
  measures: ResponsibilityMeasure[];
  /** Why measures are listed as they are (for the screen and the exports). */
  measuresNote: string;
  indicators: { code: string; name: string; unit: string; plan: PlanKind; domain: number }[];
  /** Open early warnings assigned to the department (statuses 已下发, 整改中, 已升级). */
  warnings: ResponsibilityWarning[];
  implementationPlans: (ReportedPlan & { goals: GoalRef[] })[];
  /** Open tasks (annual reports, data rounds, rectifications …), due date first. */
  tasks: TaskView[];
  /** Annual reports (年度报告) the department was asked for, done or not. */
  annualReports: { taskId: number; year: number | null; dueDate: string; status: string; statusLabel: string; completedAt: string | null }[];
  counts: { lead: number; responsible: number; measures: number; indicators: number; openWarnings: number; openTasks: number; overdueTasks: number };
}

export interface ResponsibilitySummary {
  departmentId: number;
  department: string;
  lead: number;
  responsible: number;
  indicators: number;
  openTasks: number;
  overdueTasks: number;
  openWarnings: number;
  implementationPlans: { filed: number; draft: number };
}

export interface GoalUnitReport {
  departmentId: number;
  department: string;
  role: 'lead' | 'responsible';
  implementationPlans: ReportedPlan[];
  annualReports: { taskId: number; year: number | null; status: string; statusLabel: string; completedAt: string | null }[];
  openTasks: number;
}

export interface GoalResponsibility {
  goal: GoalRef & { goalId: number; planTitle: string; domainTitle: string; text: string; targets: { indicator: string; text: string }[] };
  units: GoalUnitReport[];
  unitGroups: string[];
}

/**
 * Whose reminders a contact receives: the committee office's own (its review tasks: contacts of the department
 * 市妇儿工委办公室 or of the city with no department), a department's, or a county's (or a county's department's).
 */
export type ReminderUnitKind = 'office' | 'department' | 'county';

export interface ReminderContactView {
  id: number;
  departmentId: number | null;
  regionCode: string | null;
  /** The unit's name, e.g. 市卫生健康委, 张店区, 市妇儿工委办公室. */
  owner: string;
  unitKind: ReminderUnitKind;
  name: string;
  email: string;
  createdAt: string;
  /** Who registered the contact (from the responsibility history; null for contacts older than that record). */
  addedBy: string | null;
}

/** A unit with open tasks whose e-mail reminders reach nobody: no contact serves it (GET /reminder-contacts/missing). */
export interface ContactlessUnit {
  unitKind: ReminderUnitKind;
  /** The owner of the tasks, as the tasks store it (the office's own tasks: the city, no department). */
  departmentId: number | null;
  regionCode: string | null;
  label: string;
  openTasks: number;
  overdueTasks: number;
  /** The earliest due date among the open tasks. */
  nextDue: string;
}

export interface ReminderRun {
  date: string;
  /** Tasks with a reminder due today. */
  tasksDue: number;
  /** Messages built for the outbox in this run (one per task, date and recipient; never twice). */
  built: number;
  /** Messages sent in this run (new ones and retried ones). */
  sent: number;
  /** Messages that failed in this run (kept as failed, retried on the next run). */
  failed: number;
  /** Of the messages tried, those built by earlier runs (pending or failed before). */
  retried: number;
  /** Left unsent: without a mail transport, the messages built; with one, older or closed-task messages skipped. */
  pending: number;
  /** Of those left: messages another reminder run was sending at the same time (it sends them, this run does not). */
  busy: number;
  /** Tasks due for a reminder whose owner has no e-mail contact (in-app reminder only). */
  withoutContact: number;
  transport: 'mailer' | 'none';
  notice: string | null;
}

/**
 * Tasks the office issues in bulk, and tasks kept in step with the other modules' records. Every function is
 * idempotent: run again, it creates only what is missing and updates what changed.
 */
export interface IssueResult {
  created: number;
  updated: number;
  closed: number;
  /** Already there (same owner, same year or source). */
  unchanged: number;
}

/** The mail transport as the office sees it (no credentials). */
export interface MailTransportInfo {
  configured: boolean;
  /** smtp://host:port of FUER_SMTP_URL, without user and password; null when unset or invalid. */
  server: string | null;
  from: string | null;
  /** Why no mail goes out (Chinese); null when e-mail is sent. */
  notice: string | null;
}

export interface MailQueueItem {
  id: number;
  taskId: number;
  taskTitle: string;
  remindOn: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  /** The last error (failed) or why it was left unsent. */
  detail: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  sentAt: string | null;
  /** While a reminder run is sending it: since when (the claim); null otherwise. */
  claimedAt: string | null;
}

/** The reminder outbox (邮件提醒队列) for the office. */
export interface MailQueue {
  transport: MailTransportInfo;
  counts: { pending: number; sent: number; failed: number };
  /** The newest messages (at most the limit asked for). */
  items: MailQueueItem[];
}
