import type { EvaluationStatus, TrendDirection } from '../evaluation/evaluation.types.ts';
import { formatNumber, withUnit } from '../evaluation/format.ts';
import type { Polarity } from '../indicator/indicator.types.ts';
import { changeOnLastYear, decimalsFor } from './change-text.ts';

/** What one sentence of a chapter says about one target of one indicator. */
export interface SentenceInput {
  year: number;
  /** 全市 for the city, the county's name otherwise. */
  areaName: string;
  indicatorName: string;
  unit: string;
  polarity: Polarity;
  value: number | null;
  valueYear: number | null;
  previous: number | null;
  targetValue: number | null;
  status: EvaluationStatus;
  trend: TrendDirection | null;
}

/** The status against the target, as a statistical monitoring report states it. */
export function targetClause(input: Pick<SentenceInput, 'status' | 'value' | 'targetValue' | 'polarity' | 'trend'>): string {
  const { status, value, targetValue, polarity } = input;
  switch (status) {
    case 'achieved': {
      if (value === null || targetValue === null || polarity === 'band') return '达到规划目标';
      const better = polarity === 'higher_better' ? value > targetValue : value < targetValue;
      return better ? '优于规划目标' : '达到规划目标';
    }
    case 'on_track':
      return '尚未达到规划目标，按现有进度预计可如期实现';
    case 'at_risk':
      return '与规划目标尚有差距，如期实现存在风险';
    case 'off_track':
      return '与规划目标差距较大，按现有进度预计难以如期实现';
    case 'insufficient_data':
      return '监测年份较少，暂不能判断达标前景';
    case 'no_target':
      return input.trend === 'improving' ? '总体呈改善趋势' : input.trend === 'worsening' ? '有所恶化，需重点关注' : input.trend === 'stable' ? '总体保持稳定' : '';
  }
}

/**
 * “2024年，全市孕产妇死亡率为7.9/10万，比上年下降0.6个十万分点，优于规划目标。” A stale value names its own
 * year; a missing value says so.
 */
export function indicatorSentence(input: SentenceInput): string {
  const { year, areaName, indicatorName, unit, value, valueYear, previous } = input;
  if (value === null || valueYear === null) return `${year}年，${areaName}${indicatorName}暂无审核通过的监测数据。`;
  const decimals = decimalsFor(value, previous);
  const when = valueYear === year ? `${year}年` : `${valueYear}年（最新数据）`;
  const parts = [`${when}，${areaName}${indicatorName}为${withUnit(formatNumber(value, decimals), unit)}`];
  if (previous !== null) parts.push(changeOnLastYear(value, previous, unit, decimals));
  const clause = targetClause(input);
  if (clause !== '') parts.push(clause);
  return `${parts.join('，')}。`;
}
