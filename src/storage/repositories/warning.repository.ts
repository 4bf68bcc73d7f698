import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type {
  CountermeasureRow,
  CountermeasuresTable,
  RectificationStepsTable,
  StepRow,
  WarningLevel,
  WarningRow,
  WarningStatus,
  WarningsTable,
} from '../schema/warnings.schema.ts';
import { chunks } from './row-mappers.ts';

/** Warnings, countermeasures and rectification steps (migration 0004-warnings). */

export type NewWarningRow = Insertable<WarningsTable>;
export type WarningChange = Updateable<WarningsTable>;

export interface WarningFilter {
  ids?: readonly number[];
  year?: number;
  years?: readonly number[];
  statuses?: readonly WarningStatus[];
  level?: WarningLevel;
  regionCode?: string;
  departmentId?: number;
  indicatorCode?: string;
}

/** Warnings matching every filter, by year (latest first), level (red first), indicator and region. */
export async function findWarnings(db: Kysely<Database>, filter: WarningFilter = {}): Promise<WarningRow[]> {
  const { ids, year, years, statuses, level, regionCode, departmentId, indicatorCode } = filter;
  if ([ids, years, statuses].some((l) => l !== undefined && l.length === 0)) return [];
  if (ids !== undefined && ids.length > 2000) {
    const out: WarningRow[] = [];
    for (const part of chunks(ids, 2000)) out.push(...(await findWarnings(db, { ...filter, ids: part })));
    return out;
  }
  let q = db.selectFrom('warnings').selectAll();
  if (ids !== undefined) q = q.where('id', 'in', [...ids]);
  if (year !== undefined) q = q.where('year', '=', year);
  if (years !== undefined) q = q.where('year', 'in', [...years]);
  if (statuses !== undefined) q = q.where('status', 'in', [...statuses]);
  if (level !== undefined) q = q.where('level', '=', level);
  if (regionCode !== undefined) q = q.where('region_code', '=', regionCode);
  if (departmentId !== undefined) q = q.where('department_id', '=', departmentId);
  if (indicatorCode !== undefined) q = q.where('indicator_code', '=', indicatorCode);
  return q.orderBy('year', 'desc').orderBy('level').orderBy('indicator_code').orderBy('region_code').execute();
}

export async function findWarning(db: Kysely<Database>, id: number): Promise<WarningRow | null> {
  return (await db.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertWarning(db: Kysely<Database>, row: NewWarningRow): Promise<WarningRow> {
  return db.insertInto('warnings').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change and bumps the version; returns the row as it now is. */
export async function updateWarning(db: Kysely<Database>, id: number, change: WarningChange): Promise<WarningRow> {
  return db
    .updateTable('warnings')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCountermeasures(db: Kysely<Database>, warningIds: readonly number[]): Promise<CountermeasureRow[]> {
  const out: CountermeasureRow[] = [];
  for (const part of chunks(warningIds, 2000)) {
    out.push(...(await db.selectFrom('countermeasures').selectAll().where('warning_id', 'in', part).orderBy('id').execute()));
  }
  return out;
}

export async function insertCountermeasure(db: Kysely<Database>, row: Insertable<CountermeasuresTable>): Promise<CountermeasureRow> {
  return db.insertInto('countermeasures').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSteps(db: Kysely<Database>, warningIds: readonly number[]): Promise<StepRow[]> {
  const out: StepRow[] = [];
  for (const part of chunks(warningIds, 2000)) {
    out.push(...(await db.selectFrom('rectification_steps').selectAll().where('warning_id', 'in', part).orderBy('warning_id').orderBy('ord').execute()));
  }
  return out;
}

export async function insertSteps(db: Kysely<Database>, rows: readonly Insertable<RectificationStepsTable>[]): Promise<StepRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('rectification_steps').values([...rows]).returningAll().execute();
}

export async function updateStep(db: Kysely<Database>, id: number, change: Updateable<RectificationStepsTable>): Promise<StepRow> {
  return db.updateTable('rectification_steps').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Open warnings (issued, responded, escalated) counted by region and level, optionally of one year. */
export async function countOpenWarnings(
  db: Kysely<Database>,
  filter: { year?: number; departmentId?: number; regionCode?: string } = {},
): Promise<{ region_code: string; level: WarningLevel; n: number }[]> {
  let q = db
    .selectFrom('warnings')
    .select(['region_code', 'level'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['issued', 'responded', 'escalated'])
    .groupBy(['region_code', 'level']);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.regionCode !== undefined) q = q.where('region_code', '=', filter.regionCode);
  return (await q.execute()).map((r) => ({ ...r, n: Number(r.n) }));
}
