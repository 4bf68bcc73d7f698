import { defaultEvaluationConfig, type EvaluationConfig } from './evaluation.config.ts';
import type { SeriesPoint } from './evaluation.types.ts';
import { displayDecimals, formatDifference } from './format.ts';
import { mean, median, prepareSeries } from './series.ts';

/** Iglewicz & Hoaglin: modified z = 0.6745 (x − median) / MAD (0.6745 = the 0.75 quantile of N(0,1)). */
const MAD_Z_FACTOR = 0.6745;
/** When MAD = 0: z = (x − median) / (1.253314 · mean absolute deviation), 1.253314 = √(π/2) (WHO Data Quality Review). */
const MEAN_AD_Z_DIVISOR = 1.253314;
/** Changes are rounded to 1e-9, so that float noise (9.5 − 9.8 = −0.3000000000000007) is not read as spread. */
const CHANGE_ROUNDING = 1e9;

function roundChange(v: number): number {
  return Math.round(v * CHANGE_ROUNDING) / CHANGE_ROUNDING;
}

export type VolatilityConfig = EvaluationConfig['volatility'];

export interface YearChange {
  /** Year of the later value; the change is attributed to it. */
  year: number;
  fromYear: number;
  previous: number;
  value: number;
  /** Change per year (value − previous) / (year − fromYear). */
  change: number;
  /** Robust z-score of the change; null when the series was too short to judge. */
  z: number | null;
}

export interface VolatileChange extends YearChange {
  z: number;
  /** 2023年比上年上升4.2个百分点，远超历年变动幅度（中位数0.5个百分点） */
  sentence: string;
}

export interface VolatilityResult {
  /** False when there were fewer year-on-year changes than config minChanges. */
  assessed: boolean;
  changes: YearChange[];
  median: number | null;
  /** Median absolute deviation of the changes from their median. */
  mad: number | null;
  /** Which scale the z-scores used: the MAD, or the mean absolute deviation when MAD = 0. */
  scale: 'mad' | 'mean_absolute_deviation' | null;
  flagged: VolatileChange[];
  volatile: boolean;
  /** Chinese summary: the flagged sentences joined, or why nothing was judged. */
  reason: string;
}

/**
 * Flags a year-on-year change far outside the series' own history of changes: the modified z-score of the
 * changes (median and MAD, Iglewicz & Hoaglin 1993; as DHIS2 and the WHO data quality review use it) with
 * |z| > zThreshold. Changes over a gap of several years are annualised.
 */
export function detectVolatility(
  series: readonly SeriesPoint[],
  config: Partial<VolatilityConfig> = {},
  unit?: string | null,
): VolatilityResult {
  const cfg: VolatilityConfig = { ...defaultEvaluationConfig.volatility, ...config };
  return volatilityOfSorted(prepareSeries(series), cfg, unit);
}

/** detectVolatility on a series already sorted and checked by prepareSeries. */
export function volatilityOfSorted(
  points: readonly SeriesPoint[],
  cfg: VolatilityConfig,
  unit?: string | null,
): VolatilityResult {
  const changes: YearChange[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!;
    const cur = points[i]!;
    changes.push({
      year: cur.year,
      fromYear: prev.year,
      previous: prev.value,
      value: cur.value,
      change: roundChange((cur.value - prev.value) / (cur.year - prev.year)),
      z: null,
    });
  }
  if (changes.length < cfg.minChanges) {
    return {
      assessed: false,
      changes,
      median: null,
      mad: null,
      scale: null,
      flagged: [],
      volatile: false,
      reason: `年度变化仅${changes.length}个，少于${cfg.minChanges}个，未作波动判断`,
    };
  }

  const deltas = changes.map((c) => c.change);
  const m = median(deltas);
  const deviations = deltas.map((d) => Math.abs(d - m));
  const mad = median(deviations);
  const meanAd = mean(deviations);
  let scale: VolatilityResult['scale'] = 'mad';
  let zOf: (d: number) => number = (d) => (MAD_Z_FACTOR * (d - m)) / mad;
  if (mad === 0) {
    scale = 'mean_absolute_deviation';
    // All changes equal: nothing stands out.
    zOf = meanAd === 0 ? () => 0 : (d) => (d - m) / (MEAN_AD_Z_DIVISOR * meanAd);
  }

  const flagged: VolatileChange[] = [];
  let decimals: number | null = null;
  for (const c of changes) {
    c.z = zOf(c.change);
    if (Math.abs(c.z) > cfg.zThreshold) {
      decimals ??= displayDecimals(points.map((p) => p.value));
      flagged.push({ ...c, z: c.z, sentence: volatilitySentence(c, m, unit, decimals) });
    }
  }
  return {
    assessed: true,
    changes,
    median: m,
    mad,
    scale,
    flagged,
    volatile: flagged.length > 0,
    reason:
      flagged.length > 0
        ? `${flagged.map((f) => f.sentence).join('；')}，波动较大`
        : `${changes.length}个年度变化均在历年变动幅度之内`,
  };
}

function volatilitySentence(c: YearChange, med: number, unit: string | null | undefined, decimals: number): string {
  const total = c.value - c.previous;
  const since = c.year - c.fromYear === 1 ? '上年' : `${c.fromYear}年`;
  const perYear = c.year - c.fromYear === 1 ? '' : `（年均${formatDifference(c.change, unit)}）`;
  const verb = total >= 0 ? '上升' : '下降';
  // The score flags departures either way: a rise far smaller than usual, or a reversal, is not “远超”.
  const sameWayAndLarger = Math.sign(c.change) === Math.sign(med) ? Math.abs(c.change) > Math.abs(med) : med === 0;
  const judgement = sameWayAndLarger ? '远超历年变动幅度' : '明显偏离历年变动';
  return (
    `${c.year}年比${since}${verb}${formatDifference(Math.abs(total), unit, decimals)}${perYear}，` +
    `${judgement}（中位数${formatDifference(med, unit)}）`
  );
}
