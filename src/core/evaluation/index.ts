export { evaluateNotApplicable, evaluateTarget, evaluateWithoutIndicator } from './evaluate-target.ts';
export { difficultyLevel, type DifficultyLevel } from './warning-rule.ts';
export { countyApplicability, type CountyApplicability } from './county-scope.ts';
export {
  COUNTY_ADDED_TARGET_LABEL,
  COUNTY_TARGET_LABEL,
  evaluateCountyOwnTarget,
  evaluateUnlinkedCountyTarget,
  resolveCountyOwnTarget,
  type CountyOwnLink,
  type ResolvedCountyOwnTarget,
} from './county-own-target.ts';
export {
  defaultEvaluationConfig,
  resolveEvaluationConfig,
  validateEvaluationConfig,
  type EvaluationConfig,
  type EvaluationConfigOverrides,
} from './evaluation.config.ts';
export {
  NOT_ASSESSED_LABEL,
  STATUS_CATEGORIES,
  assessedStatusRank,
  evaluationStatusLabels,
  statusCategory,
  statusCategoryLabels,
  targetBasisLabels,
  trendLabels,
} from './evaluation.labels.ts';
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
  StatusCategory,
  TargetBasis,
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
