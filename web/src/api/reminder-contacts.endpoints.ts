import { getJson, sendJson } from './client.ts';
import type { ContactlessUnit, ReminderContactView } from '../../../src/services/responsibility/responsibility.contract.ts';

export type { ContactlessUnit, ReminderContactView, ReminderUnitKind } from '../../../src/services/responsibility/responsibility.contract.ts';

/** A new reminder contact: the unit (a department by id or name, a county by code, or both) and who receives the mail. */
export interface NewReminderContact {
  departmentId?: number | null;
  department?: string | null;
  regionCode?: string | null;
  name: string;
  email: string;
}

/** Reminder e-mail contacts (提醒联系人, office only): src/api/routes/responsibility/tasks.routes.ts. */
export const reminderContactsApi = {
  list: (signal?: AbortSignal) => getJson<ReminderContactView[]>('/reminder-contacts', undefined, signal),
  /** Units with open tasks whose reminders reach nobody. */
  missing: (signal?: AbortSignal) => getJson<ContactlessUnit[]>('/reminder-contacts/missing', undefined, signal),
  /** Answers the whole list; a 409 when the unit already has this address. */
  add: (contact: NewReminderContact) => sendJson<ReminderContactView[]>('POST', '/reminder-contacts', contact),
  remove: (id: number) => sendJson<void>('DELETE', `/reminder-contacts/${encodeURIComponent(String(id))}`),
};
