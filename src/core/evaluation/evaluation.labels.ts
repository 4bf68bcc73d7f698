import type { EvaluationStatus, TrendDirection } from './evaluation.types.ts';

/** Chinese labels of the statuses, as used in the plans' evaluation practice. */
export const evaluationStatusLabels: Readonly<Record<EvaluationStatus, string>> = Object.freeze({
  achieved: '已达标',
  on_track: '预计可达标',
  at_risk: '达标有风险',
  off_track: '预计难以达标',
  insufficient_data: '数据不足',
  no_target: '无量化目标',
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
