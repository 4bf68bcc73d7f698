import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { validateForm } from '../../core/monitoring/validate-form.ts';
import type { ValidationField, ValidationIssueCode, ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { rulesFor } from '../../core/monitoring/validation-rules.ts';
import type { DataValueInput } from '../monitoring/data-value.contract.ts';

/**
 * Rule checks a file can fail on its own, before anything reaches storage: type and range (a % of 120),
 * numerator/denominator consistency, parts adding up to the total. They run here so that a rejected file lists
 * its parse errors and its rule errors together; writeDataValues checks everything again (it is the authority,
 * and it also knows the stored values: year-on-year changes, required cells of a form).
 */
const FILE_LEVEL_CODES: ReadonlySet<ValidationIssueCode> = new Set<ValidationIssueCode>([
  'invalid_cell',
  'not_a_number',
  'not_integer',
  'out_of_range',
  'numerator_negative',
  'denominator_not_positive',
  'ratio_mismatch',
  'parts_sum_mismatch',
]);

export interface ValueProblem {
  /** Index into the inputs checked. */
  index: number;
  field: ValidationField;
  message: string;
}

function fileLevelRules(indicator: IndicatorDefinition, rules: readonly ValidationRuleSet[]): ValidationRuleSet {
  // Required cells and year-on-year notes depend on the form and on stored values: not a file's business.
  return { ...rulesFor(indicator, rules), required: { cells: [], numeratorDenominator: false }, yearOnYear: null };
}

/**
 * Checks parsed inputs against each indicator's rules (stored ones, else the defaults). Inputs must name known
 * indicators and hold no duplicate cells (the parsers reject those first). Problems come back by input index.
 */
export function checkValues(
  inputs: readonly DataValueInput[],
  indicators: ReadonlyMap<string, IndicatorDefinition>,
  rules: readonly ValidationRuleSet[],
): ValueProblem[] {
  const byYear = new Map<number, number[]>();
  for (let i = 0; i < inputs.length; i++) {
    const year = (inputs[i] as DataValueInput).year;
    let list = byYear.get(year);
    if (list === undefined) byYear.set(year, (list = []));
    list.push(i);
  }
  const ruleSets = new Map<string, ValidationRuleSet>();
  const problems: ValueProblem[] = [];
  for (const indices of byYear.values()) {
    // An issue names indicator, region and cell but not the year: one year at a time keeps that unique.
    const where = new Map<string, number>();
    const present = new Map<string, IndicatorDefinition>();
    const values: DataValue[] = [];
    for (const i of indices) {
      const input = inputs[i] as DataValueInput;
      const indicator = indicators.get(input.indicatorCode);
      if (indicator === undefined) continue;
      if (!ruleSets.has(indicator.code)) ruleSets.set(indicator.code, fileLevelRules(indicator, rules));
      present.set(indicator.code, indicator);
      const disaggregation = { sex: input.sex, ageGroup: input.ageGroup, area: input.area };
      where.set(`${input.indicatorCode}\u0000${input.regionCode}\u0000${disaggregationKey(disaggregation)}`, i);
      values.push({
        indicatorCode: input.indicatorCode,
        regionCode: input.regionCode,
        year: input.year,
        disaggregation,
        value: input.value,
        numerator: input.numerator,
        denominator: input.denominator,
        source: input.source ?? null,
        note: input.note ?? null,
        status: 'draft',
        version: 0,
        backfilled: false,
      });
    }
    const issues = validateForm({
      indicators: [...present.values()],
      rules: [...present.keys()].map((code) => ruleSets.get(code) as ValidationRuleSet),
      values,
      previousYearValues: [],
      phase: 'submit',
    });
    for (const issue of issues) {
      if (issue.severity !== 'error' || !FILE_LEVEL_CODES.has(issue.code)) continue;
      const index = where.get(`${issue.indicatorCode}\u0000${issue.regionCode ?? ''}\u0000${issue.cellKey}`);
      if (index !== undefined) problems.push({ index, field: issue.field, message: issue.message });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** value = numerator ÷ denominator × scale, rounded to the indicator's decimals (default 2). */
export function valueFromRatio(
  indicator: IndicatorDefinition,
  rules: readonly ValidationRuleSet[],
  numerator: number,
  denominator: number,
): number {
  const raw = (numerator / denominator) * (indicator.scale ?? 1);
  const decimals = rulesFor(indicator, rules).maxDecimals ?? 2;
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(raw) * factor) / factor;
  return raw < 0 ? -rounded : rounded;
}
