import type { Target, TargetDirection } from '../target/target.types.ts';
import type { EvaluationConfig } from './evaluation.config.ts';
import { NOT_ASSESSED_LABEL, evaluationStatusLabels } from './evaluation.labels.ts';
import type {
  EvaluatedIndicator,
  EvaluationMethod,
  EvaluationResult,
  EvaluationStatus,
  SeriesPoint,
} from './evaluation.types.ts';
import { displayDecimals, formatValue } from './format.ts';
import type { Direction } from './progress.ts';
import type { VolatilityResult } from './volatility.ts';

/** Everything a kind-specific evaluator needs, prepared once by evaluateTarget. */
export interface EvaluationContext {
  target: Target;
  indicator: EvaluatedIndicator | null;
  year: number;
  config: EvaluationConfig;
  /** Unit of the indicator's values (not of the target's number: a relative change is in %). */
  unit: string | null;
  /** Sorted, finite, at or before `year`. */
  points: SeriesPoint[];
  latest: SeriesPoint | null;
  volatility: VolatilityResult;
  volatile: boolean;
  /** Decimals used to show values. */
  decimals: number;
  /** How the working names the target: 目标, 按区县规划目标. */
  label: string;
}

export function makeContext(
  target: Target,
  indicator: EvaluatedIndicator | null,
  year: number,
  config: EvaluationConfig,
  points: SeriesPoint[],
  volatility: VolatilityResult,
  label = '目标',
): EvaluationContext {
  const unit = valueUnit(target, indicator);
  const numbers = points.map((p) => p.value);
  if (target.value !== null && (target.kind === 'threshold' || target.kind === 'approx' || target.kind === 'count')) {
    numbers.push(target.value);
  }
  return {
    target,
    indicator,
    year,
    config,
    unit,
    points,
    latest: points[points.length - 1] ?? null,
    volatility,
    volatile: volatility.flagged.some((f) => f.year === year),
    decimals: displayDecimals(numbers),
    label,
  };
}

/** The unit of the values: the indicator's, else the target's where the target is a level. */
export function valueUnit(target: Target, indicator: EvaluatedIndicator | null): string | null {
  if (indicator?.unit) return indicator.unit;
  switch (target.kind) {
    case 'threshold':
    case 'approx':
    case 'count':
      return target.unit;
    case 'annual_change':
      return target.unit === '百分点' ? '%' : null;
    default:
      return null;
  }
}

export function polaritySign(indicator: EvaluatedIndicator | null): Direction | null {
  if (indicator?.polarity === 'higher_better') return 1;
  if (indicator?.polarity === 'lower_better') return -1;
  return null;
}

export function directionSign(direction: TargetDirection | undefined): Direction | null {
  if (direction === 'increase') return 1;
  if (direction === 'decrease') return -1;
  return null;
}

/** Which way is better for relative-change, annual-change and trend targets: the text first, then the polarity. */
export function betterDirection(ctx: EvaluationContext): Direction | null {
  return directionSign(ctx.target.direction) ?? polaritySign(ctx.indicator);
}

export function fv(ctx: EvaluationContext, v: number): string {
  return formatValue(v, ctx.unit, ctx.decimals);
}

/** “2024年为9.1/10万”, preceded by a note when the evaluated year has no data. */
export function latestPhrase(ctx: EvaluationContext, latest: SeriesPoint): string {
  const stale = latest.year < ctx.year ? `${ctx.year}年无数据，以最新的${latest.year}年数据评估：` : '';
  return `${stale}${latest.year}年为${fv(ctx, latest.value)}`;
}

export type ResultFields = Partial<EvaluationResult> & {
  status: EvaluationStatus;
  method: EvaluationMethod;
  reason: string;
};

/** Fill the common fields; append the volatility sentence of the evaluated year to the reason. */
export function buildResult(ctx: EvaluationContext, fields: ResultFields): EvaluationResult {
  const latest = ctx.latest;
  const volatileText = ctx.volatile
    ? `；${ctx.volatility.flagged
        .filter((f) => f.year === ctx.year)
        .map((f) => f.sentence)
        .join('；')}，波动较大`
    : '';
  return {
    kind: ctx.target.kind,
    year: ctx.year,
    latest,
    stale: latest !== null && latest.year < ctx.year,
    base: null,
    window: null,
    targetValue: null,
    targetYear: ctx.target.targetYear,
    band: null,
    projected: null,
    rateBasis: null,
    rateOf: null,
    requiredRate: null,
    actualRate: null,
    progressRatio: null,
    trend: null,
    volatile: ctx.volatile,
    volatility: ctx.volatility,
    notAssessed: false,
    ...fields,
    statusLabel: fields.notAssessed === true ? NOT_ASSESSED_LABEL : evaluationStatusLabels[fields.status],
    reason: fields.reason + volatileText,
  };
}

/** Deadlines, targets without a number or without a known better direction. */
export function notEvaluated(ctx: EvaluationContext, why: string): EvaluationResult {
  const latest = ctx.latest ? `${latestPhrase(ctx, ctx.latest)}；` : '';
  return buildResult(ctx, {
    status: 'no_target',
    method: 'not_evaluated',
    reason: `${latest}${why}，${evaluationStatusLabels.no_target}`,
  });
}

export function noDataReason(ctx: EvaluationContext): string {
  return `无${ctx.year}年及以前的数据，${evaluationStatusLabels.insufficient_data}`;
}

export function tooFewPointsPhrase(ctx: EvaluationContext, from: number, to: number, points: number): string {
  return `${from === to ? `${from}年` : `${from}—${to}年`}仅有${points}个数据点，至少需要${ctx.config.minPoints}个`;
}
