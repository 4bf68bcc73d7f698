import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { parseSeed } from '../../../test/seed.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { readCatalogueFile } from '../../services/catalogue-import.service.ts';
import { getDepartment, listDepartments } from './department.repository.ts';
import { getGoal } from './plan.repository.ts';

forEachDialect('department repository', (getDb) => {
  beforeAll(async () => {
    await bootstrap(getDb());
  });

  it('listDepartments counts the goals each leads and shares and the indicators it reports', async () => {
    const goals = parseSeed().plans.flatMap((p) => p.domains.flatMap((d) => d.goals));
    const catalogue = readCatalogueFile();
    const departments = await listDepartments(getDb());
    expect(departments[0]?.name).toBe('市妇儿工委办公室');
    for (const d of departments) {
      expect(d.leadGoalCount, d.name).toBe(goals.filter((g) => g.leadUnits.includes(d.name)).length);
      expect(d.responsibleGoalCount, d.name).toBe(goals.filter((g) => g.responsibleUnits.includes(d.name)).length);
      expect(d.indicatorCount, d.name).toBe(catalogue.filter((i) => i.department === d.name).length);
    }
    expect(departments.find((d) => d.name === '市卫生健康委')?.aliases).toEqual(['市卫健委', '市卫生健康委员会']);
  });

  it('getDepartment finds a department by id, name or alias, spaces ignored', async () => {
    const db = getDb();
    const byName = await getDepartment(db, '市卫生健康委');
    expect(byName).not.toBeNull();
    expect((await getDepartment(db, byName!.id))?.name).toBe('市卫生健康委');
    expect((await getDepartment(db, '市卫健委'))?.id).toBe(byName!.id);
    expect((await getDepartment(db, ' 市卫生 健康委 '))?.id).toBe(byName!.id);
    expect(await getDepartment(db, '不存在的单位')).toBeNull();
    expect(await getDepartment(db, 999_999)).toBeNull();
  });

  it('lists every goal a department leads or shares in both plans, women first, with the indicators it reports', async () => {
    const db = getDb();
    const health = await getDepartment(db, '市卫生健康委');
    expect(new Set(health?.lead.map((g) => g.plan.code))).toEqual(new Set(['women-2021-2025', 'children-2021-2025']));
    const kinds = health?.lead.map((g) => g.plan.kind) ?? [];
    expect(kinds.indexOf('children')).toBeGreaterThan(kinds.lastIndexOf('women'));
    for (const entry of [...(health?.lead ?? []), ...(health?.responsible ?? [])].slice(0, 10)) {
      const goal = await getGoal(db, entry.goalId);
      expect(goal?.text).toBe(entry.text);
      expect([goal?.ord, goal?.domain]).toEqual([entry.ord, entry.domain]);
    }
    const leadGoal = await getGoal(db, health!.lead[0]!.goalId);
    expect(leadGoal?.leadUnits.map((u) => u.id)).toContain(health?.id);
    expect(health?.leadGoalCount).toBe(health?.lead.length);
    const expected = readCatalogueFile().filter((i) => i.department === '市卫生健康委').map((i) => i.code);
    expect(health?.indicators.map((i) => i.code).sort()).toEqual(expected.sort());
  });
});
