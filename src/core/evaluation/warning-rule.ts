import type { EvaluationMethod, EvaluationStatus, TrendDirection } from './evaluation.types.ts';

/** The 达标困难 level one evaluated target calls for (docs/early-warning.md §2). */
export type DifficultyLevel = 'red' | 'yellow';

/**
 * 预计达标困难: off track → 红; at risk → 黄; a direction-only target (无量化目标, judged by the trend) whose trend
 * is worsening by the method's rule (s = d·CAGR below `trend.worseningBelow`, with at least minPoints points) → 黄:
 * the plan asks for 逐步提高 / 持续下降 and the indicator moves the other way. Everything else: none.
 */
export function difficultyLevel(result: { status: EvaluationStatus; method: EvaluationMethod; trend: TrendDirection | null }): DifficultyLevel | null {
  if (result.status === 'off_track') return 'red';
  if (result.status === 'at_risk') return 'yellow';
  if (result.status === 'no_target' && result.method === 'trend_direction' && result.trend === 'worsening') return 'yellow';
  return null;
}
