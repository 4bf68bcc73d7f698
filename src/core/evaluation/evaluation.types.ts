import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { Target, TargetKind } from '../target/target.types.ts';
import type { EvaluationConfigOverrides } from './evaluation.config.ts';
import type { VolatilityResult } from './volatility.ts';

/** One observation of one indicator × region × disaggregation. */
export interface SeriesPoint {
  year: number;
  value: number;
}

export type EvaluationStatus =
  | 'achieved' // 已达标
  | 'on_track' // 预计可达标
  | 'at_risk' // 达标有风险
  | 'off_track' // 预计难以达标
  | 'insufficient_data' // 数据不足
  | 'no_target'; // 无量化目标

/**
 * What the screens count a result as: its status, except that a result not assessed at all (不作评估: a target
 * the county's filed plan marks 不适用, a city-wide total in a county) is kept apart from 无量化目标 — its status
 * stays `no_target` (the statuses of issue 4 are unchanged), its `notAssessed` is true.
 */
export type StatusCategory = EvaluationStatus | 'not_assessed';

/**
 * What a region's result is judged against: the city plan's target; the target of the county's own filed plan
 * derived from it (adopted, adjusted, or marked 不适用); or a target the county added to its plan.
 */
export type TargetBasis = 'city' | 'county' | 'county_added';

/** Direction of a series judged against the better direction (trend targets). */
export type TrendDirection = 'improving' | 'stable' | 'worsening';

/**
 * How the rates are expressed:
 * - compound_growth: compound annual growth rate, a fraction (-0.023 = 年均变化 -2.3%);
 * - annual_change: average absolute change per year in the value's unit (percentage points for %).
 */
export type RateBasis = 'compound_growth' | 'annual_change';

/** What the rates measure: the value itself, or the shortfall (bound − value) of a bounded rate. */
export type RateSubject = 'value' | 'shortfall';

export type EvaluationMethod =
  | 'growth_ratio' // Open SDG / Statistics Canada / Eurostat: actual vs required CAGR
  | 'shortfall_growth_ratio' // same, on the shortfall to 100% (bounded rates)
  | 'linear_ratio' // actual vs required average annual change (counts, ratios, 百分点 targets)
  | 'trend_direction' // no target: direction of the CAGR (Eurostat no-target rule)
  | 'not_evaluated'; // deadlines, targets without a number, unknown direction

/** What the engine needs of an indicator; a full IndicatorDefinition fits. */
export type EvaluatedIndicator = Pick<IndicatorDefinition, 'code' | 'unit' | 'polarity'>;

export interface EvaluationInput {
  target: Target;
  indicator?: EvaluatedIndicator | null;
  /** Any order; values after `year` are ignored; a year may appear only once. */
  series: readonly SeriesPoint[];
  /** The year being evaluated (the latest value at or before it is used). */
  year: number;
  config?: EvaluationConfigOverrides;
  /**
   * How the working names the target (default “目标”); e.g. “按区县规划目标” when a county is judged against the
   * target of its own filed plan.
   */
  targetLabel?: string;
}

export interface EvaluationWindow {
  fromYear: number;
  toYear: number;
  /** Data points from fromYear to toYear inclusive. */
  points: number;
  /** Points needed for a status other than achieved (config minPoints). */
  required: number;
}

export interface EvaluationResult {
  status: EvaluationStatus;
  /** Chinese label of the status: 已达标, 预计可达标 …; 不作评估 when `notAssessed`. */
  statusLabel: string;
  /**
   * True when the target does not apply to the region and is not assessed (不作评估): status `no_target`,
   * method `not_evaluated`; false for every other result (a direction-only target is 无量化目标, not this).
   */
  notAssessed: boolean;
  kind: TargetKind;
  method: EvaluationMethod;
  /** The evaluated year. */
  year: number;
  /** Latest observation at or before `year`. */
  latest: SeriesPoint | null;
  /** True when the latest observation is older than `year`. */
  stale: boolean;
  /** First observation of the window (base year value). */
  base: SeriesPoint | null;
  window: EvaluationWindow | null;
  /**
   * The level the value must reach, in the value's unit: the number of a threshold, the base value × (1 ∓ x%)
   * of a relative change, the centre of an approx band, the implied end level of an annual-change target.
   */
  targetValue: number | null;
  targetYear: number;
  /** Tolerance band of an approx (左右) target, inclusive. */
  band: { lower: number; upper: number } | null;
  /** Value projected to the target year; null when not applicable. */
  projected: number | null;
  rateBasis: RateBasis | null;
  rateOf: RateSubject | null;
  /** Rate needed from the base year to reach the target by the target year (see rateBasis). */
  requiredRate: number | null;
  /** Observed rate from the base year to the latest year (see rateBasis). */
  actualRate: number | null;
  /** Progress ratio P = d·actual / |required|; null when not computed or unbounded (required rate 0). */
  progressRatio: number | null;
  /** Only for trend targets (and null when too few points or no known better direction). */
  trend: TrendDirection | null;
  /** True when the change into the evaluated year is flagged 波动较大. */
  volatile: boolean;
  volatility: VolatilityResult;
  /** The working, in Chinese, with the numbers used. */
  reason: string;
}
