/** Types of the reports API (src/api/routes/reports), shared with the server's services. */
export type {
  ReportCommentView,
  ReportDetail,
  ReportVersionView,
} from '../../../src/services/reports/report-publication.service.ts';
export type { ReportKind, ReportStatus } from '../../../src/storage/schema/reports.schema.ts';
export type {
  AnnualReport,
  ReportChapter,
  ReportIndicatorRow,
  ReportPlanScope,
  ReportWarning,
  StatusTally,
} from '../../../src/core/reports/report.types.ts';

import type { ReportVersionView } from '../../../src/services/reports/report-publication.service.ts';

/** A row of GET /public/reports: a published version, marked when a later published version corrects it. */
export type PublishedReportView = ReportVersionView & { superseded: boolean };

/** The kinds a report can be created as (POST /reports). */
export type CreatableReportKind = 'annual' | 'compendium' | 'midterm' | 'final';

export interface CreateReportBody {
  kind: CreatableReportKind;
  year: number;
  plan?: 'women' | 'children' | 'all';
  region?: string;
  correctionNote?: string;
}
