import type { Insertable, Kysely, Updateable } from 'kysely';
import type { MeetingKind } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../schema.ts';
import type { MeetingDecisionRow, MeetingDecisionsTable, MeetingRow, MeetingsTable } from '../schema/responsibility.schema.ts';
import type { UnitValues } from './supervision.repository.ts';

export async function insertMeeting(db: Kysely<Database>, row: Insertable<MeetingsTable>): Promise<MeetingRow> {
  return db.insertInto('meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMeeting(db: Kysely<Database>, id: number): Promise<MeetingRow | null> {
  return (await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateMeetingRow(db: Kysely<Database>, id: number, changes: Updateable<MeetingsTable>): Promise<MeetingRow> {
  return db.updateTable('meetings').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listMeetingRows(db: Kysely<Database>, filter: { kind?: MeetingKind; from?: string; to?: string } = {}): Promise<MeetingRow[]> {
  let q = db.selectFrom('meetings').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.from) q = q.where('held_on', '>=', filter.from);
  if (filter.to) q = q.where('held_on', '<=', filter.to);
  return q.orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export async function setMeetingAttendees(db: Kysely<Database>, meetingId: number, units: readonly UnitValues[]): Promise<void> {
  await db.deleteFrom('meeting_attendees').where('meeting_id', '=', meetingId).execute();
  if (units.length > 0) await db.insertInto('meeting_attendees').values(units.map((u, i) => ({ ...u, meeting_id: meetingId, ord: i + 1 }))).execute();
}

export async function attendeesOf(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('meeting_attendees').selectAll().where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('ord').execute();
}

export async function insertDecision(db: Kysely<Database>, row: Insertable<MeetingDecisionsTable>): Promise<MeetingDecisionRow> {
  return db.insertInto('meeting_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDecision(db: Kysely<Database>, id: number): Promise<MeetingDecisionRow | null> {
  return (await db.selectFrom('meeting_decisions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateDecisionRow(db: Kysely<Database>, id: number, changes: Updateable<MeetingDecisionsTable>): Promise<MeetingDecisionRow> {
  return db.updateTable('meeting_decisions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function decisionsOf(db: Kysely<Database>, meetingIds: readonly number[]): Promise<MeetingDecisionRow[]> {
  if (meetingIds.length === 0) return [];
  return db.selectFrom('meeting_decisions').selectAll().where('meeting_id', 'in', meetingIds).orderBy('meeting_id').orderBy('ord').execute();
}
