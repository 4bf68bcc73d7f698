import type { Kysely } from 'kysely';
import type { DomainTree, GoalSummary, MeasureSummary, PlanTree, StoredTarget } from '../../api/contract.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { GoalRef } from '../../core/responsibility/responsibility.types.ts';
import { goalRefLabel } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import { getPlanTree } from '../../storage/repositories/plan.repository.ts';
import { badRequest } from './responsibility.errors.ts';

/**
 * The city's plans as the responsibility records see them: for each kind (women, children), the city plan of
 * the latest period. Goals are addressed by their numbers (GoalRef), which survive a re-import of the plans.
 */
export interface CityGoal {
  ref: GoalRef;
  key: string;
  goal: GoalSummary;
  plan: { code: string; kind: PlanKind; title: string };
  domain: { ord: number; title: string };
}

export interface CityPlans {
  plans: PlanTree[];
  goals: CityGoal[];
  byKey: Map<string, CityGoal>;
  planOf(kind: PlanKind): PlanTree | undefined;
}

export const goalKey = (ref: GoalRef): string => `${ref.plan}/${ref.domain}/${ref.goal}`;

export async function loadCityPlans(db: Kysely<Database>, regionCode = CITY_REGION_CODE): Promise<CityPlans> {
  const rows = await db.selectFrom('plans').select(['code', 'kind', 'period_start']).where('region_code', '=', regionCode).execute();
  const latest = new Map<PlanKind, { code: string; period_start: number }>();
  for (const row of rows) {
    const current = latest.get(row.kind);
    if (current === undefined || row.period_start > current.period_start) latest.set(row.kind, row);
  }
  const plans: PlanTree[] = [];
  for (const kind of ['women', 'children'] as const) {
    const row = latest.get(kind);
    if (row === undefined) continue;
    const tree = await getPlanTree(db, row.code, regionCode);
    if (tree !== null) plans.push(tree);
  }
  const goals: CityGoal[] = [];
  for (const plan of plans) {
    for (const domain of plan.domains) {
      for (const goal of domain.goals) {
        const ref: GoalRef = { plan: plan.kind, domain: domain.ord, goal: goal.ord };
        goals.push({ ref, key: goalKey(ref), goal, plan: { code: plan.code, kind: plan.kind, title: plan.title }, domain: { ord: domain.ord, title: domain.title } });
      }
    }
  }
  const byKey = new Map(goals.map((g) => [g.key, g]));
  return { plans, goals, byKey, planOf: (kind) => plans.find((p) => p.kind === kind) };
}

/** Checks that every referenced goal exists in the city plans; returns them without duplicates. */
export function requireGoals(city: CityPlans, refs: readonly GoalRef[]): CityGoal[] {
  const out = new Map<string, CityGoal>();
  for (const ref of refs) {
    const found = city.byKey.get(goalKey(ref));
    if (found === undefined) throw badRequest(`${goalRefLabel(ref)}不存在`);
    out.set(found.key, found);
  }
  return [...out.values()];
}

export function domainOf(plan: PlanTree, ord: number): DomainTree | undefined {
  return plan.domains.find((d) => d.ord === ord);
}

/** Every target of a plan with where it sits: goal or measure, domain, item number, target number. */
export interface LocatedTarget {
  source: 'goal' | 'measure';
  domainOrd: number;
  itemOrd: number;
  targetOrd: number;
  target: StoredTarget;
  item: GoalSummary | MeasureSummary;
}

export function locatedTargets(plan: PlanTree): LocatedTarget[] {
  const out: LocatedTarget[] = [];
  for (const domain of plan.domains) {
    for (const goal of domain.goals) goal.targets.forEach((t, i) => out.push({ source: 'goal', domainOrd: domain.ord, itemOrd: goal.ord, targetOrd: i + 1, target: t, item: goal }));
    for (const measure of domain.measures) {
      measure.targets.forEach((t, i) => out.push({ source: 'measure', domainOrd: domain.ord, itemOrd: measure.ord, targetOrd: i + 1, target: t, item: measure }));
    }
  }
  return out;
}

export const targetKey = (t: { source: string; domainOrd: number; itemOrd: number; targetOrd: number }): string =>
  `${t.source}/${t.domainOrd}/${t.itemOrd}/${t.targetOrd}`;
