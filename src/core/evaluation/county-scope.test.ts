import { describe, expect, it } from 'vitest';
import { extractTargets } from '../target/extract-targets.ts';
import { countyApplicability } from './county-scope.ts';

const first = (text: string) => {
  const t = extractTargets(text).targets[0];
  if (t === undefined) throw new Error(`no target in ${text}`);
  return t;
};

describe('countyApplicability (city targets judged in a county without a county target)', () => {
  it('a city-wide count does not apply to a county', () => {
    const kg = first('新建、改扩建幼儿园300所以上。');
    expect(kg.kind).toBe('count');
    const sum = countyApplicability(kg, { aggregation: 'sum' });
    expect(sum.applies).toBe(false);
    expect(sum.applies ? '' : sum.reason).toContain('全市总量目标（区县数值相加即为全市数值）');
    expect(countyApplicability(kg, null).applies).toBe(false);
  });

  it('a count placed on every county applies', () => {
    const each = first('各区县引入或孵化至少1家儿童类社会组织。');
    expect(each.kind).toBe('count');
    expect(each.scope).toContain('区县');
    expect(countyApplicability(each, { aggregation: 'none' }).applies).toBe(true);
  });

  it('rates, bands and directions apply; a threshold on a summed indicator does not', () => {
    const mmr = first('孕产妇死亡率控制在8.2/10万以下。');
    expect(countyApplicability(mmr, { aggregation: 'ratio' }).applies).toBe(true);
    expect(countyApplicability(mmr, { aggregation: 'sum' }).applies).toBe(false);
    expect(countyApplicability({ ...mmr, kind: 'approx' }, { aggregation: 'sum' }).applies).toBe(true);
    expect(countyApplicability({ ...mmr, kind: 'trend', value: null, op: null }, { aggregation: 'sum' }).applies).toBe(true);
  });
});
