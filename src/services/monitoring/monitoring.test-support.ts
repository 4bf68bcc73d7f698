/**
 * Test support for the monitoring services (imported by tests only): a database with Zibo's regions down to
 * the counties and the reviewed indicator catalogue, actors of every role, and complete, consistent values
 * for a form.
 */
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import { gridCells } from '../../core/monitoring/disaggregation.ts';
import { COUNT_UNITS } from '../../core/monitoring/validation-rules.ts';
import type { Database } from '../../storage/schema.ts';
import { importCatalogue, readCatalogueFile } from '../catalogue-import.service.ts';
import { loadRegions } from '../region-load.service.ts';
import type { DataValueInput } from './data-value.contract.ts';

export const ZIBO = CITY_REGION_CODE;
export const ZHANGDIAN = '370303';
export const BOSHAN = '370304';

export interface MonitoringSeed {
  departments: Map<string, number>;
  health: number;
  education: number;
  catalogue: IndicatorDefinition[];
}

/** Regions of 淄博市 down to the counties (8 districts and counties, 3 functional zones) and the catalogue. */
export async function seedMonitoring(db: Kysely<Database>): Promise<MonitoringSeed> {
  await loadRegions(db, { prefix: '3703', depth: 'county' });
  const catalogue = readCatalogueFile();
  await importCatalogue(db, catalogue);
  const departments = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((r) => [r.name, r.id] as const));
  const id = (name: string) => {
    const found = departments.get(name);
    if (found === undefined) throw new Error(`目录中没有部门 ${name}`);
    return found;
  };
  return { departments, health: id('市卫生健康委'), education: id('市教育局'), catalogue };
}

let nextUserId = 1000;

export function makeActor(name: string, roles: Role[], departmentId: number | null, regionCode: string | null): Actor {
  nextUserId += 1;
  return { userId: nextUserId, username: name, displayName: name, roles, departmentId, regionCode };
}

export function actorsFor(seed: MonitoringSeed) {
  return {
    admin: makeActor('管理员甲', ['admin'], null, ZIBO),
    stats: makeActor('统计局乙', ['stats'], null, ZIBO),
    viewer: makeActor('领导丙', ['viewer'], null, null),
    healthReporter: makeActor('卫健委填报员', ['reporter'], seed.health, ZIBO),
    educationReporter: makeActor('教育局填报员', ['reporter'], seed.education, ZIBO),
    zhangdianReporter: makeActor('张店区填报员', ['reporter'], null, ZHANGDIAN),
    zhangdianReporter2: makeActor('张店区填报员二', ['reporter'], null, ZHANGDIAN),
    boshanReporter: makeActor('博山区填报员', ['reporter'], null, BOSHAN),
    zhangdianReviewer: makeActor('张店区审核员', ['reviewer'], null, ZHANGDIAN),
    healthReviewer: makeActor('卫健委审核员', ['reviewer'], seed.health, ZIBO),
    cityReviewer: makeActor('市级审核员', ['reviewer'], null, ZIBO),
  };
}

/** A typical level of an indicator in its unit, for generated values. */
function typicalRate(ind: IndicatorDefinition): number {
  if (ind.unit === '%') return 60;
  if (ind.unit === '‰') return 3;
  if (ind.unit === '1/10万') return 8;
  if (ind.unit === '年') return 10.5;
  if (ind.unit === '比值') return 1.5;
  return 2;
}

/**
 * Every grid cell of the indicators for one region and year, consistent with the default rules: ratio
 * indicators carry numerators and denominators whose parts add up to the totals and whose value is exactly
 * numerator/denominator×scale; counts are integers. `factor` scales the denominators (a bigger county) and
 * `rateShift` moves the rates, so that regions differ.
 */
export function completeValues(
  indicators: readonly IndicatorDefinition[],
  regionCode: string,
  year: number,
  options: { factor?: number; rateShift?: number; note?: string } = {},
): DataValueInput[] {
  const factor = options.factor ?? 1;
  const shift = options.rateShift ?? 0;
  const out: DataValueInput[] = [];
  for (const ind of indicators) {
    for (const cell of gridCells(ind)) {
      const base = { indicatorCode: ind.code, regionCode, year, sex: cell.sex, ageGroup: cell.ageGroup, area: cell.area, ...(options.note ? { note: options.note } : {}) };
      if (ind.aggregation === 'ratio') {
        const scale = ind.scale ?? 1;
        const rate = typicalRate(ind) + shift;
        // Parts of a dimension split the total's denominator 49:51 (女:男) or 60:40 (城镇:农村); each part has the same rate.
        const share = cell.sex === '女' ? 0.49 : cell.sex === '男' ? 0.51 : cell.area === '城镇' ? 0.6 : cell.area === '农村' ? 0.4 : 1;
        const denominator = 10_000 * factor * share;
        out.push({ ...base, value: rate, numerator: (rate / scale) * denominator, denominator });
      } else if (ind.aggregation === 'sum') {
        const total = Math.round(100 * factor);
        const part = cell.sex === '女' || cell.area === '城镇' ? Math.round(total * 0.6) : cell.sex === '男' || cell.area === '农村' ? total - Math.round(total * 0.6) : total;
        out.push({ ...base, value: part, numerator: null, denominator: null });
      } else {
        const value = COUNT_UNITS.has(ind.unit) ? 5 : ind.unit === '岁' ? 80 : 2;
        out.push({ ...base, value, numerator: null, denominator: null });
      }
    }
  }
  return out;
}
