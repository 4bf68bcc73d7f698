import type { Kysely } from 'kysely';
import { normaliseUnitName } from '../core/department/department-registry.ts';
import type { PlanKind, ParsedPlanFile } from '../core/plan/plan.types.ts';
import type { Database } from '../storage/schema.ts';
import { ensureDepartments } from '../storage/repositories/department.repository.ts';
import { DEFAULT_REGION_CODE, deletePlan, findPlanId, insertParsedPlan } from '../storage/repositories/plan-store.repository.ts';
import { inTransaction } from '../storage/transaction.ts';
import { linkTargetsToIndicators } from './indicator-link.service.ts';
import type { LinkResult } from './indicator-link.service.ts';

export class PlanImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanImportError';
  }
}

export interface PlanImportOptions {
  /** The issuing region, default 370300 (淄博市). */
  regionCode?: string;
  /** File name recorded with each plan. */
  sourceFile?: string | null;
}

export interface ImportedPlan {
  code: string;
  kind: PlanKind;
  title: string;
  planId: number;
  /** A plan of the same code and region was there before and has been replaced. */
  replaced: boolean;
  domains: number;
  goals: number;
  measures: number;
  targets: number;
  unplaced: number;
}

export interface PlanImportResult {
  regionCode: string;
  plans: ImportedPlan[];
  targets: LinkResult;
}

/**
 * Stores every plan of a parsed file in one transaction: all of them or none. A plan already stored under the
 * same code for the same region is replaced (its goals, measures and targets get new ids). Unit names go
 * through the department registry; targets are linked to the stored indicator catalogue.
 */
export async function importPlanFile(db: Kysely<Database>, parsed: ParsedPlanFile, options: PlanImportOptions = {}): Promise<PlanImportResult> {
  const regionCode = options.regionCode ?? DEFAULT_REGION_CODE;
  if (parsed.plans.length === 0) throw new PlanImportError('文件中没有可导入的规划（未导入任何内容）');
  const codes = parsed.plans.map((p) => p.code);
  const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
  if (duplicate !== undefined) throw new PlanImportError(`文件中有两部规划的编号都是“${duplicate}”（未导入任何内容）`);

  return inTransaction(db, async (trx) => {
    const rawNames = new Set(parsed.plans.flatMap((p) => p.domains.flatMap((d) => d.goals.flatMap((g) => [...g.leadUnits, ...g.responsibleUnits]))));
    const canonical = new Map([...rawNames].map((raw) => [raw, normaliseUnitName(raw).name]));
    const ids = await ensureDepartments(trx, canonical.values());
    const departmentIds = new Map([...canonical].map(([raw, name]) => [raw, ids.get(name) as number]));
    const indicatorCodes = new Set((await trx.selectFrom('indicators').select('code').execute()).map((r) => r.code));
    const importedAt = new Date().toISOString();

    const plans: ImportedPlan[] = [];
    for (const plan of parsed.plans) {
      const existing = await findPlanId(trx, regionCode, plan.code);
      if (existing !== null) await deletePlan(trx, existing);
      const inserted = await insertParsedPlan(trx, plan, { regionCode, sourceFile: options.sourceFile ?? null, importedAt, departmentIds, indicatorCodes });
      plans.push({ code: plan.code, kind: plan.kind, title: plan.title, replaced: existing !== null, ...inserted });
    }
    const targets = await linkTargetsToIndicators(trx);
    return { regionCode, plans, targets };
  });
}
