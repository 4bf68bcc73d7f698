/** The seed plans and catalogue as the storage tests use them: parsed from the real files of the repository. */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parsePlanFile } from '../src/core/plan/parse-plan.ts';
import type { ParsedPlanFile } from '../src/core/plan/plan.types.ts';
import { SEED_PLAN_FILE } from '../src/services/bootstrap.service.ts';
import type { Database } from '../src/storage/schema.ts';

let parsed: ParsedPlanFile | undefined;

/** The seed file parsed (a fresh deep copy each call, so a test may change it). */
export function parseSeed(): ParsedPlanFile {
  parsed ??= parsePlanFile(readFileSync(SEED_PLAN_FILE, 'utf8'), { file: 'zibo-14th-fyp-women-children-plans.txt' });
  return structuredClone(parsed);
}

/** Goals and measures per domain, as issue 2 states them for the seed. */
export const SEED_SHAPE = {
  'women-2021-2025': { goals: [9, 10, 10, 12, 8, 10, 9, 9], measures: [13, 13, 13, 10, 11, 13, 10, 10] },
  'children-2021-2025': { goals: [12, 8, 7, 8, 11, 8, 7], measures: [14, 11, 12, 11, 13, 8, 9] },
} as const;

const TABLES = [
  'regions',
  'region_links',
  'departments',
  'department_aliases',
  'plans',
  'plan_sections',
  'domains',
  'goals',
  'measures',
  'goal_units',
  'indicators',
  'targets',
  'unplaced_phrases',
] as const;

/** Every row of every table, in a stable order: to show that a failed operation changed nothing. */
export async function dumpDatabase(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    dump[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
}
