import { describe, expect, it } from 'vitest';
import { compareWithDirect } from './compare-with-direct.ts';
import { INFANT_MORTALITY, NEW_KINDERGARTENS, RURAL, URBAN, ZIBO, dv } from './monitoring.fixtures.ts';
import { rollUp } from './rollup.ts';

const THREE = ['370303', '370322', '370323'];
// Infant deaths / live births, total, urban, rural per county.
const DATA: Array<[string, [number, number], [number, number], [number, number]]> = [
  ['370303', [6, 3000], [5, 2500], [1, 500]],
  ['370322', [9, 1500], [3, 600], [6, 900]],
  ['370323', [4, 2000], [1, 800], [3, 1200]],
];
const childValues = DATA.flatMap(([regionCode, total, urban, rural]) =>
  ([[{ sex: null, ageGroup: null, area: null }, total], [URBAN, urban], [RURAL, rural]] as const).map(([cell, [n, d]]) =>
    dv({ indicatorCode: INFANT_MORTALITY.code, regionCode, disaggregation: cell, numerator: n, denominator: d, value: (n / d) * 1000 }),
  ),
);
// Rolled: total 19/6,500 = 2.9231‰, urban 9/3,900 = 2.3077‰, rural 10/2,600 = 3.8462‰.
const rolled = rollUp(INFANT_MORTALITY, childValues, { parentRegionCode: ZIBO, year: 2024, expectedChildren: THREE });
const city = (value: number, extra = {}) => dv({ indicatorCode: INFANT_MORTALITY.code, regionCode: ZIBO, value, ...extra });

describe('compareWithDirect', () => {
  it('sets the city\u2019s own figures beside the rolled ones and flags the ones too far apart', () => {
    const rows = compareWithDirect(rolled, [city(2.93), city(2.5, { disaggregation: URBAN })], 0.005);
    expect(rows.map((r) => [r.cellKey, r.comparable, r.mismatch])).toEqual([
      ['_T', true, false],
      ['area=城镇', true, true],
      ['area=农村', false, false],
    ]);
    const [total, urban, rural] = rows;
    // 2.93 vs 19/6.5 = 2.923077: +0.2368%, inside 0.5%.
    expect(total?.relativeDifference).toBeCloseTo(0.002368, 6);
    expect(total?.message).toBeNull();
    // 2.5 vs 30/13: 2.5 × 13 / 30 − 1 = 8.333%.
    expect(urban?.difference).toBeCloseTo(2.5 - 30 / 13, 10);
    expect(urban?.relativeDifference).toBeCloseTo(1 / 12, 10);
    expect(urban?.message).toBe('直报值（2.5‰）与下级汇总值（2.31‰）相差8.3%，超过允许差异0.5%');
    expect(rural).toMatchObject({ direct: null, difference: null, relativeDifference: null });
    expect(rural?.rolled).toBeCloseTo(3.8462, 4);
  });

  it('uses the tolerance given', () => {
    expect(compareWithDirect(rolled, [city(2.93)], 0.002)[0]?.mismatch).toBe(true);
    expect(compareWithDirect(rolled, [city(2.93)], 0.0024)[0]?.mismatch).toBe(false);
  });

  it('reads only the rolled indicator, region and year', () => {
    const rows = compareWithDirect(rolled, [
      city(9, { year: 2023 }),
      city(9, { regionCode: '370303' }),
      dv({ indicatorCode: NEW_KINDERGARTENS.code, regionCode: ZIBO, value: 9 }),
    ]);
    expect(rows.every((r) => r.direct === null && !r.mismatch)).toBe(true);
  });

  it('cannot compare with a roll-up that is incomplete', () => {
    const partial = rollUp(INFANT_MORTALITY, childValues, { parentRegionCode: ZIBO, year: 2024, expectedChildren: [...THREE, '370321'] });
    const [total] = compareWithDirect(partial, [city(2.93)]);
    expect(total).toMatchObject({ rolled: null, direct: 2.93, comparable: false, mismatch: false });
  });

  it('flags any direct figure against a rolled zero', () => {
    const zero = rollUp(
      NEW_KINDERGARTENS,
      THREE.map((regionCode) => dv({ indicatorCode: NEW_KINDERGARTENS.code, regionCode, value: 0 })),
      { parentRegionCode: ZIBO, year: 2024, expectedChildren: THREE },
    );
    const k = (value: number) => dv({ indicatorCode: NEW_KINDERGARTENS.code, regionCode: ZIBO, value });
    expect(compareWithDirect(zero, [k(3)])[0]).toMatchObject({
      mismatch: true, difference: 3, relativeDifference: null, message: '直报值（3所）与下级汇总值（0）不一致',
    });
    expect(compareWithDirect(zero, [k(0)])[0]).toMatchObject({ mismatch: false, relativeDifference: 0 });
  });

  it('lists a directly reported cell the roll-up does not have', () => {
    const rows = compareWithDirect(rolled, [city(1.1, { disaggregation: { sex: null, ageGroup: null, area: null } }), city(1.2, { disaggregation: { sex: '女', ageGroup: null, area: null } })]);
    expect(rows.map((r) => r.cellKey)).toEqual(['_T', 'area=城镇', 'area=农村', 'sex=女']);
    expect(rows[3]).toMatchObject({ rolled: null, direct: 1.2, comparable: false });
  });
});
