import type { EvaluationStatus, StatusCategory, TargetBasis, TrendDirection } from './evaluation.types.ts';

/** Chinese labels of the statuses, as used in the plans' evaluation practice. */
export const evaluationStatusLabels: Readonly<Record<EvaluationStatus, string>> = Object.freeze({
  achieved: '已达标',
  on_track: '预计可达标',
  at_risk: '达标有风险',
  off_track: '预计难以达标',
  insufficient_data: '数据不足',
  no_target: '无量化目标',
});

/** The label of a result that is not assessed (a 不适用 county target, a city-wide total in a county). */
export const NOT_ASSESSED_LABEL = '不作评估';

/** Labels of what the screens count: the statuses, and 不作评估 apart from 无量化目标. */
export const statusCategoryLabels: Readonly<Record<StatusCategory, string>> = Object.freeze({ ...evaluationStatusLabels, not_assessed: NOT_ASSESSED_LABEL });

/** The categories in the order the dashboards list them: best first, the unassessable last, 不作评估 at the end. */
export const STATUS_CATEGORIES: readonly StatusCategory[] = Object.freeze(['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target', 'not_assessed']);

/** What a result counts as: its status, or not_assessed (不作评估). */
export function statusCategory(result: { status: EvaluationStatus; notAssessed: boolean }): StatusCategory {
  return result.notAssessed ? 'not_assessed' : result.status;
}

/** Where the target a result is judged against comes from. */
export const targetBasisLabels: Readonly<Record<TargetBasis, string>> = Object.freeze({
  city: '市级规划目标',
  county: '区县规划目标',
  county_added: '区县规划新增目标',
});

export const trendLabels: Readonly<Record<TrendDirection, string>> = Object.freeze({
  improving: '改善',
  stable: '基本稳定',
  worsening: '恶化',
});

/** Rank of the assessed statuses, best first (higher is better); the other two are not ranked. */
export const assessedStatusRank: Readonly<Partial<Record<EvaluationStatus, number>>> = Object.freeze({
  achieved: 4,
  on_track: 3,
  at_risk: 2,
  off_track: 1,
});
