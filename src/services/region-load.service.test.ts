import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/databases.ts';
import { descendantsAt, hierarchyAt } from '../core/region/region-hierarchy.ts';
import { getRegion, listRegions, loadRegionHistory } from '../storage/repositories/region.repository.ts';
import { readRegionConfig } from './region-config.ts';
import { RegionLoadError, loadRegions } from './region-load.service.ts';
import { RegionMappingError, mapStreetToZone, unmapStreetFromZone } from './region-zone.service.ts';

// Issue 2: Zibo's eight districts and counties.
const ZIBO_COUNTIES = {
  '370302': '淄川区',
  '370303': '张店区',
  '370304': '博山区',
  '370305': '临淄区',
  '370306': '周村区',
  '370321': '桓台县',
  '370322': '高青县',
  '370323': '沂源县',
};
const AT = '2024-06-30';

forEachDialect('loadRegions: Zibo', (getDb) => {
  let first: Awaited<ReturnType<typeof loadRegions>>;
  beforeAll(async () => {
    first = await loadRegions(getDb(), { prefix: '3703' });
  });

  it('loads the city, 8 counties and 3 functional zones, 88 towns and 2,931 villages', async () => {
    expect(first.byLevel).toEqual({ province: 1, city: 1, county: 11, town: 88, village: 2931 });
    expect(first.inserted).toBe(1 + 1 + 11 + 88 + 2931);
    const db = getDb();
    const counties = await listRegions(db, { parentCode: '370300', at: AT });
    expect(Object.fromEntries(counties.filter((c) => !c.functional).map((c) => [c.code, c.name]))).toEqual(ZIBO_COUNTIES);
    expect(counties.filter((c) => c.functional).map((c) => c.name)).toEqual(['高新区', '经济开发区', '文昌湖区']);
    expect((await listRegions(db, { level: 'town', at: AT })).length).toBe(88);
    expect((await listRegions(db, { level: 'village', at: AT })).length).toBe(2931);
    const townsByCounty = counties.reduce((n, c) => n + c.childCount, 0);
    expect(townsByCounty).toBe(88);
  });

  it('stores 6-digit codes for province, city and county, 9 for towns, 12 for villages, each under its parent', async () => {
    const db = getDb();
    const city = await getRegion(db, '370300', AT);
    expect(city).toMatchObject({ name: '淄博市', level: 'city', parentCode: '370000', childCount: 11 });
    expect(city?.ancestors).toEqual([{ code: '370000', name: '山东省', level: 'province' }]);
    const street = await getRegion(db, '370303008', AT);
    expect(street).toMatchObject({ name: '四宝山街道', level: 'town', parentCode: '370303' });
    const villages = await listRegions(db, { parentCode: '370303001', at: AT });
    expect(villages.length).toBe(11);
    expect(villages.every((v) => v.code.length === 12 && v.code.startsWith('370303001') && v.level === 'village')).toBe(true);
    const history = await loadRegionHistory(db, '3703');
    const hierarchy = hierarchyAt(history.regions, AT, history.links);
    expect(hierarchy.orphans).toEqual([]);
    expect(descendantsAt(history.regions, '370300', AT, history.links).length).toBe(11 + 88 + 2931);
  });

  it('loads again without duplicating anything', async () => {
    const again = await loadRegions(getDb(), { prefix: '3703' });
    expect(again).toMatchObject({ inserted: 0, updated: first.inserted, byLevel: first.byLevel });
    expect((await listRegions(getDb(), { level: 'village', at: AT })).length).toBe(2931);
  });

  it('maps a street onto a functional zone from a date without rewriting the years before', async () => {
    const db = getDb();
    await mapStreetToZone(db, '370303008', '370300-gxq', '2022-01-01', '管委会托管');
    const zoneBefore = await listRegions(db, { parentCode: '370300-gxq', at: '2021-12-31' });
    const zoneAfter = await listRegions(db, { parentCode: '370300-gxq', at: '2022-01-01' });
    expect(zoneBefore).toEqual([]);
    expect(zoneAfter.map((r) => [r.code, r.parentCode])).toEqual([['370303008', '370300-gxq']]);
    const zhangdianBefore = await getRegion(db, '370303', '2021-12-31');
    const zhangdianAfter = await getRegion(db, '370303', '2022-01-01');
    expect(zhangdianAfter?.childCount).toBe((zhangdianBefore?.childCount ?? 0) - 1);
    expect((await getRegion(db, '370303008', '2023-01-01'))?.ancestors.map((a) => a.code)).toEqual(['370300-gxq', '370300', '370000']);
    expect((await getRegion(db, '370303008', '2021-01-01'))?.ancestors.map((a) => a.code)).toEqual(['370303', '370300', '370000']);
    // Its villages follow it into the zone; the city still counts every village once.
    const history = await loadRegionHistory(db, '3703');
    expect(descendantsAt(history.regions, '370300-gxq', '2022-06-01', history.links).filter((r) => r.level === 'village').length).toBeGreaterThan(0);
    expect(descendantsAt(history.regions, '370300', '2022-06-01', history.links).length).toBe(11 + 88 + 2931);
    // Mapping it again changes nothing.
    await mapStreetToZone(db, '370303008', '370300-gxq', '2022-06-01');
    expect((await getRegion(db, '370303008'))?.links).toHaveLength(1);
  });

  it('moves a street to another zone and back to its county, closing each period', async () => {
    const db = getDb();
    await mapStreetToZone(db, '370303008', '370300-jkq', '2023-01-01');
    await unmapStreetFromZone(db, '370303008', '2024-01-01');
    const links = (await getRegion(db, '370303008'))?.links.map((l) => [l.parentCode, l.validFrom, l.validTo]);
    expect(links).toEqual([
      ['370300-gxq', '2022-01-01', '2022-12-31'],
      ['370300-jkq', '2023-01-01', '2023-12-31'],
    ]);
    expect((await getRegion(db, '370303008', '2022-12-31'))?.parentCode).toBe('370300-gxq');
    expect((await getRegion(db, '370303008', '2023-12-31'))?.parentCode).toBe('370300-jkq');
    expect((await getRegion(db, '370303008', '2024-01-01'))?.parentCode).toBe('370303');
  });

  it('refuses mappings that make no sense, changing nothing', async () => {
    const db = getDb();
    await expect(mapStreetToZone(db, '370303001001', '370300-gxq', '2022-01-01')).rejects.toThrow(/不是街道（乡镇）级区划/);
    await expect(mapStreetToZone(db, '370303001', '370302', '2022-01-01')).rejects.toThrow(/不是功能区/);
    await expect(mapStreetToZone(db, '370303001', '370300-xyz', '2022-01-01')).rejects.toThrow(/不存在/);
    await expect(mapStreetToZone(db, '370303008', '370300-wch', '2022-06-01')).rejects.toThrow(/更早/);
    await expect(mapStreetToZone(db, '370303001', '370300-gxq', '2022-1-1')).rejects.toThrow(RegionMappingError);
    await expect(unmapStreetFromZone(db, '370303001', '2022-01-01')).rejects.toThrow(/未归属/);
    expect((await getRegion(db, '370303001'))?.links).toEqual([]);
  });

  it('applies the street mappings configured in config/regions.json', async () => {
    const db = getDb();
    const config = { ...readRegionConfig(), streetMappings: [{ streetCode: '370303104', zoneCode: '370300-jkq', from: '2021-01-01' }] };
    const result = await loadRegions(db, { prefix: '3703', depth: 'town', config });
    expect(result.streetMappings).toBe(1);
    expect((await getRegion(db, '370303104', AT))?.parentCode).toBe('370300-jkq');
  });

  it('refuses a prefix that is not a code or matches nothing', async () => {
    await expect(loadRegions(getDb(), { prefix: '37a' })).rejects.toThrow(RegionLoadError);
    await expect(loadRegions(getDb(), { prefix: '99' })).rejects.toThrow(/没有以 99 开头/);
  });
});

forEachDialect('loadRegions: other areas on request', (getDb) => {
  it('loads a city down to counties only', async () => {
    const result = await loadRegions(getDb(), { prefix: '3701', depth: 'county' });
    expect(result.byLevel).toMatchObject({ province: 1, city: 1, town: 0, village: 0 });
    expect(result.functionalZones).toBe(0);
    const jinan = await listRegions(getDb(), { parentCode: '370100' });
    expect(jinan.length).toBe(result.byLevel.county);
    expect(jinan.every((c) => c.childCount === 0)).toBe(true);
  });

  it('loads all of Shandong down to villages in one go', async () => {
    const started = Date.now();
    const result = await loadRegions(getDb(), { prefix: '37' });
    expect(result.byLevel).toEqual({ province: 1, city: 16, county: 151 + 3, town: 1853, village: 62074 });
    expect(Date.now() - started).toBeLessThan(20_000);
    const cities = await listRegions(getDb(), { parentCode: '370000' });
    expect(cities.map((c) => c.name)).toContain('淄博市');
    expect(cities.length).toBe(16);
  });
});
