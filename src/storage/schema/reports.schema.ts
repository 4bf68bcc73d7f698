import type { Generated, Selectable } from 'kysely';

/**
 * Stored reports (migration 0006-reports) and their review. A report is a version in a series (one report of a
 * kind, year, plan and region); a published version never changes: a correction is a new version of the series
 * with a note. `content` is the structured report (its data tables, JSON) and `file_data` the rendered file
 * (.docx / .xlsx, base64 — the same text column on SQLite and PostgreSQL).
 */
export type ReportKind = 'annual' | 'compendium' | 'midterm' | 'final';
export type ReportStatus = 'draft' | 'under_review' | 'approved' | 'published';

export interface ReportsTable {
  id: Generated<number>;
  series_key: string;
  version: number;
  kind: ReportKind;
  title: string;
  year: number;
  plan: string;
  region_code: string;
  status: ReportStatus;
  content: string;
  /** JSON object of the sections the office writes (problems, recommendations …), editable while a draft. */
  sections: string;
  file_name: string;
  file_mime: string;
  file_data: string;
  /** Why this version replaces the previous published one (required for a correction). */
  correction_note: string | null;
  demo: number;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by_name: string | null;
  published_at: string | null;
  published_by_name: string | null;
}

/** A comment of the coordination group (协调组) on a report under review. */
export interface ReportCommentsTable {
  id: Generated<number>;
  report_id: number;
  author_id: number | null;
  author_name: string;
  text: string;
  /** The status the report had when commented (under_review, or draft when it was sent back with the comment). */
  stage: string;
  created_at: string;
}

export interface ReportTables {
  reports: ReportsTable;
  report_comments: ReportCommentsTable;
}

export type ReportRow = Selectable<ReportsTable>;
export type ReportCommentRow = Selectable<ReportCommentsTable>;
