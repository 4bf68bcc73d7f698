import type { DataValue, DisaggregationCell } from './data-value.types.ts';
import { disaggregationKey } from './disaggregation.ts';
import { formatNumber, withUnit } from './format-number.ts';
import type { RollUpResult } from './rollup.types.ts';

export interface DirectComparison {
  cell: DisaggregationCell;
  cellKey: string;
  /** The figure rolled up from the children (null when it could not be computed). */
  rolled: number | null;
  /** The figure the parent reported itself (null when it did not). */
  direct: number | null;
  /** Both figures exist, so they can be compared. */
  comparable: boolean;
  /** direct − rolled. */
  difference: number | null;
  /** (direct − rolled) / |rolled|, a fraction; null when not comparable or rolled is 0. */
  relativeDifference: number | null;
  mismatch: boolean;
  /** Chinese explanation of a mismatch; null otherwise. */
  message: string | null;
}

/**
 * The rolled-up figures beside the ones the parent region reported directly, cell by cell.
 * `tolerance` is the largest accepted relative difference as a fraction (0.005 = 0.5%).
 * `direct` may hold other values: only the rolled indicator, region and year are read.
 */
export function compareWithDirect(rolled: RollUpResult, direct: readonly DataValue[], tolerance = 0.005): DirectComparison[] {
  const directByKey = new Map<string, DataValue>();
  for (const v of direct) {
    if (v.indicatorCode !== rolled.indicatorCode || v.regionCode !== rolled.regionCode || v.year !== rolled.year) continue;
    const key = disaggregationKey(v.disaggregation);
    const prior = directByKey.get(key);
    if (prior === undefined || prior.version < v.version) directByKey.set(key, v);
  }

  const rows: DirectComparison[] = [];
  const seen = new Set<string>();
  const unit = rolled.unit;
  const compare = (cell: DisaggregationCell, cellKey: string, r: number | null, d: number | null): DirectComparison => {
    if (r === null || d === null) {
      return { cell, cellKey, rolled: r, direct: d, comparable: false, difference: null, relativeDifference: null, mismatch: false, message: null };
    }
    const difference = d - r;
    if (r === 0) {
      const mismatch = d !== 0;
      return {
        cell, cellKey, rolled: r, direct: d, comparable: true, difference, relativeDifference: mismatch ? null : 0, mismatch,
        message: mismatch ? `直报值（${withUnit(d, unit)}）与下级汇总值（0）不一致` : null,
      };
    }
    const relativeDifference = difference / Math.abs(r);
    const mismatch = Math.abs(relativeDifference) > tolerance + 1e-12;
    return {
      cell, cellKey, rolled: r, direct: d, comparable: true, difference, relativeDifference, mismatch,
      message: mismatch
        ? `直报值（${withUnit(d, unit)}）与下级汇总值（${withUnit(r, unit, 2)}）相差${formatNumber(Math.abs(relativeDifference) * 100, 1)}%，超过允许差异${formatNumber(tolerance * 100, 2)}%`
        : null,
    };
  };

  for (const c of rolled.cells) {
    seen.add(c.cellKey);
    rows.push(compare(c.cell, c.cellKey, c.value, directByKey.get(c.cellKey)?.value ?? null));
  }
  for (const [key, v] of directByKey) {
    if (!seen.has(key)) rows.push(compare(v.disaggregation, key, null, v.value));
  }
  return rows;
}
