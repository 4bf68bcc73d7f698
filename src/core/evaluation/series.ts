import type { SeriesPoint } from './evaluation.types.ts';

/**
 * Points at or before `upToYear`, with finite values, sorted by year.
 * A year given twice is a caller's mistake (two disaggregations mixed): it is refused, not guessed.
 */
export function prepareSeries(series: readonly SeriesPoint[], upToYear = Number.POSITIVE_INFINITY): SeriesPoint[] {
  const seen = new Set<number>();
  const points: SeriesPoint[] = [];
  for (const p of series) {
    if (!Number.isInteger(p.year)) throw new Error(`数据年份须为整数（${p.year}）`);
    if (seen.has(p.year)) throw new Error(`序列中${p.year}年有多个值，请按分组分别评估`);
    seen.add(p.year);
    if (p.year <= upToYear && Number.isFinite(p.value)) points.push({ year: p.year, value: p.value });
  }
  return points.sort((a, b) => a.year - b.year);
}

/**
 * The evaluation window ends at the latest point and starts at `baseYear` when it has data,
 * else at the first later year with data (Open SDG), else at the first year with data.
 */
export function windowStart(points: readonly SeriesPoint[], baseYear: number): SeriesPoint | null {
  return points.find((p) => p.year === baseYear) ?? points.find((p) => p.year > baseYear) ?? points[0] ?? null;
}

export function pointsBetween(points: readonly SeriesPoint[], fromYear: number, toYear: number): number {
  return points.filter((p) => p.year >= fromYear && p.year <= toYear).length;
}

/** Compound annual growth rate from v0 in t0 to v1 in t1 (positive values only). */
export function cagr(v1: number, v0: number, t1: number, t0: number): number {
  return (v1 / v0) ** (1 / (t1 - t0)) - 1;
}

/** Average absolute change per year from v0 in t0 to v1 in t1. */
export function averageAnnualChange(v1: number, v0: number, t1: number, t0: number): number {
  return (v1 - v0) / (t1 - t0);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of nothing');
  return values.reduce((s, v) => s + v, 0) / values.length;
}
