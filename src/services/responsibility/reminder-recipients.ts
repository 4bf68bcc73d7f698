import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import { findOfficeDepartmentId, unitNames } from '../../storage/repositories/task.repository.ts';
import type { ReminderUnitKind } from './responsibility.contract.ts';
import { isOfficeOwned, OFFICE_LABEL } from './task-review.service.ts';

/** A reminder contact's unit, as stored. */
export interface ContactUnit {
  department_id: number | null;
  region_code: string | null;
}

/** A task's owner, as stored. */
export interface TaskOwnerRow {
  owner_department_id: number | null;
  owner_region_code: string | null;
}

/**
 * Whether a contact receives the e-mail reminders of a task of this owner. A department's contact (no region)
 * serves all its tasks, one with a region only that region's; a county's contact (no department) serves the
 * county's own tasks. The office's own tasks (its reviews: the city, no department) go to the contacts of the city
 * with no department and to those registered for the department 市妇儿工委办公室 (`officeDepartmentId`).
 * Used both to address the reminders (sendTaskReminders) and to find the units nobody would hear from.
 */
export function contactServes(contact: ContactUnit, task: TaskOwnerRow, officeDepartmentId: number | null): boolean {
  if (task.owner_department_id !== null) {
    if (contact.department_id === task.owner_department_id && (contact.region_code === null || contact.region_code === task.owner_region_code)) return true;
  } else if (contact.department_id === null && contact.region_code === task.owner_region_code) {
    return true;
  }
  return (
    isOfficeOwned(task) &&
    officeDepartmentId !== null &&
    contact.department_id === officeDepartmentId &&
    (contact.region_code === null || contact.region_code === CITY_REGION_CODE)
  );
}

/** The group a contact or a task owner belongs to on the office's contact screen. */
export function reminderUnitKind(unit: ContactUnit, officeDepartmentId: number | null): ReminderUnitKind {
  if (unit.department_id !== null && unit.department_id === officeDepartmentId) return 'office';
  if (unit.department_id === null && unit.region_code === CITY_REGION_CODE) return 'office';
  if (unit.region_code !== null && unit.region_code !== CITY_REGION_CODE) return 'county';
  return 'department';
}

/**
 * Names and groups units (contacts' or task owners'): 市妇儿工委办公室 for the office, the department's name, the
 * county's, or the county's and its department's (张店区教育和体育局).
 */
export async function unitLabeller(db: Kysely<Database>, units: readonly ContactUnit[]): Promise<(unit: ContactUnit) => { label: string; kind: ReminderUnitKind }> {
  const officeDepartmentId = await findOfficeDepartmentId(db);
  const names = await unitNames(
    db,
    units.flatMap((u) => (u.department_id === null ? [] : [u.department_id])),
    units.flatMap((u) => (u.region_code === null ? [] : [u.region_code])),
  );
  return (unit) => {
    const kind = reminderUnitKind(unit, officeDepartmentId);
    const department = unit.department_id === null ? '' : (names.departments.get(unit.department_id) ?? `单位${unit.department_id}`);
    const region = unit.region_code === null || unit.region_code === CITY_REGION_CODE ? '' : (names.regions.get(unit.region_code) ?? unit.region_code);
    return { kind, label: kind === 'office' ? OFFICE_LABEL : `${region}${department}` };
  };
}
