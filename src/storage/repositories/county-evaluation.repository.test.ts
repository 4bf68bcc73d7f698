import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { makeActor } from '../../services/monitoring/monitoring.test-support.ts';
import { addCountyGoal, addCountyTarget, deriveCountyPlan, fileCountyPlan, updateCountyGoal, updateCountyPlan } from '../../services/responsibility/county-plan.service.ts';
import type { CountyPlanView } from '../../services/responsibility/county-plan.view.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, seedEvaluation } from '../../services/evaluation/evaluation.test-support.ts';
import { filedCountyOwnTargets, filedCountyTargets } from './county-evaluation.repository.ts';

forEachDialect('county plan targets the evaluation reads (filed plans only)', (getDb) => {
  const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
  let plan: CountyPlanView;
  let cityWomenCode = '';
  const own = (query: Partial<Parameters<typeof filedCountyOwnTargets>[1]> = {}) => filedCountyOwnTargets(getDb(), { cityRegionCode: ZIBO, ...query });

  beforeAll(async () => {
    await seedEvaluation(getDb());
    cityWomenCode = (await getDb().selectFrom('plans').select('code').where('region_code', '=', ZIBO).where('kind', '=', 'women').executeTakeFirstOrThrow()).code;
    plan = await deriveCountyPlan(getDb(), office, { regionCode: ZHANGDIAN, planKind: 'women' });
    plan = await updateCountyPlan(getDb(), office, plan.id, { promulgatedAt: '2022-03-01' });
    // An added goal with two targets (the second of a measure-less kind: a trend), and a target added under a city
    // goal that is then marked 不适用 (its targets follow: not in force).
    plan = await addCountyGoal(getDb(), office, plan.id, { domainOrd: 2, text: '提升女性职业技能。', reason: '本区特色' });
    const added = plan.domains.find((d) => d.ord === 2)!.goals.find((g) => g.status === 'added')!;
    plan = await addCountyTarget(getDb(), office, plan.id, { countyGoalId: added.id, indicatorName: '女职工技能培训人次', kind: 'count', op: '>=', value: 5000, unit: '人次', text: '女职工技能培训每年5000人次以上', reason: '陶瓷产业' });
    plan = await addCountyTarget(getDb(), office, plan.id, { countyGoalId: added.id, indicatorName: '女性技能人才数', kind: 'trend', direction: 'increase', text: '女性技能人才数逐步增加' });
    const cityGoal = plan.domains.find((d) => d.ord === 1)!.goals[2]!;
    plan = await addCountyTarget(getDb(), office, plan.id, { countyGoalId: cityGoal.id, indicatorName: '孕产妇死亡率', indicatorCode: 'W1.03', kind: 'threshold', op: '<=', value: 7, unit: '1/10万', text: '孕产妇死亡率控制在7/10万以下' });
    plan = await updateCountyGoal(getDb(), office, plan.id, cityGoal.id, { status: 'not_applicable', reason: '另设目标' });
  });

  it('lists nothing of a draft plan', async () => {
    expect(await own()).toEqual([]);
  });

  it('lists the added targets in force of the latest filed plan, with where they stand', async () => {
    plan = await fileCountyPlan(getDb(), office, plan.id, { filedAt: '2022-03-20' });
    const rows = await own();
    expect(rows.map((r) => r.target.text)).toEqual(['女职工技能培训每年5000人次以上', '女性技能人才数逐步增加']);
    const goal = plan.domains.find((d) => d.ord === 2)!.goals.find((g) => g.status === 'added')!;
    expect(rows[0]).toMatchObject({
      regionCode: ZHANGDIAN,
      planKind: 'women',
      countyPlanId: plan.id,
      countyPlanTitle: plan.title,
      cityPlanCode: cityWomenCode,
      domainOrd: 2,
      countyGoalId: goal.id,
      goalOrd: goal.ord,
      ord: 1,
      reason: '陶瓷产业',
      target: { indicator: '女职工技能培训人次', indicatorCode: null, kind: 'count', op: '>=', value: 5000, unit: '人次', targetYear: 2025 },
    });
    expect(rows[1]).toMatchObject({ ord: 2, target: { kind: 'trend', direction: 'increase', value: null } });
    // By county and plan kind.
    expect(await own({ regionCodes: [BOSHAN] })).toEqual([]);
    expect(await own({ planKind: 'children' })).toEqual([]);
    expect(await own({ planKind: 'women', regionCodes: [ZHANGDIAN] })).toEqual(rows);
    // The targets derived from city targets are keyed by the city target; the added ones are not among them.
    const cityIds = (await getDb().selectFrom('targets').select('id').where('indicator_code', 'is not', null).execute()).map((r) => r.id);
    const derived = [...((await filedCountyTargets(getDb(), cityIds)).get(ZHANGDIAN)?.values() ?? [])];
    expect(derived.length).toBeGreaterThan(0);
    expect(derived.some((t) => t.status === 'added' || rows.some((r) => r.countyTargetId === t.countyTargetId))).toBe(false);
  });
});
