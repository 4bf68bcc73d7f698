/**
 * What the evaluation reads of the counties' filed plans: each county target that derives from a city target,
 * keyed by the city target's id, from the latest filed (报送 or 审阅) plan of each county and plan kind.
 */
import type { Kysely } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { CountyItemStatus } from '../../core/responsibility/responsibility.types.ts';
import type { Target } from '../../core/target/target.types.ts';
import type { Database } from '../schema.ts';
import { chunks } from './row-mappers.ts';

export interface CountyEvaluationTarget {
  regionCode: string;
  planKind: PlanKind;
  countyPlanId: number;
  countyTargetId: number;
  /** adopted | adjusted | not_applicable (added targets have no city target and are not listed). */
  status: CountyItemStatus;
  /** Why the county marked it 不适用 (or adjusted it). */
  reason: string | null;
  target: Target;
}

/** Every county target of a filed county plan, by region code, then by the id of the city target it derives from. */
export async function filedCountyTargets(db: Kysely<Database>, cityTargetIds: readonly number[]): Promise<Map<string, Map<number, CountyEvaluationTarget>>> {
  const out = new Map<string, Map<number, CountyEvaluationTarget>>();
  if (cityTargetIds.length === 0) return out;
  const plans = await db
    .selectFrom('county_plans')
    .select(['id', 'region_code', 'plan_kind', 'period_start'])
    .where('status', 'in', ['filed', 'reviewed'])
    .orderBy('period_start')
    .orderBy('id')
    .execute();
  // The latest filed plan of each county and kind.
  const latest = new Map<string, (typeof plans)[number]>();
  for (const p of plans) latest.set(`${p.region_code}|${p.plan_kind}`, p);
  if (latest.size === 0) return out;

  // The address of each city target: plan kind, goal or measure, domain, item number, target number.
  const keyOfCity = new Map<string, number>();
  for (const part of chunks([...cityTargetIds], 500)) {
    const rows = await db
      .selectFrom('targets as t')
      .leftJoin('goals as g', 'g.id', 't.goal_id')
      .leftJoin('measures as m', 'm.id', 't.measure_id')
      .innerJoin('domains as d', (join) => join.on((eb) => eb('d.id', '=', eb.fn.coalesce('g.domain_id', 'm.domain_id'))))
      .innerJoin('plans as p', 'p.id', 'd.plan_id')
      .select(['t.id', 't.ord', 't.goal_id', 'd.ord as domain_ord', 'p.kind as plan_kind'])
      .select((eb) => eb.fn.coalesce('g.ord', 'm.ord').as('item_ord'))
      .where('t.id', 'in', part)
      .execute();
    for (const r of rows) keyOfCity.set(`${r.plan_kind}|${r.goal_id !== null ? 'goal' : 'measure'}/${r.domain_ord}/${r.item_ord}/${r.ord}`, r.id);
  }

  const planById = new Map([...latest.values()].map((p) => [p.id, p] as const));
  const rows = await db
    .selectFrom('county_plan_targets')
    .selectAll()
    .where('county_plan_id', 'in', [...planById.keys()])
    .where('city_source', 'is not', null)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const plan = planById.get(r.county_plan_id)!;
    const cityId = keyOfCity.get(`${plan.plan_kind}|${r.city_source}/${r.city_domain_ord}/${r.city_item_ord}/${r.city_target_ord}`);
    if (cityId === undefined || r.status === 'added') continue;
    const target: Target = {
      indicator: r.indicator_name,
      indicatorCode: r.indicator_code,
      kind: r.kind,
      op: r.op,
      value: r.value,
      unit: r.unit,
      baseYear: r.base_year,
      targetYear: r.target_year,
      text: r.text,
    };
    if (r.direction !== null) target.direction = r.direction;
    if (r.ratio_left !== null && r.ratio_right !== null) target.ratio = [r.ratio_left, r.ratio_right];
    if (r.scope !== null) target.scope = r.scope;
    if (r.reference !== null) target.reference = r.reference;
    if (!out.has(plan.region_code)) out.set(plan.region_code, new Map());
    out.get(plan.region_code)!.set(cityId, {
      regionCode: plan.region_code,
      planKind: plan.plan_kind,
      countyPlanId: plan.id,
      countyTargetId: r.id,
      status: r.status,
      reason: r.reason,
      target,
    });
  }
  return out;
}
