import type { EvaluationStatus, StatusCategory } from '../evaluation/evaluation.types.ts';
import type { PlanKind } from '../plan/plan.types.ts';

/** Which plans a report covers. */
export type ReportPlanScope = PlanKind | 'all';

export const REPORT_PLAN_SCOPES: readonly ReportPlanScope[] = ['women', 'children', 'all'];

/** Targets per status category (不作评估 counted apart from 无量化目标) and in all. */
export type StatusTally = Record<StatusCategory, number> & { total: number };

/** One target of one indicator in the report's region and year, as the tables and sentences show it. */
export interface ReportIndicatorRow {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  /** Value of the report year, or the latest earlier one (see valueYear); null without approved data. */
  value: number | null;
  valueYear: number | null;
  /** Value of the year before valueYear, null when not reported. */
  previous: number | null;
  targetText: string;
  targetValue: number | null;
  status: EvaluationStatus;
  /** What the tallies count it as: the status, or not_assessed (不作评估, status no_target). */
  category: StatusCategory;
  statusLabel: string;
  departmentName: string | null;
  /** Values of earlier years up to the report year, ascending (for the charts). */
  series: { year: number; value: number }[];
  /** The sentence of the chapter text about this row. */
  sentence: string;
}

export interface ReportChapter {
  planKind: PlanKind;
  planTitle: string;
  domainOrd: number;
  /** “（一）健康”: numbered inside the plan. */
  heading: string;
  title: string;
  tally: StatusTally;
  paragraphs: string[];
  rows: ReportIndicatorRow[];
}

export interface ReportWarning {
  level: 'red' | 'yellow';
  indicatorCode: string;
  indicatorName: string;
  regionName: string;
  levelLabel: string;
  kindLabel: string;
  statusLabel: string;
  reason: string;
}

/** The annual statistical monitoring report (年度统计监测报告) as structured data: the HTML view and the .docx render it. */
export interface AnnualReport {
  kind: 'annual';
  title: string;
  year: number;
  plan: ReportPlanScope;
  regionCode: string;
  regionName: string;
  regionLevel: 'city' | 'county';
  /** Generated from demo data: every page says 示例数据. */
  demo: boolean;
  /** “示例数据” when demo, else null. */
  dataLabel: string | null;
  generatedAt: string;
  /** Who compiles it (the cover line). */
  issuer: string;
  overview: { paragraphs: string[]; tally: StatusTally };
  chapters: ReportChapter[];
  warnings: ReportWarning[];
}
