/**
 * Every threshold of the evaluation method lives here (docs/evaluation-method.md explains each key).
 * Callers pass overrides; resolveEvaluationConfig merges and validates them.
 */
export interface EvaluationConfig {
  /** Start of the evaluation window: the plans' base year; the first later year with data when it has none. */
  baseYear: number;
  /** Data points needed in the window for any status other than achieved (and for a trend judgement). */
  minPoints: number;
  /** Absolute slack in comparisons, so that exactly-at-threshold values are not lost to rounding. */
  tolerance: number;
  /** Thresholds on the progress ratio P (Open SDG / Statistics Canada / Eurostat: 0.95 and 0.60). */
  progress: {
    /** P ≥ onTrack → on_track (预计可达标). */
    onTrack: number;
    /** atRisk ≤ P < onTrack → at_risk (达标有风险); below → off_track. */
    atRisk: number;
  };
  /** Values below this are raised to it before compound growth (Open SDG replaces 0 by 0.001). */
  zeroSubstitute: number;
  /** Half-width of the 左右 band. */
  approxBand: {
    /** For values in percentage units (percentUnits): ± this many percentage points. */
    percentagePoints: number;
    /** Other units: ± this share of the target value. */
    relative: number;
    /** Units whose band is given in percentage points. */
    percentUnits: string[];
    /** Per-indicator half-width in the value's unit, by indicator code. */
    byIndicator: Record<string, number>;
  };
  /** Rates with a natural ceiling are judged on their shortfall to the ceiling (lower is better). */
  boundedRate: {
    enabled: boolean;
    /** Ceiling per unit, e.g. { '%': 100 }. */
    bounds: Record<string, number>;
    /** Applies when the target is at least this share of the ceiling (0.9 → targets ≥ 90%). */
    minTargetShare: number;
  };
  /** No-target (trend) rule on d·CAGR (Eurostat: > 1% significant progress, < 0 movement away). */
  trend: {
    /** d·CAGR above this → improving. */
    improvingAbove: number;
    /** d·CAGR below this → worsening; in between → stable. */
    worseningBelow: number;
  };
  /** Robust z-score of year-on-year changes (Iglewicz & Hoaglin). */
  volatility: {
    /** Flag |z| > zThreshold. */
    zThreshold: number;
    /** Fewest year-on-year changes needed to judge at all. */
    minChanges: number;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The defaults; frozen, so a caller cannot change them for everyone by accident. */
export const defaultEvaluationConfig: EvaluationConfig = deepFreeze({
  baseYear: 2020,
  minPoints: 3,
  tolerance: 1e-9,
  progress: { onTrack: 0.95, atRisk: 0.6 },
  zeroSubstitute: 0.001,
  approxBand: { percentagePoints: 2, relative: 0.05, percentUnits: ['%'], byIndicator: {} },
  boundedRate: { enabled: true, bounds: { '%': 100 }, minTargetShare: 0.9 },
  trend: { improvingAbove: 0.01, worseningBelow: 0 },
  volatility: { zThreshold: 3.5, minChanges: 4 },
});

export type EvaluationConfigOverrides = {
  [K in keyof EvaluationConfig]?: EvaluationConfig[K] extends readonly unknown[]
    ? EvaluationConfig[K]
    : EvaluationConfig[K] extends object
      ? Partial<EvaluationConfig[K]>
      : EvaluationConfig[K];
};

function invalid(message: string): never {
  throw new Error(`评估配置无效：${message}`);
}

/** Merge overrides onto the defaults (one level deep) and check that the result makes sense. */
export function resolveEvaluationConfig(overrides: EvaluationConfigOverrides = {}): EvaluationConfig {
  const d = defaultEvaluationConfig;
  const o = overrides;
  const config: EvaluationConfig = {
    baseYear: o.baseYear ?? d.baseYear,
    minPoints: o.minPoints ?? d.minPoints,
    tolerance: o.tolerance ?? d.tolerance,
    progress: { ...d.progress, ...o.progress },
    zeroSubstitute: o.zeroSubstitute ?? d.zeroSubstitute,
    approxBand: { ...d.approxBand, ...o.approxBand },
    boundedRate: { ...d.boundedRate, ...o.boundedRate },
    trend: { ...d.trend, ...o.trend },
    volatility: { ...d.volatility, ...o.volatility },
  };
  validateEvaluationConfig(config);
  return config;
}

export function validateEvaluationConfig(c: EvaluationConfig): void {
  if (!Number.isInteger(c.baseYear)) invalid(`baseYear 须为整数年份（${c.baseYear}）`);
  if (!Number.isInteger(c.minPoints) || c.minPoints < 2) invalid(`minPoints 须为不小于2的整数（${c.minPoints}）`);
  if (!(c.tolerance >= 0)) invalid(`tolerance 不能为负（${c.tolerance}）`);
  if (!(c.progress.onTrack > c.progress.atRisk)) {
    invalid(`progress.onTrack（${c.progress.onTrack}）须大于 progress.atRisk（${c.progress.atRisk}）`);
  }
  if (!Number.isFinite(c.progress.atRisk)) invalid('progress.atRisk 须为有限数');
  if (!(c.zeroSubstitute > 0)) invalid(`zeroSubstitute 须大于0（${c.zeroSubstitute}）`);
  if (!(c.approxBand.percentagePoints >= 0) || !(c.approxBand.relative >= 0)) invalid('approxBand 的宽度不能为负');
  for (const [code, w] of Object.entries(c.approxBand.byIndicator)) {
    if (!(w >= 0)) invalid(`approxBand.byIndicator.${code} 不能为负（${w}）`);
  }
  for (const [unit, bound] of Object.entries(c.boundedRate.bounds)) {
    if (!(bound > 0)) invalid(`boundedRate.bounds['${unit}'] 须大于0（${bound}）`);
  }
  if (!(c.boundedRate.minTargetShare > 0 && c.boundedRate.minTargetShare <= 1)) {
    invalid(`boundedRate.minTargetShare 须在(0,1]之间（${c.boundedRate.minTargetShare}）`);
  }
  if (!(c.trend.improvingAbove >= c.trend.worseningBelow)) {
    invalid('trend.improvingAbove 不能小于 trend.worseningBelow');
  }
  if (!(c.volatility.zThreshold > 0)) invalid(`volatility.zThreshold 须大于0（${c.volatility.zThreshold}）`);
  if (!Number.isInteger(c.volatility.minChanges) || c.volatility.minChanges < 2) {
    invalid(`volatility.minChanges 须为不小于2的整数（${c.volatility.minChanges}）`);
  }
}
