/**
 * Test support for the evaluation services (imported by tests only): a database with Zibo's regions down to
 * the counties, the indicator catalogue and both seed plans (their targets), and approved values written
 * straight to storage with hand-computable series.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { insertDataValues } from '../../storage/repositories/data-value.repository.ts';
import { bootstrap } from '../bootstrap.service.ts';
import type { ValueStatus } from '../../storage/schema/monitoring.schema.ts';

export const ZIBO = '370300';
export const ZHANGDIAN = '370303';
export const BOSHAN = '370304';

export async function seedEvaluation(db: Kysely<Database>): Promise<{ departments: Map<string, number> }> {
  await bootstrap(db, { regionDepth: 'county' });
  const departments = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((r) => [r.name, r.id] as const));
  return { departments };
}

export interface FixtureValue {
  indicator: string;
  region: string;
  year: number;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  sex?: '女' | '男';
  area?: '城镇' | '农村';
  status?: ValueStatus;
}

/** A series of one indicator in one region: { 2020: 10, 2021: 9.8, … }. */
export function series(indicator: string, region: string, values: Record<number, number>, extra: Partial<FixtureValue> = {}): FixtureValue[] {
  return Object.entries(values).map(([year, value]) => ({ indicator, region, year: Number(year), value, ...extra }));
}

export async function insertValues(db: Kysely<Database>, values: readonly FixtureValue[]): Promise<void> {
  const now = new Date().toISOString();
  await insertDataValues(
    db,
    values.map((v) => ({
      indicator_code: v.indicator,
      region_code: v.region,
      year: v.year,
      sex: v.sex ?? '',
      age_group: '',
      area: v.area ?? '',
      value: v.value,
      numerator: v.numerator ?? null,
      denominator: v.denominator ?? null,
      source: '测试',
      note: null,
      status: v.status ?? 'approved',
      version: 1,
      backfilled: 0,
      form_id: null,
      created_at: now,
      updated_at: now,
      updated_by: null,
      updated_by_name: '测试',
    })),
  );
}

/** Counties and zones under the city (as bootstrap loads them). */
export const COUNTIES = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323', '370300-gxq', '370300-jkq', '370300-wch'];

/**
 * The fixture year 2024 with known statuses (city 370300 unless said):
 * - W1.03 孕产妇死亡率 ≤8.2/10万: 10, 9.8, 9.5, 9.3, 9.1 (2020–2024) → off_track (P = 0.599), 2023 at_risk (P = 0.614);
 * - W1.04 ≥85%: 86 in 2024 → achieved;
 * - W1.05 ≥85%: 70, 75 (2023–2024) → insufficient_data (2 points);
 * - W1.07 ≤3%: 4, 3.6, 3.2 (2020, 2022, 2024) → on_track (P = 0.971);
 * - W1.14 ≥90% (bounded: shortfall): 80, 83, 86 (2020, 2022, 2024) → at_risk (P = 0.659);
 * - W1.01 trend (life expectancy up): 80, 80.5, 81 → no_target, stable (CAGR 0.31%);
 * - C1.11 ≤30%: 40 … 32 falling by 1 a year (2015–2023), then 25 in 2024 → achieved, volatile; sex 24/26, area 22/28;
 * - W1.17 ≥70% (ratio, rolled up: no city value): every county 720/1000 each year 2020–2024, except 博山
 *   50, 52, 54, 56, 58% → 博山 off_track; the city's roll-up 70.73% in 2024 → achieved.
 */
export function fixtureValues(): FixtureValue[] {
  const values: FixtureValue[] = [
    ...series('W1.03', ZIBO, { 2020: 10, 2021: 9.8, 2022: 9.5, 2023: 9.3, 2024: 9.1 }),
    ...series('W1.04', ZIBO, { 2024: 86 }),
    ...series('W1.05', ZIBO, { 2023: 70, 2024: 75 }),
    ...series('W1.07', ZIBO, { 2020: 4, 2022: 3.6, 2024: 3.2 }),
    ...series('W1.14', ZIBO, { 2020: 80, 2022: 83, 2024: 86 }),
    ...series('W1.01', ZIBO, { 2020: 80, 2022: 80.5, 2024: 81 }),
    ...series('C1.11', ZIBO, { 2015: 40, 2016: 39, 2017: 38, 2018: 37, 2019: 36, 2020: 35, 2021: 34, 2022: 33, 2023: 32, 2024: 25 }),
    { indicator: 'C1.11', region: ZIBO, year: 2024, sex: '女', value: 24 },
    { indicator: 'C1.11', region: ZIBO, year: 2024, sex: '男', value: 26 },
    { indicator: 'C1.11', region: ZIBO, year: 2024, area: '城镇', value: 22 },
    { indicator: 'C1.11', region: ZIBO, year: 2024, area: '农村', value: 28 },
  ];
  for (const county of COUNTIES) {
    for (let year = 2020; year <= 2024; year++) {
      const rate = county === BOSHAN ? 50 + 2 * (year - 2020) : 72;
      values.push({ indicator: 'W1.17', region: county, year, value: rate, numerator: rate * 10, denominator: 1000 });
    }
  }
  return values;
}
