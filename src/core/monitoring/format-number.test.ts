import { describe, expect, it } from 'vitest';
import { changeUnit, formatNumber, withUnit } from './format-number.ts';

describe('formatNumber', () => {
  it('groups thousands and drops trailing zeros', () => {
    expect(formatNumber(1203)).toBe('1,203');
    expect(formatNumber(1234567.891)).toBe('1,234,567.891');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
  });

  it('hides floating-point noise', () => {
    expect(62.3 - 50).not.toBe(12.3);
    expect(formatNumber(62.3 - 50)).toBe('12.3');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it('keeps the sign, but not on a value that rounds to zero', () => {
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(-1234.5)).toBe('-1,234.5');
    expect(formatNumber(-0.00001)).toBe('0');
  });
});

describe('withUnit / changeUnit', () => {
  it('writes units as Chinese statistics do', () => {
    expect(withUnit(120, '%')).toBe('120%');
    expect(withUnit(3.3, '‰')).toBe('3.3‰');
    expect(withUnit(8.2, '1/10万')).toBe('8.2/10万');
    expect(withUnit(1203, '人')).toBe('1,203人');
  });

  it('names an absolute change', () => {
    expect(changeUnit('%')).toBe('个百分点');
    expect(changeUnit('‰')).toBe('个千分点');
    expect(changeUnit('1/10万')).toBe('（1/10万）');
    expect(changeUnit('小时')).toBe('小时');
  });
});
