import type { DeadlineChangeView, DeadlineExtensionView } from '../../core/deadlines/round-deadline.ts';
import type { Lateness, UnitItemRole, UnitKind, UnitProgress, UnitReportKind, UnitReportStatus } from '../../core/unit-reports/unit-report.types.ts';

/** What the API answers about the units' reports (the web front end has its own copy of these shapes). */
export interface UnitReportRoundView {
  id: number;
  year: number;
  kind: UnitReportKind;
  kindLabel: string;
  title: string;
  dueDate: string;
  note: string;
  createdByName: string;
  createdAt: string;
}

export interface UnitReportView {
  id: number;
  roundId: number;
  year: number;
  kind: UnitReportKind;
  kindLabel: string;
  version: number;
  /** The newest version of its series (the unit's report in the round). */
  latest: boolean;
  unitKind: UnitKind;
  unitCode: string;
  departmentId: number | null;
  regionCode: string | null;
  unitName: string;
  title: string;
  status: UnitReportStatus;
  statusLabel: string;
  /** The deadline in force for this unit: the round's, or the unit's extension when later. */
  dueDate: string;
  /** The round's own deadline. */
  roundDueDate: string;
  /** The unit's own extension, when it has one (调整截止日期 for one unit). */
  extension: { dueDate: string; reason: string } | null;
  /** First submission of the series (lateness is measured on it, against the deadline in force now). */
  submittedAt: string | null;
  lastSubmittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  lateness: Lateness;
  latenessLabel: string;
  correctionNote: string | null;
  itemCount: number;
  assessedCount: number;
  taskId: number | null;
  updatedAt: string;
}

export interface UnitReportItemView {
  id: number;
  ord: number;
  plan: 'women' | 'children';
  planLabel: string;
  domain: number;
  goal: number;
  goalText: string;
  role: UnitItemRole;
  roleLabel: string;
  progress: UnitProgress | null;
  progressLabel: string | null;
  done: string;
  problems: string;
  nextPlan: string;
}

export interface UnitReportCommentView {
  id: number;
  authorName: string;
  text: string;
  stage: string;
  createdAt: string;
}

export interface UnitReportAttachmentView {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  uploadedByName: string;
  uploadedAt: string;
}

export interface UnitReportHistoryEntry {
  at: string;
  userName: string;
  action: string;
  actionLabel: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface UnitReportDetail extends UnitReportView {
  overview: string;
  problems: string;
  nextPlan: string;
  items: UnitReportItemView[];
  comments: UnitReportCommentView[];
  attachments: UnitReportAttachmentView[];
  /** Every version of the unit's report (public: the published ones), newest first. */
  versions: UnitReportView[];
  /** The audit trail (not on the public page). */
  history: UnitReportHistoryEntry[];
  can: { edit: boolean; submit: boolean; comment: boolean; return: boolean; approve: boolean; publish: boolean; correct: boolean };
}

export interface RoundOverview {
  round: UnitReportRoundView;
  /** The latest version of each unit's report. */
  units: UnitReportView[];
  counts: { total: number; submitted: number; notSubmitted: number; overdue: number; late: number; approved: number; published: number; returned: number };
  /** Units given a later deadline than the round's. */
  extensions: DeadlineExtensionView[];
  /** Every change of the round's deadline (whole round or one unit), oldest first. */
  deadlineChanges: DeadlineChangeView[];
  /** Whether the actor may change the deadline (the office). */
  canChangeDeadline: boolean;
}

export type { DeadlineChangeView, DeadlineExtensionView } from '../../core/deadlines/round-deadline.ts';

export interface PublishedUnitReport extends UnitReportView {
  superseded: boolean;
}
