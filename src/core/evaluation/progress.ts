import type { EvaluationConfig } from './evaluation.config.ts';
import type { RateBasis, RateSubject, SeriesPoint } from './evaluation.types.ts';
import { averageAnnualChange, cagr } from './series.ts';

/** +1 when higher values are better, −1 when lower values are better. */
export type Direction = 1 | -1;

export type ProgressStatus = 'on_track' | 'at_risk' | 'off_track';

export interface ProgressOutcome {
  basis: RateBasis;
  rateOf: RateSubject;
  /** Null when the target year is not after the base year. */
  requiredRate: number | null;
  actualRate: number;
  /** d·actual / |required|; ±Infinity when the required rate is 0; null with requiredRate null. */
  ratio: number | null;
  /** Value at the target year by extrapolating the actual rate; null once the target year is reached. */
  projected: number | null;
  /** Status unless the target is already met (the caller checks that first). */
  status: ProgressStatus;
  /** The base value already met the target level (so not meeting it now means moving away). */
  baseMet: boolean;
  targetYearReached: boolean;
}

/**
 * Open SDG / Statistics Canada progress ratio: P = d·a / |r|, a the observed rate from the base year to the latest
 * year, r the rate needed from the base year to reach the target in the target year.
 */
export function progressRatio(actual: number, required: number, d: Direction): number {
  if (required === 0) {
    const s = d * actual;
    return s > 0 ? Number.POSITIVE_INFINITY : s < 0 ? Number.NEGATIVE_INFINITY : 0;
  }
  return (d * actual) / Math.abs(required);
}

/** Thresholds 0.95 / 0.60 (config progress.onTrack / progress.atRisk), inclusive at each boundary. */
export function classifyProgress(ratio: number, config: EvaluationConfig): ProgressStatus {
  if (ratio >= config.progress.onTrack - config.tolerance) return 'on_track';
  if (ratio >= config.progress.atRisk - config.tolerance) return 'at_risk';
  return 'off_track';
}

/** Extrapolate from the latest value at the observed rate (UNSD/ESCAP style for compound, Destatis for linear). */
export function extrapolate(latest: number, rate: number, basis: RateBasis, years: number): number {
  return basis === 'compound_growth' ? latest * (1 + rate) ** years : latest + rate * years;
}

export interface LevelProgressInput {
  base: SeriesPoint;
  latest: SeriesPoint;
  /** Level to reach by the target year, in the value's unit. */
  targetValue: number;
  targetYear: number;
  direction: Direction;
  /** Preferred basis; compound falls back to annual_change when a number is negative. */
  basis: RateBasis;
  /** Ceiling of a bounded rate: evaluate the shortfall (bound − value), where lower is better. */
  bound: number | null;
  config: EvaluationConfig;
}

/** Progress towards a level: required vs actual rate from the base year, and the projection. */
export function progressTowardLevel(input: LevelProgressInput): ProgressOutcome {
  const { base, latest, targetYear: T, config, bound } = input;
  const rateOf: RateSubject = bound === null ? 'value' : 'shortfall';
  const transform = (v: number): number => (bound === null ? v : bound - v);
  const d: Direction = bound === null ? input.direction : -1;
  let y0 = transform(base.value);
  let yt = transform(latest.value);
  let tv = transform(input.targetValue);
  const baseMet = d * (y0 - tv) >= -config.tolerance;

  let basis = input.basis;
  if (basis === 'compound_growth' && (y0 < 0 || yt < 0 || tv < 0)) basis = 'annual_change';
  if (basis === 'compound_growth') {
    y0 = Math.max(y0, config.zeroSubstitute);
    yt = Math.max(yt, config.zeroSubstitute);
    tv = Math.max(tv, config.zeroSubstitute);
  }
  const rate = basis === 'compound_growth' ? cagr : averageAnnualChange;
  const actualRate = rate(yt, y0, latest.year, base.year);
  const requiredRate = T > base.year ? rate(tv, y0, T, base.year) : null;
  const ratio = requiredRate === null ? null : progressRatio(actualRate, requiredRate, d);
  const targetYearReached = latest.year >= T;
  let projected: number | null = null;
  if (!targetYearReached) {
    const p = extrapolate(yt, actualRate, basis, T - latest.year);
    projected = bound === null ? p : bound - p;
  }
  const status: ProgressStatus = targetYearReached || ratio === null ? 'off_track' : classifyProgress(ratio, config);
  return { basis, rateOf, requiredRate, actualRate, ratio, projected, status, baseMet, targetYearReached };
}
