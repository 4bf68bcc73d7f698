import { describe, expect, it } from 'vitest';
import { findNumericPhrases } from './numeric-phrases.ts';

const roles = (text: string) => findNumericPhrases(text).map((p) => [p.text, p.role, p.number, p.unit]);

describe('findNumericPhrases', () => {
  it('reads values with their units', () => {
    expect(roles('控制在8.2/10万以下，3‰、3.3‰和4‰，每年降低1个百分点，至少为3：2，一半以上')).toEqual([
      ['8.2/10万', 'value', 8.2, '/10万'],
      ['3‰', 'value', 3, '‰'],
      ['3.3‰', 'value', 3.3, '‰'],
      ['4‰', 'value', 4, '‰'],
      ['1个百分点', 'value', 1, '个百分点'],
      ['3：2', 'value', 3, '比'],
      ['一半', 'value', 50, '%'],
    ]);
  });

  it('tells ages, years, names and document numbers from quantities', () => {
    expect(roles('35—64岁妇女，0-6个月婴儿，6月龄以上，未满8周岁，以2020年为基数，“15分钟阅读文化圈”，〔2021〕172号，（1）')).toEqual([
      ['35—64岁', 'age', 35, '岁'],
      ['0-6个月', 'age', 0, '个月'],
      ['6月龄', 'age', 6, '月龄'],
      ['8周岁', 'age', 8, '周岁'],
      ['2020年', 'year', 2020, '年'],
      ['15分钟', 'name', 15, '分钟'],
      ['2021', 'name', 2021, null],
      ['172号', 'document', 172, '号'],
      ['1', 'bare', 1, null],
    ]);
  });

  it('keeps a period of months that is not an age a quantity (颁布后1个月内), and 15年 too', () => {
    expect(roles('颁布后1个月内报送，15年免费教育')).toEqual([
      ['1个月', 'value', 1, '个月'],
      ['15年', 'value', 15, '年'],
    ]);
  });
});
