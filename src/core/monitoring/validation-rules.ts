import type { Disaggregation, IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { ValidationRuleSet } from './validation-rule.types.ts';

/** Units of whole things counted: values must be non-negative integers. */
export const COUNT_UNITS: ReadonlySet<string> = new Set([
  '人', '人次', '名', '所', '家', '个', '张', '件', '次', '户', '座', '处', '例', '起', '场', '支', '台', '项',
]);

/** The natural upper bound of a rate written in this unit, or null. */
function rateMax(unit: string): number | null {
  if (unit === '%') return 100;
  if (unit === '‰') return 1000;
  if (unit === '1/10万') return 100_000;
  return null;
}

export function isCountIndicator(indicator: IndicatorDefinition): boolean {
  return indicator.scale === null && COUNT_UNITS.has(indicator.unit);
}

/**
 * The rules an indicator gets until the statistics bureau edits them:
 * - counts: integers ≥ 0; % in 0–100, ‰ in 0–1000, 1/10万 in 0–100,000; other rates and amounts ≥ 0;
 * - value ≈ numerator / denominator × scale within 0.05 for scaled rates (values published to one decimal);
 * - 女+男 and 城镇+农村 add up to the total exactly: values for sum indicators, numerators and denominators for
 *   ratio indicators; not checked for indicators that are not aggregatable;
 * - a change of more than 5 percentage points (%) or 20% of last year's value (everything else) needs a note;
 * - every cell of the grid is required; ratio indicators also need numerator and denominator (the roll-up uses them);
 * - at most 2 decimals.
 */
export function defaultRulesFor(indicator: IndicatorDefinition): ValidationRuleSet {
  const count = isCountIndicator(indicator);
  const isRate = indicator.scale !== null || indicator.aggregation === 'ratio';
  const max = rateMax(indicator.unit);
  const min = indicator.unit === '百分点' ? null : 0;
  const partDims = indicator.disaggregations.filter((d): d is Disaggregation => d === 'sex' || d === 'area');
  return {
    indicatorCode: indicator.code,
    valueType: count ? 'integer' : 'number',
    range: { min, max },
    ratioConsistency: isRate ? { tolerance: (indicator.scale ?? 1) >= 100 ? 0.05 : 0.005 } : null,
    partsSum:
      indicator.aggregation === 'none' || partDims.length === 0
        ? null
        : {
            dimensions: partDims,
            on: indicator.aggregation === 'ratio' ? 'numerator_denominator' : 'value',
            tolerance: 0,
          },
    yearOnYear: indicator.unit === '%' ? { mode: 'absolute', threshold: 5 } : { mode: 'relative', threshold: 20 },
    required: { cells: 'grid', numeratorDenominator: indicator.aggregation === 'ratio' },
    maxDecimals: count ? null : 2,
  };
}

/** The stored rule set of an indicator, else its defaults. */
export function rulesFor(indicator: IndicatorDefinition, rules: readonly ValidationRuleSet[]): ValidationRuleSet {
  return rules.find((r) => r.indicatorCode === indicator.code) ?? defaultRulesFor(indicator);
}

export type RuleSetParseResult = { ok: true; rules: ValidationRuleSet } | { ok: false; errors: string[] };

const DIMENSIONS: readonly Disaggregation[] = ['sex', 'age_group', 'area'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Checks a rule set edited by the statistics bureau (parsed JSON of unknown shape) and returns it typed,
 * or every problem found, in Chinese.
 */
export function parseValidationRuleSet(raw: unknown): RuleSetParseResult {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: ['校验规则应为一个对象'] };

  const code = raw['indicatorCode'];
  if (typeof code !== 'string' || code.trim() === '') errors.push('缺少指标代码（indicatorCode）');

  const valueType = raw['valueType'];
  if (valueType !== 'number' && valueType !== 'integer') errors.push('数值类型（valueType）应为 number 或 integer');

  const range = raw['range'];
  let min: number | null = null;
  let max: number | null = null;
  if (!isRecord(range)) errors.push('缺少取值范围（range）');
  else {
    const rawMin = range['min'] ?? null;
    const rawMax = range['max'] ?? null;
    if (rawMin !== null && !isNum(rawMin)) errors.push('取值范围下限（range.min）应为数字或 null');
    if (rawMax !== null && !isNum(rawMax)) errors.push('取值范围上限（range.max）应为数字或 null');
    min = isNum(rawMin) ? rawMin : null;
    max = isNum(rawMax) ? rawMax : null;
    if (min !== null && max !== null && min > max) errors.push(`取值范围下限（${min}）大于上限（${max}）`);
  }

  const ratio = raw['ratioConsistency'] ?? null;
  if (ratio !== null && !(isRecord(ratio) && isNum(ratio['tolerance']) && ratio['tolerance'] >= 0)) {
    errors.push('分子分母一致性（ratioConsistency）应为 null 或含非负容差 tolerance 的对象');
  }

  const parts = raw['partsSum'] ?? null;
  if (parts !== null) {
    if (!isRecord(parts)) errors.push('分项合计（partsSum）应为 null 或对象');
    else {
      const dims = parts['dimensions'];
      if (!Array.isArray(dims) || dims.length === 0 || !dims.every((d) => DIMENSIONS.includes(d as Disaggregation))) {
        errors.push('分项合计的维度（partsSum.dimensions）应为 sex、age_group、area 中的一个或多个');
      }
      if (parts['on'] !== 'value' && parts['on'] !== 'numerator_denominator') {
        errors.push('分项合计的对象（partsSum.on）应为 value 或 numerator_denominator');
      }
      if (!isNum(parts['tolerance']) || parts['tolerance'] < 0) errors.push('分项合计的容差（partsSum.tolerance）应为非负数');
    }
  }

  const yoy = raw['yearOnYear'] ?? null;
  if (yoy !== null) {
    if (!isRecord(yoy)) errors.push('年度变动（yearOnYear）应为 null 或对象');
    else {
      if (yoy['mode'] !== 'absolute' && yoy['mode'] !== 'relative') {
        errors.push('年度变动的方式（yearOnYear.mode）应为 absolute（绝对变动）或 relative（相对变动）');
      }
      if (!isNum(yoy['threshold']) || yoy['threshold'] <= 0) errors.push('年度变动的阈值（yearOnYear.threshold）应为正数');
    }
  }

  const required = raw['required'];
  if (!isRecord(required)) errors.push('缺少必填项设置（required）');
  else {
    const cells = required['cells'];
    const cellsOk =
      cells === 'total' || cells === 'grid' || (Array.isArray(cells) && cells.every((c) => typeof c === 'string'));
    if (!cellsOk) errors.push('必填单元格（required.cells）应为 total、grid 或分组键列表');
    if (typeof required['numeratorDenominator'] !== 'boolean') {
      errors.push('是否必填分子分母（required.numeratorDenominator）应为 true 或 false');
    }
  }

  const maxDecimals = raw['maxDecimals'] ?? null;
  if (maxDecimals !== null && !(Number.isInteger(maxDecimals) && (maxDecimals as number) >= 0 && (maxDecimals as number) <= 10)) {
    errors.push('最多小数位数（maxDecimals）应为 0—10 的整数或 null');
  }

  if (errors.length > 0) return { ok: false, errors };
  const req = required as ValidationRuleSet['required'];
  // Rebuild rather than cast so unknown keys are dropped and omitted optionals become null.
  const rules: ValidationRuleSet = {
    indicatorCode: (code as string).trim(),
    valueType: valueType as ValidationRuleSet['valueType'],
    range: { min, max },
    ratioConsistency: ratio === null ? null : { tolerance: (ratio as { tolerance: number }).tolerance },
    partsSum:
      parts === null
        ? null
        : {
            dimensions: [...(parts as { dimensions: Disaggregation[] }).dimensions],
            on: (parts as { on: 'value' | 'numerator_denominator' }).on,
            tolerance: (parts as { tolerance: number }).tolerance,
          },
    yearOnYear:
      yoy === null
        ? null
        : { mode: (yoy as { mode: 'absolute' | 'relative' }).mode, threshold: (yoy as { threshold: number }).threshold },
    required: {
      cells: Array.isArray(req.cells) ? [...req.cells] : req.cells,
      numeratorDenominator: req.numeratorDenominator,
    },
    maxDecimals: maxDecimals as number | null,
  };
  return { ok: true, rules };
}
