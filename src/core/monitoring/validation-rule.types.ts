import type { Disaggregation, IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { DataValue } from './data-value.types.ts';

/**
 * The checks of one indicator, kept as data so the statistics bureau can edit them (stored as JSON).
 * Every field is plain JSON: numbers, strings, arrays, null — no undefined, no functions.
 */
export interface ValidationRuleSet {
  indicatorCode: string;
  /** integer: counts (人, 所, 家 …); number: anything with decimals. */
  valueType: 'number' | 'integer';
  /** Inclusive bounds in the indicator's unit; null = unbounded on that side. */
  range: { min: number | null; max: number | null };
  /**
   * value ≈ numerator / denominator × scale; `tolerance` is the largest accepted absolute difference in the
   * value's unit (0.05 accepts a value rounded to one decimal). null: not checked.
   */
  ratioConsistency: { tolerance: number } | null;
  /**
   * Parts add up to the total within `tolerance`: for counts the values (`on: 'value'`), for rates the
   * numerators and denominators (`on: 'numerator_denominator'`; rates themselves never add up). null: not checked.
   */
  partsSum: { dimensions: Disaggregation[]; on: 'value' | 'numerator_denominator'; tolerance: number } | null;
  /**
   * A change from last year beyond `threshold` needs a note before submission. absolute: in the unit
   * (percentage points for %); relative: in % of last year's value. null: not checked.
   */
  yearOnYear: { mode: 'absolute' | 'relative'; threshold: number } | null;
  required: {
    /** Cells that must hold a value: only the total, the indicator's whole grid, or listed cell keys. */
    cells: 'total' | 'grid' | string[];
    /** Numerator and denominator must be filled wherever a value is (needed to roll rates up). */
    numeratorDenominator: boolean;
  };
  /** More decimals than this gives a warning; null = no limit. */
  maxDecimals: number | null;
}

export type ValidationPhase = 'save' | 'submit';

export type ValidationField = 'value' | 'numerator' | 'denominator' | 'note';

export type ValidationIssueCode =
  | 'unknown_indicator'
  | 'invalid_cell'
  | 'duplicate_cell'
  | 'not_a_number'
  | 'not_integer'
  | 'out_of_range'
  | 'too_many_decimals'
  | 'numerator_negative'
  | 'denominator_not_positive'
  | 'ratio_mismatch'
  | 'parts_sum_mismatch'
  | 'yoy_unexplained'
  | 'required_missing'
  | 'numerator_denominator_missing';

export interface ValidationIssue {
  indicatorCode: string;
  /** null only for a required cell of a form with no region known (no values and no `regionCode` given). */
  regionCode: string | null;
  /** `disaggregationKey` of the cell the issue stands beside. */
  cellKey: string;
  field: ValidationField;
  severity: 'error' | 'warning';
  code: ValidationIssueCode;
  /** Chinese, with the numbers, e.g. “女+男（1,203）≠合计（1,250）”. */
  message: string;
  /** Whether this issue stops the action of the phase: at save only type errors, at submit every error. */
  blocking: boolean;
}

export interface FormValidationInput {
  /** The indicators of the form. */
  indicators: readonly IndicatorDefinition[];
  /** Stored rule sets; an indicator without one is checked by `defaultRulesFor`. */
  rules: readonly ValidationRuleSet[];
  /** The form's values (one region and year as a rule; several are handled separately). */
  values: readonly DataValue[];
  /** The same indicators, regions and cells a year earlier, for the year-on-year check. */
  previousYearValues: readonly DataValue[];
  phase: ValidationPhase;
  /** The form's region, so that required cells are reported even when no value was typed yet. */
  regionCode?: string;
}
