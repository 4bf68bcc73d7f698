import { formatValue } from '../../../shared/format.ts';

/** A chart number: at most 2 decimals, trailing zeros dropped. */
export function chartNumber(v: number): number {
  return Number(v.toFixed(2));
}

/** A value with its unit for tooltips and labels: 8.2/10万, 85.3%. */
export function withUnit(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return formatValue(chartNumber(v), unit);
}

/** Axis bounds around every number the chart shows (data, targets, projections), with a margin. */
export function paddedExtent(values: readonly number[], options: { floorZero?: boolean; ceiling?: number | null } = {}): { min: number; max: number } | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low || Math.abs(high) || 1;
  let min = low - span * 0.15;
  let max = high + span * 0.15;
  if (options.floorZero !== false && min < 0 && low >= 0) min = 0;
  const ceiling = options.ceiling ?? null;
  if (ceiling !== null && max > ceiling && high <= ceiling) max = ceiling;
  // Round to a step of the shown span (0.5 for a span of 2.8, 5 for 28), not of the values' size.
  const step = 10 ** Math.floor(Math.log10(max - min)) / 2;
  return { min: round(Math.floor(min / step) * step), max: round(Math.ceil(max / step) * step) };
}

const round = (x: number) => Number(x.toFixed(6));
