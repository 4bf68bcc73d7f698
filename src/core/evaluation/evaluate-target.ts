import type { Target } from '../target/target.types.ts';
import { resolveEvaluationConfig, type EvaluationConfig, type EvaluationConfigOverrides } from './evaluation.config.ts';
import { buildResult, latestPhrase, makeContext, notEvaluated, valueUnit } from './evaluation.context.ts';
import { evaluationStatusLabels } from './evaluation.labels.ts';
import type { EvaluationInput, EvaluationResult } from './evaluation.types.ts';
import { evaluateAnnualChange } from './evaluate-annual-change.ts';
import { evaluateLevel } from './evaluate-level.ts';
import { evaluateTrend } from './evaluate-trend.ts';
import { prepareSeries } from './series.ts';
import { volatilityOfSorted } from './volatility.ts';

const resolved = new WeakMap<EvaluationConfigOverrides, EvaluationConfig>();
const defaults = resolveEvaluationConfig();

/** Resolve once per overrides object, so evaluating a whole dataset with one config stays cheap. */
function configFor(overrides: EvaluationConfigOverrides | undefined): EvaluationConfig {
  if (!overrides) return defaults;
  let config = resolved.get(overrides);
  if (!config) {
    config = resolveEvaluationConfig(overrides);
    resolved.set(overrides, config);
  }
  return config;
}

/**
 * Status of one target for one series (indicator × region × disaggregation) in one year, with its working.
 * Pure and deterministic; see docs/evaluation-method.md for the method per target kind.
 */
export function evaluateTarget(input: EvaluationInput): EvaluationResult {
  const config = configFor(input.config);
  if (!Number.isInteger(input.year)) throw new Error(`评估年份须为整数（${input.year}）`);
  const target: Target = input.target;
  const indicator = input.indicator ?? null;
  const points = prepareSeries(input.series, input.year);
  const volatility = volatilityOfSorted(points, config.volatility, valueUnit(target, indicator));
  const ctx = makeContext(target, indicator, input.year, config, points, volatility, input.targetLabel);

  switch (target.kind) {
    case 'deadline':
      return notEvaluated(ctx, `“${target.text}”为期限类工作任务，不属于数值监测指标，不作达标评估`);
    case 'trend':
      return evaluateTrend(ctx);
    case 'annual_change':
      return evaluateAnnualChange(ctx);
    case 'threshold':
    case 'approx':
    case 'relative_change':
    case 'count':
    case 'ratio':
      return evaluateLevel(ctx);
  }
}

/**
 * A target that does not apply to the series' region (a city-wide total judged in a county, or a target the
 * county's filed plan marks 不适用): not assessed (不作评估) — status no_target, `notAssessed` true, method
 * not_evaluated, the latest value and `why` as working.
 */
export function evaluateNotApplicable(input: EvaluationInput, why: string): EvaluationResult {
  const config = configFor(input.config);
  const points = prepareSeries(input.series, input.year);
  const indicator = input.indicator ?? null;
  const volatility = volatilityOfSorted(points, config.volatility, valueUnit(input.target, indicator));
  const ctx = makeContext(input.target, indicator, input.year, config, points, volatility, input.targetLabel);
  const latest = ctx.latest ? `${latestPhrase(ctx, ctx.latest)}；` : '';
  return buildResult(ctx, { status: 'no_target', notAssessed: true, method: 'not_evaluated', reason: `${latest}${why}` });
}

/**
 * A target with no indicator to read values from (a county's added target the catalogue has no entry for):
 * 数据不足 — or 无量化目标 for a direction-only target — method not_evaluated, with `why` as working:
 * “按区县规划新增目标“…”未关联监测指标（…），无数据可评估，数据不足”.
 */
export function evaluateWithoutIndicator(input: EvaluationInput, why: string): EvaluationResult {
  const config = configFor(input.config);
  const volatility = volatilityOfSorted([], config.volatility, valueUnit(input.target, null));
  const ctx = makeContext(input.target, null, input.year, config, [], volatility, input.targetLabel);
  const status = input.target.kind === 'trend' ? 'no_target' : 'insufficient_data';
  return buildResult(ctx, { status, method: 'not_evaluated', reason: `${ctx.label}“${input.target.text}”${why}，无数据可评估，${evaluationStatusLabels[status]}` });
}
