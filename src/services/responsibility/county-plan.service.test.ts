import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { parseSeed } from '../../../test/seed.ts';
import { listTaskRows } from '../../storage/repositories/task.repository.ts';
import { importCountyPlan } from './county-plan-import.service.ts';
import {
  addCountyGoal,
  countyPlanOverview,
  deleteCountyPlan,
  deriveCountyPlan,
  fileCountyPlan,
  reviewCountyPlan,
  updateCountyGoal,
  updateCountyPlan,
  updateCountyTarget,
} from './county-plan.service.ts';
import type { CountyPlanView, CountyTargetView } from './county-plan.view.ts';
import { actorsFor, BOSHAN, countyPlanText, LINZI, rejects, seedResponsibility, ZHANGDIAN } from './responsibility.test-support.ts';

const allTargets = (plan: CountyPlanView): CountyTargetView[] => plan.domains.flatMap((d) => [...d.goals.flatMap((g) => g.targets), ...d.measureTargets]);
const targetNamed = (plan: CountyPlanView, name: string): CountyTargetView => {
  const found = allTargets(plan).find((t) => t.indicatorName === name);
  if (found === undefined) throw new Error(`no target ${name}`);
  return found;
};
const clock = { now: new Date('2022-06-30T04:00:00Z') };

forEachDialect('county plans', (getDb) => {
  let actors: ReturnType<typeof actorsFor>;
  beforeAll(async () => {
    actors = actorsFor(await seedResponsibility(getDb()));
  });

  describe('derived from the city plan', () => {
    let plan: CountyPlanView;

    it('copies every goal and target of the city plan as adopted', async () => {
      plan = await deriveCountyPlan(getDb(), actors.zhangdian, { regionCode: ZHANGDIAN, planKind: 'women' }, clock);
      expect(plan.title).toBe('张店区“十四五”妇女发展规划');
      expect(plan.summary.goals).toBe(77);
      expect(plan.summary.goalsByStatus.adopted).toBe(77);
      const women = parseSeed().plans.find((p) => p.kind === 'women');
      const seedTargets = women?.domains.reduce((n, d) => n + [...d.goals, ...d.measures].reduce((k, x) => k + x.targets.length, 0), 0) ?? 0;
      expect(seedTargets).toBeGreaterThan(50);
      expect(plan.summary.targets).toBe(seedTargets);
      expect(plan.summary.targetsByStatus.adopted).toBe(plan.summary.targets);
      expect(plan.summary).toMatchObject({ weaker: 0, stronger: 0, missingCityTargets: 0 });
      expect(allTargets(plan).every((t) => t.comparison?.result === 'same')).toBe(true);
      expect(plan.filing.state).toBe('not_promulgated');
      await rejects(deriveCountyPlan(getDb(), actors.zhangdian, { regionCode: ZHANGDIAN, planKind: 'women' }, clock), 409, '张店区已有2021—2025年妇女发展规划');
    });

    it('highlights a county target weaker than the city target, and not a stronger one', async () => {
      const mmr = targetNamed(plan, '孕产妇死亡率');
      expect(mmr.city).toMatchObject({ op: '<=', value: 8.2 });
      plan = await updateCountyTarget(getDb(), actors.zhangdian, plan.id, mmr.id, { value: 10 }, clock);
      const weaker = targetNamed(plan, '孕产妇死亡率');
      expect(weaker).toMatchObject({ status: 'adjusted', weaker: true, comparison: { result: 'weaker', label: '低于市目标' } });
      expect(weaker.comparison?.reason).toBe('控制值高于市目标（市：≤8.2/10万；区县：≤10/10万）');
      const screening = targetNamed(plan, '妇女常见病筛查率');
      plan = await updateCountyTarget(getDb(), actors.zhangdian, plan.id, screening.id, { value: 90 }, clock);
      expect(targetNamed(plan, '妇女常见病筛查率')).toMatchObject({ status: 'adjusted', weaker: false, comparison: { result: 'stronger' } });
      expect(plan.summary).toMatchObject({ weaker: 1, stronger: 1 });
      // Back to the city's number: adopted again.
      plan = await updateCountyTarget(getDb(), actors.zhangdian, plan.id, screening.id, { status: 'adopted' }, clock);
      expect(targetNamed(plan, '妇女常见病筛查率')).toMatchObject({ status: 'adopted', value: 85, comparison: { result: 'same' } });
    });

    it('marks goals and targets not applicable only with a reason, and adds goals', async () => {
      const target = allTargets(plan).find((t) => t.kind === 'count') as CountyTargetView;
      await rejects(updateCountyTarget(getDb(), actors.zhangdian, plan.id, target.id, { status: 'not_applicable' }, clock), 400, '标为不适用须说明理由');
      plan = await updateCountyTarget(getDb(), actors.zhangdian, plan.id, target.id, { status: 'not_applicable', reason: '区级不设该机构' }, clock);
      expect(allTargets(plan).find((t) => t.id === target.id)).toMatchObject({ status: 'not_applicable', reason: '区级不设该机构', comparison: null, weaker: false });
      const goal = plan.domains[7]?.goals[0];
      plan = await updateCountyGoal(getDb(), actors.zhangdian, plan.id, goal?.id as number, { status: 'not_applicable', reason: '本区无此情形' }, clock);
      const marked = plan.domains[7]?.goals[0];
      expect(marked?.status).toBe('not_applicable');
      expect(marked?.targets.every((t) => t.status === 'not_applicable')).toBe(true);
      plan = await addCountyGoal(getDb(), actors.zhangdian, plan.id, { domainOrd: 1, text: '建成区级妇幼健康服务中心。', reason: '本区重点' }, clock);
      expect(plan.domains[0]?.goals.at(-1)).toMatchObject({ ord: 10, status: 'added', city: null });
      expect(plan.summary.goalsByStatus).toMatchObject({ added: 1, not_applicable: 1 });
    });

    it('runs a filing task from promulgation; filing late is flagged, and closes the task', async () => {
      plan = await updateCountyPlan(getDb(), actors.zhangdian, plan.id, { promulgatedAt: '2022-03-01', documentNo: '张政发〔2022〕5号' }, clock);
      const [task] = await listTaskRows(getDb(), { source: { type: 'county_plan', id: plan.id } });
      expect(task).toMatchObject({ kind: 'plan_filing', due_date: '2022-04-01', owner_region_code: ZHANGDIAN, status: 'open' });
      expect(plan.filing).toMatchObject({ state: 'overdue', deadline: '2022-04-01', flagged: true });
      await rejects(fileCountyPlan(getDb(), actors.boshan, plan.id, { filedAt: '2022-04-15' }, clock), 403, /只有张店区妇儿工委/);
      await rejects(fileCountyPlan(getDb(), actors.zhangdian, plan.id, { filedAt: '2022-07-01' }, clock), 400, '晚于今天');
      plan = await fileCountyPlan(getDb(), actors.zhangdian, plan.id, { filedAt: '2022-04-15' }, clock);
      expect(plan).toMatchObject({ status: 'filed', filedAt: '2022-04-15', filing: { state: 'late', daysLate: 14, flagged: true } });
      const [done] = await listTaskRows(getDb(), { source: { type: 'county_plan', id: plan.id } });
      expect(done).toMatchObject({ status: 'done', outcome_note: '已于2022-04-15报送' });
      await rejects(updateCountyTarget(getDb(), actors.zhangdian, plan.id, targetNamed(plan, '孕产妇死亡率').id, { value: 9 }, clock), 409, '已报送，不能修改');
    });

    it('is reviewed or returned by the office only', async () => {
      await rejects(reviewCountyPlan(getDb(), actors.zhangdian, plan.id, { decision: 'reviewed' }, clock), 403, '仅市妇儿工委办公室');
      await rejects(reviewCountyPlan(getDb(), actors.office, plan.id, { decision: 'returned' }, clock), 400, '退回须说明理由');
      plan = await reviewCountyPlan(getDb(), actors.office, plan.id, { decision: 'returned', note: '孕产妇死亡率目标低于全市，请说明' }, clock);
      expect(plan).toMatchObject({ status: 'returned', reviewNote: '孕产妇死亡率目标低于全市，请说明', can: { edit: true, review: false } });
      plan = await updateCountyTarget(getDb(), actors.zhangdian, plan.id, targetNamed(plan, '孕产妇死亡率').id, { value: 8.2 }, clock);
      expect(plan.summary.weaker).toBe(0);
      plan = await fileCountyPlan(getDb(), actors.zhangdian, plan.id, {}, clock);
      // Filed again after return: the first filing date still decides the one-month rule.
      expect(plan).toMatchObject({ status: 'filed', filedAt: '2022-04-15', filing: { state: 'late' } });
      plan = await reviewCountyPlan(getDb(), actors.office, plan.id, { decision: 'reviewed', note: '同意备案' }, clock);
      expect(plan.events.map((e) => e.action)).toContain('county_plan.reviewed');
    });
  });

  it('shows the office, per county, which plans were filed within one month', async () => {
    const boshan = await deriveCountyPlan(getDb(), actors.boshan, { regionCode: BOSHAN, planKind: 'women', promulgatedAt: '2022-03-01' }, clock);
    await fileCountyPlan(getDb(), actors.boshan, boshan.id, { filedAt: '2022-03-31' }, clock);
    await rejects(deriveCountyPlan(getDb(), actors.boshan, { regionCode: ZHANGDIAN, planKind: 'children' }, clock), 403, '区县只能建立本区县的规划');
    const rows = await countyPlanOverview(getDb(), actors.office, { planKind: 'women' }, clock);
    expect(rows).toHaveLength(11);
    const row = (code: string) => rows.find((r) => r.region.code === code);
    expect(row(ZHANGDIAN)).toMatchObject({ flagged: true, flags: ['逾期报送'], plan: { filing: { state: 'late', daysLate: 14 } } });
    expect(row(BOSHAN)).toMatchObject({ flagged: false, flags: [], plan: { filing: { state: 'on_time', deadline: '2022-04-01' } } });
    expect(row('370306')).toMatchObject({ plan: null, flagged: false, flags: ['尚未建立规划'] });
  });

  it('imports a county plan from its text and compares it with the city plan', async () => {
    const text = countyPlanText('临淄区', [['孕产妇死亡率控制在8.2/10万以下', '孕产妇死亡率控制在12/10万以下']]);
    const result = await importCountyPlan(getDb(), actors.linzi, { regionCode: LINZI, text, fileName: 'linzi.txt', promulgatedAt: '2022-02-10' }, clock);
    expect(result.plans.map((p) => [p.title, p.origin, p.region.name])).toEqual([
      ['临淄区“十四五”妇女发展规划', 'imported', '临淄区'],
      ['临淄区“十四五”儿童发展规划', 'imported', '临淄区'],
    ]);
    const [women, children] = result.plans as [CountyPlanView, CountyPlanView];
    expect(women.summary).toMatchObject({ weaker: 1, missingCityTargets: 0 });
    expect(women.summary.targetsByStatus).toMatchObject({ adjusted: 1, added: 0 });
    expect(targetNamed(women, '孕产妇死亡率')).toMatchObject({ value: 12, status: 'adjusted', weaker: true, city: { value: 8.2 } });
    expect(women.summary.goalsByStatus).toMatchObject({ adopted: 76, adjusted: 1, added: 0 });
    expect(children.summary).toMatchObject({ weaker: 0, stronger: 0, missingCityTargets: 0 });
    expect(children.summary.targetsByStatus.adopted).toBe(children.summary.targets);
    expect(result.matching[0]?.targets.adjusted).toBe(1);
    // The deadline task runs from the promulgation date.
    const [task] = await listTaskRows(getDb(), { source: { type: 'county_plan', id: women.id } });
    expect(task).toMatchObject({ due_date: '2022-03-10', status: 'open' });
    // Another county may not import for 临淄; a filed plan is not overwritten.
    await rejects(importCountyPlan(getDb(), actors.zhangdian, { regionCode: LINZI, text }, clock), 403, '区县只能导入本区县的规划');
    await fileCountyPlan(getDb(), actors.linzi, women.id, {}, clock);
    await rejects(importCountyPlan(getDb(), actors.linzi, { regionCode: LINZI, text }, clock), 409, '已报送，不能用导入覆盖');
    await rejects(importCountyPlan(getDb(), actors.linzi, { regionCode: LINZI, text: '这不是规划' }, clock), 400, '不是可识别的规划文本');
    // A draft never filed can be deleted, with the text it was imported from.
    await rejects(deleteCountyPlan(getDb(), actors.zhangdian, children.id), 403, '只有临淄区妇儿工委');
    await deleteCountyPlan(getDb(), actors.linzi, children.id);
    const left = await getDb().selectFrom('plans').select('code').where('region_code', '=', LINZI).execute();
    expect(left.map((r) => r.code)).toEqual(['women-2021-2025']);
    const [cancelled] = await listTaskRows(getDb(), { source: { type: 'county_plan', id: children.id } });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
  });
});
