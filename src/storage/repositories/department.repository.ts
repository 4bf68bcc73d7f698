import type { Kysely } from 'kysely';
import type { DepartmentDetail, DepartmentGoal, DepartmentSummary } from '../../api/contract.ts';
import { cleanUnitName, findDepartment, listDepartments as registryDepartments } from '../../core/department/department-registry.ts';
import type { Database, GoalUnitRole } from '../schema.ts';
import { PLAN_KIND_ORDER, planRef } from './row-mappers.ts';
import { DEFAULT_REGION_CODE } from './plan-store.repository.ts';

// Departments are the city's: their goals are those of the city's plans, not of county plans derived from them.
const CITY_PLAN_REGION = DEFAULT_REGION_CODE;

// Registry order (committee office, party, government, judicial, mass organisations, media) is the order
// people expect in lists; departments not in the registry follow by name.
const registryOrder = new Map(registryDepartments().map((d, i) => [d.name, i]));
const byRegistryOrder = (a: { name: string }, b: { name: string }) =>
  (registryOrder.get(a.name) ?? Number.MAX_SAFE_INTEGER) - (registryOrder.get(b.name) ?? Number.MAX_SAFE_INTEGER) ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Makes sure each canonical department name has a row (category and aliases from the registry; unknown names,
 * e.g. from another city's plan, as category 'other'). Returns name → id for every name given.
 */
export async function ensureDepartments(db: Kysely<Database>, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  const existing = await db.selectFrom('departments').select(['id', 'name']).where('name', 'in', wanted).execute();
  for (const row of existing) ids.set(row.name, row.id);
  for (const name of wanted) {
    if (ids.has(name)) continue;
    const known = findDepartment(name);
    const row = await db
      .insertInto('departments')
      .values({ name, category: known?.category ?? 'other' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(name, row.id);
    const aliases = (known?.aliases ?? []).filter((a) => a !== name);
    if (aliases.length > 0) {
      await db
        .insertInto('department_aliases')
        .values(aliases.map((alias) => ({ alias, department_id: row.id })))
        .onConflict((oc) => oc.column('alias').doNothing())
        .execute();
    }
  }
  return ids;
}

async function aliasesByDepartment(db: Kysely<Database>, ids?: number[]): Promise<Map<number, string[]>> {
  let query = db.selectFrom('department_aliases').select(['alias', 'department_id']).orderBy('alias');
  if (ids !== undefined) query = query.where('department_id', 'in', ids.length > 0 ? ids : [-1]);
  const map = new Map<number, string[]>();
  for (const row of await query.execute()) map.set(row.department_id, [...(map.get(row.department_id) ?? []), row.alias]);
  return map;
}

async function goalCounts(db: Kysely<Database>, departmentId?: number) {
  let query = db
    .selectFrom('goal_units')
    .innerJoin('goals as g', 'g.id', 'goal_units.goal_id')
    .innerJoin('domains as d', 'd.id', 'g.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select((eb) => ['goal_units.department_id', 'goal_units.role', eb.fn.count<number>('goal_units.goal_id').distinct().as('n')])
    .where('goal_units.department_id', 'is not', null)
    .where('p.region_code', '=', CITY_PLAN_REGION)
    .groupBy(['goal_units.department_id', 'goal_units.role']);
  if (departmentId !== undefined) query = query.where('goal_units.department_id', '=', departmentId);
  const counts = new Map<number, Record<GoalUnitRole, number>>();
  for (const row of await query.execute()) {
    const id = row.department_id as number;
    const entry = counts.get(id) ?? { lead: 0, responsible: 0 };
    entry[row.role] = Number(row.n);
    counts.set(id, entry);
  }
  return counts;
}

async function indicatorCounts(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('indicators')
    .select((eb) => ['department_id', eb.fn.countAll<number>().as('n')])
    .where('department_id', 'is not', null)
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id as number, Number(r.n)]));
}

/** Every department with the number of goals it leads and shares (both plans) and of indicators it reports. */
export async function listDepartments(db: Kysely<Database>): Promise<DepartmentSummary[]> {
  const [departments, aliases, goals, indicators] = await Promise.all([
    db.selectFrom('departments').select(['id', 'name']).execute(),
    aliasesByDepartment(db),
    goalCounts(db),
    indicatorCounts(db),
  ]);
  return departments.sort(byRegistryOrder).map((d) => ({
    id: d.id,
    name: d.name,
    aliases: aliases.get(d.id) ?? [],
    leadGoalCount: goals.get(d.id)?.lead ?? 0,
    responsibleGoalCount: goals.get(d.id)?.responsible ?? 0,
    indicatorCount: indicators.get(d.id) ?? 0,
  }));
}

/** Finds a department by id, canonical name or alias (spaces ignored). */
export async function findDepartmentId(db: Kysely<Database>, key: number | string): Promise<number | null> {
  if (typeof key === 'number') {
    const row = await db.selectFrom('departments').select('id').where('id', '=', key).executeTakeFirst();
    return row?.id ?? null;
  }
  const name = cleanUnitName(key);
  const byName = await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirst();
  if (byName) return byName.id;
  const byAlias = await db.selectFrom('department_aliases').select('department_id').where('alias', '=', name).executeTakeFirst();
  if (byAlias) return byAlias.department_id;
  const canonical = findDepartment(name)?.name;
  if (canonical === undefined || canonical === name) return null;
  const byRegistry = await db.selectFrom('departments').select('id').where('name', '=', canonical).executeTakeFirst();
  return byRegistry?.id ?? null;
}

/** A department with every goal it leads or shares in the city's plans, and the indicators it reports. */
export async function getDepartment(db: Kysely<Database>, key: number | string): Promise<DepartmentDetail | null> {
  const id = await findDepartmentId(db, key);
  if (id === null) return null;
  const department = await db.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  const goalRows = await db
    .selectFrom('goal_units as u')
    .innerJoin('goals as g', 'g.id', 'u.goal_id')
    .innerJoin('domains as d', 'd.id', 'g.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select([
      'u.role',
      'g.id as goal_id',
      'g.ord',
      'g.text',
      'd.ord as domain_ord',
      'd.title as domain_title',
      'p.code as plan_code',
      'p.kind as plan_kind',
      'p.title as plan_title',
      'p.region_code',
      'p.period_start',
    ])
    .where('u.department_id', '=', id)
    .where('p.region_code', '=', CITY_PLAN_REGION)
    .execute();
  goalRows.sort(
    (a, b) =>
      (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0) ||
      a.period_start - b.period_start ||
      PLAN_KIND_ORDER[a.plan_kind] - PLAN_KIND_ORDER[b.plan_kind] ||
      a.domain_ord - b.domain_ord ||
      a.ord - b.ord,
  );
  const lead: DepartmentGoal[] = [];
  const responsible: DepartmentGoal[] = [];
  const seen = new Set<string>();
  for (const row of goalRows) {
    const key = `${row.role}:${row.goal_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const goal: DepartmentGoal = {
      goalId: row.goal_id,
      plan: planRef(row),
      domain: { ord: row.domain_ord, title: row.domain_title },
      ord: row.ord,
      text: row.text,
    };
    (row.role === 'lead' ? lead : responsible).push(goal);
  }
  const indicators = await db
    .selectFrom('indicators')
    .select(['code', 'name', 'unit', 'plan_kind', 'domain_ord'])
    .where('department_id', '=', id)
    .execute();
  indicators.sort((a, b) => PLAN_KIND_ORDER[a.plan_kind] - PLAN_KIND_ORDER[b.plan_kind] || a.domain_ord - b.domain_ord || (a.code < b.code ? -1 : 1));
  const aliases = await aliasesByDepartment(db, [id]);
  return {
    id: department.id,
    name: department.name,
    aliases: aliases.get(id) ?? [],
    leadGoalCount: lead.length,
    responsibleGoalCount: responsible.length,
    indicatorCount: indicators.length,
    lead,
    responsible,
    indicators: indicators.map(({ code, name, unit }) => ({ code, name, unit })),
  };
}
