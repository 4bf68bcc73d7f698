import { describe, expect, it } from 'vitest';
import {
  matchArabicHeading,
  matchParenNumber,
  matchSubSection,
  matchTopSection,
  parseChineseNumeral,
  toChineseNumeral,
} from './numbering.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1], ['五', 5], ['十', 10], ['十一', 11], ['十四', 14], ['二十', 20], ['二十三', 23], ['九十九', 99], ['两', 2],
  ])('%s is %i', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it.each(['', '十十', '一二', '零十', '二十零', 'a', '百'])('%j is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });

  it('round-trips 1..99', () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseNumeral(toChineseNumeral(n))).toBe(n);
    expect(toChineseNumeral(10)).toBe('十');
    expect(toChineseNumeral(14)).toBe('十四');
    expect(toChineseNumeral(30)).toBe('三十');
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
  });
});

describe('heading patterns', () => {
  it('reads top sections', () => {
    expect(matchTopSection('三、发展领域、主要目标和策略措施')).toEqual({ n: 3, label: '三、', rest: '发展领域、主要目标和策略措施' });
    expect(matchTopSection('十一、附则')?.n).toBe(11);
    expect(matchTopSection('（三）加强规划')).toBeNull();
    expect(matchTopSection('一二三产业融合发展')).toBeNull();
  });

  it('reads sub-sections in full- and half-width parentheses', () => {
    expect(matchSubSection('（一）妇女与健康')).toEqual({ n: 1, label: '（一）', rest: '妇女与健康' });
    expect(matchSubSection('(十一)鼓励社会各界')?.n).toBe(11);
    expect(matchSubSection('（1）孕产妇')).toBeNull();
  });

  it('reads 1.主要目标 but not a decimal number', () => {
    expect(matchArabicHeading('1.主要目标')).toEqual({ n: 1, label: '1.', rest: '主要目标' });
    expect(matchArabicHeading('2．策略措施')?.n).toBe(2);
    expect(matchArabicHeading('3.3‰以下')).toBeNull();
    expect(matchArabicHeading('2021年')).toBeNull();
  });

  it('reads （n） items but not a year range', () => {
    expect(matchParenNumber('（12）加强儿童心理健康服务。')).toEqual({ n: 12, label: '（12）', rest: '加强儿童心理健康服务。' });
    expect(matchParenNumber('(3)完善')?.n).toBe(3);
    expect(matchParenNumber('（2021—2030年）')).toBeNull();
  });
});
