import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { DataValue } from './data-value.types.ts';
import {
  FEMALE,
  FEMALE_EMPLOYMENT_SHARE,
  FITNESS_RATE,
  INFANT_MORTALITY,
  MALE,
  MATERNAL_MORTALITY,
  NEW_KINDERGARTENS,
  RURAL,
  URBAN,
  VILLAGE_COMMITTEE_MEMBERS,
  dv,
} from './monitoring.fixtures.ts';
import { hasBlockingIssues, hasMoreDecimals, validateForm } from './validate-form.ts';
import type { ValidationIssue, ValidationIssueCode, ValidationPhase, ValidationRuleSet } from './validation-rule.types.ts';
import { defaultRulesFor } from './validation-rules.ts';

interface CheckOptions {
  indicators?: IndicatorDefinition[];
  previous?: DataValue[];
  rules?: ValidationRuleSet[];
  phase?: ValidationPhase;
  regionCode?: string;
}

function check(values: DataValue[], o: CheckOptions = {}): ValidationIssue[] {
  return validateForm({
    indicators: o.indicators ?? [FEMALE_EMPLOYMENT_SHARE, INFANT_MORTALITY, MATERNAL_MORTALITY, VILLAGE_COMMITTEE_MEMBERS, FITNESS_RATE],
    rules: o.rules ?? [],
    values,
    previousYearValues: o.previous ?? [],
    phase: o.phase ?? 'submit',
    ...(o.regionCode !== undefined ? { regionCode: o.regionCode } : {}),
  });
}

/** Messages of the issues with this code. */
function messages(issues: ValidationIssue[], code: ValidationIssueCode): string[] {
  return issues.filter((i) => i.code === code).map((i) => i.message);
}

const share = (value: number | null, extra: Partial<DataValue> = {}): DataValue =>
  dv({ indicatorCode: FEMALE_EMPLOYMENT_SHARE.code, value, ...extra });
const members = (value: number | null, extra: Partial<DataValue> = {}): DataValue =>
  dv({ indicatorCode: VILLAGE_COMMITTEE_MEMBERS.code, value, ...extra });

describe('range', () => {
  it('accepts 100% and 0%, rejects 100.01% and 120% with the numbers', () => {
    expect(messages(check([share(100)]), 'out_of_range')).toEqual([]);
    expect(messages(check([share(0)]), 'out_of_range')).toEqual([]);
    expect(messages(check([share(100.01)]), 'out_of_range')).toEqual(['占比为100.01%，超出允许范围0—100%']);
    expect(messages(check([share(120)]), 'out_of_range')).toEqual(['占比为120%，超出允许范围0—100%']);
    expect(messages(check([share(-0.01)]), 'out_of_range')).toEqual(['占比为-0.01%，超出允许范围0—100%']);
  });

  it('bounds ‰ at 1000', () => {
    const infant = (value: number) => dv({ indicatorCode: INFANT_MORTALITY.code, value });
    expect(messages(check([infant(1000)]), 'out_of_range')).toEqual([]);
    expect(messages(check([infant(1000.5)]), 'out_of_range')).toEqual(['数值为1,000.5‰，超出允许范围0—1,000‰']);
  });

  it('rejects negative counts, accepts zero', () => {
    expect(messages(check([members(0)]), 'out_of_range')).toEqual([]);
    const issues = check([members(-3)]);
    expect(messages(issues, 'out_of_range')).toEqual(['数值为-3人，不能为负数']);
    expect(issues.find((i) => i.code === 'out_of_range')).toMatchObject({ field: 'value', cellKey: '_T', severity: 'error', regionCode: '370302' });
  });

  it('follows the bounds the statistics bureau set instead of the defaults', () => {
    const rules = [{ ...defaultRulesFor(FEMALE_EMPLOYMENT_SHARE), range: { min: 0, max: 120 } }];
    expect(messages(check([share(110)], { rules }), 'out_of_range')).toEqual([]);
    expect(messages(check([share(120.5)], { rules }), 'out_of_range')).toEqual(['占比为120.5%，超出允许范围0—120%']);
  });
});

describe('value type', () => {
  it('wants whole numbers for counts, and that blocks even a draft save', () => {
    const issues = check([members(12.5)], { phase: 'save' });
    expect(messages(issues, 'not_integer')).toEqual(['数值应为整数（单位：人），填写的是12.5']);
    expect(issues.find((i) => i.code === 'not_integer')?.blocking).toBe(true);
    expect(hasBlockingIssues(issues)).toBe(true);
  });

  it('refuses NaN and Infinity in any field', () => {
    const issues = check([share(Number.NaN, { numerator: Infinity, denominator: 10 })], { phase: 'save' });
    expect(issues.filter((i) => i.code === 'not_a_number').map((i) => i.field)).toEqual(['value', 'numerator']);
  });

  it('warns about more decimals than the rules allow, without blocking', () => {
    const issues = check([share(48.123, { numerator: 48123, denominator: 100000 })]);
    const w = issues.find((i) => i.code === 'too_many_decimals');
    expect(w).toMatchObject({ severity: 'warning', blocking: false, message: '数值48.123的小数位数超过2位' });
  });
});

describe('numerator and denominator', () => {
  // 1,203 women among 2,500 employed: 48.12%.
  const shareOf = (value: number) => share(value, { numerator: 1203, denominator: 2500 });

  it('accepts a value within ±0.05 of numerator ÷ denominator × 100, boundaries included', () => {
    for (const v of [48.12, 48.16, 48.17, 48.07]) expect(messages(check([shareOf(v)]), 'ratio_mismatch'), String(v)).toEqual([]);
  });

  it('flags a value just outside the tolerance with the computation', () => {
    expect(messages(check([shareOf(48.18)]), 'ratio_mismatch')).toEqual([
      '数值（48.18%）与分子÷分母×100（1,203÷2,500×100=48.12%）不一致，相差0.06，允许误差±0.05',
    ]);
    expect(messages(check([shareOf(48.06)]), 'ratio_mismatch')).toHaveLength(1);
  });

  it('checks rates per 100,000: 3 maternal deaths among 36,512 live births', () => {
    const mm = (value: number) => dv({ indicatorCode: MATERNAL_MORTALITY.code, value, numerator: 3, denominator: 36512 });
    expect(messages(check([mm(8.22)]), 'ratio_mismatch')).toEqual([]);
    expect(messages(check([mm(8.2)]), 'ratio_mismatch')).toEqual([]);
    expect(messages(check([mm(8.3)]), 'ratio_mismatch')).toEqual([
      '数值（8.3/10万）与分子÷分母×100,000（3÷36,512×100,000=8.2165/10万）不一致，相差0.0835，允许误差±0.05',
    ]);
  });

  it('rejects a negative numerator and a zero denominator', () => {
    const issues = check([share(null, { numerator: -1, denominator: 0 })]);
    expect(messages(issues, 'numerator_negative')).toEqual(['分子为-1，不能为负数']);
    expect(messages(issues, 'denominator_not_positive')).toEqual(['分母为0，应大于0']);
  });

  it('asks for numerator and denominator of a rate that rolls up', () => {
    const issues = check([share(45)]);
    expect(issues.filter((i) => i.code === 'numerator_denominator_missing').map((i) => [i.field, i.message])).toEqual([
      ['numerator', '请填写分子：比率类指标汇总到上级时按分子、分母合计计算'],
      ['denominator', '请填写分母：比率类指标汇总到上级时按分子、分母合计计算'],
    ]);
    expect(messages(check([share(45, { numerator: 450 })]), 'numerator_denominator_missing')).toHaveLength(1);
    expect(messages(check([members(1203)]), 'numerator_denominator_missing')).toEqual([]);
  });
});

describe('parts sum to the total', () => {
  const sexes = (female: number, male: number, total: number) => [
    members(total),
    members(female, { disaggregation: FEMALE }),
    members(male, { disaggregation: MALE }),
  ];

  it('flags 女+男 ≠ 合计 for counts, off by one included, on the total cell', () => {
    const issues = check(sexes(602, 601, 1250));
    expect(messages(issues, 'parts_sum_mismatch')).toEqual(['女+男（1,203）≠合计（1,250）']);
    expect(issues.find((i) => i.code === 'parts_sum_mismatch')).toMatchObject({ cellKey: '_T', field: 'value' });
    expect(messages(check(sexes(602, 601, 1204)), 'parts_sum_mismatch')).toEqual(['女+男（1,203）≠合计（1,204）']);
    expect(messages(check(sexes(602, 601, 1203)), 'parts_sum_mismatch')).toEqual([]);
  });

  it('waits until every part is filled', () => {
    expect(messages(check(sexes(602, 601, 1250).slice(0, 2)), 'parts_sum_mismatch')).toEqual([]);
  });

  // 10,000 pupils tested, 6,000 good or excellent: girls 3,100/5,000, boys 2,900/5,000; urban 3,600/5,500, rural 2,400/4,500.
  const fit = (value: number, numerator: number, denominator: number, cell = FEMALE): DataValue =>
    dv({ indicatorCode: FITNESS_RATE.code, value, numerator, denominator, disaggregation: cell });
  const fitness = (): DataValue[] => [
    dv({ indicatorCode: FITNESS_RATE.code, value: 60, numerator: 6000, denominator: 10000 }),
    fit(62, 3100, 5000, FEMALE),
    fit(58, 2900, 5000, MALE),
    fit(65.45, 3600, 5500, URBAN),
    fit(53.33, 2400, 4500, RURAL),
  ];

  it('never adds rates up: a consistent ratio grid has no issue at all', () => {
    expect(62 + 58).not.toBe(60);
    expect(check(fitness(), { indicators: [FITNESS_RATE] })).toEqual([]);
  });

  it('adds the numerators and denominators of a ratio indicator', () => {
    const values = fitness();
    values[1] = fit(62.02, 3101, 5000, FEMALE);
    const issues = check(values, { indicators: [FITNESS_RATE] });
    expect(issues.map((i) => [i.code, i.field, i.message])).toEqual([
      ['parts_sum_mismatch', 'numerator', '分子：女+男（6,001）≠合计（6,000）'],
    ]);
  });

  it('checks the parts inside a cross cell and names it', () => {
    const values = [
      ...fitness(),
      fit(67.86, 1900, 2800, { sex: '女', ageGroup: null, area: '城镇' }),
      fit(62.94, 1700, 2701, { sex: '男', ageGroup: null, area: '城镇' }),
    ];
    const issues = check(values, { indicators: [FITNESS_RATE] });
    expect(issues.map((i) => [i.cellKey, i.field, i.message])).toEqual([
      ['area=城镇', 'denominator', '城镇分母：女+男（5,501）≠合计（5,500）'],
    ]);
  });

  it('tolerates what the rules allow', () => {
    const rules = [{ ...defaultRulesFor(VILLAGE_COMMITTEE_MEMBERS), partsSum: { dimensions: ['sex' as const], on: 'value' as const, tolerance: 1 } }];
    expect(messages(check(sexes(602, 601, 1204), { rules }), 'parts_sum_mismatch')).toEqual([]);
    expect(messages(check(sexes(602, 601, 1205), { rules }), 'parts_sum_mismatch')).toEqual(['女+男（1,203）≠合计（1,205），允许误差±1']);
  });
});

describe('year-on-year change', () => {
  const last = (value: number, extra: Partial<DataValue> = {}) => share(value, { year: 2023, ...extra });

  it('asks for a note when a % moves more than 5 percentage points', () => {
    const issues = check([share(62.3)], { previous: [last(50)] });
    const issue = issues.find((i) => i.code === 'yoy_unexplained');
    expect(issue).toMatchObject({
      field: 'note',
      severity: 'error',
      blocking: true,
      message: '比上年（50%）上升12.3个百分点，超过通常变动幅度5个百分点，请在备注中说明原因',
    });
  });

  it('lets exactly 5 points pass and flags 5.01 either way', () => {
    expect(messages(check([share(55)], { previous: [last(50)] }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([share(45)], { previous: [last(50)] }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([share(55.01)], { previous: [last(50)] }), 'yoy_unexplained')).toEqual([
      '比上年（50%）上升5.01个百分点，超过通常变动幅度5个百分点，请在备注中说明原因',
    ]);
    expect(messages(check([share(44.99)], { previous: [last(50)] }), 'yoy_unexplained')).toEqual([
      '比上年（50%）下降5.01个百分点，超过通常变动幅度5个百分点，请在备注中说明原因',
    ]);
  });

  it('is satisfied by a note, not by a blank one', () => {
    expect(messages(check([share(62.3, { note: '2024年起按第七次人口普查口径' })], { previous: [last(50)] }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([share(62.3, { note: '  ' })], { previous: [last(50)] }), 'yoy_unexplained')).toHaveLength(1);
  });

  it('compares with the same region, cell and the year just before', () => {
    expect(messages(check([share(62.3)], { previous: [last(50, { regionCode: '370303' })] }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([share(62.3)], { previous: [last(50, { year: 2022 })] }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([share(62.3)], { previous: [last(50, { disaggregation: FEMALE })] }), 'yoy_unexplained')).toEqual([]);
  });

  it('only reports at save, blocks at submit', () => {
    const form = { indicators: [FEMALE_EMPLOYMENT_SHARE], previous: [last(50)] };
    const atSave = check([share(62.3, { numerator: 623, denominator: 1000 })], { ...form, phase: 'save' });
    expect(atSave.map((i) => [i.code, i.blocking])).toEqual([['yoy_unexplained', false]]);
    expect(hasBlockingIssues(atSave)).toBe(false);
    const atSubmit = check([share(62.3, { numerator: 623, denominator: 1000 })], { ...form, phase: 'submit' });
    expect(atSubmit.map((i) => [i.code, i.blocking])).toEqual([['yoy_unexplained', true]]);
    expect(hasBlockingIssues(atSubmit)).toBe(true);
  });

  it('measures counts relatively: 20% passes, 20.1% needs a note', () => {
    const prev = [members(1000, { year: 2023 })];
    expect(messages(check([members(1200)], { previous: prev }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([members(800)], { previous: prev }), 'yoy_unexplained')).toEqual([]);
    expect(messages(check([members(1201)], { previous: prev }), 'yoy_unexplained')).toEqual([
      '比上年（1,000人）增长20.1%，超过通常变动幅度20%，请在备注中说明原因',
    ]);
    expect(messages(check([members(799)], { previous: prev }), 'yoy_unexplained')).toEqual([
      '比上年（1,000人）下降20.1%，超过通常变动幅度20%，请在备注中说明原因',
    ]);
  });

  it('measures ‰ rates relatively by default, and handles a zero last year', () => {
    const infant = (value: number, year = 2024) => dv({ indicatorCode: INFANT_MORTALITY.code, value, year });
    expect(messages(check([infant(3.7)], { previous: [infant(3, 2023)] }), 'yoy_unexplained')).toEqual([
      '比上年（3‰）上升23.3%，超过通常变动幅度20%，请在备注中说明原因',
    ]);
    expect(messages(check([members(5)], { previous: [members(0, { year: 2023 })] }), 'yoy_unexplained')).toEqual([
      '上年为0，本年为5人，请在备注中说明原因',
    ]);
    expect(messages(check([members(0)], { previous: [members(0, { year: 2023 })] }), 'yoy_unexplained')).toEqual([]);
  });

  it('uses the threshold the bureau set', () => {
    const rules = [{ ...defaultRulesFor(FEMALE_EMPLOYMENT_SHARE), yearOnYear: { mode: 'absolute' as const, threshold: 2 } }];
    expect(messages(check([share(52.5)], { previous: [last(50)], rules }), 'yoy_unexplained')).toEqual([
      '比上年（50%）上升2.5个百分点，超过通常变动幅度2个百分点，请在备注中说明原因',
    ]);
  });
});

describe('required cells', () => {
  it('wants every cell of the grid at submission', () => {
    const issues = check([dv({ indicatorCode: FITNESS_RATE.code, value: 60, numerator: 6000, denominator: 10000 })], { indicators: [FITNESS_RATE] });
    expect(issues.map((i) => [i.code, i.cellKey, i.message])).toEqual([
      ['required_missing', 'sex=女', '请填写“女”的数值'],
      ['required_missing', 'sex=男', '请填写“男”的数值'],
      ['required_missing', 'area=城镇', '请填写“城镇”的数值'],
      ['required_missing', 'area=农村', '请填写“农村”的数值'],
    ]);
    expect(issues.every((i) => i.blocking)).toBe(true);
  });

  it('counts a blank value as missing and reports an empty form by its region', () => {
    const blank = check([dv({ indicatorCode: NEW_KINDERGARTENS.code, value: null })], { indicators: [NEW_KINDERGARTENS] });
    expect(blank.map((i) => i.message)).toEqual(['请填写“合计”的数值']);
    const empty = check([], { indicators: [NEW_KINDERGARTENS], regionCode: '370303', phase: 'save' });
    expect(empty).toEqual([
      {
        indicatorCode: 'C4.05',
        regionCode: '370303',
        cellKey: '_T',
        field: 'value',
        severity: 'error',
        code: 'required_missing',
        message: '请填写“合计”的数值',
        blocking: false,
      },
    ]);
  });

  it('follows a narrower required set', () => {
    const rules = [{ ...defaultRulesFor(VILLAGE_COMMITTEE_MEMBERS), required: { cells: 'total' as const, numeratorDenominator: false } }];
    expect(check([members(1203)], { indicators: [VILLAGE_COMMITTEE_MEMBERS], rules })).toEqual([]);
    expect(check([members(1203)], { indicators: [VILLAGE_COMMITTEE_MEMBERS] }).map((i) => i.cellKey)).toEqual(['sex=女', 'sex=男']);
  });
});

describe('form structure', () => {
  it('rejects values of indicators outside the form, cells the indicator lacks, and duplicates, even at save', () => {
    const issues = check(
      [
        dv({ indicatorCode: 'X9.99', value: 1 }),
        members(10, { disaggregation: URBAN }),
        members(10),
        members(11),
      ],
      { indicators: [VILLAGE_COMMITTEE_MEMBERS], phase: 'save', rules: [{ ...defaultRulesFor(VILLAGE_COMMITTEE_MEMBERS), required: { cells: 'total', numeratorDenominator: false } }] },
    );
    expect(issues.map((i) => [i.code, i.message, i.blocking])).toEqual([
      ['invalid_cell', '分组“城镇”无效：该指标不分城乡统计', true],
      ['duplicate_cell', '“合计”重复填报', true],
      ['unknown_indicator', '指标“X9.99”不在本报表中', true],
    ]);
  });

  it('keeps issues in the order of the form\u2019s indicators', () => {
    const issues = check([members(-1), share(120, { numerator: 120, denominator: 100 })], {
      indicators: [FEMALE_EMPLOYMENT_SHARE, VILLAGE_COMMITTEE_MEMBERS],
    });
    const codes = issues.map((i) => i.indicatorCode);
    expect(codes.indexOf(VILLAGE_COMMITTEE_MEMBERS.code)).toBeGreaterThan(codes.lastIndexOf(FEMALE_EMPLOYMENT_SHARE.code));
  });

  it('passes a complete, consistent form', () => {
    const values = [members(1203), members(602, { disaggregation: FEMALE }), members(601, { disaggregation: MALE })];
    const issues = check(values, { indicators: [VILLAGE_COMMITTEE_MEMBERS], previous: [members(1150, { year: 2023 })] });
    expect(issues).toEqual([]);
  });
});

describe('fast paths of a large validation', () => {
  // The definition hasMoreDecimals stands for: the decimals of the number as JavaScript writes it.
  const decimalsOf = (x: number): number => {
    const text = String(Math.abs(x));
    const exp = /e-(\d+)$/.exec(text);
    if (exp) return Number(exp[1]) + (text.slice(0, text.indexOf('e')).split('.')[1]?.length ?? 0);
    return text.split('.')[1]?.length ?? 0;
  };

  it('counts decimals exactly as the number\u2019s text does', () => {
    const typed = fc
      .tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 8 }))
      .map(([whole, frac, digits]) => Number(`${whole}.${String(frac).padStart(8, '0').slice(0, digits)}`));
    const anyNumber = fc.oneof(typed, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer().map((k) => k / 100), fc.constantFrom(0.1 + 0.2, 1e-7, 1.5e21, 999_999_999.999_999, 5e-324));
    fc.assert(
      fc.property(anyNumber, fc.constantFrom(-1, 0, 1, 2, 3, 6, 7, 2.5), (x, max) => {
        expect(hasMoreDecimals(x, max)).toBe(decimalsOf(x) > max);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps each indicator, region and year apart when their values are interleaved', () => {
    // 370303 adds up (550 + 600 = 1,150) and did not change; its second 男 is a duplicate, not a part.
    const other = { regionCode: '370303' };
    const values = [
      members(1203), members(1150, other), members(602, { disaggregation: FEMALE }), members(550, { ...other, disaggregation: FEMALE }),
      members(601, { disaggregation: MALE }), members(600, { ...other, disaggregation: MALE }), members(1, { ...other, disaggregation: MALE }),
    ];
    const issues = check(values, { indicators: [VILLAGE_COMMITTEE_MEMBERS], previous: [members(900, { year: 2023 }), members(1150, { ...other, year: 2023 })] });
    expect(issues.map((i) => [i.regionCode, i.cellKey, i.code, i.message])).toEqual([
      ['370302', '_T', 'yoy_unexplained', '比上年（900人）增长33.7%，超过通常变动幅度20%，请在备注中说明原因'],
      ['370303', 'sex=男', 'duplicate_cell', '“男”重复填报'],
    ]);
  });

  it('keys age groups with escaped characters the same whether cells are shared or not', () => {
    const ind = { ...VILLAGE_COMMITTEE_MEMBERS, code: 'W5.99', disaggregations: ['sex' as const, 'age_group' as const], ageGroups: ['0|5%岁', '6=9岁'] };
    const rules = [{ ...defaultRulesFor(ind), partsSum: { dimensions: ['age_group' as const, 'sex' as const], on: 'value' as const, tolerance: 0 } }];
    const young = { sex: null, ageGroup: '0|5%岁', area: null };
    const older = { sex: null, ageGroup: '6=9岁', area: null };
    const of = (value: number, cell: DataValue['disaggregation']) => dv({ indicatorCode: ind.code, value, disaggregation: cell });
    const shared = [of(10, { sex: null, ageGroup: null, area: null }), of(4, young), of(5, older), of(6, young)];
    const fresh = shared.map((v) => ({ ...v, disaggregation: { ...v.disaggregation } }));
    const expected = [
      ['age=0%7C5%25岁', 'duplicate_cell', '“0|5%岁”重复填报'],
      ['_T', 'parts_sum_mismatch', '0|5%岁+6=9岁（9）≠合计（10）'],
      ['sex=女', 'required_missing', '请填写“女”的数值'],
      ['sex=男', 'required_missing', '请填写“男”的数值'],
    ];
    for (const values of [shared, fresh]) {
      expect(check(values, { indicators: [ind], rules }).map((i) => [i.cellKey, i.code, i.message])).toEqual(expected);
    }
  });
});
