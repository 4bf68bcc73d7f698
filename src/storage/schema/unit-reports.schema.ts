import type { Generated, Selectable } from 'kysely';
import type { UnitItemRole, UnitKind, UnitProgress, UnitReportKind, UnitReportStatus } from '../../core/unit-reports/unit-report.types.ts';

/**
 * Department and county reports to the city office (migration 0007-unit-reports): the annual report on the
 * plans' implementation and next year's work (年度落实情况和下一年工作安排), and the mid-term / final
 * self-evaluation reports (中期/终期自评报告). The office opens a round (year × kind); each responsible department
 * and each county committee gets one report, pre-filled with one item per goal it leads or shares.
 *
 * A report is a version in a series (one round, one unit); a published version never changes: a correction is
 * a new version of the series with a note. Goals are kept by their numbers (plan, domain, goal), which survive a
 * re-import of the plans, with the goal's text as it was when the report was opened.
 */

export interface UnitReportRoundsTable {
  id: Generated<number>;
  year: number;
  kind: UnitReportKind;
  title: string;
  due_date: string;
  note: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
}

export interface UnitReportsTable {
  id: Generated<number>;
  round_id: number;
  /** 'department:<id>' or 'county:<region code>': one series per unit in a round. */
  unit_key: string;
  version: number;
  unit_kind: UnitKind;
  department_id: number | null;
  region_code: string | null;
  unit_name: string;
  title: string;
  status: UnitReportStatus;
  overview: string;
  problems: string;
  next_plan: string;
  /** Why this version replaces the previous published one (every version after the first). */
  correction_note: string | null;
  /** The deadline task (tasks table) this report fulfils. */
  task_id: number | null;
  created_at: string;
  updated_at: string;
  /** The first submission (lateness is measured on it); resubmissions set last_submitted_at. */
  submitted_at: string | null;
  last_submitted_at: string | null;
  submitted_by_name: string | null;
  approved_at: string | null;
  approved_by_name: string | null;
  published_at: string | null;
  published_by_name: string | null;
}

export interface UnitReportItemsTable {
  id: Generated<number>;
  report_id: number;
  ord: number;
  plan_kind: 'women' | 'children';
  domain_ord: number;
  goal_ord: number;
  goal_text: string;
  role: UnitItemRole;
  progress: UnitProgress | null;
  done: string;
  problems: string;
  next_plan: string;
}

export interface UnitReportCommentsTable {
  id: Generated<number>;
  report_id: number;
  author_id: number | null;
  author_name: string;
  text: string;
  /** 'returned' (sent back with it), 'comment', 'approved'. */
  stage: string;
  created_at: string;
}

/** A file attached to a report (base64 in a text column, the same on SQLite and PostgreSQL). */
export interface UnitReportAttachmentsTable {
  id: Generated<number>;
  report_id: number;
  file_name: string;
  mime: string;
  size: number;
  data: string;
  uploaded_by: number | null;
  uploaded_by_name: string;
  uploaded_at: string;
}

export interface UnitReportTables {
  unit_report_rounds: UnitReportRoundsTable;
  unit_reports: UnitReportsTable;
  unit_report_items: UnitReportItemsTable;
  unit_report_comments: UnitReportCommentsTable;
  unit_report_attachments: UnitReportAttachmentsTable;
}

export type UnitReportRoundRow = Selectable<UnitReportRoundsTable>;
export type UnitReportRow = Selectable<UnitReportsTable>;
export type UnitReportItemRow = Selectable<UnitReportItemsTable>;
export type UnitReportCommentRow = Selectable<UnitReportCommentsTable>;
export type UnitReportAttachmentRow = Selectable<UnitReportAttachmentsTable>;
