import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { makeActor } from '../monitoring/monitoring.test-support.ts';
import { addCountyGoal, addCountyTarget, deriveCountyPlan, fileCountyPlan, updateCountyPlan, updateCountyTarget } from '../responsibility/county-plan.service.ts';
import type { CountyPlanView, CountyTargetView } from '../responsibility/county-plan.view.ts';
import { addStatus, emptyCounts, getDashboard, type StatusCounts } from './dashboard.service.ts';
import { evaluateYear, type EvaluationRecord } from './evaluate-year.service.ts';
import { indicatorEvaluation } from './indicator-view.service.ts';
import { midtermEvaluation } from './midterm.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation, series } from './evaluation.test-support.ts';

const allTargets = (plan: CountyPlanView): CountyTargetView[] => plan.domains.flatMap((d) => [...d.goals.flatMap((g) => g.targets), ...d.measureTargets]);

forEachDialect('counties judged against their own filed plan, not against city-wide totals', (getDb) => {
  const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
  let plan: CountyPlanView;
  const target = (code: string) => allTargets(plan).find((t) => t.indicatorCode === code)!;
  const stored = async () => (await evaluateYear(getDb(), { year: 2024 })).results;
  const fresh = async () => (await evaluateYear(getDb(), { year: 2024, cache: false })).results;
  // The record judged against a city target (or the county target derived from it); `added` finds the county's own.
  const find = (results: EvaluationRecord[], indicator: string, region: string) => results.find((r) => r.indicatorCode === indicator && r.regionCode === region && r.targetBasis !== 'county_added')!;
  const added = (results: EvaluationRecord[], region = ZHANGDIAN) => results.filter((r) => r.regionCode === region && r.targetBasis === 'county_added');
  /** Dashboard counts recounted from the year's records (computed now). */
  const recount = async (): Promise<Map<string, StatusCounts>> => {
    const counts = new Map<string, StatusCounts>();
    for (const r of await fresh()) {
      if (!counts.has(r.regionCode)) counts.set(r.regionCode, emptyCounts());
      addStatus(counts.get(r.regionCode)!, r);
    }
    return counts;
  };
  const dashboard = async () => new Map((await getDashboard(getDb(), office, { year: 2024 })).regions.map((r) => [r.code, r.counts] as const));

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
      // 妇女健康素养水平 of 张店区 (its added target: ≥30%).
      ...series('W1.08', ZHANGDIAN, { 2021: 24, 2022: 27, 2023: 29, 2024: 31 }),
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
      expect(kg.notAssessed).toBe(true);
      expect(kg.statusLabel).toBe('不作评估');
      expect(kg.targetBasis).toBe('city');
      expect(kg.method).toBe('not_evaluated');
      expect(kg.reason).toContain('全市总量目标');
      expect(kg.reason).toContain('区县级不作评估');
    }
    // A count placed on every county (每个区县都建成…托育服务机构) is still judged in a county.
    const perCounty = find(results, 'C4.06', ZHANGDIAN);
    expect(perCounty.method).not.toBe('not_evaluated');
    expect(perCounty.status).toBe('insufficient_data');
    // A direction-only target stays 无量化目标 (not 不作评估); the city has nothing 不作评估.
    expect(find(results, 'W1.01', ZHANGDIAN)).toMatchObject({ status: 'no_target', notAssessed: false, statusLabel: '无量化目标' });
    expect(results.filter((r) => r.regionCode === ZIBO && r.notAssessed)).toEqual([]);
    expect(added(results)).toEqual([]);
  });

  it('a draft county plan changes nothing; once filed, the county is judged against its own target', async () => {
    plan = await updateCountyTarget(getDb(), office, plan.id, target('W1.03').id, { value: 9.2 });
    plan = await updateCountyTarget(getDb(), office, plan.id, target('W1.04').id, { status: 'not_applicable', reason: '区内已全部覆盖，另设目标' });
    // Targets the county adds to its own plan (no city counterpart), under a goal it adds.
    plan = await addCountyGoal(getDb(), office, plan.id, { domainOrd: 1, text: '实施妇女健康素养提升和孕早期检测专项行动。', reason: '本区特色工作' });
    const goal = plan.domains.find((d) => d.ord === 1)!.goals.find((g) => g.status === 'added')!;
    const add = async (input: Omit<Parameters<typeof addCountyTarget>[3], 'countyGoalId'>) => (plan = await addCountyTarget(getDb(), office, plan.id, { countyGoalId: goal.id, ...input }));
    // By its indicator code; by its indicator name only (an alias of W1.17, tied the way city targets are);
    // one the catalogue has nothing for; and a deadline (a task, not an indicator).
    await add({ indicatorName: '妇女健康素养水平', indicatorCode: 'W1.08', kind: 'threshold', op: '>=', value: 30, unit: '%', text: '妇女健康素养水平达到30%以上' });
    await add({ indicatorName: '孕早期检测率', kind: 'threshold', op: '>=', value: 75, unit: '%', text: '孕早期检测率达到75%以上' });
    await add({ indicatorName: '陶瓷产业女职工技能培训人次', kind: 'count', op: '>=', value: 5000, unit: '人次', text: '陶瓷产业女职工技能培训每年5000人次以上' });
    await add({ indicatorName: '专项行动方案', kind: 'deadline', text: '2022年6月底前出台专项行动方案' });
    expect(goal.ord).toBe(10);
    expect(find(await stored(), 'W1.03', ZHANGDIAN).status).toBe('off_track');
    expect(added(await stored())).toEqual([]);

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
    expect(marked).toMatchObject({ notAssessed: true, statusLabel: '不作评估', targetBasis: 'county', countyTargetId: target('W1.04').id });
    expect(marked.method).toBe('not_evaluated');
    expect(marked.reason).toContain('标注为不适用（区内已全部覆盖，另设目标）');
    expect(marked.reason).toContain('2024年为84%');
    expect(find(results, 'W1.04', ZIBO).status).toBe('achieved');
    expect(mmr).toMatchObject({ targetBasis: 'county', countyTargetId: target('W1.03').id, notAssessed: false });

    // The county's added targets, each in its county only, the working saying whose target it is.
    const own = added(results);
    expect(own.map((r) => r.indicatorCode)).toEqual(['W1.08', 'W1.17', '']);
    const [literacy, early, training] = own as [EvaluationRecord, EvaluationRecord, EvaluationRecord];
    expect(literacy).toMatchObject({ status: 'achieved', targetId: null, targetKind: 'threshold', targetValue: 30, planKind: 'women', domainOrd: 1, notAssessed: false });
    expect(literacy.countyTargetId).toBe(allTargets(plan).find((t) => t.text === '妇女健康素养水平达到30%以上')!.id);
    expect(literacy.reason).toBe('2024年为31%，按区县规划新增目标≥30%，已达标');
    expect(literacy.targetText).toBe('妇女健康素养水平达到30%以上');
    expect(literacy.domainTitle).toBe(find(results, 'W1.03', ZHANGDIAN).domainTitle);
    expect(literacy.planCode).toBe(find(results, 'W1.03', ZHANGDIAN).planCode);
    // 72% every year against ≥75%: no progress at all.
    expect(early).toMatchObject({ status: 'off_track', latestValue: 72, targetValue: 75 });
    expect(early.reason).toContain('按区县规划新增目标≥75%');
    // Nothing in the catalogue: listed as 数据不足, saying why.
    expect(training).toMatchObject({ status: 'insufficient_data', indicatorName: '陶瓷产业女职工技能培训人次', method: 'not_evaluated', latestValue: null, source: 'none' });
    expect(training.reason).toBe('按区县规划新增目标“陶瓷产业女职工技能培训每年5000人次以上”未关联监测指标（“陶瓷产业女职工技能培训人次”在监测指标体系中没有对应指标），无数据可评估，数据不足');
    expect(results.some((r) => r.targetText.includes('专项行动方案'))).toBe(false);
    expect(added(results, BOSHAN)).toEqual([]);
    // W1.08's city target, adopted in the derived plan, is still judged in 张店区 beside the county's added one.
    expect(find(results, 'W1.08', ZHANGDIAN)).toMatchObject({ targetBasis: 'county', reason: expect.stringContaining('按区县规划目标') });
    // The stored results equal those computed now.
    expect(results).toEqual(await fresh());
  });

  it('the dashboard counts a county’s added targets and 不作评估 apart, totals consistent', async () => {
    const counts = await dashboard();
    expect(counts).toEqual(await recount());
    const city = counts.get(ZIBO)!;
    const zhangdian = counts.get(ZHANGDIAN)!;
    const boshan = counts.get(BOSHAN)!;
    // Three added targets in 张店区 (the deadline is a task): one more achieved, off track, 数据不足 each.
    expect(zhangdian.total).toBe(city.total + 3);
    expect(boshan.total).toBe(city.total);
    for (const c of counts.values()) {
      const { total, ...byCategory } = c;
      expect(Object.values(byCategory).reduce((a, b) => a + b, 0)).toBe(total);
    }
    // The marked W1.04 is 不作评估 in 张店区 (as are the city-wide totals, in every county), not 无量化目标.
    expect(zhangdian.not_assessed).toBe(boshan.not_assessed + 1);
    expect(zhangdian.no_target).toBe(boshan.no_target);
    expect(city.not_assessed).toBe(0);
    // In the plan and domain the added targets stand in.
    const women = (await getDashboard(getDb(), office, { year: 2024, regionCode: ZHANGDIAN, planKind: 'women' })).regions[0]!;
    const cityWomen = (await getDashboard(getDb(), office, { year: 2024, regionCode: ZIBO, planKind: 'women' })).regions[0]!;
    expect(women.counts.total).toBe(cityWomen.counts.total + 3);
    expect((await getDashboard(getDb(), office, { year: 2024, regionCode: ZHANGDIAN, planKind: 'children' })).regions[0]!.counts.total).toBe(city.total - cityWomen.counts.total);
    const domain1 = women.plans[0]!.domains.find((d) => d.ord === 1)!;
    const cityDomain1 = (await getDashboard(getDb(), office, { year: 2024, regionCode: ZIBO, planKind: 'women' })).regions[0]!.plans[0]!.domains.find((d) => d.ord === 1)!;
    expect(domain1.counts.total).toBe(cityDomain1.counts.total + 3);
    // The mid-term view of 张店区 counts them too (数据不足 outside the rates).
    const midterm = await midtermEvaluation(getDb(), { year: 2024, regionCode: ZHANGDIAN, planKind: 'women' });
    expect(midterm.plans[0]!.overall.counts).toEqual(women.plans[0]!.counts);
  });

  it('the indicator page shows the county’s own target beside the city’s, and 不作评估 as such', async () => {
    const page = await indicatorEvaluation(getDb(), office, { indicatorCode: 'W1.08', regionCode: ZHANGDIAN, year: 2024 });
    expect(page.targets.map((t) => t.basis)).toEqual(['county', 'county_added']);
    const own = page.targets[1]!;
    expect(own.cityTarget).toBeNull();
    expect(own.target).toMatchObject({ text: '妇女健康素养水平达到30%以上', op: '>=', value: 30, indicatorCode: 'W1.08' });
    expect(own.result.reason).toContain('按区县规划新增目标≥30%');
    expect(page.targets[0]!.cityTarget?.text).toBe(page.targets[0]!.target.text);
    expect(page.targets[0]!.target.id).toBe(page.targets[0]!.countyTargetId);
    const boshan = await indicatorEvaluation(getDb(), office, { indicatorCode: 'W1.08', regionCode: BOSHAN, year: 2024 });
    expect(boshan.targets.map((t) => [t.basis, t.target.id])).toEqual([['city', boshan.targets[0]!.cityTarget!.id]]);
    // 张店区 judged by its adjusted target: the page shows the county's target, not the city's.
    const mmr = await indicatorEvaluation(getDb(), office, { indicatorCode: 'W1.03', regionCode: ZHANGDIAN, year: 2024 });
    expect(mmr.targets[0]).toMatchObject({ basis: 'county', target: { value: 9.2, id: target('W1.03').id }, cityTarget: { value: 8.2 } });
    // A city-wide total: 不作评估 in every county, on the county's page and in the county comparison.
    const kg = await indicatorEvaluation(getDb(), office, { indicatorCode: 'C3.10', regionCode: ZHANGDIAN, year: 2024 });
    expect(kg).toMatchObject({ status: 'no_target', notAssessed: true, statusLabel: '不作评估' });
    const kgCity = await indicatorEvaluation(getDb(), office, { indicatorCode: 'C3.10', year: 2024 });
    expect(kgCity.notAssessed).toBe(false);
    expect(kgCity.counties.every((c) => c.notAssessed && c.statusLabel === '不作评估')).toBe(true);
    // The comparison's headline of 张店区 for W1.08 is the worse of its two targets.
    const literacy = await indicatorEvaluation(getDb(), office, { indicatorCode: 'W1.08', year: 2024 });
    const zd = literacy.counties.find((c) => c.code === ZHANGDIAN)!;
    expect(zd).toMatchObject({ status: page.status, notAssessed: false, statusLabel: page.statusLabel });
  });

  it('a change of a filed county target makes the stored results stale', async () => {
    expect(find(await stored(), 'W1.03', ZHANGDIAN).status).toBe('achieved');
    await getDb().updateTable('county_plan_targets').set({ value: 8.5 }).where('id', '=', target('W1.03').id).execute();
    const results = await stored();
    const mmr = find(results, 'W1.03', ZHANGDIAN);
    expect(mmr.reason).toContain('按区县规划目标≤8.5/10万');
    expect(mmr.status).not.toBe('achieved');
    expect(results).toEqual(await fresh());
    // So does a change of an added target: 31% no longer meets ≥35%.
    const literacy = allTargets(plan).find((t) => t.text === '妇女健康素养水平达到30%以上')!;
    await getDb().updateTable('county_plan_targets').set({ value: 35 }).where('id', '=', literacy.id).execute();
    const raised = await stored();
    expect(added(raised)[0]).toMatchObject({ indicatorCode: 'W1.08', targetValue: 35 });
    expect(added(raised)[0]!.status).not.toBe('achieved');
    expect(raised).toEqual(await fresh());
    expect(await dashboard()).toEqual(await recount());
    // …and an indicator only a county's added target names (here: the city's W1.08 targets unlinked).
    const cityLinks = await getDb().selectFrom('targets').select('id').where('indicator_code', '=', 'W1.08').execute();
    await getDb().updateTable('targets').set({ indicator_code: null }).where('indicator_code', '=', 'W1.08').execute();
    const onlyCounty = await stored();
    expect(onlyCounty.filter((r) => r.indicatorCode === 'W1.08').map((r) => [r.regionCode, r.targetBasis])).toEqual([[ZHANGDIAN, 'county_added']]);
    expect(onlyCounty).toEqual(await fresh());
    expect(await dashboard()).toEqual(await recount());
    await getDb().updateTable('targets').set({ indicator_code: 'W1.08' }).where('id', 'in', cityLinks.map((r) => r.id)).execute();
    expect(await stored()).toEqual(await fresh());
    // Returning the plan to a draft: back to the city target, the added targets gone.
    await getDb().updateTable('county_plans').set({ status: 'returned' }).where('id', '=', plan.id).execute();
    const returned = await stored();
    expect(find(returned, 'W1.03', ZHANGDIAN).reason).toContain('目标≤8.2/10万');
    expect(added(returned)).toEqual([]);
    expect(returned).toEqual(await fresh());
  });
});
