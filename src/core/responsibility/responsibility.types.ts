/**
 * Vocabulary of responsibility and supervision (section 四 of both plans): tasks with deadlines, county plans
 * and department implementation plans with their filing flow, supervision, meetings and pilots.
 */
import type { PlanKind } from '../plan/plan.types.ts';

export type TaskKind =
  | 'annual_report' // 年度报告: 责任单位/下级妇儿工委每年报告规划落实情况和下一年工作安排
  | 'data_round' // 年度监测数据报送
  | 'plan_filing' // 区县规划报送（颁布后1个月内）
  | 'implementation_plan' // 部门实施方案
  | 'rectification' // 预警整改
  | 'supervision_followup' // 督查发现问题整改
  | 'meeting_decision' // 会议议定事项
  | 'other';

export const TASK_KINDS: readonly TaskKind[] = [
  'annual_report',
  'data_round',
  'plan_filing',
  'implementation_plan',
  'rectification',
  'supervision_followup',
  'meeting_decision',
  'other',
];

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  annual_report: '年度报告',
  data_round: '监测数据报送',
  plan_filing: '区县规划报送',
  implementation_plan: '部门实施方案',
  rectification: '预警整改',
  supervision_followup: '督查整改',
  meeting_decision: '会议议定事项',
  other: '其他任务',
};

export type TaskStatus = 'open' | 'done' | 'cancelled';
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done', 'cancelled'];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '未完成', done: '已完成', cancelled: '已取消' };

/** What a task came from; `source_id` is that entity's id. */
export type TaskSourceType =
  | 'county_plan'
  | 'implementation_plan'
  | 'supervision_finding'
  | 'meeting_decision'
  | 'round'
  | 'warning'
  | 'pilot_milestone'
  // The office's review of something a unit submitted (owned by the city office; see task-review.service.ts):
  | 'unit_report_review' // a department's or county's report (unit_reports.id)
  | 'county_plan_review' // a county plan filed (county_plans.id)
  | 'implementation_plan_review' // an implementation plan filed (implementation_plans.id)
  | 'warning_review' // a warning whose rectification steps are all reported done (warnings.id)
  | 'supervision_report_review'; // a supervision finding whose rectification was reported (supervision_findings.id)

export const TASK_SOURCE_TYPES: readonly TaskSourceType[] = [
  'county_plan',
  'implementation_plan',
  'supervision_finding',
  'meeting_decision',
  'round',
  'warning',
  'pilot_milestone',
  'unit_report_review',
  'county_plan_review',
  'implementation_plan_review',
  'warning_review',
  'supervision_report_review',
];

/** Sources of the office's review tasks (审核): a unit submitted something the office must approve or return. */
export type ReviewSourceType = Extract<TaskSourceType, `${string}_review`>;
export const REVIEW_SOURCE_TYPES: readonly ReviewSourceType[] = ['unit_report_review', 'county_plan_review', 'implementation_plan_review', 'warning_review', 'supervision_report_review'];

/** Filing and review of a county plan or a department implementation plan. */
export type FilingStatus = 'draft' | 'filed' | 'reviewed' | 'returned';
export const FILING_STATUSES: readonly FilingStatus[] = ['draft', 'filed', 'reviewed', 'returned'];
export const FILING_STATUS_LABELS: Record<FilingStatus, string> = { draft: '草稿', filed: '已报送', reviewed: '已审阅', returned: '已退回' };

/** How a county plan treats a goal or target of the city plan. */
export type CountyItemStatus = 'adopted' | 'adjusted' | 'not_applicable' | 'added';
export const COUNTY_ITEM_STATUSES: readonly CountyItemStatus[] = ['adopted', 'adjusted', 'not_applicable', 'added'];
export const COUNTY_ITEM_STATUS_LABELS: Record<CountyItemStatus, string> = {
  adopted: '沿用市目标',
  adjusted: '调整',
  not_applicable: '不适用',
  added: '新增',
};

export type MeetingKind = 'plenary' | 'liaison' | 'work_conference' | 'other';
export const MEETING_KINDS: readonly MeetingKind[] = ['plenary', 'liaison', 'work_conference', 'other'];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  plenary: '妇儿工委全体会议',
  liaison: '联络员会议',
  work_conference: '妇女儿童工作会议',
  other: '其他会议',
};

export type PilotStatus = 'planned' | 'running' | 'completed' | 'cancelled';
export const PILOT_STATUSES: readonly PilotStatus[] = ['planned', 'running', 'completed', 'cancelled'];
export const PILOT_STATUS_LABELS: Record<PilotStatus, string> = { planned: '筹备中', running: '实施中', completed: '已完成', cancelled: '已终止' };

/**
 * A goal of a city plan, by its numbers: stable when the plan is imported again (the goal's row id is not).
 */
export interface GoalRef {
  plan: PlanKind;
  domain: number;
  goal: number;
}

export const PLAN_KIND_LABELS: Record<PlanKind, string> = { women: '妇女', children: '儿童' };

/** 妇女规划 领域1 目标2 */
export function goalRefLabel(ref: GoalRef): string {
  return `${PLAN_KIND_LABELS[ref.plan]}规划 领域${ref.domain} 目标${ref.goal}`;
}

/** A unit named by a supervision, meeting or pilot: a department, a county (region), or a name only. */
export interface UnitRefInput {
  departmentId?: number | null;
  regionCode?: string | null;
  name?: string | null;
}
