/**
 * A quantitative (or direction-only) target found in a goal or measure, per DESIGN.md §3.
 * `text` is always the original phrase from the plan, so a reviewer can check the reading.
 */
export type TargetKind =
  | 'threshold' // 达到85%以上, 控制在8.2/10万以下, 超过90%, 为100%
  | 'approx' // 保持在45%左右 (a tolerance band around value)
  | 'relative_change' // 以2020年为基数下降20%
  | 'annual_change' // 平均每年降低1个百分点以上
  | 'trend' // 逐步提高, 持续下降: direction only, no number
  | 'count' // 至少配备1名, 各区县至少1家, 每个…1所
  | 'ratio' // 女性厕位与男性厕位的比例至少为3：2
  | 'deadline'; // 颁布后1个月内报送 (a task, not an indicator)

export type TargetOp = '>=' | '>' | '<=' | '<' | '=';

export type TargetDirection = 'increase' | 'decrease' | 'maintain';

export interface Target {
  /** Indicator name as the grammar reads it from the text, e.g. 孕产妇死亡率. */
  indicator: string;
  /** Code from the indicator catalogue; null until matched (or for deadlines). */
  indicatorCode: string | null;
  kind: TargetKind;
  /** Comparison the value must satisfy; null for trend and deadline targets. */
  op: TargetOp | null;
  /** The number in the text (for a ratio: left / right, e.g. 1.5 for 3：2). */
  value: number | null;
  /** Unit as written: %, ‰, 1/10万, 个/千人, 名/千名儿童, 百分点, 所, 人, 小时, 个月 … */
  unit: string | null;
  /** Base year of a relative change (以2020年为基数). */
  baseYear: number | null;
  /** Year by which the target applies: the plan's end year unless the text says otherwise. */
  targetYear: number;
  /** Original phrase from the plan. */
  text: string;
  /** Direction for trend, relative and annual-change targets. */
  direction?: TargetDirection;
  /** Both terms of a ratio target, e.g. [3, 2]. */
  ratio?: [number, number];
  /** Where a count or level applies: 每个区县, 以镇（街道）为单位, 每所学校 … */
  scope?: string;
  /**
   * When the bound is another quantity instead of a number (value is then null), e.g. 不低于本地区党员总数中女性比例.
   */
  reference?: string;
}

/** A numeric phrase the grammar found but could not place: listed as 待核对, never dropped. */
export interface UnplacedPhrase {
  text: string;
  /** The sentence it stands in. */
  sentence: string;
  reason: string;
}

export interface TargetExtraction {
  targets: Target[];
  unplaced: UnplacedPhrase[];
}

/**
 * Where the text comes from. Goals are read with recall (direction-only targets, 全覆盖, verb-first 提高…率);
 * measures conservatively (only explicit numbers, and a direction stated about a rate with an adverb).
 */
export type TargetSource = 'goal' | 'measure';

export interface ExtractOptions {
  /** Plan end year, used as targetYear when the text names none. Default 2025. */
  targetYear?: number;
  /** Default 'goal'. The plan parser passes 'measure' for strategy measures. */
  source?: TargetSource;
}
