import type { Kysely } from 'kysely';
import type { IndicatorDetail, IndicatorSummary } from '../../api/contract.ts';
import type { Disaggregation, IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { Database, IndicatorRow } from '../schema.ts';
import { PLAN_KIND_ORDER, parseJsonList } from './row-mappers.ts';
import { listTargets } from './target.repository.ts';

type IndicatorWithDepartment = IndicatorRow & { department_name: string | null };

const compareIndicators = (a: IndicatorRow, b: IndicatorRow) =>
  PLAN_KIND_ORDER[a.plan_kind] - PLAN_KIND_ORDER[b.plan_kind] || a.domain_ord - b.domain_ord || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function selectIndicators(db: Kysely<Database>) {
  return db.selectFrom('indicators as i').leftJoin('departments as dep', 'dep.id', 'i.department_id').selectAll('i').select('dep.name as department_name');
}

function toSummary(row: IndicatorWithDepartment): IndicatorSummary {
  return {
    code: row.code,
    name: row.name,
    unit: row.unit,
    polarity: row.polarity,
    aggregation: row.aggregation,
    disaggregations: parseJsonList<Disaggregation>(row.disaggregations),
    department: row.department_id !== null && row.department_name !== null ? { id: row.department_id, name: row.department_name } : null,
    planKind: row.plan_kind,
    domainOrd: row.domain_ord,
    definition: row.definition,
  };
}

/** The indicator catalogue as stored, women's plan first, by domain and code. */
export async function listIndicators(db: Kysely<Database>): Promise<IndicatorSummary[]> {
  const rows = await selectIndicators(db).execute();
  return rows.sort(compareIndicators).map(toSummary);
}

/** One indicator with its aliases and every target it measures, with the goal or measure each comes from. */
export async function getIndicator(db: Kysely<Database>, code: string): Promise<IndicatorDetail | null> {
  const row = await selectIndicators(db).where('i.code', '=', code).executeTakeFirst();
  if (!row) return null;
  const targets = await listTargets(db, { indicatorCode: code });
  return { ...toSummary(row), aliases: parseJsonList(row.aliases), targets };
}

/** The stored catalogue as definitions again (for matching targets to indicators). */
export async function listIndicatorDefinitions(db: Kysely<Database>): Promise<IndicatorDefinition[]> {
  const rows = await selectIndicators(db).execute();
  return rows.sort(compareIndicators).map((row) => {
    const definition: IndicatorDefinition = {
      code: row.code,
      name: row.name,
      unit: row.unit,
      scale: row.scale,
      polarity: row.polarity,
      aggregation: row.aggregation,
      disaggregations: parseJsonList<Disaggregation>(row.disaggregations),
      department: row.department_name ?? '',
      plan: row.plan_kind,
      domain: row.domain_ord,
      definition: row.definition,
      aliases: parseJsonList(row.aliases),
    };
    if (row.age_groups !== null) definition.ageGroups = parseJsonList(row.age_groups);
    if (row.scopes !== null) definition.scopes = parseJsonList(row.scopes);
    return definition;
  });
}

/** Inserts or updates indicators by code; returns how many were new and how many replaced. */
export async function upsertIndicators(
  db: Kysely<Database>,
  definitions: readonly IndicatorDefinition[],
  departmentIds: ReadonlyMap<string, number>,
): Promise<{ inserted: number; updated: number }> {
  const existing = new Set((await db.selectFrom('indicators').select('code').execute()).map((r) => r.code));
  let inserted = 0;
  for (const d of definitions) {
    const row = {
      name: d.name,
      unit: d.unit,
      scale: d.scale,
      polarity: d.polarity,
      aggregation: d.aggregation,
      disaggregations: JSON.stringify(d.disaggregations),
      age_groups: d.ageGroups === undefined ? null : JSON.stringify(d.ageGroups),
      department_id: departmentIds.get(d.department) ?? null,
      plan_kind: d.plan,
      domain_ord: d.domain,
      definition: d.definition,
      aliases: JSON.stringify(d.aliases),
      scopes: d.scopes === undefined ? null : JSON.stringify(d.scopes),
    };
    await db
      .insertInto('indicators')
      .values({ code: d.code, ...row })
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
    if (!existing.has(d.code)) inserted++;
  }
  return { inserted, updated: definitions.length - inserted };
}
