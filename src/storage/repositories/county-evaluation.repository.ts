/**
 * What the evaluation reads of the counties' filed plans, from the latest filed (报送 or 审阅) plan of each county
 * and plan kind: each county target that derives from a city target, keyed by the city target's id, and the
 * targets the county added (no city counterpart).
 */
import type { Kysely, Selectable } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { CountyItemStatus } from '../../core/responsibility/responsibility.types.ts';
import type { Target } from '../../core/target/target.types.ts';
import type { Database } from '../schema.ts';
import type { CountyPlanTargetsTable } from '../schema/responsibility.schema.ts';
import { chunks } from './row-mappers.ts';

export interface CountyEvaluationTarget {
  regionCode: string;
  planKind: PlanKind;
  countyPlanId: number;
  countyTargetId: number;
  /** adopted | adjusted | not_applicable (added targets have no city target: filedCountyOwnTargets). */
  status: CountyItemStatus;
  /** Why the county marked it 不适用 (or adjusted it). */
  reason: string | null;
  target: Target;
}

type FiledPlan = { id: number; region_code: string; plan_kind: PlanKind; period_start: number; title: string };

/** The latest filed (报送 or 审阅) plan of each county and kind, keyed `${region}|${kind}`. */
async function latestFiledPlans(db: Kysely<Database>): Promise<Map<string, FiledPlan>> {
  const plans = await db
    .selectFrom('county_plans')
    .select(['id', 'region_code', 'plan_kind', 'period_start', 'title'])
    .where('status', 'in', ['filed', 'reviewed'])
    .orderBy('period_start')
    .orderBy('id')
    .execute();
  const latest = new Map<string, FiledPlan>();
  for (const p of plans) latest.set(`${p.region_code}|${p.plan_kind}`, p);
  return latest;
}

function targetOfRow(r: Selectable<CountyPlanTargetsTable>): Target {
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
  return target;
}

/** Every county target of a filed county plan, by region code, then by the id of the city target it derives from. */
export async function filedCountyTargets(db: Kysely<Database>, cityTargetIds: readonly number[]): Promise<Map<string, Map<number, CountyEvaluationTarget>>> {
  const out = new Map<string, Map<number, CountyEvaluationTarget>>();
  if (cityTargetIds.length === 0) return out;
  const latest = await latestFiledPlans(db);
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
    const target = targetOfRow(r);
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

/** A target a county added to its filed plan (no city counterpart). */
export interface CountyOwnEvaluationTarget {
  regionCode: string;
  planKind: PlanKind;
  countyPlanId: number;
  countyPlanTitle: string;
  countyTargetId: number;
  /** The city plan of the same kind and period, whose domains the county plan follows; null if none is stored. */
  cityPlanCode: string | null;
  domainOrd: number;
  /** The county goal it belongs to and that goal's number in the county plan; null for a target of a measure. */
  countyGoalId: number | null;
  goalOrd: number | null;
  /** Its number within its goal (or among the domain's measure targets). */
  ord: number;
  /** The county's reason for adding it. */
  reason: string | null;
  /** As the county plan stores it (indicatorCode may be null: see resolveCountyOwnTarget). */
  target: Target;
}

/**
 * The targets the counties added to their latest filed plans (status 添加 “added”), in county, plan kind, domain,
 * goal and target order; only those of the given plan kind and counties when asked. Targets a county marked
 * 不适用 after adding them (through their goal) are not in force and not listed.
 */
export async function filedCountyOwnTargets(
  db: Kysely<Database>,
  query: { cityRegionCode: string; planKind?: PlanKind; regionCodes?: readonly string[] },
): Promise<CountyOwnEvaluationTarget[]> {
  const latest = [...(await latestFiledPlans(db)).values()].filter(
    (p) => (query.planKind === undefined || p.plan_kind === query.planKind) && (query.regionCodes === undefined || query.regionCodes.includes(p.region_code)),
  );
  if (latest.length === 0) return [];
  const planById = new Map(latest.map((p) => [p.id, p] as const));
  const rows = await db
    .selectFrom('county_plan_targets as t')
    .leftJoin('county_plan_goals as g', 'g.id', 't.county_goal_id')
    .selectAll('t')
    .select('g.ord as goal_ord')
    .where('t.county_plan_id', 'in', [...planById.keys()])
    .where('t.status', '=', 'added')
    .execute();
  if (rows.length === 0) return [];
  const cityPlans = await db.selectFrom('plans').select(['code', 'kind', 'period_start']).where('region_code', '=', query.cityRegionCode).execute();
  const cityCode = (kind: PlanKind, start: number) => cityPlans.find((p) => p.kind === kind && p.period_start === start)?.code ?? cityPlans.find((p) => p.kind === kind)?.code ?? null;
  const out = rows.map((r): CountyOwnEvaluationTarget => {
    const plan = planById.get(r.county_plan_id)!;
    return {
      regionCode: plan.region_code,
      planKind: plan.plan_kind,
      countyPlanId: plan.id,
      countyPlanTitle: plan.title,
      countyTargetId: r.id,
      cityPlanCode: cityCode(plan.plan_kind, plan.period_start),
      domainOrd: r.domain_ord,
      countyGoalId: r.county_goal_id,
      goalOrd: r.goal_ord ?? null,
      ord: r.ord,
      reason: r.reason,
      target: targetOfRow(r),
    };
  });
  const kindOrder = (k: PlanKind) => (k === 'women' ? 0 : 1);
  return out.sort(
    (a, b) =>
      (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0) ||
      kindOrder(a.planKind) - kindOrder(b.planKind) ||
      a.domainOrd - b.domainOrd ||
      (a.goalOrd === null ? 1 : 0) - (b.goalOrd === null ? 1 : 0) ||
      (a.goalOrd ?? 0) - (b.goalOrd ?? 0) ||
      a.ord - b.ord ||
      a.countyTargetId - b.countyTargetId,
  );
}
