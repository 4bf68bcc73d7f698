import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { makeActor } from '../monitoring/monitoring.test-support.ts';
import { addStatus, emptyCounts, getDashboard, type StatusCounts } from './dashboard.service.ts';
import { evaluateYear, forEachIndicatorEvaluation, type YearEvaluation } from './evaluate-year.service.ts';
import { dataStamps } from '../../storage/repositories/evaluation-cache.repository.ts';
import { cacheScope, forEachStoredEvaluation } from './evaluation-cache.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation } from './evaluation.test-support.ts';

const without = ({ computedAt: _, ...rest }: YearEvaluation) => rest;

forEachDialect('stored evaluation results equal the evaluation computed now', (getDb) => {
  const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
  const fresh = async (year = 2024) => without(await evaluateYear(getDb(), { year, cache: false }));
  const stored = async (year = 2024) => without(await evaluateYear(getDb(), { year }));
  const storedRows = () => getDb().selectFrom('evaluation_cache').select(['year', 'indicator_code', 'computed_at', 'data_stamp']).execute();
  const find = (e: Omit<YearEvaluation, 'computedAt'>, indicator: string, region = ZIBO) => e.results.find((r) => r.indicatorCode === indicator && r.regionCode === region)!;

  /** Dashboard counts of the city and each county, recounted from the evaluation computed now. */
  const recount = async (): Promise<Map<string, StatusCounts>> => {
    const counts = new Map<string, StatusCounts>();
    for (const r of (await fresh()).results) {
      if (!counts.has(r.regionCode)) counts.set(r.regionCode, emptyCounts());
      addStatus(counts.get(r.regionCode)!, r);
    }
    return counts;
  };
  const dashboardCounts = async () => new Map((await getDashboard(getDb(), office, { year: 2024 })).regions.map((r) => [r.code, r.counts] as const));

  beforeAll(async () => {
    await seedEvaluation(getDb());
    await insertValues(getDb(), fixtureValues());
  });

  it('stores every indicator on the first read and gives back the same results, gaps and spreads', async () => {
    expect(await storedRows()).toEqual([]);
    const now = await fresh();
    expect(await stored()).toEqual(now);
    const rows = await storedRows();
    expect(rows.length).toBe(new Set(now.results.map((r) => r.indicatorCode)).size);
    // The second read is from the store, and still equal.
    expect(await stored()).toEqual(now);
    expect((await storedRows()).map((r) => r.computed_at)).toEqual(rows.map((r) => r.computed_at));
    expect(now.gaps.length).toBeGreaterThan(0);
    expect(now.spreads.length).toBeGreaterThan(0);
  });

  it('reads the stored working, not a recomputation (a stored reason changed by hand shows)', async () => {
    const scope = cacheScope({});
    const row = await getDb().selectFrom('evaluation_cache').select('payload').where('year', '=', 2024).where('indicator_code', '=', 'W1.03').where('scope', '=', scope).executeTakeFirstOrThrow();
    const original = find(await fresh(), 'W1.03').reason;
    await getDb().updateTable('evaluation_cache').set({ payload: row.payload.replace(original, '（手工改动）') }).where('indicator_code', '=', 'W1.03').execute();
    expect(find(await stored(), 'W1.03').reason).toBe('（手工改动）');
    await getDb().updateTable('evaluation_cache').set({ payload: row.payload }).where('indicator_code', '=', 'W1.03').execute();
    expect(find(await stored(), 'W1.03').reason).toBe(original);
  });

  it('the dashboard counts from the stored statuses equal those recounted from a fresh evaluation', async () => {
    const counts = await dashboardCounts();
    expect(counts).toEqual(await recount());
    // 不作评估 (city-wide totals in a county) is counted apart from 无量化目标; the total is the sum of all.
    const zhangdian = counts.get(ZHANGDIAN)!;
    expect(zhangdian.not_assessed).toBeGreaterThan(0);
    expect(counts.get(ZIBO)!.not_assessed).toBe(0);
    for (const c of counts.values()) {
      const { total, ...byStatus } = c;
      expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(total);
    }
    expect(zhangdian.total).toBe(counts.get(ZIBO)!.total);
  });

  it('recomputes an indicator after an approved value is inserted, updated (unlocked) or deleted; others stay stored', async () => {
    const db = getDb();
    const stampOf = async (code: string) => (await storedRows()).find((r) => r.indicator_code === code && r.year === 2024)!;
    const before = await stampOf('W1.04');
    // W1.03: 9.1 → 8.0 in 2024 is achieved (was off track).
    expect(find(await stored(), 'W1.03').status).toBe('off_track');
    await db.updateTable('data_values').set({ value: 8 }).where('indicator_code', '=', 'W1.03').where('region_code', '=', ZIBO).where('year', '=', 2024).execute();
    const afterUpdate = await fresh();
    expect(find(afterUpdate, 'W1.03').status).toBe('achieved');
    expect(await stored()).toEqual(afterUpdate);
    expect(await dashboardCounts()).toEqual(await recount());
    // An untouched indicator was not recomputed.
    expect(await stampOf('W1.04')).toEqual(before);

    // Unlocked (no longer approved): W1.05 of 2024 leaves one point, then the value is gone.
    await db.updateTable('data_values').set({ status: 'submitted' }).where('indicator_code', '=', 'W1.05').where('year', '=', 2024).execute();
    const afterUnlock = await fresh();
    expect(find(afterUnlock, 'W1.05').latestYear).toBe(2023);
    expect(await stored()).toEqual(afterUnlock);

    // A county's values feed the city's roll-up: 博山's W1.17 removed → no complete roll-up for the city.
    await db.deleteFrom('data_values').where('indicator_code', '=', 'W1.17').where('region_code', '=', BOSHAN).where('year', '=', 2024).execute();
    const afterDelete = await fresh();
    expect(find(afterDelete, 'W1.17').latestYear).toBe(2023);
    expect(await stored()).toEqual(afterDelete);
    expect(await dashboardCounts()).toEqual(await recount());

    // A new approved value (an import) of a county.
    await insertValues(db, [{ indicator: 'W1.03', region: ZHANGDIAN, year: 2024, value: 7.5 }]);
    const afterInsert = await fresh();
    expect(find(afterInsert, 'W1.03', ZHANGDIAN).latestValue).toBe(7.5);
    expect(await stored()).toEqual(afterInsert);
    expect(await dashboardCounts()).toEqual(await recount());
  });

  it('a draft, or a value of a later year, leaves the stored result of the year as it is', async () => {
    await stored();
    const rows = await storedRows();
    await insertValues(getDb(), [
      { indicator: 'W1.04', region: ZHANGDIAN, year: 2024, value: 99, status: 'draft' },
      { indicator: 'W1.04', region: ZIBO, year: 2025, value: 90 },
    ]);
    expect(await stored()).toEqual(await fresh());
    expect(await storedRows()).toEqual(rows);
  });

  it('recomputes after a target (threshold) changes, and per configuration and plan', async () => {
    const db = getDb();
    const target = await db.selectFrom('targets').select(['id', 'value']).where('indicator_code', '=', 'W1.04').where('kind', '=', 'threshold').executeTakeFirstOrThrow();
    expect(find(await stored(), 'W1.04').status).toBe('achieved');
    await db.updateTable('targets').set({ value: 95 }).where('id', '=', target.id).execute();
    const raised = await fresh();
    expect(find(raised, 'W1.04').status).not.toBe('achieved');
    expect(await stored()).toEqual(raised);
    await db.updateTable('targets').set({ value: target.value }).where('id', '=', target.id).execute();
    expect(await stored()).toEqual(await fresh());

    // A stricter configuration (on track only from P ≥ 0.99) is stored apart and equals its fresh evaluation.
    const config = { progress: { onTrack: 0.99, atRisk: 0.6 } };
    const strict = without(await evaluateYear(db, { year: 2024, config, cache: false }));
    expect(find(strict, 'W1.07').status).toBe('at_risk');
    expect(without(await evaluateYear(db, { year: 2024, config }))).toEqual(strict);
    expect(find(await stored(), 'W1.07').status).toBe('on_track');
    const children = without(await evaluateYear(db, { year: 2024, planKind: 'children', cache: false }));
    expect(without(await evaluateYear(db, { year: 2024, planKind: 'children' }))).toEqual(children);
    expect(new Set((await storedRows()).map((r) => r.indicator_code)).size).toBeGreaterThan(0);
  });

  it('recomputes after a boundary change of the region tree', async () => {
    const db = getDb();
    // A functional zone closed at the end of 2023: gone from 2024's evaluation.
    await db.updateTable('regions').set({ valid_to: '2023-12-31' }).where('code', '=', '370300-wch').execute();
    const now = await fresh();
    expect(now.regions.map((r) => r.code)).not.toContain('370300-wch');
    expect(await stored()).toEqual(now);
    await db.updateTable('regions').set({ valid_to: null }).where('code', '=', '370300-wch').execute();
    expect(await stored()).toEqual(await fresh());
  });

  it('without details (as the warnings read them): no ranks, gaps or spreads, like the evaluation computed now', async () => {
    const collect = async (fn: typeof forEachStoredEvaluation) => {
      const out: unknown[] = [];
      await fn(getDb(), { year: 2024, details: false }, (e) => void out.push({ code: e.indicator.code, records: e.records, gaps: e.gaps, spread: e.spread }));
      return out;
    };
    const now = await collect(forEachIndicatorEvaluation);
    expect(await collect(forEachStoredEvaluation)).toEqual(now);
    expect(JSON.stringify(now)).not.toMatch(/"rank":\d/);
  });

  it('the triggers mark approved writes only; a read folds the marks into the epochs', async () => {
    const db = getDb();
    const stamps = await dataStamps(db, 2030);
    expect(await db.selectFrom('evaluation_data_changes').selectAll().execute()).toEqual([]);
    await insertValues(db, [
      { indicator: 'W1.07', region: ZHANGDIAN, year: 2024, value: 3, status: 'draft' },
      { indicator: 'W1.07', region: BOSHAN, year: 2022, value: 3 },
      { indicator: 'W1.07', region: BOSHAN, year: 2023, value: 3 },
    ]);
    await db.updateTable('data_values').set({ note: '备注' }).where('indicator_code', '=', 'W1.14').execute();
    const marked = await db.selectFrom('evaluation_data_changes').select(['indicator_code', 'year']).orderBy('year').execute();
    expect(marked).toEqual([
      { indicator_code: 'W1.07', year: 2022 },
      { indicator_code: 'W1.07', year: 2023 },
    ]);
    const after = await dataStamps(db, 2030);
    expect(after.get('W1.07')).toBe((stamps.get('W1.07') ?? 0) + 2);
    expect(after.get('W1.14')).toBe(stamps.get('W1.14'));
    // The 2023 mark counts for 2023 and later, not for 2022.
    expect((await dataStamps(db, 2022)).get('W1.07')).toBeLessThan(after.get('W1.07')!);
    expect(await db.selectFrom('evaluation_data_changes').selectAll().execute()).toEqual([]);
    expect(await stored()).toEqual(await fresh());
  });

  it('keeps earlier years apart', async () => {
    expect(await stored(2023)).toEqual(await fresh(2023));
    expect(find(await stored(2023), 'W1.03').status).toBe('at_risk');
    const years = new Set((await storedRows()).map((r) => r.year));
    expect([...years].sort()).toEqual([2023, 2024]);
  });
});
