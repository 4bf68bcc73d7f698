import type { PlanKind } from '../plan/plan.types.ts';

/** Which way is better. `band` = closeness to a target level (左右 targets). */
export type Polarity = 'higher_better' | 'lower_better' | 'band';

/**
 * How county values roll up to the city:
 * - sum: counts are added;
 * - ratio: sum of numerators over sum of denominators (never an average of rates);
 * - none: not aggregatable, reported directly by the city.
 */
export type Aggregation = 'sum' | 'ratio' | 'none';

export type Disaggregation = 'sex' | 'age_group' | 'area';

export interface IndicatorDefinition {
  /** Stable code, e.g. W1.01 (women, domain 1, indicator 01) or C3.02. */
  code: string;
  name: string;
  unit: string;
  /** Multiplier of a rate: value = numerator / denominator × scale (100 for %, 1000 for ‰, 100000 for 1/10万). */
  scale: number | null;
  polarity: Polarity;
  aggregation: Aggregation;
  disaggregations: Disaggregation[];
  /** Age groups where the indicator is disaggregated by age, e.g. ["0-6岁","7-12岁"]. */
  ageGroups?: string[];
  /** Canonical name of the reporting department (the goal's lead unit). */
  department: string;
  plan: PlanKind;
  domain: number;
  definition: string;
  /** Names under which the target grammar finds this indicator in the plan text. */
  aliases: string[];
  /**
   * When several indicators count the same item under different scopes (女干部 in 区县党政正职 and in the
   * 市委…领导班子), the target scopes this indicator answers to; a target matches only with one of them.
   */
  scopes?: string[];
}
