import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataValue, DataValueStatus } from './data-value.types.ts';
import {
  DRINKING_WATER_COMPLIANCE,
  FEMALE,
  INFANT_MORTALITY,
  MALE,
  NEW_KINDERGARTENS,
  RURAL,
  URBAN,
  VILLAGE_COMMITTEE_MEMBERS,
  ZIBO,
  ZIBO_CHILDREN,
  ZIBO_CHILD_CODES,
  dv,
} from './monitoring.fixtures.ts';
import { rollUp, rollUpAll } from './rollup.ts';
import type { RolledCell, RollUpResult } from './rollup.types.ts';

const cellOf = (r: RollUpResult, key: string): RolledCell => {
  const c = r.cells.find((x) => x.cellKey === key);
  if (c === undefined) throw new Error(`no cell ${key}`);
  return c;
};

// Village committee members by sex in the eleven districts, counties and zones (women, men).
const MEMBERS: Record<string, [number, number]> = {
  '370302': [310, 690],
  '370303': [280, 520],
  '370304': [150, 450],
  '370305': [260, 640],
  '370306': [120, 380],
  '370321': [200, 500],
  '370322': [180, 470],
  '370323': [240, 610],
  'ZB-GX': [20, 40],
  'ZB-JK': [15, 35],
  'ZB-WCH': [25, 45],
};

function memberValues(year = 2024): DataValue[] {
  return Object.entries(MEMBERS).flatMap(([regionCode, [women, men]]) => [
    dv({ indicatorCode: VILLAGE_COMMITTEE_MEMBERS.code, regionCode, year, value: women + men }),
    dv({ indicatorCode: VILLAGE_COMMITTEE_MEMBERS.code, regionCode, year, value: women, disaggregation: FEMALE }),
    dv({ indicatorCode: VILLAGE_COMMITTEE_MEMBERS.code, regionCode, year, value: men, disaggregation: MALE }),
  ]);
}

const cityOptions = { parentRegionCode: ZIBO, year: 2024, expectedChildren: ZIBO_CHILD_CODES, regionNames: ZIBO_CHILDREN };

describe('rollUp: sums of counts', () => {
  it('adds the eleven children per cell', () => {
    const r = rollUp(VILLAGE_COMMITTEE_MEMBERS, memberValues(), cityOptions);
    expect(r.cells.map((c) => [c.cellKey, c.value, c.complete, c.reason])).toEqual([
      ['_T', 6180, true, null],
      ['sex=女', 1800, true, null],
      ['sex=男', 4380, true, null],
    ]);
    expect(cellOf(r, '_T').contributors).toEqual(ZIBO_CHILD_CODES);
    expect(cellOf(r, '_T').numerator).toBeNull();
    expect(r.coverage).toMatchObject({ contributed: ZIBO_CHILD_CODES, missing: [], pending: [], unexpected: [], share: 1 });
    expect(r).toMatchObject({ indicatorCode: 'W5.09', regionCode: ZIBO, year: 2024, unit: '人', aggregatable: true });
  });

  it('treats a blank child value as missing for that cell', () => {
    const values = memberValues().map((v) =>
      v.regionCode === 'ZB-WCH' && v.disaggregation.sex === '女' ? { ...v, value: null } : v,
    );
    const r = rollUp(VILLAGE_COMMITTEE_MEMBERS, values, cityOptions);
    expect(cellOf(r, 'sex=女')).toMatchObject({ value: null, complete: false, missing: ['ZB-WCH'], reason: '缺少1个地区的数据：文昌湖区' });
    expect(cellOf(r, '_T').value).toBe(6180);
  });

  it('adds cross cells the children reported after the grid cells', () => {
    const values = [
      ...memberValues(),
      ...ZIBO_CHILD_CODES.map((regionCode) =>
        dv({ indicatorCode: VILLAGE_COMMITTEE_MEMBERS.code, regionCode, value: 1, disaggregation: { sex: '女', ageGroup: '18-35岁', area: null } }),
      ),
    ];
    const withAge = { ...VILLAGE_COMMITTEE_MEMBERS, disaggregations: ['sex' as const, 'age_group' as const], ageGroups: ['18-35岁'] };
    const r = rollUp(withAge, values, cityOptions);
    expect(r.cells.map((c) => [c.cellKey, c.value])).toEqual([
      ['_T', 6180],
      ['sex=女', 1800],
      ['sex=男', 4380],
      ['age=18-35岁', null],
      ['sex=女|age=18-35岁', 11],
    ]);
  });
});

// Infant deaths / live births: 张店区 6/3,000 (2‰), 高青县 9/1,500 (6‰), 沂源县 4/2,000 (2‰).
const THREE = ['370303', '370322', '370323'];
const BIRTHS: Record<string, { total: [number, number]; urban: [number, number]; rural: [number, number] }> = {
  '370303': { total: [6, 3000], urban: [5, 2500], rural: [1, 500] },
  '370322': { total: [9, 1500], urban: [3, 600], rural: [6, 900] },
  '370323': { total: [4, 2000], urban: [1, 800], rural: [3, 1200] },
};

function infantValues(status: (region: string) => DataValueStatus = () => 'approved'): DataValue[] {
  return Object.entries(BIRTHS).flatMap(([regionCode, b]) =>
    ([['total', { sex: null, ageGroup: null, area: null }], ['urban', URBAN], ['rural', RURAL]] as const).map(([k, cell]) => {
      const [numerator, denominator] = b[k];
      return dv({
        indicatorCode: INFANT_MORTALITY.code, regionCode, disaggregation: cell, status: status(regionCode),
        numerator, denominator, value: Math.round((numerator / denominator) * 1000 * 100) / 100,
      });
    }),
  );
}

const threeOptions = { parentRegionCode: ZIBO, year: 2024, expectedChildren: THREE, regionNames: ZIBO_CHILDREN };

describe('rollUp: rates from summed numerators and denominators', () => {
  it('divides Σ deaths by Σ births, and that is not the average of the rates', () => {
    const r = rollUp(INFANT_MORTALITY, infantValues(), threeOptions);
    const total = cellOf(r, '_T');
    // 19 / 6,500 × 1000 = 2.923‰; the mean of 2‰, 6‰ and 2‰ would be 3.333‰.
    expect(total.numerator).toBe(19);
    expect(total.denominator).toBe(6500);
    expect(total.value).toBeCloseTo(2.9231, 4);
    const averageOfRates = (2 + 6 + 2) / 3;
    expect(Math.abs((total.value ?? 0) - averageOfRates)).toBeGreaterThan(0.4);
    // Urban 9 / 3,900 = 2.3077‰, rural 10 / 2,600 = 3.8462‰.
    expect(cellOf(r, 'area=城镇')).toMatchObject({ numerator: 9, denominator: 3900, complete: true });
    expect(cellOf(r, 'area=城镇').value).toBeCloseTo(2.3077, 4);
    expect(cellOf(r, 'area=农村').value).toBeCloseTo(3.8462, 4);
  });

  it('cannot roll a rate up when a child gave only the rate', () => {
    const values = infantValues().map((v) =>
      v.regionCode === '370322' && v.disaggregation.area === null ? { ...v, numerator: null } : v,
    );
    for (const allowPartial of [false, true]) {
      const total = cellOf(rollUp(INFANT_MORTALITY, values, { ...threeOptions, allowPartial }), '_T');
      expect(total).toMatchObject({
        value: null,
        numerator: null,
        denominator: null,
        complete: false,
        missingNumeratorDenominator: ['370322'],
        reason: '以下地区缺少分子或分母，无法按“分子合计÷分母合计”汇总：高青县',
      });
    }
    expect(cellOf(rollUp(INFANT_MORTALITY, values, threeOptions), 'area=城镇').complete).toBe(true);
  });

  it('refuses a zero total denominator', () => {
    const values = infantValues().map((v) => ({ ...v, numerator: 0, denominator: 0 }));
    expect(cellOf(rollUp(INFANT_MORTALITY, values, threeOptions), '_T')).toMatchObject({ value: null, reason: '下级地区分母合计为0，无法计算' });
  });

  it('takes the latest version when history is passed', () => {
    const values = [...infantValues(), dv({ indicatorCode: INFANT_MORTALITY.code, regionCode: '370303', numerator: 7, denominator: 3000, value: 2.33, version: 2 })];
    expect(cellOf(rollUp(INFANT_MORTALITY, values, threeOptions), '_T')).toMatchObject({ numerator: 20, denominator: 6500 });
  });
});

describe('rollUp: coverage and status', () => {
  const yiyuanSubmitted = infantValues((r) => (r === '370323' ? 'submitted' : 'approved'));

  it('counts approved values only and lists who is missing and who is pending', () => {
    const r = rollUp(INFANT_MORTALITY, yiyuanSubmitted, threeOptions);
    expect(r.coverage).toEqual({
      expected: THREE,
      contributed: ['370303', '370322'],
      missing: ['370323'],
      pending: [{ regionCode: '370323', statuses: ['submitted'] }],
      unexpected: [],
      share: 2 / 3,
    });
    expect(cellOf(r, '_T')).toMatchObject({ value: null, complete: false, missing: ['370323'], reason: '缺少1个地区的数据：沂源县' });
  });

  it('gives a provisional figure from the approved children when asked', () => {
    const total = cellOf(rollUp(INFANT_MORTALITY, yiyuanSubmitted, { ...threeOptions, allowPartial: true }), '_T');
    // (6 + 9) / (3,000 + 1,500) × 1000 = 3.333‰
    expect(total.value).toBeCloseTo(3.3333, 4);
    expect(total).toMatchObject({ complete: false, contributors: ['370303', '370322'], reason: '仅汇总了2/3个地区，缺少1个地区的数据：沂源县' });
  });

  it('takes the statuses the caller counts', () => {
    const r = rollUp(INFANT_MORTALITY, yiyuanSubmitted, { ...threeOptions, statuses: ['approved', 'submitted'] });
    expect(cellOf(r, '_T')).toMatchObject({ numerator: 19, denominator: 6500, complete: true });
  });

  it('ignores regions that are not children that year, other indicators and other years', () => {
    const values = [
      ...infantValues(),
      dv({ indicatorCode: INFANT_MORTALITY.code, regionCode: '370399', numerator: 100, denominator: 100, value: 1000 }),
      dv({ indicatorCode: INFANT_MORTALITY.code, regionCode: '370303', year: 2023, numerator: 100, denominator: 100, value: 1000 }),
      dv({ indicatorCode: NEW_KINDERGARTENS.code, regionCode: '370303', value: 3 }),
    ];
    const r = rollUp(INFANT_MORTALITY, values, threeOptions);
    expect(r.coverage.unexpected).toEqual(['370399']);
    expect(cellOf(r, '_T')).toMatchObject({ numerator: 19, denominator: 6500 });
  });

  it('says so when nothing is expected or nothing arrived', () => {
    expect(cellOf(rollUp(NEW_KINDERGARTENS, [], { ...threeOptions, expectedChildren: [] }), '_T').reason).toBe('没有下级地区');
    const none = rollUp(NEW_KINDERGARTENS, [], threeOptions);
    expect(cellOf(none, '_T')).toMatchObject({ value: null, reason: '下级地区均无可汇总的数据', missing: THREE });
    expect(none.coverage.share).toBe(0);
  });
});

describe('rollUp: not aggregatable', () => {
  it('returns null with the reason for every cell', () => {
    const values = THREE.map((regionCode) => dv({ indicatorCode: DRINKING_WATER_COMPLIANCE.code, regionCode, value: 100 }));
    const r = rollUp(DRINKING_WATER_COMPLIANCE, values, threeOptions);
    expect(r.aggregatable).toBe(false);
    expect(r.cells.map((c) => [c.cellKey, c.value, c.reason])).toEqual([['_T', null, '该指标不能由下级数据汇总，由本级直接填报']]);
  });
});

describe('rollUpAll', () => {
  it('gives the same results as rollUp per indicator and year, with the children of each year', () => {
    const values = [...memberValues(2023), ...memberValues(2024), ...infantValues()];
    const children = (year: number) => (year === 2023 ? ZIBO_CHILD_CODES.slice(0, 8) : ZIBO_CHILD_CODES);
    const all = rollUpAll([VILLAGE_COMMITTEE_MEMBERS, INFANT_MORTALITY], values, { parentRegionCode: ZIBO, years: [2023, 2024], expectedChildren: children });
    expect(all).toHaveLength(4);
    for (const r of all) {
      expect(r).toEqual(
        rollUp(r.indicatorCode === VILLAGE_COMMITTEE_MEMBERS.code ? VILLAGE_COMMITTEE_MEMBERS : INFANT_MORTALITY, values, {
          parentRegionCode: ZIBO, year: r.year, expectedChildren: children(r.year),
        }),
      );
    }
    // 2023 counts only the eight GB/T 2260 districts and counties: 6,180 − (60 + 50 + 70).
    expect(cellOf(all[0] as RollUpResult, '_T').value).toBe(6000);
    expect(all[0]?.coverage.unexpected).toEqual(['ZB-GX', 'ZB-JK', 'ZB-WCH']);
  });
});

describe('rollUp: properties of the ratio rule', () => {
  it('lands between the lowest and highest child rate and ignores the order of the children', () => {
    const child = fc.record({ numerator: fc.integer({ min: 0, max: 500 }), denominator: fc.integer({ min: 1, max: 50_000 }) });
    fc.assert(
      fc.property(fc.array(child, { minLength: 1, maxLength: 11 }), (children) => {
        const codes = children.map((_, i) => `C${i}`);
        const values = children.map((c, i) =>
          dv({ indicatorCode: INFANT_MORTALITY.code, regionCode: codes[i] ?? '', ...c, value: (c.numerator / c.denominator) * 1000 }),
        );
        const options = { parentRegionCode: ZIBO, year: 2024, expectedChildren: codes };
        const total = cellOf(rollUp(INFANT_MORTALITY, values, options), '_T').value ?? Number.NaN;
        const rates = children.map((c) => (c.numerator / c.denominator) * 1000);
        expect(total).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-9);
        expect(total).toBeLessThanOrEqual(Math.max(...rates) + 1e-9);
        const reversed = cellOf(rollUp(INFANT_MORTALITY, [...values].reverse(), { ...options, expectedChildren: [...codes].reverse() }), '_T');
        expect(reversed.value).toBeCloseTo(total, 9);
      }),
    );
  });
});
