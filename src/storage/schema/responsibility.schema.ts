import type { Generated, Selectable } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { TargetDirection, TargetKind, TargetOp } from '../../core/target/target.types.ts';
import type {
  CountyItemStatus,
  FilingStatus,
  MeetingKind,
  PilotStatus,
  TaskKind,
  TaskSourceType,
  TaskStatus,
} from '../../core/responsibility/responsibility.types.ts';

/**
 * Tables of responsibility and supervision (migration 0005-responsibility). Conventions as in ../schema.ts:
 * dates YYYY-MM-DD text, timestamps ISO text, lists JSON text. Users are referred to by id with the name they
 * had at the time (…_name), as in the monitoring tables.
 *
 * City goals are referred to by their numbers (plan_kind, domain_ord, goal_ord), not by row id: importing the
 * city plans again replaces their rows, and these records must survive that.
 */

/** A task with a deadline, owned by a department or a county (or both: a county's department). */
export interface TasksTable {
  id: Generated<number>;
  title: string;
  kind: TaskKind;
  description: string;
  owner_department_id: number | null;
  owner_region_code: string | null;
  due_date: string;
  status: TaskStatus;
  /** JSON list of days before due_date on which to remind, e.g. [7,1,0]. */
  reminder_days: string;
  source_type: TaskSourceType | null;
  source_id: number | null;
  /** The year an annual report or a data round is about. */
  year: number | null;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: number | null;
  completed_by_name: string | null;
  /** Completion note, or the reason for cancelling. */
  outcome_note: string | null;
}

/** Who receives e-mail reminders for a department's or county's tasks. */
export interface ReminderContactsTable {
  id: Generated<number>;
  department_id: number | null;
  region_code: string | null;
  name: string;
  email: string;
  created_at: string;
}

/** One e-mail reminder built for a task on a date (the outbox); unique per task, date and recipient. */
export interface TaskNotificationsTable {
  id: Generated<number>;
  task_id: number;
  remind_on: string;
  recipient: string;
  subject: string;
  body: string;
  /** pending: built, not sent yet (no mail transport, or not tried); sent; failed (retried on the next run). */
  status: 'pending' | 'sent' | 'failed';
  /** The last delivery error (failed), or why a pending message was not sent. */
  detail: string | null;
  created_at: string;
  sent_at: string | null;
  /** Delivery attempts so far. */
  attempts: Generated<number>;
  last_attempt_at: string | null;
  /** The run sending it now (a random token) and since when; null when no run holds it (0010-outbox-claim). */
  claim_token: string | null;
  claimed_at: string | null;
}

/** A county's own plan derived from (or imported and matched to) the city plan of the same kind and period. */
export interface CountyPlansTable {
  id: Generated<number>;
  region_code: string;
  plan_kind: PlanKind;
  period_start: number;
  period_end: number;
  title: string;
  origin: 'derived' | 'imported';
  /** The plan row the county's text was imported into (plans.region_code = the county), if imported. */
  imported_plan_id: number | null;
  source_file: string | null;
  status: FilingStatus;
  promulgated_at: string | null;
  document_no: string | null;
  /** Date the plan was filed with the city office. */
  filed_at: string | null;
  /** When the filing was recorded in the system (may differ from filed_at for a paper filing). */
  filed_recorded_at: string | null;
  filed_by: number | null;
  filed_by_name: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  reviewed_by_name: string | null;
  review_note: string | null;
  version: number;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface CountyPlanGoalsTable {
  id: Generated<number>;
  county_plan_id: number;
  domain_ord: number;
  ord: number;
  text: string;
  units_text: string;
  status: CountyItemStatus;
  reason: string | null;
  /** The city goal it derives from (same plan kind as the county plan); null for an added goal. */
  city_domain_ord: number | null;
  city_goal_ord: number | null;
}

export interface CountyPlanTargetsTable {
  id: Generated<number>;
  county_plan_id: number;
  /** The county goal it belongs to; null for a target of a strategy measure. */
  county_goal_id: number | null;
  domain_ord: number;
  ord: number;
  indicator_name: string;
  indicator_code: string | null;
  kind: TargetKind;
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
  base_year: number | null;
  target_year: number;
  text: string;
  direction: TargetDirection | null;
  ratio_left: number | null;
  ratio_right: number | null;
  scope: string | null;
  reference: string | null;
  status: CountyItemStatus;
  reason: string | null;
  /** The city target it derives from: goal or measure, domain, item number, target number within the item. */
  city_source: 'goal' | 'measure' | null;
  city_domain_ord: number | null;
  city_item_ord: number | null;
  city_target_ord: number | null;
}

/** A department's implementation plan (实施方案) for the goals it carries. */
export interface ImplementationPlansTable {
  id: Generated<number>;
  department_id: number;
  title: string;
  period_start: number;
  period_end: number;
  content: string;
  document_no: string | null;
  status: FilingStatus;
  filed_at: string | null;
  filed_by: number | null;
  filed_by_name: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  reviewed_by_name: string | null;
  review_note: string | null;
  version: number;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface ImplementationPlanGoalsTable {
  implementation_plan_id: number;
  plan_kind: PlanKind;
  domain_ord: number;
  goal_ord: number;
}

/** A supervision visit (督查). */
export interface SupervisionsTable {
  id: Generated<number>;
  title: string;
  visit_date: string;
  inspectors: string;
  summary: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

/** A unit named by a supervision, meeting or pilot: a department, a county, or a name only. */
interface UnitColumns {
  id: Generated<number>;
  ord: number;
  department_id: number | null;
  region_code: string | null;
  name: string;
}

export interface SupervisionUnitsTable extends UnitColumns {
  supervision_id: number;
}

export interface SupervisionFindingsTable {
  id: Generated<number>;
  supervision_id: number;
  ord: number;
  text: string;
  department_id: number | null;
  region_code: string | null;
  plan_kind: PlanKind | null;
  domain_ord: number | null;
  goal_ord: number | null;
  task_id: number | null;
  created_at: string;
}

/** 妇儿工委全体会议, 联络员会议, 妇女儿童工作会议 … */
export interface MeetingsTable {
  id: Generated<number>;
  kind: MeetingKind;
  title: string;
  held_on: string;
  location: string;
  minutes: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendeesTable extends UnitColumns {
  meeting_id: number;
}

export interface MeetingDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  ord: number;
  text: string;
  department_id: number | null;
  region_code: string | null;
  due_date: string | null;
  task_id: number | null;
}

/** A pilot project (试点) around key or difficult goals. */
export interface PilotsTable {
  id: Generated<number>;
  title: string;
  description: string;
  period_start: string;
  period_end: string;
  status: PilotStatus;
  results: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface PilotGoalsTable {
  pilot_id: number;
  plan_kind: PlanKind;
  domain_ord: number;
  goal_ord: number;
}

export interface PilotUnitsTable extends UnitColumns {
  pilot_id: number;
}

export interface PilotMilestonesTable {
  id: Generated<number>;
  pilot_id: number;
  ord: number;
  title: string;
  due_date: string;
  done_at: string | null;
  note: string | null;
}

/** Append-only history of the responsibility records: who filed, returned, closed what, when. */
export interface ResponsibilityEventsTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_name: string;
  entity: 'county_plan' | 'implementation_plan' | 'task' | 'supervision' | 'meeting' | 'pilot' | 'reminder_contact';
  entity_id: number;
  action: string;
  note: string | null;
}

export interface ResponsibilityTables {
  tasks: TasksTable;
  reminder_contacts: ReminderContactsTable;
  task_notifications: TaskNotificationsTable;
  county_plans: CountyPlansTable;
  county_plan_goals: CountyPlanGoalsTable;
  county_plan_targets: CountyPlanTargetsTable;
  implementation_plans: ImplementationPlansTable;
  implementation_plan_goals: ImplementationPlanGoalsTable;
  supervisions: SupervisionsTable;
  supervision_units: SupervisionUnitsTable;
  supervision_findings: SupervisionFindingsTable;
  meetings: MeetingsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_decisions: MeetingDecisionsTable;
  pilots: PilotsTable;
  pilot_goals: PilotGoalsTable;
  pilot_units: PilotUnitsTable;
  pilot_milestones: PilotMilestonesTable;
  responsibility_events: ResponsibilityEventsTable;
}

export type TaskRow = Selectable<TasksTable>;
export type CountyPlanRow = Selectable<CountyPlansTable>;
export type CountyPlanGoalRow = Selectable<CountyPlanGoalsTable>;
export type CountyPlanTargetRow = Selectable<CountyPlanTargetsTable>;
export type ImplementationPlanRow = Selectable<ImplementationPlansTable>;
export type SupervisionRow = Selectable<SupervisionsTable>;
export type SupervisionFindingRow = Selectable<SupervisionFindingsTable>;
export type MeetingRow = Selectable<MeetingsTable>;
export type MeetingDecisionRow = Selectable<MeetingDecisionsTable>;
export type PilotRow = Selectable<PilotsTable>;
export type PilotMilestoneRow = Selectable<PilotMilestonesTable>;
export type UnitRow = Selectable<SupervisionUnitsTable>;
