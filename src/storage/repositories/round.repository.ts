import type { Kysely } from 'kysely';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { Database } from '../schema.ts';
import type { RoundRow, RoundStatus } from '../schema/monitoring.schema.ts';
import { listIndicatorDefinitions } from './indicator.repository.ts';

export async function insertRound(
  db: Kysely<Database>,
  round: { year: number; title: string; dueDate: string; openedBy: number | null; openedByName: string; openedAt: string },
): Promise<RoundRow> {
  return db
    .insertInto('rounds')
    .values({
      year: round.year,
      title: round.title,
      due_date: round.dueDate,
      status: 'open',
      opened_by: round.openedBy,
      opened_by_name: round.openedByName,
      opened_at: round.openedAt,
      closed_by: null,
      closed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRound(db: Kysely<Database>, id: number): Promise<RoundRow | null> {
  return (await db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findRoundByYear(db: Kysely<Database>, year: number): Promise<RoundRow | null> {
  return (await db.selectFrom('rounds').selectAll().where('year', '=', year).executeTakeFirst()) ?? null;
}

/** Every round, latest data year first. */
export async function listRoundRows(db: Kysely<Database>): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().orderBy('year', 'desc').execute();
}

export async function setRoundStatus(
  db: Kysely<Database>,
  id: number,
  status: RoundStatus,
  by: { id: number | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('rounds')
    .set(status === 'closed' ? { status, closed_by: by.id, closed_at: at } : { status, closed_by: null, closed_at: null })
    .where('id', '=', id)
    .execute();
}

export async function setRoundDueDate(db: Kysely<Database>, id: number, dueDate: string): Promise<void> {
  await db.updateTable('rounds').set({ due_date: dueDate }).where('id', '=', id).execute();
}

/** An indicator of the catalogue with the department that reports it for the city. */
export interface ReportingIndicator {
  definition: IndicatorDefinition;
  /** The catalogue's reporting department (indicators.department_id). */
  catalogueDepartmentId: number | null;
  /** Who reports it: the administrator's assignment (indicator_reporters) where one exists, else the catalogue's. */
  reportingDepartmentId: number | null;
  /** true when an assignment overrides the catalogue. */
  reassigned: boolean;
}

/** The catalogue in its order (women's plan first, by domain and code), with each indicator's reporter. */
export async function loadReportingCatalogue(db: Kysely<Database>): Promise<ReportingIndicator[]> {
  const definitions = await listIndicatorDefinitions(db);
  const departments = new Map(
    (await db.selectFrom('indicators').select(['code', 'department_id']).execute()).map((r) => [r.code, r.department_id] as const),
  );
  const assigned = new Map(
    (await db.selectFrom('indicator_reporters').select(['indicator_code', 'department_id']).execute()).map(
      (r) => [r.indicator_code, r.department_id] as const,
    ),
  );
  return definitions.map((definition) => {
    const catalogueDepartmentId = departments.get(definition.code) ?? null;
    const override = assigned.get(definition.code);
    return {
      definition,
      catalogueDepartmentId,
      reportingDepartmentId: override ?? catalogueDepartmentId,
      reassigned: override !== undefined && override !== catalogueDepartmentId,
    };
  });
}

export async function saveIndicatorReporter(
  db: Kysely<Database>,
  indicatorCode: string,
  departmentId: number,
  by: { id: number | null; name: string },
  at: string,
): Promise<void> {
  const row = { department_id: departmentId, updated_by: by.id, updated_by_name: by.name, updated_at: at };
  await db
    .insertInto('indicator_reporters')
    .values({ indicator_code: indicatorCode, ...row })
    .onConflict((oc) => oc.column('indicator_code').doUpdateSet(row))
    .execute();
}

/** Names of departments by id. */
export async function departmentNames(db: Kysely<Database>, ids?: readonly number[]): Promise<Map<number, string>> {
  if (ids !== undefined && ids.length === 0) return new Map();
  let q = db.selectFrom('departments').select(['id', 'name']);
  if (ids !== undefined) q = q.where('id', 'in', [...new Set(ids)]);
  return new Map((await q.execute()).map((r) => [r.id, r.name] as const));
}

/** Names of regions by code (only the codes that exist). */
export async function regionNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 2000) {
    const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique.slice(i, i + 2000)).execute();
    for (const r of rows) out.set(r.code, r.name);
  }
  return out;
}
