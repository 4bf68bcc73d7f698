export { evaluateNotApplicable, evaluateTarget } from './evaluate-target.ts';
export { difficultyLevel, type DifficultyLevel } from './warning-rule.ts';
export { countyApplicability, type CountyApplicability } from './county-scope.ts';
export {
  defaultEvaluationConfig,
  resolveEvaluationConfig,
  validateEvaluationConfig,
  type EvaluationConfig,
  type EvaluationConfigOverrides,
} from './evaluation.config.ts';
export { assessedStatusRank, evaluationStatusLabels, trendLabels } from './evaluation.labels.ts';
export type {
  EvaluatedIndicator,
  EvaluationInput,
  EvaluationMethod,
  EvaluationResult,
  EvaluationStatus,
  EvaluationWindow,
  RateBasis,
  RateSubject,
  SeriesPoint,
  TrendDirection,
} from './evaluation.types.ts';
export { detectVolatility, type VolatileChange, type VolatilityConfig, type VolatilityResult, type YearChange } from './volatility.ts';
export {
  regionSpread,
  sexGap,
  urbanRuralGap,
  type GapOptions,
  type PairGap,
  type RankedRegion,
  type RegionSpread,
  type RegionValue,
  type SexGap,
  type UrbanRuralGap,
} from './gaps.ts';
export { formatDifference, formatNumber, formatRate, formatValue, withUnit } from './format.ts';
