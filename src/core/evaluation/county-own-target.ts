import { matchIndicator, type MatchContext } from '../indicator/catalogue.ts';
import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import { extractTargets } from '../target/extract-targets.ts';
import type { Target } from '../target/target.types.ts';
import { evaluateTarget, evaluateWithoutIndicator } from './evaluate-target.ts';
import type { EvaluationInput, EvaluationResult } from './evaluation.types.ts';

/** How the working names the target of a county's filed plan derived from a city target (adopted or adjusted). */
export const COUNTY_TARGET_LABEL = '按区县规划目标';

/** How the working names a target a county added to its own filed plan (no city counterpart). */
export const COUNTY_ADDED_TARGET_LABEL = '按区县规划新增目标';

/** How an added county target was tied to the indicator catalogue. */
export type CountyOwnLink =
  | { indicatorCode: string; by: 'code' | 'name' | 'text' }
  | { indicatorCode: null; by: null; why: string };

export interface ResolvedCountyOwnTarget {
  /** The target as evaluated: the indicator code set, numbers read from its text where it stored none. */
  target: Target;
  link: CountyOwnLink;
}

/** A county's own wording before an indicator name: 全区孕产妇死亡率, 本县…, 全市…. */
const AREA_PREFIX = /^(?:全|本)(?:区|县|市)/;

function matchOwn(catalogue: readonly IndicatorDefinition[], target: Pick<Target, 'indicator' | 'kind' | 'scope'>, context: MatchContext): IndicatorDefinition | null {
  const found = matchIndicator(catalogue, target, context);
  if (found !== null || !AREA_PREFIX.test(target.indicator)) return found;
  return matchIndicator(catalogue, { ...target, indicator: target.indicator.replace(AREA_PREFIX, '') }, context);
}

const LEVEL_KINDS = new Set<Target['kind']>(['threshold', 'approx', 'relative_change', 'annual_change', 'count', 'ratio']);

/**
 * Ties a target a county added to its own plan to the indicator catalogue, the way the city's targets are
 * (docs/evaluation-method.md §4.9): the code the county plan stores, if the catalogue holds it; else its indicator
 * name matched like a city target's (matchIndicator, within the plan and domain; a leading 全区/本县 … dropped); else
 * the targets the grammar reads
 * from its text, when they point at exactly one indicator. A target stored without a number takes the number the
 * grammar reads from its text for that indicator (a level target typed in as text only).
 */
export function resolveCountyOwnTarget(catalogue: readonly IndicatorDefinition[], target: Target, context: MatchContext = {}): ResolvedCountyOwnTarget {
  if (target.kind === 'deadline') {
    return { target, link: { indicatorCode: null, by: null, why: '为期限类工作任务，不属于数值监测指标' } };
  }
  if (target.indicatorCode !== null && catalogue.some((d) => d.code === target.indicatorCode)) {
    return { target, link: { indicatorCode: target.indicatorCode, by: 'code' } };
  }
  const byName = matchOwn(catalogue, target, context);
  if (byName !== null) return { target: { ...target, indicatorCode: byName.code }, link: { indicatorCode: byName.code, by: 'name' } };

  const read = extractTargets(target.text, { targetYear: target.targetYear }).targets
    .map((t) => ({ t, code: matchOwn(catalogue, t, context)?.code ?? null }))
    .filter((x): x is { t: Target; code: string } => x.code !== null);
  const codes = new Set(read.map((x) => x.code));
  if (codes.size === 1) {
    const code = read[0]!.code;
    let resolved: Target = { ...target, indicatorCode: code };
    const numbered = read.filter((x) => x.t.value !== null);
    if (target.value === null && LEVEL_KINDS.has(target.kind) && numbered.length === 1) {
      const t = numbered[0]!.t;
      resolved = { ...resolved, kind: t.kind, op: t.op, value: t.value, unit: t.unit, baseYear: t.baseYear };
      if (t.direction !== undefined) resolved.direction = t.direction;
      if (t.ratio !== undefined) resolved.ratio = t.ratio;
    }
    return { target: resolved, link: { indicatorCode: code, by: 'text' } };
  }
  const why =
    target.indicatorCode !== null
      ? `未关联监测指标（指标代码“${target.indicatorCode}”不在监测指标体系中）`
      : codes.size > 1
        ? `未关联监测指标（“${target.indicator}”可对应多个指标：${[...codes].join('、')}）`
        : `未关联监测指标（“${target.indicator}”在监测指标体系中没有对应指标）`;
  return { target, link: { indicatorCode: null, by: null, why } };
}

/**
 * A county's added target in its county, against the indicator's series: evaluated like any target (same kinds,
 * same method), the working naming it “按区县规划新增目标” — also when no data let the engine name the target.
 */
export function evaluateCountyOwnTarget(input: Omit<EvaluationInput, 'targetLabel'>): EvaluationResult {
  const result = evaluateTarget({ ...input, targetLabel: COUNTY_ADDED_TARGET_LABEL });
  if (result.reason.includes(COUNTY_ADDED_TARGET_LABEL)) return result;
  return { ...result, reason: `${COUNTY_ADDED_TARGET_LABEL}“${input.target.text}”：${result.reason}` };
}

/**
 * A county's added target that no indicator could be tied to: listed, not dropped — 数据不足 with the reason
 * (无量化目标 for a direction-only target, which has no number either way).
 */
export function evaluateUnlinkedCountyTarget(input: Omit<EvaluationInput, 'targetLabel' | 'series' | 'indicator'>, why: string): EvaluationResult {
  return evaluateWithoutIndicator({ ...input, series: [], indicator: null, targetLabel: COUNTY_ADDED_TARGET_LABEL }, why);
}
