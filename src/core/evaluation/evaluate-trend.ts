import { betterDirection, buildResult, fv, latestPhrase, tooFewPointsPhrase, type EvaluationContext } from './evaluation.context.ts';
import { evaluationStatusLabels, trendLabels } from './evaluation.labels.ts';
import type { EvaluationResult, RateBasis, TrendDirection } from './evaluation.types.ts';
import { formatRate, yearSpan } from './format.ts';
import { extrapolate } from './progress.ts';
import { averageAnnualChange, cagr, mean, pointsBetween, windowStart } from './series.ts';

/**
 * Direction-only targets (逐步提高, 持续下降): always 无量化目标, with the trend judged by the Eurostat no-target
 * rule on s = d·CAGR over the window: s > improvingAbove improving, s < worseningBelow worsening, else stable.
 */
export function evaluateTrend(ctx: EvaluationContext): EvaluationResult {
  const { target, config } = ctx;
  const noTarget = `${ctx.label}“${target.text}”无量化数值，${evaluationStatusLabels.no_target}`;
  const latest = ctx.latest;
  if (!latest) {
    return buildResult(ctx, {
      status: 'no_target',
      method: 'trend_direction',
      reason: `无${ctx.year}年及以前的数据，未判断趋势；${noTarget}`,
    });
  }
  const base = windowStart(ctx.points, target.baseYear ?? config.baseYear)!;
  const points = pointsBetween(ctx.points, base.year, latest.year);
  const window = { fromYear: base.year, toYear: latest.year, points, required: config.minPoints };
  const head = `${latestPhrase(ctx, latest)}；${noTarget}`;
  if (points < config.minPoints) {
    return buildResult(ctx, {
      base,
      window,
      status: 'no_target',
      method: 'trend_direction',
      reason: `${head}；${tooFewPointsPhrase(ctx, base.year, latest.year, points)}，未判断趋势`,
    });
  }

  const values = ctx.points.filter((p) => p.year >= base.year).map((p) => p.value);
  const positive = base.value >= 0 && latest.value >= 0;
  const floor = (v: number): number => Math.max(v, config.zeroSubstitute);
  // Negative numbers have no growth rate: use the average change relative to the mean level instead.
  const basis: RateBasis = positive ? 'compound_growth' : 'annual_change';
  const slope = averageAnnualChange(latest.value, base.value, latest.year, base.year);
  const level = mean(values.map(Math.abs));
  const rate = positive
    ? cagr(floor(latest.value), floor(base.value), latest.year, base.year)
    : level === 0
      ? 0
      : slope / level;
  const T = target.targetYear;
  const projected =
    latest.year < T ? (positive ? extrapolate(latest.value, rate, basis, T - latest.year) : latest.value + slope * (T - latest.year)) : null;

  const d = betterDirection(ctx);
  let trend: TrendDirection | null = null;
  if (d !== null) {
    const s = d * rate;
    trend =
      s - config.trend.improvingAbove > config.tolerance
        ? 'improving'
        : config.trend.worseningBelow - s > config.tolerance
          ? 'worsening'
          : 'stable';
  }
  const rateText = `${yearSpan(base.year, latest.year)}年均变化${formatRate(rate)}`;
  const trendText = trend === null ? '，指标改善方向不明，未判断趋势' : `，趋势${trendLabels[trend]}`;
  const projection = projected !== null ? `，按此推算${T}年约为${fv(ctx, projected)}` : '';
  return buildResult(ctx, {
    base,
    window,
    projected,
    rateBasis: positive ? 'compound_growth' : 'annual_change',
    rateOf: 'value',
    actualRate: positive ? rate : slope,
    trend,
    status: 'no_target',
    method: 'trend_direction',
    reason: `${head}；${rateText}${trendText}${projection}`,
  });
}
