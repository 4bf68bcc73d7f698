import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isOffice } from '../../core/responsibility/responsibility-access.ts';
import type { Database } from '../../storage/schema.ts';
import { findOfficeDepartmentId, listReminderContacts, listTaskRows } from '../../storage/repositories/task.repository.ts';
import type { Clock } from './clock.ts';
import { todayOf } from './clock.ts';
import { contactServes, unitLabeller } from './reminder-recipients.ts';
import type { ContactlessUnit, ReminderUnitKind } from './responsibility.contract.ts';
import { forbidden } from './responsibility.errors.ts';

const KIND_ORDER: Record<ReminderUnitKind, number> = { office: 0, department: 1, county: 2 };

/**
 * The units with open tasks whose reminder e-mails would reach nobody: no registered contact serves them (the same
 * rule sendTaskReminders addresses the mail by). The office first, then departments, then counties.
 */
export async function contactlessUnits(db: Kysely<Database>, actor: Actor, clock: Clock = {}): Promise<ContactlessUnit[]> {
  if (!isOffice(actor)) throw forbidden('无权查看提醒联系人：仅妇儿工委办公室（管理员）可以查看');
  const today = todayOf(clock);
  const contacts = await listReminderContacts(db);
  const officeDepartmentId = await findOfficeDepartmentId(db);
  const owners = new Map<string, { department_id: number | null; region_code: string | null; open: number; overdue: number; nextDue: string }>();
  for (const task of await listTaskRows(db, { status: ['open'] })) {
    // Whether anyone hears of a task depends on its owner only: check each owner once.
    const key = `${task.owner_department_id ?? ''}|${task.owner_region_code ?? ''}`;
    let owner = owners.get(key);
    if (owner === undefined) {
      owner = { department_id: task.owner_department_id, region_code: task.owner_region_code, open: 0, overdue: 0, nextDue: task.due_date };
      owners.set(key, owner);
    }
    owner.open++;
    if (task.due_date < today) owner.overdue++;
    if (task.due_date < owner.nextDue) owner.nextDue = task.due_date;
  }
  const unserved = [...owners.values()].filter((o) => !contacts.some((c) => contactServes(c, { owner_department_id: o.department_id, owner_region_code: o.region_code }, officeDepartmentId)));
  const label = await unitLabeller(db, unserved);
  return unserved
    .map((o) => {
      const unit = label(o);
      return { unitKind: unit.kind, departmentId: o.department_id, regionCode: o.region_code, label: unit.label, openTasks: o.open, overdueTasks: o.overdue, nextDue: o.nextDue };
    })
    .sort((a, b) => KIND_ORDER[a.unitKind] - KIND_ORDER[b.unitKind] || (a.departmentId ?? 0) - (b.departmentId ?? 0) || (a.regionCode ?? '').localeCompare(b.regionCode ?? ''));
}
