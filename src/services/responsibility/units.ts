import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { findDepartmentId } from '../../storage/repositories/department.repository.ts';
import { unitNames } from '../../storage/repositories/task.repository.ts';
import { badRequest } from './responsibility.errors.ts';
import type { UnitView } from './responsibility.contract.ts';
export type { UnitView } from './responsibility.contract.ts';

/** A task's owner: a department (by id or by name or alias), a region (county), or both (a county's department). */
export interface OwnerInput {
  departmentId?: number | null;
  /** Name or alias, e.g. 市卫健委. */
  department?: string | null;
  regionCode?: string | null;
}

export interface ResolvedOwner {
  departmentId: number | null;
  regionCode: string | null;
}

export async function resolveDepartment(db: Kysely<Database>, key: number | string): Promise<number> {
  const id = await findDepartmentId(db, key);
  if (id === null) throw badRequest(`单位“${key}”不存在（可用全称或简称，如“市卫生健康委”或“市卫健委”）`);
  return id;
}

export async function resolveRegion(db: Kysely<Database>, code: string): Promise<string> {
  const row = await db.selectFrom('regions').select('code').where('code', '=', code.trim()).executeTakeFirst();
  if (row === undefined) throw badRequest(`区划“${code}”不存在（应为区划代码，如 370303）`);
  return row.code;
}

export async function resolveOwner(db: Kysely<Database>, input: OwnerInput): Promise<ResolvedOwner> {
  const departmentKey = input.departmentId ?? (input.department?.trim() || null);
  const departmentId = departmentKey === null ? null : await resolveDepartment(db, departmentKey);
  const regionCode = input.regionCode?.trim() ? await resolveRegion(db, input.regionCode) : null;
  if (departmentId === null && regionCode === null) throw badRequest('须指定责任单位（部门）或区县');
  return { departmentId, regionCode };
}

/**
 * A unit given by one name, as on the command line: a department (name, alias or id: 市卫健委, 市妇儿工委办公室), or
 * a county (name or code: 张店区, 370303).
 */
export async function resolveUnitName(db: Kysely<Database>, key: string): Promise<ResolvedOwner> {
  const name = key.trim();
  if (name === '') throw badRequest('须指定单位（部门或区县）');
  const departmentId = await findDepartmentId(db, /^\d{1,5}$/.test(name) ? Number(name) : name);
  if (departmentId !== null) return { departmentId, regionCode: null };
  const regions = await db.selectFrom('regions').select('code').where((eb) => eb.or([eb('code', '=', name), eb('name', '=', name)])).orderBy('code').execute();
  // A name shared with a region elsewhere (鼓楼区 …): Zibo's own first.
  const region = regions.find((r) => r.code.startsWith('3703')) ?? regions[0];
  if (region !== undefined) return { departmentId: null, regionCode: region.code };
  throw badRequest(`单位“${name}”不存在（可用部门全称或简称，如“市卫生健康委”“市卫健委”，或区县名称、区划代码，如“张店区”“370303”）`);
}

/** A unit named by a supervision, meeting or pilot. */
export interface UnitInput extends OwnerInput {
  /** A name for a unit that is neither a registered department nor a region (e.g. 某某小学). */
  name?: string | null;
}

export interface ResolvedUnit extends ResolvedOwner {
  name: string;
}

export async function resolveUnits(db: Kysely<Database>, inputs: readonly UnitInput[]): Promise<ResolvedUnit[]> {
  const out: ResolvedUnit[] = [];
  for (const input of inputs) {
    const hasRef = (input.departmentId ?? null) !== null || !!input.department?.trim() || !!input.regionCode?.trim();
    const owner = hasRef ? await resolveOwner(db, input) : { departmentId: null, regionCode: null };
    let name = input.name?.trim() ?? '';
    if (name === '') {
      const names = await unitNames(db, owner.departmentId === null ? [] : [owner.departmentId], owner.regionCode === null ? [] : [owner.regionCode]);
      const department = owner.departmentId === null ? '' : (names.departments.get(owner.departmentId) ?? '');
      const region = owner.regionCode === null ? '' : (names.regions.get(owner.regionCode) ?? '');
      name = owner.regionCode !== null && owner.regionCode !== '370300' ? `${region}${department}` : department || region;
    }
    if (name === '') throw badRequest('单位须给出部门、区县或名称');
    out.push({ ...owner, name });
  }
  return out;
}

/** The units of a supervision, meeting or pilot, resolved, as the rows that store them. */
export async function resolveUnitRows(db: Kysely<Database>, inputs: readonly UnitInput[]): Promise<{ department_id: number | null; region_code: string | null; name: string }[]> {
  return (await resolveUnits(db, inputs)).map((u) => ({ department_id: u.departmentId, region_code: u.regionCode, name: u.name }));
}

export function toUnitView(row: { department_id: number | null; region_code: string | null; name: string }): UnitView {
  return { departmentId: row.department_id, regionCode: row.region_code, name: row.name };
}
