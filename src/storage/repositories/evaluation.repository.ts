import type { Kysely } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../schema.ts';
import { chunks } from './row-mappers.ts';
import { listTargets, type TargetWithSource } from './target.repository.ts';

/** Reads the evaluation needs: targets, approved values, domain titles, departments. Read-only. */

/** One approved value of a cell as the evaluation reads it. */
export interface ApprovedValueRow {
  indicator_code: string;
  region_code: string;
  year: number;
  sex: string;
  age_group: string;
  area: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  version: number;
}

const VALUE_COLUMNS = ['indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area', 'value', 'numerator', 'denominator', 'version'] as const;

/**
 * The approved total cells (sex, age group and area all '') of one indicator up to a year, in every region or
 * in the regions given. One indicator at a time keeps memory bounded on a province-scale dataset; the query
 * follows the unique index (indicator_code, region_code, year, sex, age_group, area).
 */
export async function approvedTotals(
  db: Kysely<Database>,
  query: { indicatorCode: string; toYear: number; regionCodes?: readonly string[] },
): Promise<ApprovedValueRow[]> {
  const { indicatorCode, toYear, regionCodes } = query;
  if (regionCodes !== undefined && regionCodes.length === 0) return [];
  const parts = regionCodes === undefined ? [undefined] : chunks(regionCodes, 2000);
  const out: ApprovedValueRow[] = [];
  for (const regions of parts) {
    // Only the columns that vary: on a province-scale dataset, reading the rows is most of the query's cost.
    let q = db
      .selectFrom('data_values')
      .select(['region_code', 'year', 'value', 'numerator', 'denominator'])
      .where('indicator_code', '=', indicatorCode)
      .where('sex', '=', '')
      .where('age_group', '=', '')
      .where('area', '=', '')
      .where('status', '=', 'approved');
    if (regions !== undefined) q = q.where('region_code', 'in', regions);
    // The year is filtered here, not in SQL: with `year <= ?` SQLite's planner may pick the (year, indicator)
    // index and scan every year's rows of every indicator; by indicator_code alone it follows the unique index.
    for (const row of await q.execute()) {
      if (row.year > toYear) continue;
      out.push({ indicator_code: indicatorCode, sex: '', age_group: '', area: '', version: 1, ...row });
    }
  }
  return out;
}

/** Every approved cell (totals and disaggregations) of one indicator in one year, in the regions given or all. */
export async function approvedCellsOfYear(
  db: Kysely<Database>,
  query: { indicatorCode: string; year: number; regionCodes?: readonly string[] },
): Promise<ApprovedValueRow[]> {
  const { indicatorCode, year, regionCodes } = query;
  if (regionCodes !== undefined && regionCodes.length === 0) return [];
  const parts = regionCodes === undefined ? [undefined] : chunks(regionCodes, 2000);
  const out: ApprovedValueRow[] = [];
  for (const regions of parts) {
    let q = db
      .selectFrom('data_values')
      .select(VALUE_COLUMNS)
      .where('indicator_code', '=', indicatorCode)
      .where('year', '=', year)
      .where('status', '=', 'approved');
    if (regions !== undefined) q = q.where('region_code', 'in', regions);
    for (const row of await q.execute()) out.push(row);
  }
  return out;
}

/** Targets of the city's plans that name an indicator, optionally of one plan kind or one indicator. */
export async function evaluationTargets(
  db: Kysely<Database>,
  query: { regionCode: string; planKind?: PlanKind; indicatorCode?: string },
): Promise<TargetWithSource[]> {
  const targets = await listTargets(db, {
    regionCode: query.regionCode,
    linked: true,
    ...(query.indicatorCode === undefined ? {} : { indicatorCode: query.indicatorCode }),
  });
  return query.planKind === undefined ? targets : targets.filter((t) => t.source.plan.kind === query.planKind);
}

export interface DomainRef {
  planCode: string;
  planKind: PlanKind;
  planTitle: string;
  ord: number;
  title: string;
}

/** The domains of a region's plans, keyed `${planCode}|${ord}`. */
export async function domainsOf(db: Kysely<Database>, regionCode: string): Promise<Map<string, DomainRef>> {
  const rows = await db
    .selectFrom('domains as d')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title', 'd.ord', 'd.title'])
    .where('p.region_code', '=', regionCode)
    .orderBy('p.period_start')
    .orderBy('d.ord')
    .execute();
  return new Map(
    rows.map((r) => [`${r.plan_code}|${r.ord}`, { planCode: r.plan_code, planKind: r.plan_kind, planTitle: r.plan_title, ord: r.ord, title: r.title }] as const),
  );
}

/** The lead department of each indicator (the catalogue's indicators.department_id). */
export async function indicatorLeadDepartments(db: Kysely<Database>): Promise<Map<string, number | null>> {
  const rows = await db.selectFrom('indicators').select(['code', 'department_id']).execute();
  return new Map(rows.map((r) => [r.code, r.department_id] as const));
}

/** Years that hold approved values of an indicator (any region), ascending. */
export async function approvedYears(db: Kysely<Database>, indicatorCode?: string): Promise<number[]> {
  let q = db.selectFrom('data_values').select('year').distinct().where('status', '=', 'approved');
  if (indicatorCode !== undefined) q = q.where('indicator_code', '=', indicatorCode);
  const rows = await q.execute();
  return rows.map((r) => r.year).sort((a, b) => a - b);
}
