import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/databases.ts';
import { SEED_SHAPE, dumpDatabase, parseSeed } from '../../test/seed.ts';
import type { ParsedPlanFile } from '../core/plan/plan.types.ts';
import { getPlanTree, listPlans } from '../storage/repositories/plan.repository.ts';
import { listDepartments } from '../storage/repositories/department.repository.ts';
import { PlanImportError, importPlanFile } from './plan-import.service.ts';

const count = async (db: Parameters<typeof listPlans>[0], table: 'goals' | 'measures' | 'targets' | 'goal_units' | 'departments' | 'plans' | 'unplaced_phrases' | 'plan_sections') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

forEachDialect('importPlanFile on an empty database', (getDb) => {
  it('stores nothing from a file whose last domain cannot be stored', async () => {
    const db = getDb();
    const parsed = parseSeed();
    const children = parsed.plans[1];
    const lastDomain = children?.domains.at(-1);
    if (!lastDomain) throw new Error('seed has no children plan');
    // Injected failure: a NOT NULL column, reached after the women's plan and six children's domains are written.
    (lastDomain as { title: string | null }).title = null;
    await expect(importPlanFile(db, parsed, { regionCode: '370300' })).rejects.toThrow(/not[- ]null/i);
    for (const table of ['plans', 'goals', 'measures', 'targets', 'goal_units', 'departments', 'unplaced_phrases', 'plan_sections'] as const) {
      expect(await count(db, table), table).toBe(0);
    }
  });

  it('refuses a file with no plans or two plans of one code, before writing', async () => {
    const db = getDb();
    await expect(importPlanFile(db, { plans: [] })).rejects.toThrow(PlanImportError);
    const seed = parseSeed();
    const twice: ParsedPlanFile = { plans: [seed.plans[0]!, seed.plans[0]!] };
    await expect(importPlanFile(db, twice)).rejects.toThrow(/women-2021-2025/);
    expect(await count(db, 'plans')).toBe(0);
  });
});

forEachDialect('importPlanFile with the seed', (getDb) => {
  beforeAll(async () => {
    await importPlanFile(getDb(), parseSeed(), { regionCode: '370300', sourceFile: 'seed.txt' });
  });

  it('stores both plans with the goals and measures per domain of the seed', async () => {
    const db = getDb();
    const plans = await listPlans(db);
    expect(plans.map((p) => [p.code, p.kind, p.regionCode, p.period.start, p.period.end])).toEqual([
      ['women-2021-2025', 'women', '370300', 2021, 2025],
      ['children-2021-2025', 'children', '370300', 2021, 2025],
    ]);
    for (const [code, shape] of Object.entries(SEED_SHAPE)) {
      const tree = await getPlanTree(db, code);
      expect(tree?.domains.map((d) => d.goals.length)).toEqual(shape.goals);
      expect(tree?.domains.map((d) => d.measures.length)).toEqual(shape.measures);
    }
  });

  it('stores every goal, measure, target, unit and unplaced phrase the parser found', async () => {
    const db = getDb();
    const seed = parseSeed();
    const all = seed.plans.flatMap((p) => p.domains);
    const goals = all.flatMap((d) => d.goals);
    const measures = all.flatMap((d) => d.measures);
    expect(await count(db, 'goals')).toBe(goals.length);
    expect(await count(db, 'measures')).toBe(measures.length);
    expect(await count(db, 'targets')).toBe([...goals, ...measures].reduce((n, x) => n + x.targets.length, 0));
    expect(await count(db, 'unplaced_phrases')).toBe([...goals, ...measures].reduce((n, x) => n + x.unplaced.length, 0));
    expect(await count(db, 'goal_units')).toBe(goals.reduce((n, g) => n + g.leadUnits.length + g.responsibleUnits.length + g.unitGroups.length, 0));
    expect(await count(db, 'plan_sections')).toBe(seed.plans.reduce((n, p) => n + p.sections.length, 0));
    // The targets come back exactly as parsed (optional fields included), goal by goal.
    for (const plan of seed.plans) {
      const tree = await getPlanTree(db, plan.code, '370300');
      plan.domains.forEach((d, i) => {
        const stored = tree?.domains[i];
        expect(stored?.title).toBe(d.title);
        d.goals.forEach((g, j) => {
          const goal = stored?.goals[j];
          expect(goal?.text).toBe(g.text);
          expect(goal?.leadUnits.map((u) => u.name)).toEqual(g.leadUnits);
          expect(goal?.responsibleUnits.map((u) => u.name)).toEqual(g.responsibleUnits);
          expect(goal?.unitGroups).toEqual(g.unitGroups);
          expect(goal?.targets.map(({ id: _id, indicatorCode: _code, ...t }) => t)).toEqual(g.targets.map(({ indicatorCode: _code, ...t }) => t));
        });
        d.measures.forEach((m, j) => {
          expect(stored?.measures[j]?.title).toBe(m.title);
          expect(stored?.measures[j]?.targets.map(({ id: _id, indicatorCode: _code, ...t }) => t)).toEqual(m.targets.map(({ indicatorCode: _code, ...t }) => t));
        });
      });
    }
  });

  it('registers each department once under its canonical name, and keeps groups as groups', async () => {
    const db = getDb();
    const seed = parseSeed();
    const goals = seed.plans.flatMap((p) => p.domains.flatMap((d) => d.goals));
    const names = new Set(goals.flatMap((g) => [...g.leadUnits, ...g.responsibleUnits]));
    const departments = await listDepartments(db);
    expect(departments.map((d) => d.name).sort()).toEqual([...names].sort());
    const fulian = departments.find((d) => d.name === '市妇联');
    expect(fulian?.leadGoalCount).toBe(goals.filter((g) => g.leadUnits.includes('市妇联')).length);
    expect(fulian?.responsibleGoalCount).toBe(goals.filter((g) => g.responsibleUnits.includes('市妇联')).length);
    expect(fulian?.aliases).toEqual(['市妇女联合会']);
    const groups = await db.selectFrom('goal_units').select('group_name').distinct().where('group_name', 'is not', null).execute();
    expect(groups.map((g) => g.group_name).sort()).toEqual([...new Set(goals.flatMap((g) => g.unitGroups))].sort());
    expect(groups.map((g) => g.group_name)).toContain('特邀单位');
    const groupAsDepartment = await db.selectFrom('departments').select('name').where('name', 'in', ['特邀单位', '市妇儿工委有关成员单位']).execute();
    expect(groupAsDepartment).toEqual([]);
  });

  it('replaces a plan imported again, keeping the other and the counts', async () => {
    const db = getDb();
    const before = await getPlanTree(db, 'women-2021-2025');
    const children = await getPlanTree(db, 'children-2021-2025');
    const goalsBefore = await count(db, 'goals');
    const seed = parseSeed();
    const result = await importPlanFile(db, { plans: [seed.plans[0]!] }, { regionCode: '370300' });
    expect(result.plans.map((p) => [p.code, p.replaced])).toEqual([['women-2021-2025', true]]);
    const after = await getPlanTree(db, 'women-2021-2025');
    expect(await count(db, 'plans')).toBe(2);
    expect(await count(db, 'goals')).toBe(goalsBefore);
    expect(after?.domains[0]?.goals[0]?.id).not.toBe(before?.domains[0]?.goals[0]?.id);
    expect(after?.domains.map((d) => d.goals.map((g) => g.text))).toEqual(before?.domains.map((d) => d.goals.map((g) => g.text)));
    expect(await getPlanTree(db, 'children-2021-2025')).toEqual(children);
  });

  it('leaves the database exactly as it was when a re-import fails midway', async () => {
    const db = getDb();
    const before = await dumpDatabase(db);
    const seed = parseSeed();
    // The women's plan is replaced first (old rows deleted, new ones written), then the children's plan fails.
    seed.plans[0]!.domains[0]!.goals[0]!.text = '已修改的目标';
    seed.plans[0]!.domains[0]!.goals[0]!.leadUnits = ['某新单位'];
    (seed.plans[1]!.domains[3]!.measures[2] as { text: string | null }).text = null;
    await expect(importPlanFile(db, seed, { regionCode: '370300' })).rejects.toThrow(/not[- ]null/i);
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('keeps the same plan code of another region apart, with departments not in the registry', async () => {
    const db = getDb();
    const seed = parseSeed();
    const county = seed.plans[0]!;
    county.title = '张店区“十四五”妇女发展规划';
    county.areaName = '张店区';
    county.domains[0]!.goals[0]!.leadUnits = ['区卫生健康局'];
    const result = await importPlanFile(db, { plans: [county] }, { regionCode: '370303', sourceFile: 'zhangdian.txt' });
    expect(result.plans[0]?.replaced).toBe(false);
    expect((await listPlans(db)).map((p) => `${p.regionCode}/${p.code}`)).toEqual([
      '370300/women-2021-2025',
      '370300/children-2021-2025',
      '370303/women-2021-2025',
    ]);
    expect((await getPlanTree(db, 'women-2021-2025'))?.regionCode).toBe('370300');
    expect((await getPlanTree(db, 'women-2021-2025', '370303'))?.title).toBe('张店区“十四五”妇女发展规划');
    const dept = await db.selectFrom('departments').select(['name', 'category']).where('name', '=', '区卫生健康局').executeTakeFirst();
    expect(dept).toEqual({ name: '区卫生健康局', category: 'other' });
  });
});
