import type { Kysely } from 'kysely';
import type {
  DomainTree,
  GoalDetail,
  GoalSummary,
  MeasureDetail,
  MeasureSummary,
  PlanSummary,
  PlanTree,
  StoredTarget,
  UnitRef,
} from '../../api/contract.ts';
import type { Database } from '../schema.ts';
import { DEFAULT_REGION_CODE } from './plan-store.repository.ts';
import { PLAN_KIND_ORDER, planRef, toStoredTarget } from './row-mappers.ts';

type PlanRow = { id: number; code: string; kind: PlanSummary['kind']; title: string; region_code: string; period_start: number; period_end: number };

const comparePlans = (a: PlanRow, b: PlanRow) =>
  (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0) ||
  a.period_start - b.period_start ||
  PLAN_KIND_ORDER[a.kind] - PLAN_KIND_ORDER[b.kind] ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const planColumns = ['id', 'code', 'kind', 'title', 'region_code', 'period_start', 'period_end'] as const;

/** Every stored plan with its numbers of domains, goals, measures and targets. */
export async function listPlans(db: Kysely<Database>): Promise<PlanSummary[]> {
  const plans = await db.selectFrom('plans').select(planColumns).execute();
  const count = (rows: { plan_id: number; n: number | string | bigint }[]) => new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
  const [domains, goals, measures, goalTargets, measureTargets] = await Promise.all([
    db.selectFrom('domains').select((eb) => ['plan_id', eb.fn.countAll<number>().as('n')]).groupBy('plan_id').execute(),
    db
      .selectFrom('goals as g')
      .innerJoin('domains as d', 'd.id', 'g.domain_id')
      .select((eb) => ['d.plan_id', eb.fn.countAll<number>().as('n')])
      .groupBy('d.plan_id')
      .execute(),
    db
      .selectFrom('measures as m')
      .innerJoin('domains as d', 'd.id', 'm.domain_id')
      .select((eb) => ['d.plan_id', eb.fn.countAll<number>().as('n')])
      .groupBy('d.plan_id')
      .execute(),
    db
      .selectFrom('targets as t')
      .innerJoin('goals as g', 'g.id', 't.goal_id')
      .innerJoin('domains as d', 'd.id', 'g.domain_id')
      .select((eb) => ['d.plan_id', eb.fn.countAll<number>().as('n')])
      .groupBy('d.plan_id')
      .execute(),
    db
      .selectFrom('targets as t')
      .innerJoin('measures as m', 'm.id', 't.measure_id')
      .innerJoin('domains as d', 'd.id', 'm.domain_id')
      .select((eb) => ['d.plan_id', eb.fn.countAll<number>().as('n')])
      .groupBy('d.plan_id')
      .execute(),
  ]);
  const [dc, gc, mc, gtc, mtc] = [count(domains), count(goals), count(measures), count(goalTargets), count(measureTargets)];
  return plans.sort(comparePlans).map((p) => ({
    ...summaryOf(p),
    domainCount: dc.get(p.id) ?? 0,
    goalCount: gc.get(p.id) ?? 0,
    measureCount: mc.get(p.id) ?? 0,
    targetCount: (gtc.get(p.id) ?? 0) + (mtc.get(p.id) ?? 0),
  }));
}

function summaryOf(p: PlanRow) {
  return { code: p.code, kind: p.kind, title: p.title, regionCode: p.region_code, period: { start: p.period_start, end: p.period_end } };
}

/**
 * The plan with this code issued by `regionCode`; without a region, the city's (370300) plan of that code, or
 * else the first region's.
 */
async function findPlan(db: Kysely<Database>, code: string, regionCode?: string): Promise<PlanRow | null> {
  let query = db.selectFrom('plans').select(planColumns).where('code', '=', code);
  if (regionCode !== undefined) query = query.where('region_code', '=', regionCode);
  const rows = (await query.execute()).sort(comparePlans);
  return rows.find((r) => r.region_code === DEFAULT_REGION_CODE) ?? rows[0] ?? null;
}

async function unitsOfGoals(db: Kysely<Database>, where: { planId: number } | { goalId: number }) {
  let query = db
    .selectFrom('goal_units as u')
    .innerJoin('goals as g', 'g.id', 'u.goal_id')
    .leftJoin('departments as dep', 'dep.id', 'u.department_id')
    .select(['u.goal_id', 'u.role', 'u.ord', 'u.group_name', 'dep.id as department_id', 'dep.name as department_name'])
    .orderBy('u.goal_id')
    .orderBy('u.ord');
  query =
    'planId' in where
      ? query.innerJoin('domains as d', 'd.id', 'g.domain_id').where('d.plan_id', '=', where.planId)
      : query.where('u.goal_id', '=', where.goalId);
  const byGoal = new Map<number, { leadUnits: UnitRef[]; responsibleUnits: UnitRef[]; unitGroups: string[] }>();
  for (const row of await query.execute()) {
    const entry = byGoal.get(row.goal_id) ?? { leadUnits: [], responsibleUnits: [], unitGroups: [] };
    if (row.department_id !== null && row.department_name !== null) {
      (row.role === 'lead' ? entry.leadUnits : entry.responsibleUnits).push({ id: row.department_id, name: row.department_name });
    } else if (row.group_name !== null) {
      entry.unitGroups.push(row.group_name);
    }
    byGoal.set(row.goal_id, entry);
  }
  return byGoal;
}

type TargetSource = { planId: number } | { goalId: number } | { measureId: number };

/** Targets keyed by `goal:<id>` or `measure:<id>`, each list in the order of the text. */
async function targetsOf(db: Kysely<Database>, where: TargetSource): Promise<Map<string, StoredTarget[]>> {
  const rows =
    'planId' in where
      ? [
          ...(await db
            .selectFrom('targets as t')
            .innerJoin('goals as g', 'g.id', 't.goal_id')
            .innerJoin('domains as d', 'd.id', 'g.domain_id')
            .selectAll('t')
            .where('d.plan_id', '=', where.planId)
            .execute()),
          ...(await db
            .selectFrom('targets as t')
            .innerJoin('measures as m', 'm.id', 't.measure_id')
            .innerJoin('domains as d', 'd.id', 'm.domain_id')
            .selectAll('t')
            .where('d.plan_id', '=', where.planId)
            .execute()),
        ]
      : await db
          .selectFrom('targets')
          .selectAll()
          .where('goalId' in where ? 'goal_id' : 'measure_id', '=', 'goalId' in where ? where.goalId : where.measureId)
          .execute();
  rows.sort((a, b) => a.ord - b.ord || a.id - b.id);
  const map = new Map<string, StoredTarget[]>();
  for (const row of rows) {
    const key = row.goal_id !== null ? `goal:${row.goal_id}` : `measure:${row.measure_id}`;
    map.set(key, [...(map.get(key) ?? []), toStoredTarget(row)]);
  }
  return map;
}

/** A plan as a tree: domains → goals (with units and targets) and measures (with targets), all with ids. */
export async function getPlanTree(db: Kysely<Database>, code: string, regionCode?: string): Promise<PlanTree | null> {
  const plan = await findPlan(db, code, regionCode);
  if (plan === null) return null;
  const [domains, goals, measures, units, targets] = await Promise.all([
    db.selectFrom('domains').select(['id', 'ord', 'title']).where('plan_id', '=', plan.id).orderBy('ord').execute(),
    db
      .selectFrom('goals as g')
      .innerJoin('domains as d', 'd.id', 'g.domain_id')
      .select(['g.id', 'g.domain_id', 'g.ord', 'g.text'])
      .where('d.plan_id', '=', plan.id)
      .orderBy('g.ord')
      .execute(),
    db
      .selectFrom('measures as m')
      .innerJoin('domains as d', 'd.id', 'm.domain_id')
      .select(['m.id', 'm.domain_id', 'm.ord', 'm.title', 'm.text'])
      .where('d.plan_id', '=', plan.id)
      .orderBy('m.ord')
      .execute(),
    unitsOfGoals(db, { planId: plan.id }),
    targetsOf(db, { planId: plan.id }),
  ]);
  const tree: DomainTree[] = domains.map((d) => ({
    ord: d.ord,
    title: d.title,
    goals: goals
      .filter((g) => g.domain_id === d.id)
      .map(
        (g): GoalSummary => ({
          id: g.id,
          ord: g.ord,
          text: g.text,
          leadUnits: units.get(g.id)?.leadUnits ?? [],
          responsibleUnits: units.get(g.id)?.responsibleUnits ?? [],
          unitGroups: units.get(g.id)?.unitGroups ?? [],
          targets: targets.get(`goal:${g.id}`) ?? [],
        }),
      ),
    measures: measures
      .filter((m) => m.domain_id === d.id)
      .map((m): MeasureSummary => ({ id: m.id, ord: m.ord, title: m.title, text: m.text, targets: targets.get(`measure:${m.id}`) ?? [] })),
  }));
  const count = (f: (d: DomainTree) => number) => tree.reduce((n, d) => n + f(d), 0);
  return {
    ...summaryOf(plan),
    domainCount: tree.length,
    goalCount: count((d) => d.goals.length),
    measureCount: count((d) => d.measures.length),
    targetCount: count((d) => [...d.goals, ...d.measures].reduce((n, x) => n + x.targets.length, 0)),
    domains: tree,
  };
}

async function unplacedOf(db: Kysely<Database>, column: 'goal_id' | 'measure_id', id: number) {
  const rows = await db.selectFrom('unplaced_phrases').select(['text', 'reason']).where(column, '=', id).orderBy('ord').execute();
  return rows.map((r) => ({ text: r.text, reason: r.reason }));
}

/** One goal with its plan, domain, units (id and name), targets and the phrases left for review (待核对). */
export async function getGoal(db: Kysely<Database>, id: number): Promise<GoalDetail | null> {
  const row = await db
    .selectFrom('goals as g')
    .innerJoin('domains as d', 'd.id', 'g.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['g.id', 'g.ord', 'g.text', 'g.units_text', 'd.ord as domain_ord', 'd.title as domain_title', 'p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title'])
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const [units, targets, unplaced] = await Promise.all([unitsOfGoals(db, { goalId: id }), targetsOf(db, { goalId: id }), unplacedOf(db, 'goal_id', id)]);
  return {
    id: row.id,
    ord: row.ord,
    text: row.text,
    leadUnits: units.get(id)?.leadUnits ?? [],
    responsibleUnits: units.get(id)?.responsibleUnits ?? [],
    unitGroups: units.get(id)?.unitGroups ?? [],
    targets: targets.get(`goal:${id}`) ?? [],
    unitsText: row.units_text,
    plan: planRef(row),
    domain: { ord: row.domain_ord, title: row.domain_title },
    unplaced,
  };
}

/** One measure with its plan, domain, targets and the phrases left for review (待核对). */
export async function getMeasure(db: Kysely<Database>, id: number): Promise<MeasureDetail | null> {
  const row = await db
    .selectFrom('measures as m')
    .innerJoin('domains as d', 'd.id', 'm.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['m.id', 'm.ord', 'm.title', 'm.text', 'd.ord as domain_ord', 'd.title as domain_title', 'p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const [targets, unplaced] = await Promise.all([targetsOf(db, { measureId: id }), unplacedOf(db, 'measure_id', id)]);
  return {
    id: row.id,
    ord: row.ord,
    title: row.title,
    text: row.text,
    targets: targets.get(`measure:${id}`) ?? [],
    plan: planRef(row),
    domain: { ord: row.domain_ord, title: row.domain_title },
    unplaced,
  };
}
