import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { SeriesPoint } from '../../core/evaluation/index.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { rollUp } from '../../core/monitoring/rollup.ts';
import { hierarchyAt, yearEnd } from '../../core/region/region-hierarchy.ts';
import type { Region, RegionLink } from '../../core/region/region.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { ApprovedValueRow } from '../../storage/repositories/evaluation.repository.ts';
import { loadRegionHistory } from '../../storage/repositories/region.repository.ts';
import { cellOfRow } from '../../storage/repositories/data-value.repository.ts';

/** Where a year's value of a region's series comes from: reported for the region, or rolled up from its counties. */
export type PointSource = 'direct' | 'rollup';

export interface RegionSeries {
  regionCode: string;
  /** Sorted by year; only years with a value. */
  points: SeriesPoint[];
  /** Source of each point, by year. */
  sources: Map<number, PointSource>;
}

export interface RegionRef {
  code: string;
  name: string;
  level: 'city' | 'county';
  functional: boolean;
}

/**
 * The region tree of the city over the years: which counties and zones stood under 370300 in each year
 * (boundary changes add rows, so 2018 and 2024 may differ).
 */
export class CityTree {
  private readonly byYear = new Map<number, string[]>();
  private readonly named: Map<string, Region>;
  private constructor(
    private readonly regions: readonly Region[],
    private readonly links: readonly RegionLink[],
  ) {
    // The latest row of a code wins (a region closed and reopened keeps its code).
    this.named = new Map(regions.map((r) => [r.code, r] as const));
  }

  static async load(db: Kysely<Database>): Promise<CityTree> {
    const { regions, links } = await loadRegionHistory(db, CITY_REGION_CODE.slice(0, 4));
    return new CityTree(regions, links);
  }

  /** Codes of the counties and zones under the city at the end of `year`, sorted. */
  childrenIn(year: number): string[] {
    let codes = this.byYear.get(year);
    if (codes === undefined) {
      codes = hierarchyAt(this.regions, yearEnd(year), this.links).childrenOf(CITY_REGION_CODE);
      this.byYear.set(year, codes);
    }
    return codes;
  }

  /** The city and its counties and zones in `year`: city first, then the counties, then the functional zones. */
  regionsIn(year: number): RegionRef[] {
    const named = this.named;
    const city = named.get(CITY_REGION_CODE);
    const out: RegionRef[] = city === undefined ? [] : [{ code: city.code, name: city.name, level: 'city', functional: false }];
    const children = this.childrenIn(year).map((code) => named.get(code)).filter((r): r is Region => r !== undefined);
    children.sort((a, b) => Number(a.functional) - Number(b.functional) || a.code.localeCompare(b.code));
    for (const r of children) out.push({ code: r.code, name: r.name, level: 'county', functional: r.functional });
    return out;
  }

  /** The whole history (regions and links) as text: what stored evaluations compare to see a boundary change. */
  fingerprint(): string {
    return JSON.stringify([this.regions, this.links]);
  }

  name(code: string): string {
    return this.named.get(code)?.name ?? code;
  }
}

export function toDataValue(row: ApprovedValueRow): DataValue {
  return {
    indicatorCode: row.indicator_code,
    regionCode: row.region_code,
    year: row.year,
    disaggregation: cellOfRow(row),
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    source: null,
    note: null,
    status: 'approved',
    version: row.version,
    backfilled: false,
  };
}

/**
 * Series of every region from approved total values (rows of one indicator). The city's value of a year is
 * its own reported value where there is one, else the roll-up of its counties' approved values for that year
 * (sum, or Σnumerators ÷ Σdenominators), computed now — and only when every county of that year contributed:
 * a partial total is never the city's figure.
 */
export function buildRegionSeries(indicator: IndicatorDefinition, rows: readonly ApprovedValueRow[], tree: CityTree): Map<string, RegionSeries> {
  const byRegion = new Map<string, RegionSeries>();
  const series = (code: string): RegionSeries => {
    let s = byRegion.get(code);
    if (s === undefined) byRegion.set(code, (s = { regionCode: code, points: [], sources: new Map() }));
    return s;
  };
  const childRowsByYear = new Map<number, ApprovedValueRow[]>();
  for (const row of rows) {
    if (row.region_code !== CITY_REGION_CODE) {
      let list = childRowsByYear.get(row.year);
      if (list === undefined) childRowsByYear.set(row.year, (list = []));
      list.push(row);
    }
    if (row.value === null || !Number.isFinite(row.value)) continue;
    const s = series(row.region_code);
    s.points.push({ year: row.year, value: row.value });
    s.sources.set(row.year, 'direct');
  }

  if (indicator.aggregation !== 'none') {
    const city = series(CITY_REGION_CODE);
    for (const [year, childRows] of childRowsByYear) {
      if (city.sources.has(year)) continue;
      const expected = tree.childrenIn(year);
      if (expected.length === 0) continue;
      const rolled = rollUp(indicator, childRows.map(toDataValue), { parentRegionCode: CITY_REGION_CODE, year, expectedChildren: expected });
      const total = rolled.cells.find((c) => c.cellKey === '_T');
      if (total?.value === null || total?.value === undefined || !total.complete) continue;
      city.points.push({ year, value: total.value });
      city.sources.set(year, 'rollup');
    }
  }
  for (const s of byRegion.values()) s.points.sort((a, b) => a.year - b.year);
  return byRegion;
}

/**
 * The values of one year's cells for each region (disaggregation key → value), the city's cells filled from the
 * roll-up of its counties where it reported none.
 */
export function cellsOfYear(
  indicator: IndicatorDefinition,
  rows: readonly ApprovedValueRow[],
  year: number,
  tree: CityTree,
): Map<string, Map<string, { value: number; source: PointSource }>> {
  const out = new Map<string, Map<string, { value: number; source: PointSource }>>();
  const cells = (code: string) => {
    let m = out.get(code);
    if (m === undefined) out.set(code, (m = new Map()));
    return m;
  };
  const childRows: ApprovedValueRow[] = [];
  for (const row of rows) {
    if (row.year !== year) continue;
    if (row.region_code !== CITY_REGION_CODE) childRows.push(row);
    if (row.value === null || !Number.isFinite(row.value)) continue;
    cells(row.region_code).set(disaggregationKey(cellOfRow(row)), { value: row.value, source: 'direct' });
  }
  if (indicator.aggregation !== 'none' && childRows.length > 0) {
    const rolled = rollUp(indicator, childRows.map(toDataValue), { parentRegionCode: CITY_REGION_CODE, year, expectedChildren: tree.childrenIn(year) });
    const city = cells(CITY_REGION_CODE);
    for (const c of rolled.cells) {
      if (c.value !== null && c.complete && !city.has(c.cellKey)) city.set(c.cellKey, { value: c.value, source: 'rollup' });
    }
  }
  return out;
}
