import type { Disaggregation, IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { DataValue, DisaggregationCell } from './data-value.types.ts';
import {
  AREAS,
  SEXES,
  cellLabel,
  cellProblem,
  disaggregationKey,
  gridCells,
  isTotalCell,
  parseDisaggregationKey,
} from './disaggregation.ts';
import { changeUnit, formatNumber, withUnit } from './format-number.ts';
import type {
  FormValidationInput,
  ValidationField,
  ValidationIssue,
  ValidationIssueCode,
  ValidationPhase,
  ValidationRuleSet,
} from './validation-rule.types.ts';
import { rulesFor } from './validation-rules.ts';

/** Issues that stop even a draft save: the value cannot be stored as typed. */
export const TYPE_ERROR_CODES: ReadonlySet<ValidationIssueCode> = new Set<ValidationIssueCode>([
  'unknown_indicator',
  'invalid_cell',
  'duplicate_cell',
  'not_a_number',
  'not_integer',
]);

export function isBlocking(code: ValidationIssueCode, severity: 'error' | 'warning', phase: ValidationPhase): boolean {
  if (severity !== 'error') return false;
  return phase === 'submit' || TYPE_ERROR_CODES.has(code);
}

/** True when the action of the phase (save or submit) must be refused. */
export function hasBlockingIssues(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.blocking);
}

// Float noise (0.1 + 0.2) must never turn an exact boundary into a violation.
function exceeds(difference: number, tolerance: number, scale: number): boolean {
  return Math.abs(difference) > tolerance + 1e-9 * Math.max(1, Math.abs(scale));
}

function decimalsOf(x: number): number {
  const text = String(Math.abs(x));
  const exp = /e-(\d+)$/.exec(text);
  if (exp) {
    const mantissa = text.slice(0, text.indexOf('e'));
    return Number(exp[1]) + (mantissa.split('.')[1]?.length ?? 0);
  }
  return text.split('.')[1]?.length ?? 0;
}

function isBlank(text: string | null): boolean {
  return text === null || text.trim() === '';
}

function rangeText(min: number | null, max: number | null, unit: string): string {
  return `${formatNumber(min ?? 0)}—${withUnit(max ?? 0, unit)}`;
}

interface Context {
  phase: ValidationPhase;
  issues: ValidationIssue[];
}

function push(
  ctx: Context,
  v: { indicatorCode: string; regionCode: string | null },
  cellKey: string,
  field: ValidationField,
  severity: 'error' | 'warning',
  code: ValidationIssueCode,
  message: string,
): void {
  ctx.issues.push({
    indicatorCode: v.indicatorCode,
    regionCode: v.regionCode,
    cellKey,
    field,
    severity,
    code,
    message,
    blocking: isBlocking(code, severity, ctx.phase),
  });
}

function checkValue(ctx: Context, ind: IndicatorDefinition, rules: ValidationRuleSet, dv: DataValue, key: string): void {
  const unit = ind.unit;
  const fields: Array<['value' | 'numerator' | 'denominator', number | null, string]> = [
    ['value', dv.value, '数值'],
    ['numerator', dv.numerator, '分子'],
    ['denominator', dv.denominator, '分母'],
  ];
  let typeOk = true;
  for (const [field, x, label] of fields) {
    if (x !== null && !Number.isFinite(x)) {
      push(ctx, dv, key, field, 'error', 'not_a_number', `${label}不是有效的数字`);
      typeOk = false;
    }
  }
  if (!typeOk) return;

  const value = dv.value;
  if (value !== null) {
    if (rules.valueType === 'integer' && !Number.isInteger(value)) {
      push(ctx, dv, key, 'value', 'error', 'not_integer', `数值应为整数（单位：${unit || '无'}），填写的是${formatNumber(value, 10)}`);
    }
    const { min, max } = rules.range;
    const tooLow = min !== null && value < min;
    const tooHigh = max !== null && value > max;
    if (tooLow || tooHigh) {
      const what = unit === '%' ? '占比' : '数值';
      let message: string;
      if (min !== null && max !== null) message = `${what}为${withUnit(value, unit)}，超出允许范围${rangeText(min, max, unit)}`;
      else if (tooLow && min === 0) message = `${what}为${withUnit(value, unit)}，不能为负数`;
      else if (tooLow) message = `${what}为${withUnit(value, unit)}，不能小于${withUnit(min ?? 0, unit)}`;
      else message = `${what}为${withUnit(value, unit)}，不能大于${withUnit(max ?? 0, unit)}`;
      push(ctx, dv, key, 'value', 'error', 'out_of_range', message);
    }
    if (rules.maxDecimals !== null && decimalsOf(value) > rules.maxDecimals) {
      push(ctx, dv, key, 'value', 'warning', 'too_many_decimals', `数值${formatNumber(value, 12)}的小数位数超过${rules.maxDecimals}位`);
    }
  }

  const { numerator, denominator } = dv;
  if (numerator !== null && numerator < 0) {
    push(ctx, dv, key, 'numerator', 'error', 'numerator_negative', `分子为${formatNumber(numerator)}，不能为负数`);
  }
  if (denominator !== null && denominator <= 0) {
    push(ctx, dv, key, 'denominator', 'error', 'denominator_not_positive', `分母为${formatNumber(denominator)}，应大于0`);
  }

  if (rules.ratioConsistency !== null && value !== null && numerator !== null && denominator !== null && denominator > 0) {
    const scale = ind.scale ?? 1;
    const computed = (numerator / denominator) * scale;
    const tolerance = rules.ratioConsistency.tolerance;
    if (exceeds(value - computed, tolerance, computed)) {
      const formula =
        scale === 1
          ? `分子÷分母（${formatNumber(numerator)}÷${formatNumber(denominator)}=${withUnit(computed, unit)}）`
          : `分子÷分母×${formatNumber(scale)}（${formatNumber(numerator)}÷${formatNumber(denominator)}×${formatNumber(scale)}=${withUnit(computed, unit)}）`;
      push(
        ctx, dv, key, 'value', 'error', 'ratio_mismatch',
        `数值（${withUnit(value, unit)}）与${formula}不一致，相差${formatNumber(Math.abs(value - computed))}，允许误差±${formatNumber(tolerance)}`,
      );
    }
  }

  if (rules.required.numeratorDenominator && value !== null) {
    for (const [field, x, label] of fields.slice(1)) {
      if (x === null) {
        push(ctx, dv, key, field, 'error', 'numerator_denominator_missing', `请填写${label}：比率类指标汇总到上级时按分子、分母合计计算`);
      }
    }
  }
}

function checkYearOnYear(ctx: Context, ind: IndicatorDefinition, rules: ValidationRuleSet, dv: DataValue, key: string, prev: DataValue | undefined): void {
  const yoy = rules.yearOnYear;
  if (yoy === null || prev === undefined || prev.value === null || dv.value === null) return;
  if (!Number.isFinite(prev.value) || !Number.isFinite(dv.value) || !isBlank(dv.note)) return;
  const unit = ind.unit;
  const before = prev.value;
  const now = dv.value;
  const diff = now - before;
  const ask = '请在备注中说明原因';
  const last = `比上年（${withUnit(before, unit)}）`;
  if (yoy.mode === 'absolute') {
    if (!exceeds(diff, yoy.threshold, Math.max(Math.abs(now), Math.abs(before)))) return;
    const cu = changeUnit(unit);
    push(
      ctx, dv, key, 'note', 'error', 'yoy_unexplained',
      `${last}${diff > 0 ? '上升' : '下降'}${formatNumber(Math.abs(diff), 2)}${cu}，超过通常变动幅度${formatNumber(yoy.threshold)}${cu}，${ask}`,
    );
    return;
  }
  if (before === 0) {
    if (now === 0) return;
    push(ctx, dv, key, 'note', 'error', 'yoy_unexplained', `上年为0，本年为${withUnit(now, unit)}，${ask}`);
    return;
  }
  const relative = (diff / Math.abs(before)) * 100;
  if (!exceeds(relative, yoy.threshold, 100)) return;
  const isRate = ind.scale !== null || ind.aggregation === 'ratio';
  const word = diff < 0 ? '下降' : isRate ? '上升' : '增长';
  push(
    ctx, dv, key, 'note', 'error', 'yoy_unexplained',
    `${last}${word}${formatNumber(Math.abs(relative), 1)}%，超过通常变动幅度${formatNumber(yoy.threshold)}%，${ask}`,
  );
}

function partValues(ind: IndicatorDefinition, dim: Disaggregation): readonly string[] {
  if (dim === 'sex') return SEXES;
  if (dim === 'area') return AREAS;
  return ind.ageGroups ?? [];
}

function withDim(cell: DisaggregationCell, dim: Disaggregation, part: string): DisaggregationCell {
  if (dim === 'sex') return { ...cell, sex: part as DisaggregationCell['sex'] };
  if (dim === 'area') return { ...cell, area: part as DisaggregationCell['area'] };
  return { ...cell, ageGroup: part };
}

function dimOf(cell: DisaggregationCell, dim: Disaggregation): string | null {
  return dim === 'sex' ? cell.sex : dim === 'area' ? cell.area : cell.ageGroup;
}

function checkPartsSum(ctx: Context, ind: IndicatorDefinition, rules: ValidationRuleSet, group: Map<string, DataValue>): void {
  const partsSum = rules.partsSum;
  if (partsSum === null) return;
  for (const dim of partsSum.dimensions) {
    if (dim !== 'sex' && dim !== 'area' && dim !== 'age_group') continue;
    if (!ind.disaggregations.includes(dim)) continue;
    const parts = partValues(ind, dim);
    if (parts.length === 0) continue;
    for (const [baseKey, base] of group) {
      if (dimOf(base.disaggregation, dim) !== null) continue;
      const partCells = parts.map((p) => withDim(base.disaggregation, dim, p));
      const partValuesFound = partCells.map((c) => group.get(disaggregationKey(c)));
      if (partValuesFound.some((p) => p === undefined)) continue;
      const found = partValuesFound as DataValue[];
      const baseLabel = isTotalCell(base.disaggregation) ? '' : cellLabel(base.disaggregation);
      const sumLabel = parts.join('+');
      const fields: Array<['value' | 'numerator' | 'denominator', string]> =
        partsSum.on === 'value' ? [['value', '']] : [['numerator', '分子'], ['denominator', '分母']];
      for (const [field, label] of fields) {
        const total = base[field];
        const xs = found.map((p) => p[field]);
        if (total === null || !Number.isFinite(total) || xs.some((x) => x === null || !Number.isFinite(x))) continue;
        const sum = (xs as number[]).reduce((a, b) => a + b, 0);
        if (exceeds(sum - total, partsSum.tolerance, total)) {
          const tol = partsSum.tolerance > 0 ? `，允许误差±${formatNumber(partsSum.tolerance)}` : '';
          push(
            ctx, base, baseKey, field, 'error', 'parts_sum_mismatch',
            `${baseLabel || label ? `${baseLabel}${label}：` : ''}${sumLabel}（${formatNumber(sum)}）≠合计（${formatNumber(total)}）${tol}`,
          );
        }
      }
    }
  }
}

function keyLabel(key: string): string {
  try {
    return cellLabel(parseDisaggregationKey(key));
  } catch {
    return key;
  }
}

function requiredKeys(ind: IndicatorDefinition, rules: ValidationRuleSet): string[] {
  const cells = rules.required.cells;
  if (cells === 'total') return ['_T'];
  if (cells === 'grid') return gridCells(ind).map(disaggregationKey);
  return [...cells];
}

/**
 * Checks a form's values against each indicator's rules. Messages are Chinese and carry the numbers.
 * At 'save' only type errors block (a draft keeps whatever else was typed); at 'submit' every error blocks.
 */
export function validateForm(input: FormValidationInput): ValidationIssue[] {
  const ctx: Context = { phase: input.phase, issues: [] };
  const byCode = new Map(input.indicators.map((ind) => [ind.code, ind] as const));
  const ruleSets = new Map(input.indicators.map((ind) => [ind.code, rulesFor(ind, input.rules)] as const));

  const prevIndex = new Map<string, DataValue>();
  for (const p of input.previousYearValues) {
    prevIndex.set(`${p.indicatorCode}\u0000${p.regionCode}\u0000${p.year}\u0000${disaggregationKey(p.disaggregation)}`, p);
  }

  // indicator → region|year → cellKey → value
  const groups = new Map<string, Map<string, DataValue>>();
  const regionYears = new Map<string, { regionCode: string; year: number | null }>();

  for (const dv of input.values) {
    const key = disaggregationKey(dv.disaggregation);
    regionYears.set(`${dv.regionCode}\u0000${dv.year}`, { regionCode: dv.regionCode, year: dv.year });
    const ind = byCode.get(dv.indicatorCode);
    if (ind === undefined) {
      push(ctx, dv, key, 'value', 'error', 'unknown_indicator', `指标“${dv.indicatorCode}”不在本报表中`);
      continue;
    }
    const problem = cellProblem(ind, dv.disaggregation);
    if (problem !== null) {
      push(ctx, dv, key, 'value', 'error', 'invalid_cell', `分组“${cellLabel(dv.disaggregation)}”无效：${problem}`);
      continue;
    }
    const groupKey = `${dv.indicatorCode}\u0000${dv.regionCode}\u0000${dv.year}`;
    let group = groups.get(groupKey);
    if (group === undefined) groups.set(groupKey, (group = new Map()));
    if (group.has(key)) {
      push(ctx, dv, key, 'value', 'error', 'duplicate_cell', `“${cellLabel(dv.disaggregation)}”重复填报`);
      continue;
    }
    group.set(key, dv);
    const rules = ruleSets.get(ind.code) ?? rulesFor(ind, input.rules);
    checkValue(ctx, ind, rules, dv, key);
    const prev = prevIndex.get(`${dv.indicatorCode}\u0000${dv.regionCode}\u0000${dv.year - 1}\u0000${key}`);
    checkYearOnYear(ctx, ind, rules, dv, key, prev);
  }

  for (const [groupKey, group] of groups) {
    const ind = byCode.get(groupKey.split('\u0000')[0] ?? '');
    if (ind === undefined) continue;
    checkPartsSum(ctx, ind, ruleSets.get(ind.code) ?? rulesFor(ind, input.rules), group);
  }

  const forms = [...regionYears.values()];
  if (input.regionCode !== undefined && !forms.some((f) => f.regionCode === input.regionCode)) {
    forms.push({ regionCode: input.regionCode, year: null });
  }
  if (forms.length === 0) forms.push({ regionCode: '', year: null });
  for (const form of forms) {
    for (const ind of input.indicators) {
      const rules = ruleSets.get(ind.code) ?? rulesFor(ind, input.rules);
      const group =
        form.year === null ? undefined : groups.get(`${ind.code}\u0000${form.regionCode}\u0000${form.year}`);
      for (const key of requiredKeys(ind, rules)) {
        const dv = group?.get(key);
        if (dv !== undefined && dv.value !== null) continue;
        const label = keyLabel(key);
        push(
          ctx,
          { indicatorCode: ind.code, regionCode: form.regionCode === '' ? null : form.regionCode },
          key, 'value', 'error', 'required_missing', `请填写“${label}”的数值`,
        );
      }
    }
  }

  // Issues follow the form's indicator order; values of indicators not in the form come last.
  const order = new Map(input.indicators.map((ind, i) => [ind.code, i] as const));
  const rank = (issue: ValidationIssue): number => order.get(issue.indicatorCode) ?? input.indicators.length;
  return ctx.issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
    .map(({ issue }) => issue);
}
