import type { Insertable, Kysely, Updateable } from 'kysely';
import type { FilingStatus, GoalRef } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../schema.ts';
import type { ImplementationPlanRow, ImplementationPlansTable } from '../schema/responsibility.schema.ts';

export async function insertImplementationPlan(db: Kysely<Database>, row: Insertable<ImplementationPlansTable>): Promise<ImplementationPlanRow> {
  return db.insertInto('implementation_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findImplementationPlan(db: Kysely<Database>, id: number): Promise<ImplementationPlanRow | null> {
  return (await db.selectFrom('implementation_plans').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateImplementationPlanRow(db: Kysely<Database>, id: number, changes: Updateable<ImplementationPlansTable>): Promise<ImplementationPlanRow> {
  return db.updateTable('implementation_plans').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteImplementationPlanRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('implementation_plan_goals').where('implementation_plan_id', '=', id).execute();
  await db.deleteFrom('implementation_plans').where('id', '=', id).execute();
}

export async function listImplementationPlanRows(db: Kysely<Database>, filter: { departmentId?: number; status?: FilingStatus[] } = {}): Promise<ImplementationPlanRow[]> {
  let q = db.selectFrom('implementation_plans').selectAll();
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.status && filter.status.length > 0) q = q.where('status', 'in', filter.status);
  return q.orderBy('department_id').orderBy('id').execute();
}

export async function setImplementationPlanGoals(db: Kysely<Database>, planId: number, goals: readonly GoalRef[]): Promise<void> {
  await db.deleteFrom('implementation_plan_goals').where('implementation_plan_id', '=', planId).execute();
  if (goals.length === 0) return;
  await db
    .insertInto('implementation_plan_goals')
    .values(goals.map((g) => ({ implementation_plan_id: planId, plan_kind: g.plan, domain_ord: g.domain, goal_ord: g.goal })))
    .execute();
}

/** Goals of each plan, keyed by plan id. */
export async function goalsOfImplementationPlans(db: Kysely<Database>, planIds: readonly number[]): Promise<Map<number, GoalRef[]>> {
  const map = new Map<number, GoalRef[]>();
  if (planIds.length === 0) return map;
  const rows = await db
    .selectFrom('implementation_plan_goals')
    .selectAll()
    .where('implementation_plan_id', 'in', planIds)
    .orderBy('implementation_plan_id')
    .orderBy('plan_kind', 'desc') // 'women' before 'children'
    .orderBy('domain_ord')
    .orderBy('goal_ord')
    .execute();
  for (const r of rows) map.set(r.implementation_plan_id, [...(map.get(r.implementation_plan_id) ?? []), { plan: r.plan_kind, domain: r.domain_ord, goal: r.goal_ord }]);
  return map;
}
