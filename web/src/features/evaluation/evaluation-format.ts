import { formatDifference, formatRate, formatShare, formatValue } from '../../../../src/core/evaluation/format.ts';
import type { EvaluationResult } from '../../api/types.ts';

export const METHOD_LABELS: Record<EvaluationResult['method'], string> = {
  growth_ratio: '年均增长率比较（Open SDG、欧盟统计局方法）',
  shortfall_growth_ratio: '差距年均缩小率比较（适用于接近100%的比率）',
  linear_ratio: '年均变化量比较（适用于数量、比值和百分点目标）',
  trend_direction: '趋势方向判断（无量化目标）',
  not_evaluated: '不作量化评估',
};

/** A rate of change as its basis writes it: -2.3%/年 (compound), -0.5个百分点/年 (annual change). */
export function rateText(rate: number | null, result: Pick<EvaluationResult, 'rateBasis'>, unit: string): string {
  if (rate === null) return '—';
  if (result.rateBasis === 'compound_growth') return `${formatRate(rate)}/年`;
  return `${formatDifference(rate, unit)}/年`;
}

export function valueText(v: number | null | undefined, unit: string): string {
  return v === null || v === undefined ? '—' : formatValue(v, unit);
}

export function progressText(ratio: number | null): string {
  return ratio === null ? '—' : formatShare(ratio);
}
