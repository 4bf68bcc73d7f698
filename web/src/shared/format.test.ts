import { describe, expect, it } from 'vitest';
import type { Target } from '../api/types.ts';
import { chineseNumeral, domainLabel, formatValue, targetCondition, targetOpSymbol, targetValueText } from './format.ts';

const target = (t: Partial<Target>): Target => ({
  indicator: '孕产妇死亡率',
  indicatorCode: null,
  kind: 'threshold',
  op: '<=',
  value: 8.2,
  unit: '1/10万',
  baseYear: null,
  targetYear: 2025,
  text: '孕产妇死亡率控制在8.2/10万以下',
  ...t,
});

describe('plan numbering', () => {
  it('writes section numbers as the plan does', () => {
    expect([1, 7, 8, 10, 12, 20, 23].map(chineseNumeral)).toEqual(['一', '七', '八', '十', '十二', '二十', '二十三']);
    expect(domainLabel({ ord: 1, title: '妇女与健康' })).toBe('（一）妇女与健康');
  });
});

describe('target display', () => {
  it('writes values with their unit as the plan does', () => {
    expect(formatValue(8.2, '1/10万')).toBe('8.2/10万');
    expect(formatValue(85, '%')).toBe('85%');
    expect(formatValue(3.3, '‰')).toBe('3.3‰');
    expect(formatValue(1, '百分点')).toBe('1个百分点');
    expect(formatValue(null, '%')).toBe('');
  });

  it('shows operators as symbols, and approx targets as ≈', () => {
    expect(targetOpSymbol(target({}))).toBe('≤');
    expect(targetOpSymbol(target({ op: '>=' }))).toBe('≥');
    expect(targetOpSymbol(target({ kind: 'approx', op: '=' }))).toBe('≈');
    expect(targetOpSymbol(target({ kind: 'trend', op: null }))).toBe('');
  });

  it('reads each kind of target briefly', () => {
    expect(targetCondition(target({}))).toBe('≤ 8.2/10万');
    expect(
      targetCondition(
        target({ kind: 'relative_change', op: '>=', value: 20, unit: '%', baseYear: 2020, direction: 'decrease' }),
      ),
    ).toBe('较2020年下降 ≥ 20%');
    expect(targetCondition(target({ kind: 'annual_change', op: '>=', value: 1, unit: '百分点', direction: 'decrease' }))).toBe(
      '年均下降 ≥ 1个百分点',
    );
    expect(targetCondition(target({ kind: 'trend', op: null, value: null, unit: null, direction: 'increase' }))).toBe('提高');
    expect(targetValueText(target({ kind: 'ratio', op: '>=', value: 1.5, unit: null, ratio: [3, 2] }))).toBe('3:2');
    expect(targetCondition(target({ op: '>=', value: null, unit: null, reference: '本地区党员总数中女性比例' }))).toBe(
      '≥ 本地区党员总数中女性比例',
    );
    expect(targetCondition(target({ kind: 'deadline', op: '<=', value: 1, unit: '个月' }))).toBe('1个月内');
  });
});
