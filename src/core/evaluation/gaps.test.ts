import { describe, expect, it } from 'vitest';
import { regionSpread, sexGap, urbanRuralGap } from './gaps.ts';

describe('sexGap', () => {
  it('difference female − male, ratio female / male, better by polarity', () => {
    const g = sexGap(52.3, 47.7, { polarity: 'higher_better', unit: '%' });
    expect(g.difference).toBeCloseTo(4.6, 12);
    expect(g.ratio).toBeCloseTo(52.3 / 47.7, 12);
    expect(g.better).toBe('female');
    expect(g.sentence).toBe('女性为52.3%，男性为47.7%，女性比男性高4.6个百分点，女性为男性的1.1倍；女性状况较好');
  });

  it('lower is better turns the judgement round', () => {
    const g = sexGap(3.1, 2.5, { polarity: 'lower_better', unit: '‰' });
    expect(g.better).toBe('male');
    expect(g.sentence).toBe('女性为3.1‰，男性为2.5‰，女性比男性高0.6个千分点，女性为男性的1.24倍；男性状况较好');
  });

  it('a band indicator needs the target to say which is better', () => {
    expect(sexGap(44, 48, { polarity: 'band' }).better).toBeNull();
    expect(sexGap(44, 48, { polarity: 'band', target: 45 }).better).toBe('female');
    expect(sexGap(45, 45, { polarity: 'higher_better' }).better).toBe('equal');
    expect(sexGap(45, 45).sentence).toBe('女性为45，男性为45，两者持平，女性为男性的1倍');
  });

  it('ratio is null when the male value is 0', () => {
    expect(sexGap(1, 0).ratio).toBeNull();
  });
});

describe('urbanRuralGap', () => {
  it('difference urban − rural and ratio urban / rural', () => {
    const g = urbanRuralGap(2.1, 3.5, { polarity: 'lower_better', unit: '1/10万' });
    expect(g.difference).toBeCloseTo(-1.4, 12);
    expect(g.ratio).toBeCloseTo(0.6, 12);
    expect(g.better).toBe('urban');
    expect(g.sentence).toBe('城镇为2.1/10万，农村为3.5/10万，城镇比农村低1.4/10万，城镇为农村的0.6倍；城镇状况较好');
  });
});

describe('regionSpread', () => {
  const counties = [
    { regionCode: '370302', value: 96 }, // 淄川区
    { regionCode: '370303', value: 98 }, // 张店区
    { regionCode: '370304', value: 92 }, // 博山区
    { regionCode: '370305', value: 98 }, // 临淄区
    { regionCode: '370306', value: 96 }, // 周村区
  ];

  it('ranks best first with shared ranks for ties, and computes the spread by hand', () => {
    const s = regionSpread(counties, 'higher_better');
    expect(s.ranking.map((r) => [r.regionCode, r.rank])).toEqual([
      ['370303', 1],
      ['370305', 1],
      ['370302', 3],
      ['370306', 3],
      ['370304', 5],
    ]);
    expect(s.min).toEqual({ regionCode: '370304', value: 92 });
    expect(s.max).toEqual({ regionCode: '370303', value: 98 });
    expect(s.range).toBe(6);
    // mean 96; squared deviations 0, 4, 16, 4, 0 → variance 4.8, sd 2.1909; CV 0.022822.
    expect(s.mean).toBe(96);
    expect(s.standardDeviation).toBeCloseTo(Math.sqrt(4.8), 12);
    expect(s.coefficientOfVariation).toBeCloseTo(0.0228218, 6);
    expect(s.count).toBe(5);
  });

  it('lower is better ranks the smallest first', () => {
    const s = regionSpread(counties, 'lower_better');
    expect(s.ranking[0]).toEqual({ regionCode: '370304', value: 92, rank: 1 });
    expect(s.rankingBasis).toBe('lower_better');
  });

  it('a band ranks by closeness to the target, or by value when no target is given', () => {
    const s = regionSpread(counties, 'band', { target: 95 });
    expect(s.rankingBasis).toBe('closeness');
    // Distances 1, 1 (370302, 370306) then 3, 3, 3: ties share rank 3, ordered by code.
    expect(s.ranking.map((r) => [r.regionCode, r.rank])).toEqual([
      ['370302', 1],
      ['370306', 1],
      ['370303', 3],
      ['370304', 3],
      ['370305', 3],
    ]);
    expect(regionSpread(counties, 'band').rankingBasis).toBe('value_desc');
  });

  it('leaves out missing values and copes with nothing', () => {
    const s = regionSpread([...counties, { regionCode: '370321', value: Number.NaN }], 'higher_better');
    expect(s.count).toBe(5);
    expect(s.excluded).toEqual(['370321']);
    const empty = regionSpread([], 'higher_better');
    expect(empty).toMatchObject({ count: 0, min: null, max: null, range: null, coefficientOfVariation: null, ranking: [] });
    expect(regionSpread([{ regionCode: 'a', value: 0 }, { regionCode: 'b', value: 0 }], 'higher_better').coefficientOfVariation).toBeNull();
  });
});
