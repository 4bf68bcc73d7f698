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

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * decimalsOf(x) > max, without turning x into text (a hot path of imports). For |x| < 1e9 and max ≤ 6 the
 * shortest decimal of x has at most 15 significant digits, so it has at most `max` decimals exactly when x is the
 * double nearest to some k / 10^max, i.e. when rounding x to `max` decimals gives x back. Elsewhere: the text.
 */
export function hasMoreDecimals(x: number, max: number): boolean {
  const factor = POWERS_OF_TEN[max];
  if (factor !== undefined && Math.abs(x) < 1e9) return Math.round(x * factor) / factor !== x;
  return decimalsOf(x) > max;
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

// Runs for every value of an import: no arrays or closures per value.
function checkValue(ctx: Context, ind: IndicatorDefinition, rules: ValidationRuleSet, dv: DataValue, key: string): void {
  const unit = ind.unit;
  const { value, numerator, denominator } = dv;
  let typeOk = true;
  if (value !== null && !Number.isFinite(value)) {
    push(ctx, dv, key, 'value', 'error', 'not_a_number', '数值不是有效的数字');
    typeOk = false;
  }
  if (numerator !== null && !Number.isFinite(numerator)) {
    push(ctx, dv, key, 'numerator', 'error', 'not_a_number', '分子不是有效的数字');
    typeOk = false;
  }
  if (denominator !== null && !Number.isFinite(denominator)) {
    push(ctx, dv, key, 'denominator', 'error', 'not_a_number', '分母不是有效的数字');
    typeOk = false;
  }
  if (!typeOk) return;

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
    if (rules.maxDecimals !== null && hasMoreDecimals(value, rules.maxDecimals)) {
      push(ctx, dv, key, 'value', 'warning', 'too_many_decimals', `数值${formatNumber(value, 12)}的小数位数超过${rules.maxDecimals}位`);
    }
  }

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
    if (numerator === null) {
      push(ctx, dv, key, 'numerator', 'error', 'numerator_denominator_missing', '请填写分子：比率类指标汇总到上级时按分子、分母合计计算');
    }
    if (denominator === null) {
      push(ctx, dv, key, 'denominator', 'error', 'numerator_denominator_missing', '请填写分母：比率类指标汇总到上级时按分子、分母合计计算');
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

/** disaggregationKey of the nine cells without an age group (nearly every value), by sex × 3 + area. */
const PLAIN_KEYS: readonly string[] = [null, ...SEXES].flatMap((sex) =>
  [null, ...AREAS].map((area) => disaggregationKey({ sex, ageGroup: null, area })),
);

/**
 * disaggregationKey by the cell's content, without building text in the hot loops: the cells without an age group
 * from PLAIN_KEYS, the others computed once per age group and validation.
 */
class CellKeys {
  private readonly byAgeGroup = new Map<string, Array<string | undefined>>();

  of(cell: DisaggregationCell): string {
    const sex = cell.sex === null ? 0 : cell.sex === '女' ? 1 : cell.sex === '男' ? 2 : -1;
    const area = cell.area === null ? 0 : cell.area === '城镇' ? 1 : cell.area === '农村' ? 2 : -1;
    if (sex < 0 || area < 0) return disaggregationKey(cell);
    if (cell.ageGroup === null) return PLAIN_KEYS[sex * 3 + area] as string;
    let keys = this.byAgeGroup.get(cell.ageGroup);
    if (keys === undefined) this.byAgeGroup.set(cell.ageGroup, (keys = []));
    return (keys[sex * 3 + area] ??= disaggregationKey(cell));
  }
}

/** The values of one indicator, region and year, by cell key. */
interface Group {
  ind: IndicatorDefinition;
  rules: ValidationRuleSet;
  cells: Map<string, DataValue>;
  /** The same indicator and region a year earlier, by cell key; null until looked up. */
  previous: Map<string, DataValue> | undefined | null;
}

/**
 * indicator × region × year → T: nested maps (region, year, indicator: a form's groups share the first two)
 * rather than a joined string key per value, and the entry last used tried first (the values of a form come
 * grouped by indicator, region and year).
 */
class ByIndicatorRegionYear<T> {
  private readonly map = new Map<string, Map<number, Map<string, T>>>();
  private lastIndicator: string | null = null;
  private lastRegion: string | null = null;
  private lastYear = 0;
  private lastEntry: T | undefined = undefined;

  get(indicatorCode: string, regionCode: string, year: number): T | undefined {
    if (indicatorCode === this.lastIndicator && regionCode === this.lastRegion && year === this.lastYear) return this.lastEntry;
    const entry = this.map.get(regionCode)?.get(year)?.get(indicatorCode);
    if (entry !== undefined) this.remember(indicatorCode, regionCode, year, entry);
    return entry;
  }

  /** Adds the entry of a key `get` did not find (entries are never replaced: the shortcut relies on that). */
  add(indicatorCode: string, regionCode: string, year: number, entry: T): void {
    let byYear = this.map.get(regionCode);
    if (byYear === undefined) this.map.set(regionCode, (byYear = new Map()));
    let byIndicator = byYear.get(year);
    if (byIndicator === undefined) byYear.set(year, (byIndicator = new Map()));
    byIndicator.set(indicatorCode, entry);
    this.remember(indicatorCode, regionCode, year, entry);
  }

  private remember(indicatorCode: string, regionCode: string, year: number, entry: T): void {
    this.lastIndicator = indicatorCode;
    this.lastRegion = regionCode;
    this.lastYear = year;
    this.lastEntry = entry;
  }
}

const VALUE_FIELDS: ReadonlyArray<readonly ['value' | 'numerator' | 'denominator', string]> = [['value', '']];
const RATIO_FIELDS: ReadonlyArray<readonly ['value' | 'numerator' | 'denominator', string]> = [
  ['numerator', '分子'],
  ['denominator', '分母'],
];

function checkPartsSum(ctx: Context, keys: CellKeys, group: Group): void {
  const { ind, rules, cells } = group;
  const partsSum = rules.partsSum;
  if (partsSum === null) return;
  for (const dim of partsSum.dimensions) {
    if (dim !== 'sex' && dim !== 'area' && dim !== 'age_group') continue;
    if (!ind.disaggregations.includes(dim)) continue;
    const parts = partValues(ind, dim);
    if (parts.length === 0) continue;
    for (const base of cells.values()) {
      if (dimOf(base.disaggregation, dim) !== null) continue;
      const found: DataValue[] = [];
      for (const part of parts) {
        const value = cells.get(keys.of(withDim(base.disaggregation, dim, part)));
        if (value === undefined) break;
        found.push(value);
      }
      if (found.length < parts.length) continue;
      for (const [field, label] of partsSum.on === 'value' ? VALUE_FIELDS : RATIO_FIELDS) {
        const total = base[field];
        if (total === null || !Number.isFinite(total)) continue;
        let sum = 0;
        let complete = true;
        for (const p of found) {
          const x = p[field];
          if (x === null || !Number.isFinite(x)) {
            complete = false;
            break;
          }
          sum += x;
        }
        if (!complete) continue;
        if (exceeds(sum - total, partsSum.tolerance, total)) {
          const baseLabel = isTotalCell(base.disaggregation) ? '' : cellLabel(base.disaggregation);
          const tol = partsSum.tolerance > 0 ? `，允许误差±${formatNumber(partsSum.tolerance)}` : '';
          push(
            ctx, base, keys.of(base.disaggregation), field, 'error', 'parts_sum_mismatch',
            `${baseLabel || label ? `${baseLabel}${label}：` : ''}${parts.join('+')}（${formatNumber(sum)}）≠合计（${formatNumber(total)}）${tol}`,
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

function requiredKeys(ind: IndicatorDefinition, rules: ValidationRuleSet, keys: CellKeys): string[] {
  const cells = rules.required.cells;
  if (cells === 'total') return ['_T'];
  if (cells === 'grid') return gridCells(ind).map((cell) => keys.of(cell));
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
  const keys = new CellKeys();

  const previousYear = new ByIndicatorRegionYear<Map<string, DataValue>>();
  for (const p of input.previousYearValues) {
    let cells = previousYear.get(p.indicatorCode, p.regionCode, p.year);
    if (cells === undefined) previousYear.add(p.indicatorCode, p.regionCode, p.year, (cells = new Map()));
    cells.set(keys.of(p.disaggregation), p);
  }

  // The hot loop of an import: validateChunk passes hundreds of values a call, a million in all.
  const groups = new ByIndicatorRegionYear<Group>();
  const groupList: Group[] = [];
  const forms: Array<{ regionCode: string; year: number | null }> = [];
  const formYears = new Map<string, Set<number>>();
  let last: DataValue | null = null;

  for (const dv of input.values) {
    const key = keys.of(dv.disaggregation);
    // Each region and year once, in the order first seen; the value before is usually of the same form.
    if (last === null || dv.regionCode !== last.regionCode || dv.year !== last.year) {
      let years = formYears.get(dv.regionCode);
      if (years === undefined) formYears.set(dv.regionCode, (years = new Set()));
      if (!years.has(dv.year)) {
        years.add(dv.year);
        forms.push({ regionCode: dv.regionCode, year: dv.year });
      }
    }
    last = dv;
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
    let group = groups.get(dv.indicatorCode, dv.regionCode, dv.year);
    if (group === undefined) {
      group = { ind, rules: ruleSets.get(ind.code) ?? rulesFor(ind, input.rules), cells: new Map(), previous: null };
      groups.add(dv.indicatorCode, dv.regionCode, dv.year, group);
      groupList.push(group);
    }
    if (group.cells.has(key)) {
      push(ctx, dv, key, 'value', 'error', 'duplicate_cell', `“${cellLabel(dv.disaggregation)}”重复填报`);
      continue;
    }
    group.cells.set(key, dv);
    checkValue(ctx, ind, group.rules, dv, key);
    if (group.previous === null) group.previous = previousYear.get(dv.indicatorCode, dv.regionCode, dv.year - 1);
    checkYearOnYear(ctx, ind, group.rules, dv, key, group.previous?.get(key));
  }

  for (const group of groupList) checkPartsSum(ctx, keys, group);

  if (input.regionCode !== undefined && !forms.some((f) => f.regionCode === input.regionCode)) {
    forms.push({ regionCode: input.regionCode, year: null });
  }
  if (forms.length === 0) forms.push({ regionCode: '', year: null });
  const required = new Map<IndicatorDefinition, string[]>();
  for (const form of forms) {
    for (const ind of input.indicators) {
      let indKeys = required.get(ind);
      if (indKeys === undefined) required.set(ind, (indKeys = requiredKeys(ind, ruleSets.get(ind.code) ?? rulesFor(ind, input.rules), keys)));
      const group = form.year === null ? undefined : groups.get(ind.code, form.regionCode, form.year);
      for (const key of indKeys) {
        const dv = group?.cells.get(key);
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

  if (ctx.issues.length < 2) return ctx.issues;
  // Issues follow the form's indicator order; values of indicators not in the form come last.
  const order = new Map(input.indicators.map((ind, i) => [ind.code, i] as const));
  const rank = (issue: ValidationIssue): number => order.get(issue.indicatorCode) ?? input.indicators.length;
  return ctx.issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
    .map(({ issue }) => issue);
}
