import type { EvaluationStatus, StatusCategory, TrendDirection } from '../evaluation/evaluation.types.ts';
import type { PlanKind } from '../plan/plan.types.ts';
import type { ReportPlanScope, StatusTally } from './report.types.ts';

/** The two evaluations of the plans' period (section 五: 中期评估 in 2023, 终期评估 in 2025). */
export type EvaluationReportKind = 'midterm' | 'final';

/** A department's (or county's) own judgement of a goal in its self-evaluation report. */
export type SelfAssessmentProgress = 'achieved' | 'mostly_achieved' | 'in_progress' | 'lagging';

export const SELF_ASSESSMENT_PROGRESS_LABELS: Readonly<Record<SelfAssessmentProgress, string>> = {
  achieved: '已实现',
  mostly_achieved: '基本实现',
  in_progress: '稳步推进',
  lagging: '进展滞后',
};

/** Keys of the sections the office writes in a stored report (report.sections). */
export type EvaluationSectionKey = 'problems' | 'recommendations' | 'outlook';

export interface EvaluationSectionSpec {
  key: EvaluationSectionKey;
  title: string;
}

/** The marker of a section the office has not written yet. */
export const PENDING_SECTION_TEXT = '（待撰写）';

/** Counts and rates of a group of targets (a plan, a domain, a lead department). */
export interface AchievementRate {
  key: string;
  label: string;
  tally: StatusTally;
  /** achieved + on track + at risk + off track: the denominator of the rates. */
  assessed: number;
  /** 达标率 = achieved ÷ assessed (0–1), null when nothing is assessed. */
  achievedRate: number | null;
  /** 预计达标率 = (achieved + on track) ÷ assessed. */
  expectedRate: number | null;
  achievedRateText: string;
  expectedRateText: string;
}

/** One evaluated target of one indicator in the report's region. */
export interface EvaluationTargetRow {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  /** “目标3” or “策略措施5”: where in the domain the target is written. */
  sourceLabel: string;
  goalOrd: number | null;
  baseline: number | null;
  baselineYear: number;
  /** The value of the evaluation year, or the latest earlier one (valueYear). */
  value: number | null;
  valueYear: number | null;
  targetText: string;
  targetValue: number | null;
  status: EvaluationStatus;
  /** What the tallies count it as: the status, or not_assessed (不作评估, status no_target). */
  category: StatusCategory;
  statusLabel: string;
  /** The engine's working, in Chinese, with the numbers used. */
  reason: string;
  departmentName: string | null;
}

export interface GoalIndicatorTrend {
  indicatorCode: string;
  indicatorName: string;
  trend: TrendDirection | null;
  trendLabel: string;
  reason: string;
}

export interface GoalAssessment {
  unitName: string;
  unitKind: 'department' | 'county';
  role: 'lead' | 'responsible' | 'county';
  progress: SelfAssessmentProgress | null;
  progressLabel: string;
  done: string;
  problems: string;
}

/** A main goal without a quantitative target (无量化目标): the trend of its indicators, the units' own assessments. */
export interface DirectionGoalRow {
  goalOrd: number;
  goalText: string;
  leadUnits: string[];
  indicators: GoalIndicatorTrend[];
  /** “妇女人均预期寿命：改善；…” or 无监测指标. */
  trendText: string;
  assessments: GoalAssessment[];
  /** “市卫生健康委：基本实现；…” or 暂无自评. */
  assessmentText: string;
}

export interface EvaluationChapter {
  planKind: PlanKind;
  planTitle: string;
  domainOrd: number;
  heading: string;
  title: string;
  rate: AchievementRate;
  paragraphs: string[];
  rows: EvaluationTargetRow[];
  /** The domain's targets by lead department (the chart of the chapter). */
  departments: AchievementRate[];
  goalCount: number;
  directionGoals: DirectionGoalRow[];
}

/** A unit's approved self-evaluation report, listed in the appendix. */
export interface EvaluationAppendixEntry {
  reportId: number;
  unitKind: 'department' | 'county';
  unitName: string;
  title: string;
  submittedAt: string | null;
  overview: string;
}

/** The mid-term or final evaluation report (中期/终期评估报告) as structured data; the .docx and the web render it. */
export interface EvaluationReport {
  kind: EvaluationReportKind;
  /** 中期评估 / 终期评估. */
  stageLabel: string;
  title: string;
  year: number;
  baselineYear: number;
  plan: ReportPlanScope;
  regionCode: string;
  regionName: string;
  regionLevel: 'city' | 'county';
  demo: boolean;
  dataLabel: string | null;
  generatedAt: string;
  issuer: string;
  overview: { paragraphs: string[]; rate: AchievementRate; plans: AchievementRate[]; goalCount: number; directionGoalCount: number };
  domainRates: (AchievementRate & { planKind: PlanKind; domainOrd: number })[];
  departmentRates: AchievementRate[];
  chapters: EvaluationChapter[];
  /** The sections the office writes, in order (texts are the stored report's `sections`). */
  sections: EvaluationSectionSpec[];
  appendix: EvaluationAppendixEntry[];
}
