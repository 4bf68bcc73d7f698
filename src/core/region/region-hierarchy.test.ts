import { describe, expect, it } from 'vitest';
import { ancestorsAt, dayBefore, descendantsAt, hierarchyAt, isValidAt, yearEnd } from './region-hierarchy.ts';
import type { Region, RegionLink } from './region.types.ts';

const SINCE = '2000-01-01';
const region = (code: string, name: string, level: Region['level'], parentCode: string | null, validFrom = SINCE, validTo: string | null = null, functional = false): Region => ({
  code,
  name,
  level,
  parentCode,
  functional,
  validFrom,
  validTo,
});

// 甲县 (370399) is split into 乙区 and 丙区 on 2021-01-01; 丁县 (370381) is merged into 张店区 on 2021-07-01, its
// towns keeping their codes; a street of 张店区 is managed by 高新区 from 2022-01-01.
const REGIONS: Region[] = [
  region('370300', '淄博市', 'city', null),
  region('370303', '张店区', 'county', '370300'),
  region('370303001', '车站街道', 'town', '370303'),
  region('370303002', '四宝山街道', 'town', '370303'),
  region('370399', '甲县', 'county', '370300', SINCE, '2020-12-31'),
  region('370399001', '甲一镇', 'town', '370399', SINCE, '2020-12-31'),
  region('370399002', '甲二镇', 'town', '370399', SINCE, '2020-12-31'),
  region('370398', '乙区', 'county', '370300', '2021-01-01'),
  region('370398001', '乙一街道', 'town', '370398', '2021-01-01'),
  region('370397', '丙区', 'county', '370300', '2021-01-01'),
  region('370397001', '丙一街道', 'town', '370397', '2021-01-01'),
  region('370381', '丁县', 'county', '370300', SINCE, '2021-06-30'),
  region('370381001', '丁一镇', 'town', '370381'),
  region('370381002', '丁二镇', 'town', '370381'),
  region('370300-gxq', '高新区', 'county', '370300', SINCE, null, true),
];
const LINKS: RegionLink[] = [
  { regionCode: '370381001', parentCode: '370303', validFrom: '2021-07-01', validTo: null },
  { regionCode: '370381002', parentCode: '370303', validFrom: '2021-07-01', validTo: null },
  { regionCode: '370303002', parentCode: '370300-gxq', validFrom: '2022-01-01', validTo: null },
];

const codes = (regions: Region[]) => regions.map((r) => r.code).sort();

describe('hierarchyAt', () => {
  it('shows the tree of the date: before the split, 甲县 and its towns', () => {
    const h = hierarchyAt(REGIONS, '2020-12-31', LINKS);
    expect(h.childrenOf('370300')).toEqual(['370300-gxq', '370303', '370381', '370399']);
    expect(h.childrenOf('370399')).toEqual(['370399001', '370399002']);
    expect(h.regions.has('370398')).toBe(false);
    expect(h.orphans).toEqual([]);
  });

  it('after the split, 乙区 and 丙区 instead of 甲县', () => {
    const h = hierarchyAt(REGIONS, '2021-01-01', LINKS);
    expect(h.childrenOf('370300')).toEqual(['370300-gxq', '370303', '370381', '370397', '370398']);
    expect(h.regions.has('370399')).toBe(false);
    expect(h.regions.has('370399001')).toBe(false);
  });

  it('a split county keeps its own history', () => {
    expect(codes(descendantsAt(REGIONS, '370399', yearEnd(2020), LINKS))).toEqual(['370399001', '370399002']);
    expect(descendantsAt(REGIONS, '370399', yearEnd(2021), LINKS)).toEqual([]);
    expect(codes(descendantsAt(REGIONS, '370398', yearEnd(2021), LINKS))).toEqual(['370398001']);
    expect(descendantsAt(REGIONS, '370398', yearEnd(2020), LINKS)).toEqual([]);
  });

  it('a merged county keeps its history and its towns follow the county they joined', () => {
    expect(codes(descendantsAt(REGIONS, '370381', '2021-06-30', LINKS))).toEqual(['370381001', '370381002']);
    expect(codes(descendantsAt(REGIONS, '370303', '2021-06-30', LINKS))).toEqual(['370303001', '370303002']);
    expect(descendantsAt(REGIONS, '370381', '2021-07-01', LINKS)).toEqual([]);
    expect(codes(descendantsAt(REGIONS, '370303', '2021-07-01', LINKS))).toEqual(['370303001', '370303002', '370381001', '370381002']);
    expect(hierarchyAt(REGIONS, '2021-07-01', LINKS).parentOf('370381001')).toBe('370303');
    expect(hierarchyAt(REGIONS, '2021-06-30', LINKS).parentOf('370381001')).toBe('370381');
  });

  it('a street mapped to a functional zone rolls up through the zone, not twice', () => {
    const before = hierarchyAt(REGIONS, yearEnd(2021), LINKS);
    const after = hierarchyAt(REGIONS, yearEnd(2022), LINKS);
    expect(before.parentOf('370303002')).toBe('370303');
    expect(after.parentOf('370303002')).toBe('370300-gxq');
    expect(after.childrenOf('370300-gxq')).toEqual(['370303002']);
    expect(after.childrenOf('370303')).not.toContain('370303002');
  });

  it('every region valid on a date appears exactly once below the root', () => {
    for (const date of ['2010-05-01', '2020-12-31', '2021-01-01', '2021-06-30', '2021-07-01', '2023-12-31']) {
      const below = codes(descendantsAt(REGIONS, '370300', date, LINKS));
      const valid = codes(REGIONS.filter((r) => isValidAt(r, date) && r.code !== '370300'));
      expect(below, date).toEqual(valid);
      expect(new Set(below).size).toBe(below.length);
    }
  });

  it('reports a region whose parent is not valid on the date', () => {
    const broken = [...REGIONS, region('370399003', '甲三镇', 'town', '370399')];
    expect(hierarchyAt(broken, '2022-01-01', LINKS).orphans).toEqual(['370399003']);
    // A parent outside the regions given (a subtree was asked for) is no error.
    expect(hierarchyAt(REGIONS.filter((r) => r.code !== '370300'), '2022-01-01', LINKS).orphans).toEqual([]);
  });

  it('refuses two valid rows for one code and two parents at once', () => {
    expect(() => hierarchyAt([...REGIONS, region('370303', '张店区', 'county', '370300')], '2022-01-01')).toThrow(/多条有效记录/);
    const clash: RegionLink = { regionCode: '370303002', parentCode: '370303', validFrom: '2021-01-01', validTo: null };
    expect(() => hierarchyAt(REGIONS, '2022-06-01', [...LINKS, clash])).toThrow(/同时归属多个上级/);
    expect(() => hierarchyAt(REGIONS, '2022/06/01')).toThrow(/YYYY-MM-DD/);
  });

  it('ancestorsAt follows links', () => {
    expect(ancestorsAt(REGIONS, '370303002', '2023-01-01', LINKS).map((r) => r.code)).toEqual(['370300-gxq', '370300']);
    expect(ancestorsAt(REGIONS, '370303002', '2021-01-01', LINKS).map((r) => r.code)).toEqual(['370303', '370300']);
  });
});

describe('dates', () => {
  it('dayBefore crosses months, years and leap days', () => {
    expect(dayBefore('2021-01-01')).toBe('2020-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2023-03-01')).toBe('2023-02-28');
  });
  it('isValidAt includes both ends', () => {
    const r = { validFrom: '2021-01-01', validTo: '2021-12-31' };
    expect([isValidAt(r, '2020-12-31'), isValidAt(r, '2021-01-01'), isValidAt(r, '2021-12-31'), isValidAt(r, '2022-01-01')]).toEqual([false, true, true, false]);
  });
});
