import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../plan/parse-plan.ts';
import { splitGroupSuffix } from '../plan/parse-units.ts';
import { DEPARTMENT_CATEGORY_LABELS } from './department.labels.ts';
import {
  cleanUnitName,
  findDepartment,
  listDepartmentGroups,
  listDepartments,
  looksLikeGroup,
  normaliseUnitName,
} from './department-registry.ts';

const seed = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');
const goals = parsePlanFile(seed).plans.flatMap((p) => p.domains.flatMap((d) => d.goals));
const seedDepartments = new Set(goals.flatMap((g) => [...g.leadUnits, ...g.responsibleUnits]));
const seedGroups = new Set(goals.flatMap((g) => g.unitGroups));

/** Every unit name as the seed writes it, before normalisation. */
const rawSeedNames = [...seed.matchAll(/（(?:牵头|责任)单位：(.*)）$/gm)].flatMap((m) =>
  (m[1] ?? '').replace(/(?:牵头|责任)单位：/g, '').split(/[，、]/),
);

describe('department registry', () => {
  it('holds exactly the departments and groups the seed names', () => {
    expect(new Set(listDepartments().map((d) => d.name))).toEqual(seedDepartments);
    expect(new Set(listDepartmentGroups().map((g) => g.name))).toEqual(seedGroups);
    expect(seedDepartments.size).toBe(44);
  });

  it('knows every unit name the seed writes', () => {
    for (const raw of rawSeedNames) {
      for (const part of splitGroupSuffix(raw)) expect(normaliseUnitName(part), part).toMatchObject({ known: true });
    }
  });

  it('maps well-known short forms to canonical names', () => {
    expect(normaliseUnitName('市卫健委')).toEqual({ kind: 'department', name: '市卫生健康委', known: true });
    expect(normaliseUnitName('市人社局')).toEqual({ kind: 'department', name: '市人力资源社会保障局', known: true });
    expect(normaliseUnitName('市发改委')).toEqual({ kind: 'department', name: '市发展改革委', known: true });
    expect(normaliseUnitName('市医疗保障局').name).toBe('市医保局');
    expect(normaliseUnitName(' 市 卫生健康委\u3000').name).toBe('市卫生健康委');
    expect(findDepartment('市住建局')?.name).toBe('市住房城乡建设局');
    expect(findDepartment('市儿童医院')).toBeUndefined();
  });

  it('keeps group references as groups', () => {
    expect(normaliseUnitName('市妇儿工委有关成员单位')).toEqual({ kind: 'group', name: '市妇儿工委有关成员单位', known: true });
    expect(normaliseUnitName('特邀单位')).toEqual({ kind: 'group', name: '特邀单位', known: true });
    expect(normaliseUnitName('市妇儿工委各成员单位')).toEqual({ kind: 'group', name: '市妇儿工委成员单位', known: true });
  });

  it('keeps unknown names as given: department or, when it reads like one, group', () => {
    expect(normaliseUnitName('市儿童医院')).toEqual({ kind: 'department', name: '市儿童医院', known: false });
    expect(normaliseUnitName('市城乡交通运输局')).toEqual({ kind: 'department', name: '市城乡交通运输局', known: false });
    expect(normaliseUnitName('区妇儿工委有关成员单位')).toEqual({ kind: 'group', name: '区妇儿工委有关成员单位', known: false });
    expect(normaliseUnitName('各区县人民政府')).toMatchObject({ kind: 'group', known: false });
    expect(looksLikeGroup('有关部门')).toBe(true);
    expect(looksLikeGroup('市教育局')).toBe(false);
    expect(cleanUnitName('市 妇联')).toBe('市妇联');
  });

  it('maps every alias back to its department, and no spelling to two entries', () => {
    const seen = new Map<string, string>();
    for (const d of listDepartments()) {
      for (const spelling of [d.name, ...d.aliases]) {
        expect(seen.get(spelling), spelling).toBeUndefined();
        seen.set(spelling, d.name);
        expect(normaliseUnitName(spelling)).toEqual({ kind: 'department', name: d.name, known: true });
      }
    }
    for (const g of listDepartmentGroups()) {
      for (const spelling of [g.name, ...g.aliases]) {
        expect(seen.has(spelling), spelling).toBe(false);
        expect(normaliseUnitName(spelling)).toEqual({ kind: 'group', name: g.name, known: true });
      }
    }
  });

  it('classifies departments by what they are, with Chinese labels', () => {
    const byName = new Map(listDepartments().map((d) => [d.name, d.category]));
    expect(byName.get('市妇儿工委办公室')).toBe('office');
    expect(listDepartments().filter((d) => d.category === 'office')).toHaveLength(1);
    for (const [name, category] of byName) {
      if (name.startsWith('市委')) expect(category, name).toBe('party');
    }
    expect(byName.get('市卫生健康委')).toBe('government');
    expect(byName.get('市法院')).toBe('judicial');
    expect(byName.get('团市委')).toBe('mass-organisation');
    for (const d of listDepartments()) expect(DEPARTMENT_CATEGORY_LABELS[d.category]).toBeTruthy();
  });

  it('hands out copies', () => {
    const list = listDepartments();
    list[0]?.aliases.push('改动');
    list.pop();
    expect(listDepartments()).toHaveLength(44);
    expect(listDepartments()[0]?.aliases).not.toContain('改动');
  });
});
