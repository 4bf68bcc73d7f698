import type { Insertable, Kysely, Updateable } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { rowsPerInsert } from '../database.ts';
import type { Database } from '../schema.ts';
import type {
  CountyPlanGoalRow,
  CountyPlanGoalsTable,
  CountyPlanRow,
  CountyPlansTable,
  CountyPlanTargetRow,
  CountyPlanTargetsTable,
} from '../schema/responsibility.schema.ts';
import { chunks } from './row-mappers.ts';

export type NewCountyPlanRow = Insertable<CountyPlansTable>;
export type NewCountyGoalRow = Insertable<CountyPlanGoalsTable>;
export type NewCountyTargetRow = Insertable<CountyPlanTargetsTable>;

export async function insertCountyPlan(db: Kysely<Database>, row: NewCountyPlanRow): Promise<CountyPlanRow> {
  return db.insertInto('county_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCountyPlan(db: Kysely<Database>, id: number): Promise<CountyPlanRow | null> {
  return (await db.selectFrom('county_plans').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findCountyPlanFor(db: Kysely<Database>, regionCode: string, kind: PlanKind, periodStart: number): Promise<CountyPlanRow | null> {
  return (
    (await db
      .selectFrom('county_plans')
      .selectAll()
      .where('region_code', '=', regionCode)
      .where('plan_kind', '=', kind)
      .where('period_start', '=', periodStart)
      .executeTakeFirst()) ?? null
  );
}

export async function listCountyPlanRows(db: Kysely<Database>, filter: { regionCode?: string; kind?: PlanKind } = {}): Promise<CountyPlanRow[]> {
  let q = db.selectFrom('county_plans').selectAll();
  if (filter.regionCode !== undefined) q = q.where('region_code', '=', filter.regionCode);
  if (filter.kind !== undefined) q = q.where('plan_kind', '=', filter.kind);
  return q.orderBy('region_code').orderBy('plan_kind').orderBy('period_start').execute();
}

export async function updateCountyPlanRow(db: Kysely<Database>, id: number, changes: Updateable<CountyPlansTable>): Promise<CountyPlanRow> {
  return db.updateTable('county_plans').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteCountyPlanRow(db: Kysely<Database>, id: number): Promise<void> {
  // Targets go with their goals, but measure targets (no goal) only with the plan: delete explicitly, children first.
  await db.deleteFrom('county_plan_targets').where('county_plan_id', '=', id).execute();
  await db.deleteFrom('county_plan_goals').where('county_plan_id', '=', id).execute();
  await db.deleteFrom('county_plans').where('id', '=', id).execute();
}

/** Inserts goals one by one (their ids are needed for the targets); returns the rows in input order. */
export async function insertCountyGoal(db: Kysely<Database>, row: NewCountyGoalRow): Promise<CountyPlanGoalRow> {
  return db.insertInto('county_plan_goals').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertCountyTargets(db: Kysely<Database>, rows: readonly NewCountyTargetRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  for (const part of chunks(rows, rowsPerInsert(db, columns))) await db.insertInto('county_plan_targets').values(part).execute();
}

export async function insertCountyTarget(db: Kysely<Database>, row: NewCountyTargetRow): Promise<CountyPlanTargetRow> {
  return db.insertInto('county_plan_targets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCountyGoals(db: Kysely<Database>, planIds: readonly number[]): Promise<CountyPlanGoalRow[]> {
  if (planIds.length === 0) return [];
  return db.selectFrom('county_plan_goals').selectAll().where('county_plan_id', 'in', planIds).orderBy('domain_ord').orderBy('ord').orderBy('id').execute();
}

export async function listCountyTargets(db: Kysely<Database>, planIds: readonly number[]): Promise<CountyPlanTargetRow[]> {
  if (planIds.length === 0) return [];
  return db.selectFrom('county_plan_targets').selectAll().where('county_plan_id', 'in', planIds).orderBy('domain_ord').orderBy('id').execute();
}

export async function findCountyGoal(db: Kysely<Database>, id: number): Promise<CountyPlanGoalRow | null> {
  return (await db.selectFrom('county_plan_goals').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findCountyTarget(db: Kysely<Database>, id: number): Promise<CountyPlanTargetRow | null> {
  return (await db.selectFrom('county_plan_targets').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateCountyGoalRow(db: Kysely<Database>, id: number, changes: Updateable<CountyPlanGoalsTable>): Promise<CountyPlanGoalRow> {
  return db.updateTable('county_plan_goals').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function updateCountyTargetRow(db: Kysely<Database>, id: number, changes: Updateable<CountyPlanTargetsTable>): Promise<CountyPlanTargetRow> {
  return db.updateTable('county_plan_targets').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks every target of a county goal with the goal's status (e.g. not applicable with the goal). */
export async function setTargetsOfGoal(db: Kysely<Database>, goalId: number, changes: Updateable<CountyPlanTargetsTable>): Promise<void> {
  await db.updateTable('county_plan_targets').set(changes).where('county_goal_id', '=', goalId).execute();
}
