import { describe, expect, it } from 'vitest';
import {
  ALL_INDICATORS,
  CHILD_INJURY_DEATH_RATE,
  DRINKING_WATER_COMPLIANCE,
  FITNESS_RATE,
  INFANT_MORTALITY,
  MATERNAL_MORTALITY,
  NEW_KINDERGARTENS,
  VILLAGE_COMMITTEE_MEMBERS,
} from './monitoring.fixtures.ts';
import { defaultRulesFor, isCountIndicator, parseValidationRuleSet, rulesFor } from './validation-rules.ts';

describe('defaultRulesFor', () => {
  it('bounds a % rate to 0–100, checks it against numerator and denominator, sums its numerators', () => {
    const r = defaultRulesFor(FITNESS_RATE);
    expect(r.valueType).toBe('number');
    expect(r.range).toEqual({ min: 0, max: 100 });
    expect(r.ratioConsistency).toEqual({ tolerance: 0.05 });
    expect(r.partsSum).toEqual({ dimensions: ['sex', 'area'], on: 'numerator_denominator', tolerance: 0 });
    expect(r.yearOnYear).toEqual({ mode: 'absolute', threshold: 5 });
    expect(r.required).toEqual({ cells: 'grid', numeratorDenominator: true });
    expect(r.maxDecimals).toBe(2);
  });

  it('bounds ‰ to 0–1000 and 1/10万 to 0–100,000, with relative year-on-year change', () => {
    expect(defaultRulesFor(INFANT_MORTALITY).range).toEqual({ min: 0, max: 1000 });
    expect(defaultRulesFor(MATERNAL_MORTALITY).range).toEqual({ min: 0, max: 100_000 });
    expect(defaultRulesFor(INFANT_MORTALITY).yearOnYear).toEqual({ mode: 'relative', threshold: 20 });
    expect(defaultRulesFor(MATERNAL_MORTALITY).partsSum).toEqual({ dimensions: ['area'], on: 'numerator_denominator', tolerance: 0 });
  });

  it('makes counts non-negative integers whose sexes add up to the total', () => {
    expect(isCountIndicator(VILLAGE_COMMITTEE_MEMBERS)).toBe(true);
    const r = defaultRulesFor(VILLAGE_COMMITTEE_MEMBERS);
    expect(r.valueType).toBe('integer');
    expect(r.range).toEqual({ min: 0, max: null });
    expect(r.ratioConsistency).toBeNull();
    expect(r.partsSum).toEqual({ dimensions: ['sex'], on: 'value', tolerance: 0 });
    expect(r.required.numeratorDenominator).toBe(false);
    expect(r.maxDecimals).toBeNull();
    expect(defaultRulesFor(NEW_KINDERGARTENS).partsSum).toBeNull();
  });

  it('does not sum age groups by default (they need not cover every age)', () => {
    expect(defaultRulesFor(CHILD_INJURY_DEATH_RATE).partsSum?.dimensions).toEqual(['sex']);
  });

  it('asks nothing of parts or numerators for an indicator that is not aggregatable', () => {
    const r = defaultRulesFor(DRINKING_WATER_COMPLIANCE);
    expect(r.partsSum).toBeNull();
    expect(r.required.numeratorDenominator).toBe(false);
    expect(r.range).toEqual({ min: 0, max: 100 });
  });

  it('prefers a stored rule set over the defaults', () => {
    const stored = { ...defaultRulesFor(FITNESS_RATE), range: { min: 0, max: 120 } };
    expect(rulesFor(FITNESS_RATE, [stored]).range.max).toBe(120);
    expect(rulesFor(INFANT_MORTALITY, [stored]).range.max).toBe(1000);
  });
});

describe('parseValidationRuleSet', () => {
  it('accepts every default rule set after a JSON round trip, unchanged', () => {
    for (const ind of ALL_INDICATORS) {
      const rules = defaultRulesFor(ind);
      const json = JSON.parse(JSON.stringify(rules)) as unknown;
      expect(json).toEqual(rules);
      expect(parseValidationRuleSet(json)).toEqual({ ok: true, rules });
    }
  });

  it('drops unknown keys and fills omitted optional parts with null', () => {
    const parsed = parseValidationRuleSet({
      indicatorCode: 'C1.03',
      valueType: 'number',
      range: { min: 0 },
      required: { cells: ['_T', 'area=农村'], numeratorDenominator: false },
      comment: '统计局 2025-01 修订',
    });
    expect(parsed).toEqual({
      ok: true,
      rules: {
        indicatorCode: 'C1.03',
        valueType: 'number',
        range: { min: 0, max: null },
        ratioConsistency: null,
        partsSum: null,
        yearOnYear: null,
        required: { cells: ['_T', 'area=农村'], numeratorDenominator: false },
        maxDecimals: null,
      },
    });
  });

  it('lists every problem in Chinese', () => {
    const parsed = parseValidationRuleSet({
      indicatorCode: '',
      valueType: 'float',
      range: { min: 100, max: 0 },
      ratioConsistency: { tolerance: -1 },
      partsSum: { dimensions: ['region'], on: 'value', tolerance: 0 },
      yearOnYear: { mode: 'percent', threshold: 0 },
      required: { cells: 'all', numeratorDenominator: 'yes' },
      maxDecimals: 1.5,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      '缺少指标代码（indicatorCode）',
      '数值类型（valueType）应为 number 或 integer',
      '取值范围下限（100）大于上限（0）',
      '分子分母一致性（ratioConsistency）应为 null 或含非负容差 tolerance 的对象',
      '分项合计的维度（partsSum.dimensions）应为 sex、age_group、area 中的一个或多个',
      '年度变动的方式（yearOnYear.mode）应为 absolute（绝对变动）或 relative（相对变动）',
      '年度变动的阈值（yearOnYear.threshold）应为正数',
      '必填单元格（required.cells）应为 total、grid 或分组键列表',
      '是否必填分子分母（required.numeratorDenominator）应为 true 或 false',
      '最多小数位数（maxDecimals）应为 0—10 的整数或 null',
    ]);
  });

  it('rejects what is not an object', () => {
    expect(parseValidationRuleSet(null)).toEqual({ ok: false, errors: ['校验规则应为一个对象'] });
    expect(parseValidationRuleSet([1])).toEqual({ ok: false, errors: ['校验规则应为一个对象'] });
  });
});
