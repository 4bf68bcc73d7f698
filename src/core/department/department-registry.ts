import type { Department, DepartmentGroup, NormalisedUnit } from './department.types.ts';
import { DEPARTMENT_GROUPS, DEPARTMENTS } from './departments.data.ts';

// Spelling (canonical name or alias) → canonical name. Built once; the data file is reviewed, so a
// clash between two entries is a data error and fails loudly at load.
const departmentBySpelling = indexBySpelling(DEPARTMENTS);
const groupBySpelling = indexBySpelling(DEPARTMENT_GROUPS);
for (const spelling of groupBySpelling.keys()) {
  if (departmentBySpelling.has(spelling)) throw new Error(`departments.data: ${spelling} is both a department and a group`);
}

function indexBySpelling(entries: readonly { name: string; aliases: string[] }[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const entry of entries) {
    for (const spelling of [entry.name, ...entry.aliases]) {
      const key = cleanUnitName(spelling);
      const existing = index.get(key);
      if (existing !== undefined && existing !== entry.name) {
        throw new Error(`departments.data: ${spelling} names both ${existing} and ${entry.name}`);
      }
      index.set(key, entry.name);
    }
  }
  return index;
}

/** Removes spaces (including U+3000) that copy and paste leaves inside names. */
export function cleanUnitName(raw: string): string {
  return raw.replace(/\s+/g, '');
}

// A group reference names a set of units, not one body: 各…, 有关…, …成员单位, 特邀单位, …主管部门.
const GROUP_PATTERN = /^(?:各|有关|相关)|(?:成员单位|特邀单位|主管部门|主管单位|有关部门|有关单位|相关部门|相关单位)$|^(?:单位|部门|机构)$/;

/** Whether a name not in the registry reads as a group reference rather than one department. */
export function looksLikeGroup(name: string): boolean {
  return GROUP_PATTERN.test(cleanUnitName(name));
}

/**
 * Reads one unit name from a plan: a known department (under its canonical name), a known group, or —
 * for names the registry does not hold, as in another city's plan — the name as given, classed as a group
 * when it reads like one. The registry normalises; it never rejects.
 */
export function normaliseUnitName(raw: string): NormalisedUnit {
  const name = cleanUnitName(raw);
  const department = departmentBySpelling.get(name);
  if (department !== undefined) return { kind: 'department', name: department, known: true };
  const group = groupBySpelling.get(name);
  if (group !== undefined) return { kind: 'group', name: group, known: true };
  return looksLikeGroup(name) ? { kind: 'group', name, known: false } : { kind: 'department', name, known: false };
}

export function findDepartment(nameOrAlias: string): Department | undefined {
  const name = departmentBySpelling.get(cleanUnitName(nameOrAlias));
  return name === undefined ? undefined : DEPARTMENTS.find((d) => d.name === name);
}

export function listDepartments(): Department[] {
  return DEPARTMENTS.map((d) => ({ ...d, aliases: [...d.aliases] }));
}

export function listDepartmentGroups(): DepartmentGroup[] {
  return DEPARTMENT_GROUPS.map((g) => ({ ...g, aliases: [...g.aliases] }));
}
