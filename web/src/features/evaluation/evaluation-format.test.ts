import { describe, expect, it } from 'vitest';
import { progressText, rateText, valueText } from './evaluation-format.ts';

describe('evaluation numbers as the working writes them', () => {
  it('writes compound rates in percent a year and annual changes in the unit', () => {
    expect(rateText(-0.023, { rateBasis: 'compound_growth' }, '1/10万')).toBe('-2.3%/年');
    expect(rateText(0.5, { rateBasis: 'annual_change' }, '%')).toBe('0.5个百分点/年');
    expect(rateText(null, { rateBasis: null }, '%')).toBe('—');
  });
  it('writes values with their unit and progress as a share rounded down', () => {
    expect(valueText(8.9, '1/10万')).toBe('8.9/10万');
    expect(valueText(null, '%')).toBe('—');
    expect(progressText(0.5988)).toBe('59%');
  });
});
