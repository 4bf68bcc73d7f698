import { describe, expect, it } from 'vitest';
import { decimalsOf, displayDecimals, formatDifference, formatNumber, formatRate, formatShare, formatValue } from './format.ts';

describe('number formatting for reasons', () => {
  it('writes units as the plan does', () => {
    expect(formatValue(9.1, '1/10万')).toBe('9.1/10万');
    expect(formatValue(85, '%')).toBe('85%');
    expect(formatValue(3.3, '‰')).toBe('3.3‰');
    expect(formatValue(4.5, '个/千人')).toBe('4.5个/千人');
    expect(formatValue(300, '所')).toBe('300所');
    expect(formatValue(1.5, null)).toBe('1.5');
    expect(formatDifference(4.2, '%')).toBe('4.2个百分点');
    expect(formatDifference(0.6, '‰')).toBe('0.6个千分点');
  });

  it('keeps 1–2 decimals, the data’s precision, without trailing zeros', () => {
    expect(decimalsOf(8.25)).toBe(2);
    expect(decimalsOf(0.125)).toBe(3);
    expect(displayDecimals([9.1, 10, 8.2])).toBe(1);
    expect(displayDecimals([300, 0])).toBe(1);
    expect(displayDecimals([98.45, 0.125])).toBe(2);
    expect(formatNumber(8.887952, 1)).toBe('8.9');
    expect(formatNumber(9.0, 1)).toBe('9');
    expect(formatNumber(-0.0001, 1)).toBe('-0.0001');
    expect(formatNumber(-0.04, 1)).toBe('-0.04');
    expect(formatNumber(-0, 1)).toBe('0');
  });

  it('rates in percent, shares rounded down so the text never crosses a threshold', () => {
    expect(formatRate(-0.0233)).toBe('-2.3%');
    expect(formatRate(0.0025413)).toBe('0.25%');
    expect(formatShare(0.5988)).toBe('59%');
    expect(formatShare(0.95)).toBe('95%');
    expect(formatShare(57 / 60)).toBe('95%');
    expect(formatShare(0.9499)).toBe('94%');
  });
});
