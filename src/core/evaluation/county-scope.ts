import type { Aggregation } from '../indicator/indicator.types.ts';
import type { Target } from '../target/target.types.ts';

export type CountyApplicability = { applies: true } | { applies: false; reason: string };

/** A scope that places the target on every county or smaller unit (市、区县均…, 每个区县, 各区县, 每所…, 镇（街道）). */
const PER_UNIT_SCOPE = /区县|每|各|均|镇|街道|乡|村|社区/;

/**
 * Whether a city target can judge a county's own value when the county has no target of its own
 * (docs/evaluation-method.md §county targets). Rates, ratios, shares, bands, relative and annual changes and
 * directions are scale-free and apply to a county as they are. A count, or a level of an indicator whose county
 * values add up to the city's (aggregation “sum”), is a city-wide total (新建、改扩建幼儿园300所以上): a county's
 * own count says nothing against it, unless the target's scope puts it on every county or smaller unit
 * (市、区县均设立1所…, 每个区县都建成…). Counts of indicators rolled up as ratios (per-capita counts) apply.
 */
export function countyApplicability(target: Target, indicator: { aggregation: Aggregation } | null): CountyApplicability {
  if (target.kind !== 'count' && target.kind !== 'threshold') return { applies: true };
  if (target.value === null) return { applies: true };
  if (target.scope !== undefined && PER_UNIT_SCOPE.test(target.scope)) return { applies: true };
  const aggregation = indicator?.aggregation ?? null;
  const cityWide = aggregation === 'sum' || (target.kind === 'count' && aggregation !== 'ratio');
  if (!cityWide) return { applies: true };
  const why = aggregation === 'sum' ? '全市总量目标（区县数值相加即为全市数值）' : '全市总量目标';
  return { applies: false, reason: `“${target.text}”为${why}，区县自身数值不能据此评估，区县级不作评估（无区县规划目标）` };
}
