import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { canManageRecords } from '../../core/responsibility/responsibility-access.ts';
import type { MeetingKind } from '../../core/responsibility/responsibility.types.ts';
import { MEETING_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { MeetingRow } from '../../storage/schema/responsibility.schema.ts';
import {
  attendeesOf,
  decisionsOf,
  findDecision,
  findMeeting,
  insertDecision,
  insertMeeting,
  listMeetingRows,
  setMeetingAttendees,
  updateDecisionRow,
  updateMeetingRow,
} from '../../storage/repositories/meeting.repository.ts';
import { findTask, recordEvent, unitNames } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Clock } from './clock.ts';
import { stampOf } from './clock.ts';
import { FOLLOW_UP_LABELS, followUpState } from './follow-up.ts';
import { badRequest, forbidden, invalidState, notFound } from './responsibility.errors.ts';
import type { FollowUpTaskInput } from './supervision.service.ts';
import { createTaskRecord, toTaskViews } from './task.service.ts';
import { resolveOwner, resolveUnitRows, toUnitView } from './units.ts';
import type { OwnerInput, UnitInput } from './units.ts';
import type { DecisionView, MeetingView } from './responsibility.contract.ts';
export type { DecisionView, MeetingView } from './responsibility.contract.ts';

export interface DecisionInput {
  text: string;
  owner?: OwnerInput | null;
  dueDate?: string | null;
}

export interface MeetingInput {
  kind: MeetingKind;
  title?: string;
  heldOn: string;
  location?: string;
  minutes?: string;
  attendees?: UnitInput[];
  decisions?: DecisionInput[];
}

const manageOnly = '无权管理会议记录：仅妇儿工委办公室（管理员）可以登记会议、议定事项和布置任务';

async function views(db: Kysely<Database>, actor: Actor | null, rows: readonly MeetingRow[], clock: Clock): Promise<MeetingView[]> {
  const ids = rows.map((r) => r.id);
  const [attendees, decisions] = await Promise.all([attendeesOf(db, ids), decisionsOf(db, ids)]);
  const tasks = (await Promise.all(decisions.flatMap((d) => (d.task_id === null ? [] : [findTask(db, d.task_id)])))).flatMap((t) => (t === null ? [] : [t]));
  const taskViews = new Map((await toTaskViews(db, tasks, actor, clock)).map((t) => [t.id, t]));
  const taskRows = new Map(tasks.map((t) => [t.id, t]));
  const names = await unitNames(
    db,
    decisions.flatMap((d) => (d.department_id === null ? [] : [d.department_id])),
    decisions.flatMap((d) => (d.region_code === null ? [] : [d.region_code])),
  );
  return rows.map((r) => {
    const own = decisions
      .filter((d) => d.meeting_id === r.id)
      .map((d): DecisionView => {
        const state = followUpState(d.task_id === null ? null : taskRows.get(d.task_id));
        const ownerName = [d.region_code !== null && d.region_code !== '370300' ? names.regions.get(d.region_code) : '', d.department_id !== null ? names.departments.get(d.department_id) : '']
          .filter(Boolean)
          .join('') || (d.region_code !== null ? (names.regions.get(d.region_code) ?? '') : '');
        return {
          id: d.id,
          ord: d.ord,
          text: d.text,
          owner: d.department_id === null && d.region_code === null ? null : { departmentId: d.department_id, regionCode: d.region_code, name: ownerName },
          dueDate: d.due_date,
          task: d.task_id === null ? null : (taskViews.get(d.task_id) ?? null),
          state,
          stateLabel: FOLLOW_UP_LABELS[state],
        };
      });
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: MEETING_KIND_LABELS[r.kind],
      title: r.title,
      heldOn: r.held_on,
      location: r.location,
      minutes: r.minutes,
      attendees: attendees.filter((a) => a.meeting_id === r.id).map(toUnitView),
      decisions: own,
      openDecisions: own.filter((d) => d.state === 'unassigned' || d.state === 'in_progress').length,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      can: { manage: actor !== null && canManageRecords(actor) },
    };
  });
}

export async function listMeetings(db: Kysely<Database>, actor: Actor, query: { kind?: MeetingKind; from?: string; to?: string } = {}, clock: Clock = {}): Promise<MeetingView[]> {
  return views(db, actor, await listMeetingRows(db, query), clock);
}

export async function getMeeting(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<MeetingView> {
  const row = await findMeeting(db, id);
  if (row === null) throw notFound(`会议记录 ${id} `);
  return (await views(db, actor, [row], clock))[0] as MeetingView;
}

async function decisionValues(db: Kysely<Database>, input: DecisionInput) {
  const text = input.text.trim();
  if (text === '') throw badRequest('议定事项不能为空');
  if (input.dueDate != null && !isIsoDate(input.dueDate)) throw badRequest(`完成时限“${input.dueDate}”无效，应为 YYYY-MM-DD`);
  const owner = input.owner ? await resolveOwner(db, input.owner) : null;
  return { text, department_id: owner?.departmentId ?? null, region_code: owner?.regionCode ?? null, due_date: input.dueDate ?? null };
}

export async function createMeeting(db: Kysely<Database>, actor: Actor, input: MeetingInput, clock: Clock = {}): Promise<MeetingView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  if (!isIsoDate(input.heldOn)) throw badRequest(`会议日期“${input.heldOn}”无效，应为 YYYY-MM-DD`);
  const id = await inTransaction(db, async (trx) => {
    const at = stampOf(clock);
    const row = await insertMeeting(trx, {
      kind: input.kind,
      title: input.title?.trim() || `${input.heldOn.slice(0, 4)}年${MEETING_KIND_LABELS[input.kind]}`,
      held_on: input.heldOn,
      location: input.location?.trim() ?? '',
      minutes: input.minutes?.trim() ?? '',
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
      updated_at: at,
    });
    await setMeetingAttendees(trx, row.id, await resolveUnitRows(trx, input.attendees ?? []));
    let ord = 0;
    for (const d of input.decisions ?? []) await insertDecision(trx, { ...(await decisionValues(trx, d)), meeting_id: row.id, ord: ++ord, task_id: null });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'meeting', entity_id: row.id, action: 'meeting.create', note: null });
    return row.id;
  });
  return getMeeting(db, actor, id, clock);
}

export async function updateMeeting(db: Kysely<Database>, actor: Actor, id: number, changes: Partial<Omit<MeetingInput, 'decisions'>>, clock: Clock = {}): Promise<MeetingView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  await inTransaction(db, async (trx) => {
    if ((await findMeeting(trx, id)) === null) throw notFound(`会议记录 ${id} `);
    const at = stampOf(clock);
    const set: Parameters<typeof updateMeetingRow>[2] = { updated_at: at };
    if (changes.kind !== undefined) set.kind = changes.kind;
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('会议名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.heldOn !== undefined) {
      if (!isIsoDate(changes.heldOn)) throw badRequest(`会议日期“${changes.heldOn}”无效，应为 YYYY-MM-DD`);
      set.held_on = changes.heldOn;
    }
    if (changes.location !== undefined) set.location = changes.location.trim();
    if (changes.minutes !== undefined) set.minutes = changes.minutes.trim();
    if (changes.attendees !== undefined) {
      await setMeetingAttendees(trx, id, await resolveUnitRows(trx, changes.attendees));
    }
    await updateMeetingRow(trx, id, set);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'meeting', entity_id: id, action: 'meeting.update', note: null });
  });
  return getMeeting(db, actor, id, clock);
}

export async function addDecision(db: Kysely<Database>, actor: Actor, meetingId: number, input: DecisionInput, clock: Clock = {}): Promise<MeetingView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  await inTransaction(db, async (trx) => {
    if ((await findMeeting(trx, meetingId)) === null) throw notFound(`会议记录 ${meetingId} `);
    const existing = await decisionsOf(trx, [meetingId]);
    await insertDecision(trx, { ...(await decisionValues(trx, input)), meeting_id: meetingId, ord: existing.length + 1, task_id: null });
  });
  return getMeeting(db, actor, meetingId, clock);
}

/** Turns a decision into a task for the unit charged with it (by the decision's time limit unless given). */
export async function createDecisionTask(db: Kysely<Database>, actor: Actor, decisionId: number, input: Partial<FollowUpTaskInput>, clock: Clock = {}): Promise<MeetingView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  const meetingId = await inTransaction(db, async (trx) => {
    const decision = await findDecision(trx, decisionId);
    if (decision === null) throw notFound(`议定事项 ${decisionId} `);
    if (decision.task_id !== null) {
      const existing = await findTask(trx, decision.task_id);
      if (existing !== null && existing.status !== 'cancelled') throw invalidState(`该议定事项已布置任务（任务 ${existing.id}）`);
    }
    const meeting = (await findMeeting(trx, decision.meeting_id)) as MeetingRow;
    const owner = input.owner ?? (decision.department_id !== null || decision.region_code !== null ? { departmentId: decision.department_id, regionCode: decision.region_code } : null);
    if (owner === null) throw badRequest('该议定事项未指明责任单位：请指定任务的责任单位');
    const dueDate = input.dueDate ?? decision.due_date;
    if (dueDate === null || dueDate === undefined) throw badRequest('该议定事项未定完成时限：请指定任务的截止日期');
    const task = await createTaskRecord(
      trx,
      actor,
      {
        title: input.title?.trim() || `会议议定事项：${decision.text.length > 40 ? `${decision.text.slice(0, 40)}…` : decision.text}`,
        kind: 'meeting_decision',
        description: input.description?.trim() || `${meeting.held_on}${meeting.title}议定：${decision.text}`,
        owner,
        dueDate,
        reminderDays: input.reminderDays,
        source: { type: 'meeting_decision', id: decision.id },
      },
      clock,
    );
    await updateDecisionRow(trx, decision.id, { task_id: task.id });
    await recordEvent(trx, { at: stampOf(clock), user_id: actor.userId, user_name: actor.displayName, entity: 'meeting', entity_id: meeting.id, action: 'meeting.task', note: `事项${decision.ord} → 任务${task.id}` });
    return meeting.id;
  });
  return getMeeting(db, actor, meetingId, clock);
}
