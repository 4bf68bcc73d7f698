import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parsePlanFile } from '../core/plan/parse-plan.ts';
import type { Database } from '../storage/schema.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { countRegions } from '../storage/repositories/region.repository.ts';
import { DEFAULT_REGION_CODE } from '../storage/repositories/plan-store.repository.ts';
import { CATALOGUE_FILE, importCatalogue, readCatalogueFile } from './catalogue-import.service.ts';
import type { CatalogueImportResult } from './catalogue-import.service.ts';
import { importPlanFile } from './plan-import.service.ts';
import type { PlanImportResult } from './plan-import.service.ts';
import { REPO_ROOT } from './region-config.ts';
import { loadRegions } from './region-load.service.ts';
import type { LoadRegionsResult, RegionDepth } from './region-load.service.ts';

export const SEED_PLAN_FILE = path.join(REPO_ROOT, 'plans', 'zibo-14th-fyp-women-children-plans.txt');

export interface BootstrapOptions {
  planFile?: string;
  catalogueFile?: string;
  /** Regions loaded into an empty database: default 3703 (淄博市) down to villages. */
  regionPrefix?: string;
  regionDepth?: RegionDepth;
}

export interface BootstrapReport {
  migrations: string[];
  regions: LoadRegionsResult | null;
  catalogue: CatalogueImportResult | null;
  plans: PlanImportResult | null;
  /** What was done, in Chinese, one line each (empty when the database was ready). */
  messages: string[];
}

/**
 * Makes a database ready to serve: migrates it, and fills what is missing — Zibo's regions down to villages,
 * the indicator catalogue, the seed plans. Each step runs in its own transaction and only when its data is
 * absent, so the first start of the server fills an empty database and later starts change nothing.
 */
export async function bootstrap(db: Kysely<Database>, options: BootstrapOptions = {}): Promise<BootstrapReport> {
  const report: BootstrapReport = { migrations: [], regions: null, catalogue: null, plans: null, messages: [] };
  report.migrations = await migrateToLatest(db);
  if (report.migrations.length > 0) report.messages.push(`已执行数据库迁移：${report.migrations.join('、')}`);

  if ((await countRegions(db)) === 0) {
    const regions = await loadRegions(db, { prefix: options.regionPrefix ?? '3703', depth: options.regionDepth ?? 'village' });
    report.regions = regions;
    const { county, town, village } = regions.byLevel;
    report.messages.push(`已载入行政区划（${regions.prefix}）：区县及功能区${county}个，乡镇街道${town}个，村居${village}个`);
  }

  const indicator = await db.selectFrom('indicators').select('code').limit(1).executeTakeFirst();
  if (indicator === undefined) {
    const file = options.catalogueFile ?? CATALOGUE_FILE;
    report.catalogue = await importCatalogue(db, readCatalogueFile(file));
    report.messages.push(`已导入指标目录 ${path.basename(file)}：${report.catalogue.indicators}个指标`);
  }

  const plan = await db.selectFrom('plans').select('id').where('region_code', '=', DEFAULT_REGION_CODE).limit(1).executeTakeFirst();
  if (plan === undefined) {
    const file = options.planFile ?? SEED_PLAN_FILE;
    const parsed = parsePlanFile(readFileSync(file, 'utf8'), { file: path.basename(file) });
    report.plans = await importPlanFile(db, parsed, { regionCode: DEFAULT_REGION_CODE, sourceFile: path.basename(file) });
    for (const p of report.plans.plans) {
      report.messages.push(`已导入${p.title}：${p.domains}个领域，${p.goals}项主要目标，${p.measures}项策略措施，${p.targets}个量化目标`);
    }
  }
  return report;
}
