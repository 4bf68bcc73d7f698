import type { Kysely } from 'kysely';
import type { ParsedPlan } from '../../core/plan/plan.types.ts';
import type { Target, UnplacedPhrase } from '../../core/target/target.types.ts';
import { rowsPerInsert } from '../database.ts';
import type { Database, GoalUnitsTable, NewTarget, UnplacedPhrasesTable } from '../schema.ts';
import type { Insertable } from 'kysely';
import { chunks, targetColumns } from './row-mappers.ts';

export const DEFAULT_REGION_CODE = '370300';

export async function findPlanId(db: Kysely<Database>, regionCode: string, code: string): Promise<number | null> {
  const row = await db.selectFrom('plans').select('id').where('region_code', '=', regionCode).where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

/** Deletes a plan and everything under it (domains, goals, measures, units, targets, sections cascade). */
export async function deletePlan(db: Kysely<Database>, planId: number): Promise<void> {
  await db.deleteFrom('plans').where('id', '=', planId).execute();
}

export interface PlanInsert {
  regionCode: string;
  sourceFile: string | null;
  importedAt: string;
  /** Canonical department name → id (every lead and responsible unit of the plan must be present). */
  departmentIds: ReadonlyMap<string, number>;
  /** Indicator codes present in the indicators table: a target's code is kept only when it is one of them. */
  indicatorCodes: ReadonlySet<string>;
}

export interface PlanInsertResult {
  planId: number;
  domains: number;
  goals: number;
  measures: number;
  targets: number;
  unplaced: number;
}

async function insertMany<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  for (const part of chunks(rows, rowsPerInsert(db, columns))) {
    await db.insertInto(table).values(part as never).execute();
  }
}

function targetRow(t: Target, ord: number, source: { goal_id: number } | { measure_id: number }, codes: ReadonlySet<string>): NewTarget {
  return {
    goal_id: 'goal_id' in source ? source.goal_id : null,
    measure_id: 'measure_id' in source ? source.measure_id : null,
    ord,
    ...targetColumns(t),
    // A code the catalogue does not know stays unmatched (the column references indicators.code).
    indicator_code: t.indicatorCode !== null && codes.has(t.indicatorCode) ? t.indicatorCode : null,
  };
}

function unplacedRow(u: UnplacedPhrase, ord: number, source: { goal_id: number } | { measure_id: number }): Insertable<UnplacedPhrasesTable> {
  return {
    goal_id: 'goal_id' in source ? source.goal_id : null,
    measure_id: 'measure_id' in source ? source.measure_id : null,
    ord,
    text: u.text,
    sentence: u.sentence,
    reason: u.reason,
  };
}

/** Inserts one parsed plan (the caller runs it in a transaction and has removed any plan of the same code). */
export async function insertParsedPlan(db: Kysely<Database>, plan: ParsedPlan, options: PlanInsert): Promise<PlanInsertResult> {
  const { id: planId } = await db
    .insertInto('plans')
    .values({
      code: plan.code,
      region_code: options.regionCode,
      kind: plan.kind,
      title: plan.title,
      area_name: plan.areaName,
      period_start: plan.period.start,
      period_end: plan.period.end,
      preamble: plan.preamble,
      source_file: options.sourceFile,
      imported_at: options.importedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await insertMany(
    db,
    'plan_sections',
    plan.sections.map((s, i) => ({ plan_id: planId, ord: i + 1, number: s.number, title: s.title, text: s.text, line: s.line })),
  );

  const targets: NewTarget[] = [];
  const unplaced: Insertable<UnplacedPhrasesTable>[] = [];
  const units: Insertable<GoalUnitsTable>[] = [];
  let goalCount = 0;
  let measureCount = 0;
  for (const domain of plan.domains) {
    const { id: domainId } = await db
      .insertInto('domains')
      .values({ plan_id: planId, ord: domain.ord, title: domain.title, line: domain.line })
      .returning('id')
      .executeTakeFirstOrThrow();

    if (domain.goals.length > 0) {
      // RETURNING order is not guaranteed: match the rows back by ord, unique within a domain.
      const goalIds = new Map<number, number>();
      for (const part of chunks(domain.goals, rowsPerInsert(db, 5))) {
        const rows = await db
          .insertInto('goals')
          .values(part.map((g) => ({ domain_id: domainId, ord: g.ord, text: g.text, units_text: g.unitsText, line: g.line })))
          .returning(['id', 'ord'])
          .execute();
        for (const r of rows) goalIds.set(r.ord, r.id);
      }
      for (const goal of domain.goals) {
        const goalId = goalIds.get(goal.ord) as number;
        goalCount++;
        const lists: [string[], 'lead' | 'responsible'][] = [
          [goal.leadUnits, 'lead'],
          [goal.responsibleUnits, 'responsible'],
        ];
        let ord = 0;
        for (const [names, role] of lists) {
          for (const name of names) {
            const departmentId = options.departmentIds.get(name);
            if (departmentId === undefined) throw new Error(`单位“${name}”未登记到单位名录`);
            units.push({ goal_id: goalId, department_id: departmentId, group_name: null, role, ord: ++ord });
          }
        }
        // Group references carry no role in a parsed plan; plans name them among the 责任单位.
        for (const group of goal.unitGroups) units.push({ goal_id: goalId, department_id: null, group_name: group, role: 'responsible', ord: ++ord });
        goal.targets.forEach((t, i) => targets.push(targetRow(t, i + 1, { goal_id: goalId }, options.indicatorCodes)));
        goal.unplaced.forEach((u, i) => unplaced.push(unplacedRow(u, i + 1, { goal_id: goalId })));
      }
    }

    if (domain.measures.length > 0) {
      const measureIds = new Map<number, number>();
      for (const part of chunks(domain.measures, rowsPerInsert(db, 5))) {
        const rows = await db
          .insertInto('measures')
          .values(part.map((m) => ({ domain_id: domainId, ord: m.ord, title: m.title, text: m.text, line: m.line })))
          .returning(['id', 'ord'])
          .execute();
        for (const r of rows) measureIds.set(r.ord, r.id);
      }
      for (const measure of domain.measures) {
        const measureId = measureIds.get(measure.ord) as number;
        measureCount++;
        measure.targets.forEach((t, i) => targets.push(targetRow(t, i + 1, { measure_id: measureId }, options.indicatorCodes)));
        measure.unplaced.forEach((u, i) => unplaced.push(unplacedRow(u, i + 1, { measure_id: measureId })));
      }
    }
  }
  await insertMany(db, 'goal_units', units);
  await insertMany(db, 'targets', targets);
  await insertMany(db, 'unplaced_phrases', unplaced);
  return { planId, domains: plan.domains.length, goals: goalCount, measures: measureCount, targets: targets.length, unplaced: unplaced.length };
}
