import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { makeActor } from '../monitoring/monitoring.test-support.ts';
import { deriveCountyPlan, fileCountyPlan, updateCountyPlan, updateCountyTarget } from '../responsibility/county-plan.service.ts';
import type { CountyPlanView, CountyTargetView } from '../responsibility/county-plan.view.ts';
import { evaluateYear, type EvaluationRecord } from './evaluate-year.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation, series } from './evaluation.test-support.ts';

const allTargets = (plan: CountyPlanView): CountyTargetView[] => plan.domains.flatMap((d) => [...d.goals.flatMap((g) => g.targets), ...d.measureTargets]);

forEachDialect('counties judged against their own filed plan, not against city-wide totals', (getDb) => {
  const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
  let plan: CountyPlanView;
  const target = (code: string) => allTargets(plan).find((t) => t.indicatorCode === code)!;
  const stored = async () => (await evaluateYear(getDb(), { year: 2024 })).results;
  const fresh = async () => (await evaluateYear(getDb(), { year: 2024, cache: false })).results;
  const find = (results: EvaluationRecord[], indicator: string, region: string) => results.find((r) => r.indicatorCode === indicator && r.regionCode === region)!;

  beforeAll(async () => {
    await seedEvaluation(getDb());
    await insertValues(getDb(), [
      ...fixtureValues(),
      // 张店区: the city's 孕产妇死亡率 series; 2024 value 9.1/10万.
      ...series('W1.03', ZHANGDIAN, { 2020: 10, 2021: 9.8, 2022: 9.5, 2023: 9.3, 2024: 9.1 }),
      ...series('W1.04', ZHANGDIAN, { 2022: 80, 2023: 82, 2024: 84 }),
      // 新建、改扩建幼儿园数 (a city-wide count, 300所以上; counties add up to the city).
      ...series('C3.10', ZHANGDIAN, { 2021: 5, 2022: 12, 2023: 20, 2024: 26 }),
      ...series('C3.10', BOSHAN, { 2021: 3, 2022: 6, 2023: 9, 2024: 12 }),
    ]);
    plan = await deriveCountyPlan(getDb(), office, { regionCode: ZHANGDIAN, planKind: 'women' });
    plan = await updateCountyPlan(getDb(), office, plan.id, { promulgatedAt: '2022-03-01' });
  });

  it('without a filed plan: a rate keeps the city target; a city-wide count is not assessed in a county', async () => {
    const results = await stored();
    const mmr = find(results, 'W1.03', ZHANGDIAN);
    expect(mmr.status).toBe('off_track');
    expect(mmr.reason).toContain('目标≤8.2/10万');
    expect(mmr.reason).not.toContain('区县规划');
    // The ratio-aggregated share of 博山 is still judged against the city's ≥70%.
    expect(find(results, 'W1.17', BOSHAN).status).toBe('off_track');

    const kgCity = find(results, 'C3.10', ZIBO);
    expect(kgCity.method).not.toBe('not_evaluated');
    expect(kgCity.reason).not.toContain('区县级不作评估');
    for (const county of [ZHANGDIAN, BOSHAN]) {
      const kg = find(results, 'C3.10', county);
      expect(kg.status).toBe('no_target');
      expect(kg.method).toBe('not_evaluated');
      expect(kg.reason).toContain('全市总量目标');
      expect(kg.reason).toContain('区县级不作评估');
    }
    // A count placed on every county (每个区县都建成…托育服务机构) is still judged in a county.
    const perCounty = find(results, 'C4.06', ZHANGDIAN);
    expect(perCounty.method).not.toBe('not_evaluated');
    expect(perCounty.status).toBe('insufficient_data');
  });

  it('a draft county plan changes nothing; once filed, the county is judged against its own target', async () => {
    plan = await updateCountyTarget(getDb(), office, plan.id, target('W1.03').id, { value: 9.2 });
    plan = await updateCountyTarget(getDb(), office, plan.id, target('W1.04').id, { status: 'not_applicable', reason: '区内已全部覆盖，另设目标' });
    expect(find(await stored(), 'W1.03', ZHANGDIAN).status).toBe('off_track');

    plan = await fileCountyPlan(getDb(), office, plan.id, { filedAt: '2022-03-20' });
    const results = await stored();
    const mmr = find(results, 'W1.03', ZHANGDIAN);
    expect(mmr.status).toBe('achieved'); // 9.1 ≤ 9.2
    expect(mmr.reason).toBe('2024年为9.1/10万，按区县规划目标≤9.2/10万，已达标');
    expect(mmr.targetValue).toBe(9.2);
    // The city and the other counties keep the city target.
    expect(find(results, 'W1.03', ZIBO).status).toBe('off_track');
    expect(find(results, 'W1.03', ZIBO).targetValue).toBe(8.2);

    const marked = find(results, 'W1.04', ZHANGDIAN);
    expect(marked.status).toBe('no_target');
    expect(marked.method).toBe('not_evaluated');
    expect(marked.reason).toContain('标注为不适用（区内已全部覆盖，另设目标）');
    expect(marked.reason).toContain('2024年为84%');
    expect(find(results, 'W1.04', ZIBO).status).toBe('achieved');
    // The stored results equal those computed now.
    expect(results).toEqual(await fresh());
  });

  it('a change of a filed county target makes the stored results stale', async () => {
    expect(find(await stored(), 'W1.03', ZHANGDIAN).status).toBe('achieved');
    await getDb().updateTable('county_plan_targets').set({ value: 8.5 }).where('id', '=', target('W1.03').id).execute();
    const results = await stored();
    const mmr = find(results, 'W1.03', ZHANGDIAN);
    expect(mmr.reason).toContain('按区县规划目标≤8.5/10万');
    expect(mmr.status).not.toBe('achieved');
    expect(results).toEqual(await fresh());
    // Returning the plan to a draft: back to the city target.
    await getDb().updateTable('county_plans').set({ status: 'returned' }).where('id', '=', plan.id).execute();
    expect(find(await stored(), 'W1.03', ZHANGDIAN).reason).toContain('目标≤8.2/10万');
  });
});
