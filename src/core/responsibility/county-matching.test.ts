import { describe, expect, it } from 'vitest';
import { matchGoals, matchTargets, textSimilarity } from './county-matching.ts';

describe('matching an imported county plan to the city plan', () => {
  it('matches targets by indicator code, then by name, within the domain first', () => {
    const city = [
      { key: 'c1', domainOrd: 1, indicatorCode: 'W1.01', indicatorName: '孕产妇死亡率', kind: 'threshold' as const },
      { key: 'c2', domainOrd: 1, indicatorCode: null, indicatorName: '妇女人均预期寿命', kind: 'trend' as const },
      { key: 'c3', domainOrd: 2, indicatorCode: 'W2.01', indicatorName: '女性比例', kind: 'approx' as const },
    ];
    const county = [
      { key: 'k1', domainOrd: 1, indicatorCode: 'W1.01', indicatorName: '孕产妇死亡率', kind: 'threshold' as const },
      { key: 'k2', domainOrd: 1, indicatorCode: null, indicatorName: '妇女人均预期寿命', kind: 'trend' as const },
      { key: 'k3', domainOrd: 1, indicatorCode: 'W9.99', indicatorName: '新指标', kind: 'threshold' as const },
    ];
    expect([...matchTargets(city, county)]).toEqual([
      ['k1', 'c1'],
      ['k2', 'c2'],
    ]);
  });
  it('matches goals by text, by shared targets, then by number when the texts are alike', () => {
    const city = [
      { key: 'g1', domainOrd: 1, ord: 1, text: '妇女全生命周期享有良好的卫生健康服务。', targetKeys: [] },
      { key: 'g2', domainOrd: 1, ord: 2, text: '孕产妇死亡率控制在8.2/10万以下。', targetKeys: ['c1'] },
      { key: 'g3', domainOrd: 1, ord: 3, text: '提高妇女常见病筛查率。', targetKeys: [] },
    ];
    const county = [
      { key: 'k1', domainOrd: 1, ord: 1, text: '妇女全生命周期享有良好的卫生健康服务。', targetKeys: [] },
      { key: 'k2', domainOrd: 1, ord: 2, text: '孕产妇死亡率控制在10/10万以下。', targetKeys: ['c1'] },
      { key: 'k3', domainOrd: 1, ord: 3, text: '完全不同的本地目标，建设儿童友好社区。', targetKeys: [] },
    ];
    expect([...matchGoals(city, county)]).toEqual([
      ['k1', 'g1'],
      ['k2', 'g2'],
    ]);
    expect(textSimilarity('abc', 'abc')).toBe(1);
    expect(textSimilarity('abcd', 'wxyz')).toBe(0);
  });
});
