import type { Insertable, Kysely, Updateable } from 'kysely';
import type { GoalRef, PilotStatus } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../schema.ts';
import type { PilotMilestoneRow, PilotMilestonesTable, PilotRow, PilotsTable } from '../schema/responsibility.schema.ts';
import type { UnitValues } from './supervision.repository.ts';

export async function insertPilot(db: Kysely<Database>, row: Insertable<PilotsTable>): Promise<PilotRow> {
  return db.insertInto('pilots').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPilot(db: Kysely<Database>, id: number): Promise<PilotRow | null> {
  return (await db.selectFrom('pilots').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updatePilotRow(db: Kysely<Database>, id: number, changes: Updateable<PilotsTable>): Promise<PilotRow> {
  return db.updateTable('pilots').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listPilotRows(db: Kysely<Database>, filter: { status?: PilotStatus } = {}): Promise<PilotRow[]> {
  let q = db.selectFrom('pilots').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('period_start', 'desc').orderBy('id', 'desc').execute();
}

export async function setPilotGoals(db: Kysely<Database>, pilotId: number, goals: readonly GoalRef[]): Promise<void> {
  await db.deleteFrom('pilot_goals').where('pilot_id', '=', pilotId).execute();
  if (goals.length > 0) {
    await db.insertInto('pilot_goals').values(goals.map((g) => ({ pilot_id: pilotId, plan_kind: g.plan, domain_ord: g.domain, goal_ord: g.goal }))).execute();
  }
}

export async function goalsOfPilots(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, GoalRef[]>> {
  const map = new Map<number, GoalRef[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('pilot_goals').selectAll().where('pilot_id', 'in', ids).orderBy('plan_kind', 'desc').orderBy('domain_ord').orderBy('goal_ord').execute();
  for (const r of rows) map.set(r.pilot_id, [...(map.get(r.pilot_id) ?? []), { plan: r.plan_kind, domain: r.domain_ord, goal: r.goal_ord }]);
  return map;
}

export async function setPilotUnits(db: Kysely<Database>, pilotId: number, units: readonly UnitValues[]): Promise<void> {
  await db.deleteFrom('pilot_units').where('pilot_id', '=', pilotId).execute();
  if (units.length > 0) await db.insertInto('pilot_units').values(units.map((u, i) => ({ ...u, pilot_id: pilotId, ord: i + 1 }))).execute();
}

export async function unitsOfPilots(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('pilot_units').selectAll().where('pilot_id', 'in', ids).orderBy('pilot_id').orderBy('ord').execute();
}

export async function insertMilestone(db: Kysely<Database>, row: Insertable<PilotMilestonesTable>): Promise<PilotMilestoneRow> {
  return db.insertInto('pilot_milestones').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMilestone(db: Kysely<Database>, id: number): Promise<PilotMilestoneRow | null> {
  return (await db.selectFrom('pilot_milestones').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateMilestoneRow(db: Kysely<Database>, id: number, changes: Updateable<PilotMilestonesTable>): Promise<PilotMilestoneRow> {
  return db.updateTable('pilot_milestones').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function milestonesOf(db: Kysely<Database>, ids: readonly number[]): Promise<PilotMilestoneRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('pilot_milestones').selectAll().where('pilot_id', 'in', ids).orderBy('pilot_id').orderBy('due_date').orderBy('ord').execute();
}
