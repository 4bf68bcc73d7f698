import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { DataValue, DataValueStatus, DisaggregationCell } from './data-value.types.ts';
import { cellProblem, disaggregationKey, gridCells } from './disaggregation.ts';
import type { RollUpCoverage, RollUpOptions, RollUpResult, RolledCell } from './rollup.types.ts';

const DEFAULT_STATUSES: readonly DataValueStatus[] = ['approved'];

function names(codes: readonly string[], regionNames: Readonly<Record<string, string>> | undefined): string {
  return codes.map((c) => regionNames?.[c] ?? c).join('、');
}

/**
 * The parent region's value of one indicator for one year, per disaggregation cell, from its children's values:
 * - sum: Σ values;
 * - ratio: Σ numerators / Σ denominators × scale — never an average of the children's rates, which would weigh
 *   a small county like a large one; a child without numerator or denominator makes the cell null;
 * - none: not aggregatable, every cell null (the city reports it directly).
 * Only values in `options.statuses` (default: approved) count. `childValues` may hold other indicators, years
 * and regions: they are ignored.
 */
export function rollUp(
  indicator: IndicatorDefinition,
  childValues: readonly DataValue[],
  options: RollUpOptions,
): RollUpResult {
  const relevant = childValues.filter((v) => v.indicatorCode === indicator.code && v.year === options.year);
  return rollUpPrefiltered(indicator, relevant, options);
}

export interface RollUpAllOptions extends Omit<RollUpOptions, 'year' | 'expectedChildren'> {
  years: readonly number[];
  /** Child regions per year (the hierarchy may change between years). */
  expectedChildren: (year: number) => readonly string[];
}

/** `rollUp` for many indicators and years in one pass over the values (for whole-catalogue figures). */
export function rollUpAll(
  indicators: readonly IndicatorDefinition[],
  childValues: readonly DataValue[],
  options: RollUpAllOptions,
): RollUpResult[] {
  const groups = new Map<string, DataValue[]>();
  for (const v of childValues) {
    const key = `${v.indicatorCode}\u0000${v.year}`;
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(v);
  }
  const results: RollUpResult[] = [];
  for (const year of options.years) {
    const expected = options.expectedChildren(year);
    for (const indicator of indicators) {
      const values = groups.get(`${indicator.code}\u0000${year}`) ?? [];
      results.push(rollUpPrefiltered(indicator, values, { ...options, year, expectedChildren: expected }));
    }
  }
  return results;
}

function rollUpPrefiltered(
  indicator: IndicatorDefinition,
  values: readonly DataValue[],
  options: RollUpOptions,
): RollUpResult {
  const statuses = new Set(options.statuses ?? DEFAULT_STATUSES);
  const expected = [...options.expectedChildren];
  const expectedSet = new Set(expected);
  const regionNames = options.regionNames;

  // cellKey → region → the counted value (highest version wins if a caller passes history).
  const counted = new Map<string, Map<string, DataValue>>();
  const cellsSeen = new Map<string, DisaggregationCell>();
  const unexpected = new Set<string>();
  const otherStatuses = new Map<string, Set<DataValueStatus>>();
  for (const v of values) {
    if (!expectedSet.has(v.regionCode)) {
      unexpected.add(v.regionCode);
      continue;
    }
    if (!statuses.has(v.status)) {
      let s = otherStatuses.get(v.regionCode);
      if (s === undefined) otherStatuses.set(v.regionCode, (s = new Set()));
      s.add(v.status);
      continue;
    }
    if (cellProblem(indicator, v.disaggregation) !== null) continue;
    const key = disaggregationKey(v.disaggregation);
    if (!cellsSeen.has(key)) cellsSeen.set(key, v.disaggregation);
    let byRegion = counted.get(key);
    if (byRegion === undefined) counted.set(key, (byRegion = new Map()));
    const prior = byRegion.get(v.regionCode);
    if (prior === undefined || prior.version < v.version) byRegion.set(v.regionCode, v);
  }

  const contributedSet = new Set<string>();
  for (const byRegion of counted.values()) for (const r of byRegion.keys()) contributedSet.add(r);
  const contributed = expected.filter((r) => contributedSet.has(r));
  const missingRegions = expected.filter((r) => !contributedSet.has(r));
  const coverage: RollUpCoverage = {
    expected,
    contributed,
    missing: missingRegions,
    pending: missingRegions
      .filter((r) => otherStatuses.has(r))
      .map((r) => ({ regionCode: r, statuses: [...(otherStatuses.get(r) ?? [])].sort() })),
    unexpected: [...unexpected].sort(),
    share: expected.length === 0 ? 1 : contributed.length / expected.length,
  };

  // Grid cells first, in grid order; then any further valid cells children reported (cross cells such as 女·城镇).
  const cells = new Map<string, DisaggregationCell>();
  for (const c of gridCells(indicator)) cells.set(disaggregationKey(c), c);
  for (const [k, c] of cellsSeen) if (!cells.has(k)) cells.set(k, c);

  const rolled: RolledCell[] = [];
  for (const [cellKey, cell] of cells) {
    const byRegion = counted.get(cellKey) ?? new Map<string, DataValue>();
    rolled.push(rollCell(indicator, cell, cellKey, byRegion, expected, options.allowPartial ?? false, regionNames));
  }

  return {
    indicatorCode: indicator.code,
    regionCode: options.parentRegionCode,
    year: options.year,
    unit: indicator.unit,
    aggregation: indicator.aggregation,
    aggregatable: indicator.aggregation !== 'none',
    cells: rolled,
    coverage,
  };
}

function rollCell(
  indicator: IndicatorDefinition,
  cell: DisaggregationCell,
  cellKey: string,
  byRegion: ReadonlyMap<string, DataValue>,
  expected: readonly string[],
  allowPartial: boolean,
  regionNames: Readonly<Record<string, string>> | undefined,
): RolledCell {
  const base = { cell, cellKey, numerator: null, denominator: null, missingNumeratorDenominator: [] as string[] };

  if (indicator.aggregation === 'none') {
    return {
      ...base,
      value: null,
      complete: false,
      reason: '该指标不能由下级数据汇总，由本级直接填报',
      contributors: [],
      missing: [],
    };
  }

  const isRatio = indicator.aggregation === 'ratio';
  const contributors: string[] = [];
  const missing: string[] = [];
  const lacking: string[] = [];
  let sum = 0;
  let numerator = 0;
  let denominator = 0;
  for (const region of expected) {
    const v = byRegion.get(region);
    if (v === undefined) {
      missing.push(region);
      continue;
    }
    if (isRatio) {
      if (v.numerator === null || v.denominator === null) {
        lacking.push(region);
        continue;
      }
      numerator += v.numerator;
      denominator += v.denominator;
    } else {
      if (v.value === null) {
        missing.push(region);
        continue;
      }
      sum += v.value;
    }
    contributors.push(region);
  }

  const result = (value: number | null, complete: boolean, reason: string | null): RolledCell => ({
    ...base,
    value,
    numerator: isRatio && value !== null ? numerator : null,
    denominator: isRatio && value !== null ? denominator : null,
    complete,
    reason,
    contributors,
    missing,
    missingNumeratorDenominator: lacking,
  });

  if (lacking.length > 0) {
    return result(null, false, `以下地区缺少分子或分母，无法按“分子合计÷分母合计”汇总：${names(lacking, regionNames)}`);
  }
  if (contributors.length === 0) {
    return result(null, false, expected.length === 0 ? '没有下级地区' : '下级地区均无可汇总的数据');
  }
  if (isRatio && denominator === 0) return result(null, false, '下级地区分母合计为0，无法计算');

  const value = isRatio ? (numerator / denominator) * (indicator.scale ?? 1) : sum;
  if (missing.length === 0) return result(value, true, null);
  const gap = `缺少${missing.length}个地区的数据：${names(missing, regionNames)}`;
  if (!allowPartial) return result(null, false, gap);
  return result(value, false, `仅汇总了${contributors.length}/${expected.length}个地区，${gap}`);
}
