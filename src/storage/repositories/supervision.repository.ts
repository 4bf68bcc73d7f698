import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { SupervisionFindingRow, SupervisionFindingsTable, SupervisionRow, SupervisionsTable, UnitRow } from '../schema/responsibility.schema.ts';

export interface UnitValues {
  department_id: number | null;
  region_code: string | null;
  name: string;
}

export async function insertSupervision(db: Kysely<Database>, row: Insertable<SupervisionsTable>): Promise<SupervisionRow> {
  return db.insertInto('supervisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSupervision(db: Kysely<Database>, id: number): Promise<SupervisionRow | null> {
  return (await db.selectFrom('supervisions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateSupervisionRow(db: Kysely<Database>, id: number, changes: Updateable<SupervisionsTable>): Promise<SupervisionRow> {
  return db.updateTable('supervisions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listSupervisionRows(db: Kysely<Database>, filter: { from?: string; to?: string } = {}): Promise<SupervisionRow[]> {
  let q = db.selectFrom('supervisions').selectAll();
  if (filter.from) q = q.where('visit_date', '>=', filter.from);
  if (filter.to) q = q.where('visit_date', '<=', filter.to);
  return q.orderBy('visit_date', 'desc').orderBy('id', 'desc').execute();
}

export async function setSupervisionUnits(db: Kysely<Database>, supervisionId: number, units: readonly UnitValues[]): Promise<void> {
  await db.deleteFrom('supervision_units').where('supervision_id', '=', supervisionId).execute();
  if (units.length > 0) await db.insertInto('supervision_units').values(units.map((u, i) => ({ ...u, supervision_id: supervisionId, ord: i + 1 }))).execute();
}

export async function unitsOfSupervisions(db: Kysely<Database>, ids: readonly number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('supervision_units').selectAll().where('supervision_id', 'in', ids).orderBy('supervision_id').orderBy('ord').execute();
}

export async function insertFinding(db: Kysely<Database>, row: Insertable<SupervisionFindingsTable>): Promise<SupervisionFindingRow> {
  return db.insertInto('supervision_findings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFinding(db: Kysely<Database>, id: number): Promise<SupervisionFindingRow | null> {
  return (await db.selectFrom('supervision_findings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateFindingRow(db: Kysely<Database>, id: number, changes: Updateable<SupervisionFindingsTable>): Promise<SupervisionFindingRow> {
  return db.updateTable('supervision_findings').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findingsOf(db: Kysely<Database>, supervisionIds: readonly number[]): Promise<SupervisionFindingRow[]> {
  if (supervisionIds.length === 0) return [];
  return db.selectFrom('supervision_findings').selectAll().where('supervision_id', 'in', supervisionIds).orderBy('supervision_id').orderBy('ord').execute();
}

/** Event action under which a finding owner's rectification report is kept in the task's history. */
export const RECTIFICATION_REPORT_ACTION = 'task.rectification_report';

/** Rectification reports on the given tasks, oldest first. */
export async function rectificationReportsOf(db: Kysely<Database>, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('responsibility_events')
    .select(['entity_id', 'at', 'user_name', 'note'])
    .where('entity', '=', 'task')
    .where('action', '=', RECTIFICATION_REPORT_ACTION)
    .where('entity_id', 'in', taskIds)
    .orderBy('id')
    .execute();
}
