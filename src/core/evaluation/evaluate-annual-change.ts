import {
  betterDirection,
  buildResult,
  fv,
  latestPhrase,
  noDataReason,
  notEvaluated,
  tooFewPointsPhrase,
  type EvaluationContext,
} from './evaluation.context.ts';
import { evaluationStatusLabels } from './evaluation.labels.ts';
import type { EvaluationResult, EvaluationStatus, RateBasis } from './evaluation.types.ts';
import { formatDifference, formatNumber, formatRate, formatShare, yearSpan } from './format.ts';
import { classifyProgress, extrapolate, progressRatio } from './progress.ts';
import { averageAnnualChange, cagr, pointsBetween, windowStart } from './series.ts';

/**
 * 平均每年降低1个百分点以上: the average yearly change over the window (y_t − y_0)/(t − t_0) against the required
 * change d·x; a target in % per year (平均每年增长5%) is compared as a compound rate instead.
 * Achieved when the average change so far meets the requirement (P ≥ 1); then the Open SDG ratio thresholds.
 */
export function evaluateAnnualChange(ctx: EvaluationContext): EvaluationResult {
  const { target, config } = ctx;
  const x = target.value;
  const basis: RateBasis = target.unit === '%' ? 'compound_growth' : 'annual_change';
  const method = basis === 'compound_growth' ? 'growth_ratio' : 'linear_ratio';
  if (x === null) return notEvaluated(ctx, `目标“${target.text}”未给出数值，无法量化评估`);
  const d = betterDirection(ctx);
  if (d === null) return notEvaluated(ctx, `目标“${target.text}”未说明升降方向`);
  const latest = ctx.latest;
  if (!latest) return buildResult(ctx, { status: 'insufficient_data', method, reason: noDataReason(ctx) });

  const base = windowStart(ctx.points, target.baseYear ?? config.baseYear)!;
  const points = pointsBetween(ctx.points, base.year, latest.year);
  const T = target.targetYear;
  const step = basis === 'compound_growth' ? `${formatNumber(x)}%` : formatDifference(x, target.unit === '百分点' ? '%' : ctx.unit);
  const goalText = `${ctx.label}为平均每年${d < 0 ? '降低' : '提高'}${step}以上`;
  const window = { fromYear: base.year, toYear: latest.year, points, required: config.minPoints };
  if (points < 2) {
    return buildResult(ctx, {
      base,
      window,
      status: 'insufficient_data',
      method,
      reason:
        `${latestPhrase(ctx, latest)}，${goalText}；${tooFewPointsPhrase(ctx, base.year, latest.year, points)}，` +
        `无法计算年均变化，${evaluationStatusLabels.insufficient_data}`,
    });
  }

  const required = basis === 'compound_growth' ? (d * x) / 100 : d * x;
  const floor = (v: number): number => Math.max(v, config.zeroSubstitute);
  const actual =
    basis === 'compound_growth'
      ? cagr(floor(latest.value), floor(base.value), latest.year, base.year)
      : averageAnnualChange(latest.value, base.value, latest.year, base.year);
  const ratio = progressRatio(actual, required, d);
  const implied = extrapolate(base.value, required, basis, T - base.year);
  const projected = latest.year < T ? extrapolate(latest.value, actual, basis, T - latest.year) : null;

  let status: EvaluationStatus;
  if (ratio >= 1 - config.tolerance) status = 'achieved';
  else if (points < config.minPoints) status = 'insufficient_data';
  else if (latest.year >= T) status = 'off_track';
  else status = classifyProgress(ratio, config);

  const change = (rate: number): string =>
    basis === 'compound_growth'
      ? `年均变化${formatRate(rate)}`
      : `平均每年${rate >= 0 ? '上升' : '下降'}${formatDifference(Math.abs(rate), ctx.unit)}`;
  const parts = [
    `${latestPhrase(ctx, latest)}，${yearSpan(base.year, latest.year)}${change(actual)}，`,
    `${goalText}（据此${T}年应${d < 0 ? '≤' : '≥'}${fv(ctx, implied)}）；`,
  ];
  if (status === 'insufficient_data') {
    parts.push(`${tooFewPointsPhrase(ctx, base.year, latest.year, points)}，`);
  } else {
    parts.push(`实际变化为所需的${Number.isFinite(ratio) ? formatShare(ratio) : '—'}${ratio < 0 ? '，变化方向与目标相反' : ''}，`);
    if (projected !== null && status !== 'achieved') parts.push(`按此推算，${T}年约为${fv(ctx, projected)}，`);
    if (latest.year >= T && status !== 'achieved') parts.push(`目标年${T}年已到，`);
  }
  parts.push(evaluationStatusLabels[status]);

  return buildResult(ctx, {
    base,
    window,
    targetValue: implied,
    projected,
    rateBasis: basis,
    rateOf: 'value',
    requiredRate: required,
    actualRate: actual,
    progressRatio: Number.isFinite(ratio) ? ratio : null,
    status,
    method,
    reason: parts.join(''),
  });
}
