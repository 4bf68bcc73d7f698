import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { normaliseUnitName } from '../core/department/department-registry.ts';
import { CatalogueError, parseCatalogue } from '../core/indicator/catalogue.ts';
import type { IndicatorDefinition } from '../core/indicator/indicator.types.ts';
import type { Database } from '../storage/schema.ts';
import { ensureDepartments } from '../storage/repositories/department.repository.ts';
import { upsertIndicators } from '../storage/repositories/indicator.repository.ts';
import { inTransaction } from '../storage/transaction.ts';
import { linkTargetsToIndicators } from './indicator-link.service.ts';
import type { LinkResult } from './indicator-link.service.ts';
import { REPO_ROOT } from './region-config.ts';

export const CATALOGUE_FILE = path.join(REPO_ROOT, 'catalogue', 'indicators.json');

/** Reads and validates an indicator catalogue file (Chinese errors naming the entry and field). */
export function readCatalogueFile(file: string = CATALOGUE_FILE): IndicatorDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CatalogueError(`无法读取指标目录 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  return parseCatalogue(json);
}

export interface CatalogueImportResult {
  indicators: number;
  inserted: number;
  updated: number;
  targets: LinkResult;
}

/**
 * Stores the catalogue in one transaction: indicators upserted by code (indicators missing from the file are
 * kept), reporting departments registered under their canonical names, then every stored target linked to
 * its indicator.
 */
export async function importCatalogue(db: Kysely<Database>, definitions: readonly IndicatorDefinition[]): Promise<CatalogueImportResult> {
  return inTransaction(db, async (trx) => {
    const canonical = new Map(definitions.map((d) => [d.department, normaliseUnitName(d.department).name]));
    const ids = await ensureDepartments(trx, canonical.values());
    const departmentIds = new Map([...canonical].map(([raw, name]) => [raw, ids.get(name) as number]));
    const { inserted, updated } = await upsertIndicators(trx, definitions, departmentIds);
    const targets = await linkTargetsToIndicators(trx);
    return { indicators: definitions.length, inserted, updated, targets };
  });
}
