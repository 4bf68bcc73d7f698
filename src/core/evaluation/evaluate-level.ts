import type { TargetOp } from '../target/target.types.ts';
import {
  betterDirection,
  buildResult,
  directionSign,
  fv,
  latestPhrase,
  noDataReason,
  notEvaluated,
  polaritySign,
  tooFewPointsPhrase,
  type EvaluationContext,
} from './evaluation.context.ts';
import { evaluationStatusLabels } from './evaluation.labels.ts';
import type { EvaluationMethod, EvaluationResult, SeriesPoint } from './evaluation.types.ts';
import { formatDifference, formatNumber, formatRate, formatShare, opSymbol, yearSpan } from './format.ts';
import { progressTowardLevel, type Direction, type ProgressOutcome } from './progress.ts';
import { pointsBetween, windowStart } from './series.ts';

/** A level to reach, read from a threshold, count, ratio, approx or relative-change target. */
interface LevelGoal {
  /** The number the value is compared with (centre of an approx band). */
  targetValue: number;
  band: { lower: number; upper: number } | null;
  meets: (value: number) => boolean;
  /** Text after “目标”: ≤8.2/10万, 45%左右（43%—47%）, 以2020年（5/10万）为基数下降20%，即≤4/10万 */
  phrase: string;
  /** Window start. */
  base: SeriesPoint;
  /** Better direction and level to aim at once the value does not meet the goal. */
  aim: (latest: number) => { direction: Direction; level: number; label: string | null };
}

type GoalOrResult = { goal: LevelGoal } | { result: EvaluationResult };

/**
 * Threshold, count, ratio, approx (左右) and relative-change targets: a current-value check (Chinese 达标 practice),
 * then the progress ratio of actual vs required rate from the base year (Open SDG / Statistics Canada / Eurostat),
 * with compound growth for rates and linear change for counts and ratios.
 */
export function evaluateLevel(ctx: EvaluationContext): EvaluationResult {
  const { target, config } = ctx;
  if (target.value === null) return notEvaluated(ctx, `目标“${target.text}”未给出数值，无法量化评估`);
  const latest = ctx.latest;
  const linear = target.kind === 'count' || target.kind === 'ratio';
  const preferredMethod: EvaluationMethod = linear ? 'linear_ratio' : 'growth_ratio';
  if (!latest) return buildResult(ctx, { status: 'insufficient_data', method: preferredMethod, reason: noDataReason(ctx) });

  const read = readGoal(ctx, target.value, latest, preferredMethod);
  if ('result' in read) return read.result;
  const { goal } = read;
  const base = goal.base;
  const points = pointsBetween(ctx.points, base.year, latest.year);
  const common = {
    base,
    window: { fromYear: base.year, toYear: latest.year, points, required: config.minPoints },
    targetValue: goal.targetValue,
    band: goal.band,
  };
  const head = `${latestPhrase(ctx, latest)}，${ctx.label}${goal.phrase}`;
  const enough = points >= config.minPoints;

  if (goal.meets(latest.value)) {
    // Rates and projection still shown when they can be computed (not for a band: no single level to aim at).
    const extra = enough && goal.band === null ? progressFields(ctx, goal, latest, linear).fields : null;
    return buildResult(ctx, {
      ...common,
      ...extra,
      status: 'achieved',
      method: extra?.method ?? preferredMethod,
      reason: `${head}，${evaluationStatusLabels.achieved}`,
    });
  }
  if (!enough) {
    return buildResult(ctx, {
      ...common,
      status: 'insufficient_data',
      method: preferredMethod,
      reason: `${head}；${tooFewPointsPhrase(ctx, base.year, latest.year, points)}，${evaluationStatusLabels.insufficient_data}`,
    });
  }

  const { outcome, fields } = progressFields(ctx, goal, latest, linear);
  const aim = goal.aim(latest.value);
  const reason = [head, '；', progressPhrase(ctx, base, latest, outcome, aim.label, goal.band !== null)];
  reason.push('，', evaluationStatusLabels[outcome.status]);
  return buildResult(ctx, { ...common, ...fields, status: outcome.status, reason: reason.join('') });
}

function progressFields(ctx: EvaluationContext, goal: LevelGoal, latest: SeriesPoint, linear: boolean) {
  const aim = goal.aim(latest.value);
  const bound = boundFor(ctx, aim.direction, aim.level);
  const outcome = progressTowardLevel({
    base: goal.base,
    latest,
    targetValue: aim.level,
    targetYear: ctx.target.targetYear,
    direction: aim.direction,
    basis: linear ? 'annual_change' : 'compound_growth',
    bound,
    config: ctx.config,
  });
  const method: EvaluationMethod =
    outcome.basis === 'annual_change' ? 'linear_ratio' : bound === null ? 'growth_ratio' : 'shortfall_growth_ratio';
  const fields = {
    method,
    projected: outcome.projected,
    rateBasis: outcome.basis,
    rateOf: outcome.rateOf,
    requiredRate: outcome.requiredRate,
    actualRate: outcome.actualRate,
    progressRatio: outcome.ratio !== null && Number.isFinite(outcome.ratio) ? outcome.ratio : null,
  } satisfies Partial<EvaluationResult>;
  return { outcome, fields };
}

function readGoal(ctx: EvaluationContext, x: number, latest: SeriesPoint, method: EvaluationMethod): GoalOrResult {
  const { target, config } = ctx;
  const tol = config.tolerance;
  const baseYear = target.baseYear ?? config.baseYear;

  if (target.kind === 'relative_change') {
    const d = betterDirection(ctx);
    if (d === null) return { result: notEvaluated(ctx, `目标“${target.text}”未说明升降方向，无法确定目标值`) };
    const basePoint = ctx.points.find((p) => p.year === baseYear);
    if (!basePoint) {
      return {
        result: buildResult(ctx, {
          status: 'insufficient_data',
          method,
          reason:
            `${latestPhrase(ctx, latest)}；目标以${baseYear}年为基数，但缺少${baseYear}年数据，无法确定目标值，` +
            evaluationStatusLabels.insufficient_data,
        }),
      };
    }
    const points = target.unit === '百分点';
    const tv = points ? basePoint.value + d * x : basePoint.value * (1 + (d * x) / 100);
    return {
      goal: {
        targetValue: tv,
        band: null,
        meets: (v) => d * (v - tv) >= -tol,
        phrase:
          `以${baseYear}年（${fv(ctx, basePoint.value)}）为基数${d < 0 ? '下降' : '上升'}` +
          `${formatNumber(x)}${points ? '个百分点' : '%'}，即${d < 0 ? '≤' : '≥'}${fv(ctx, tv)}`,
        base: basePoint,
        aim: () => ({ direction: d, level: tv, label: null }),
      },
    };
  }

  const base = windowStart(ctx.points, baseYear)!; // latest exists, so the window has a start

  if (target.kind === 'approx') {
    const code = ctx.indicator?.code ?? target.indicatorCode;
    const perIndicator = code !== null && Object.hasOwn(config.approxBand.byIndicator, code)
      ? config.approxBand.byIndicator[code]
      : undefined;
    const inPoints = ctx.unit !== null && config.approxBand.percentUnits.includes(ctx.unit);
    const w = perIndicator ?? (inPoints ? config.approxBand.percentagePoints : config.approxBand.relative * Math.abs(x));
    const band = { lower: x - w, upper: x + w };
    return {
      goal: {
        targetValue: x,
        band,
        meets: (v) => v >= band.lower - tol && v <= band.upper + tol,
        phrase: `${fv(ctx, x)}左右（${fv(ctx, band.lower)}—${fv(ctx, band.upper)}）`,
        base,
        aim: (v) =>
          v < band.lower
            ? { direction: 1, level: band.lower, label: `达到区间下限${fv(ctx, band.lower)}` }
            : { direction: -1, level: band.upper, label: `回到区间上限${fv(ctx, band.upper)}` },
      },
    };
  }

  // threshold, count, ratio
  const polarity = polaritySign(ctx.indicator);
  const op: TargetOp | null = target.op ?? (polarity === 1 ? '>=' : polarity === -1 ? '<=' : null);
  if (op === null) return { result: notEvaluated(ctx, `目标“${target.text}”未给出比较方向`) };
  const d: Direction =
    op === '>=' || op === '>'
      ? 1
      : op === '<=' || op === '<'
        ? -1
        : (polarity ?? directionSign(target.direction) ?? (Math.sign(x - base.value) || Math.sign(x - latest.value) || 1) as Direction);
  const meets = (v: number): boolean => {
    switch (op) {
      case '>=':
        return v - x >= -tol;
      case '>':
        return v - x > tol;
      case '<=':
        return x - v >= -tol;
      case '<':
        return x - v > tol;
      case '=':
        return d * (v - x) >= -tol;
    }
  };
  const ratioText = target.kind === 'ratio' && target.ratio ? `（${target.ratio[0]}：${target.ratio[1]}）` : '';
  const phrase = `${op === '=' ? '为' : opSymbol(op)}${fv(ctx, x)}${ratioText}`;
  return { goal: { targetValue: x, band: null, meets, phrase, base, aim: () => ({ direction: d, level: x, label: null }) } };
}

/** Bounded rate: higher is better, the unit has a ceiling and the level is near it (≥ minTargetShare × ceiling). */
function boundFor(ctx: EvaluationContext, d: Direction, level: number): number | null {
  const br = ctx.config.boundedRate;
  if (!br.enabled || d !== 1 || ctx.unit === null || !Object.hasOwn(br.bounds, ctx.unit)) return null;
  const bound = br.bounds[ctx.unit]!;
  const tol = ctx.config.tolerance;
  return level >= br.minTargetShare * bound - tol && level <= bound + tol ? bound : null;
}

function progressPhrase(
  ctx: EvaluationContext,
  base: SeriesPoint,
  latest: SeriesPoint,
  o: ProgressOutcome,
  aimLabel: string | null,
  isBand: boolean,
): string {
  const T = ctx.target.targetYear;
  const span = yearSpan(base.year, latest.year);
  const counting = ctx.target.kind === 'count';
  const change = (rate: number): string =>
    o.basis === 'compound_growth'
      ? formatRate(rate)
      : `每年${rate >= 0 ? (counting ? '增加' : '上升') : counting ? '减少' : '下降'}${formatDifference(Math.abs(rate), ctx.unit)}`;
  const rateText =
    o.basis === 'annual_change'
      ? `平均${change(o.actualRate)}`
      : o.rateOf === 'shortfall'
        ? `距${fv(ctx, (ctx.config.boundedRate.bounds[ctx.unit ?? ''] ?? 0))}的差距年均变化${formatRate(o.actualRate)}`
        : `年均变化${formatRate(o.actualRate)}`;
  const parts: string[] = [];
  parts.push(
    o.targetYearReached
      ? `目标年${T}年已到，${span}${rateText}，未达到目标`
      : `按${span}${rateText}推算，${T}年约为${fv(ctx, o.projected!)}`,
  );
  if (o.baseMet) {
    parts.push(`${base.year}年为${fv(ctx, base.value)}，${isBand ? '已在目标区间内' : '已达到目标'}，此后背离目标`);
  } else if (o.ratio !== null && o.requiredRate !== null && Number.isFinite(o.ratio)) {
    const needed = `${aimLabel ?? ''}所需（${o.basis === 'annual_change' ? change(o.requiredRate) : formatRate(o.requiredRate)}）`;
    parts.push(`实际年均变化为${needed}的${formatShare(o.ratio)}${o.ratio < 0 ? '，变化方向与目标相反' : ''}`);
  } else if (o.ratio !== null && o.ratio < 0) {
    parts.push('变化方向与目标相反');
  }
  return parts.join('，');
}
