import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { SEED_SHAPE, parseSeed } from '../../../test/seed.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { getGoal, getMeasure, getPlanTree, listPlans } from './plan.repository.ts';
import { listTargets } from './target.repository.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

forEachDialect('plan repository', (getDb) => {
  beforeAll(async () => {
    await bootstrap(getDb());
  });

  it('listPlans counts domains, goals, measures and targets per plan', async () => {
    const seed = parseSeed();
    const plans = await listPlans(getDb());
    expect(plans.map((p) => p.code)).toEqual(['women-2021-2025', 'children-2021-2025']);
    for (const p of plans) {
      const shape = SEED_SHAPE[p.code as keyof typeof SEED_SHAPE];
      const parsed = seed.plans.find((x) => x.code === p.code);
      const targets = parsed?.domains.reduce((n, d) => n + [...d.goals, ...d.measures].reduce((k, x) => k + x.targets.length, 0), 0);
      expect(p).toMatchObject({ domainCount: shape.goals.length, goalCount: sum(shape.goals), measureCount: sum(shape.measures), targetCount: targets });
      expect(p.title).toBe(parsed?.title);
    }
  });

  it('getPlanTree gives ids all the way down and null for an unknown plan or region', async () => {
    const db = getDb();
    const tree = await getPlanTree(db, 'children-2021-2025');
    expect(tree?.domains.map((d) => d.ord)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const ids = tree?.domains.flatMap((d) => [...d.goals, ...d.measures].flatMap((x) => [x.id, ...x.targets.map((t) => t.id)])) ?? [];
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(tree?.domains.every((d) => d.goals.every((g, i) => g.ord === i + 1))).toBe(true);
    expect(await getPlanTree(db, 'no-such-plan')).toBeNull();
    expect(await getPlanTree(db, 'children-2021-2025', '370303')).toBeNull();
  });

  it('getGoal returns the goal with its plan, domain, units, targets and phrases to review', async () => {
    const db = getDb();
    const tree = await getPlanTree(db, 'women-2021-2025');
    const summary = tree?.domains[0]?.goals.find((g) => g.text.includes('孕产妇死亡率'));
    expect(summary).toBeDefined();
    const goal = await getGoal(db, summary!.id);
    expect(goal).toMatchObject({
      id: summary!.id,
      text: summary!.text,
      plan: { code: 'women-2021-2025', kind: 'women', title: '淄博市“十四五”妇女发展规划' },
      domain: { ord: 1, title: '妇女与健康' },
    });
    expect(goal?.leadUnits.map((u) => u.name)).toEqual(['市卫生健康委']);
    expect(goal?.unitsText).toMatch(/^（牵头单位：市卫生健康委/);
    expect(goal?.targets).toEqual(summary!.targets);
    const mmr = goal?.targets.find((t) => t.indicator === '孕产妇死亡率');
    expect(mmr).toMatchObject({ kind: 'threshold', op: '<=', value: 8.2, unit: '1/10万', indicatorCode: 'W1.03', targetYear: 2025 });
    expect(await getGoal(db, 999_999)).toBeNull();
  });

  it('getMeasure returns the measure with its targets; unplaced phrases come back where they were found', async () => {
    const db = getDb();
    const seed = parseSeed();
    const tree = await getPlanTree(db, 'women-2021-2025');
    const withTargets = tree?.domains.flatMap((d) => d.measures).find((m) => m.targets.length > 0);
    const measure = await getMeasure(db, withTargets!.id);
    expect(measure).toMatchObject({ id: withTargets!.id, title: withTargets!.title, text: withTargets!.text, plan: { code: 'women-2021-2025' } });
    expect(measure?.targets).toEqual(withTargets!.targets);
    expect(await getMeasure(db, 999_999)).toBeNull();

    for (const plan of seed.plans) {
      const stored = await getPlanTree(db, plan.code);
      for (const [i, d] of plan.domains.entries()) {
        for (const [j, g] of d.goals.entries()) {
          if (g.unplaced.length === 0) continue;
          const goal = await getGoal(db, stored!.domains[i]!.goals[j]!.id);
          expect(goal?.unplaced).toEqual(g.unplaced.map(({ text, reason }) => ({ text, reason })));
        }
        for (const [j, m] of d.measures.entries()) {
          if (m.unplaced.length === 0) continue;
          const storedMeasure = await getMeasure(db, stored!.domains[i]!.measures[j]!.id);
          expect(storedMeasure?.unplaced).toEqual(m.unplaced.map(({ text, reason }) => ({ text, reason })));
        }
      }
    }
  });

  it('listTargets filters by plan, kind, indicator and link, and names each source', async () => {
    const db = getDb();
    const all = await listTargets(db);
    const tree = await getPlanTree(db, 'women-2021-2025');
    const women = await listTargets(db, { planCode: 'women-2021-2025' });
    expect(women.length).toBe(tree?.targetCount);
    expect(women.every((t) => t.source.plan.code === 'women-2021-2025')).toBe(true);
    const ratios = await listTargets(db, { kind: 'ratio' });
    expect(ratios.length).toBe(all.filter((t) => t.kind === 'ratio').length);
    expect(ratios.every((t) => t.kind === 'ratio' && t.ratio !== undefined)).toBe(true);
    const unlinked = await listTargets(db, { linked: false });
    const linked = await listTargets(db, { linked: true });
    expect(unlinked.length + linked.length).toBe(all.length);
    expect(unlinked.every((t) => t.indicatorCode === null)).toBe(true);
    const first = all[0];
    const goal = await getGoal(db, first!.source.id);
    expect(first?.source.type).toBe('goal');
    expect(goal?.targets.map((t) => t.id)).toContain(first?.id);
    expect([first?.source.ord, first?.source.domainOrd]).toEqual([goal?.ord, goal?.domain.ord]);
    const fromMeasure = all.find((t) => t.source.type === 'measure');
    const measure = await getMeasure(db, fromMeasure!.source.id);
    expect(measure?.targets.map((t) => t.id)).toContain(fromMeasure?.id);
    expect([fromMeasure?.source.ord, fromMeasure?.source.domainOrd]).toEqual([measure?.ord, measure?.domain.ord]);
  });
});
