import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { canManageRecords } from '../../core/responsibility/responsibility-access.ts';
import type { GoalRef, PilotStatus } from '../../core/responsibility/responsibility.types.ts';
import { PILOT_STATUS_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { PilotRow } from '../../storage/schema/responsibility.schema.ts';
import {
  findMilestone,
  findPilot,
  goalsOfPilots,
  insertMilestone,
  insertPilot,
  listPilotRows,
  milestonesOf,
  setPilotGoals,
  setPilotUnits,
  unitsOfPilots,
  updateMilestoneRow,
  updatePilotRow,
} from '../../storage/repositories/pilot.repository.ts';
import { recordEvent } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { goalKey, loadCityPlans, requireGoals } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { badRequest, forbidden, notFound } from './responsibility.errors.ts';
import { resolveUnitRows, toUnitView } from './units.ts';
import type { UnitInput } from './units.ts';
import type { MilestoneView, PilotView } from './responsibility.contract.ts';
export type { MilestoneView, PilotView } from './responsibility.contract.ts';

export interface MilestoneInput {
  title: string;
  dueDate: string;
  doneAt?: string | null;
  note?: string | null;
}

export interface PilotInput {
  title: string;
  description?: string;
  periodStart: string;
  periodEnd: string;
  status?: PilotStatus;
  results?: string;
  goals: GoalRef[];
  units: UnitInput[];
  milestones?: MilestoneInput[];
}

const manageOnly = '无权管理试点：仅妇儿工委办公室（管理员）可以登记和更新试点项目';

async function views(db: Kysely<Database>, actor: Actor | null, rows: readonly PilotRow[], clock: Clock): Promise<PilotView[]> {
  const ids = rows.map((r) => r.id);
  const [goals, units, milestones, city] = await Promise.all([goalsOfPilots(db, ids), unitsOfPilots(db, ids), milestonesOf(db, ids), loadCityPlans(db)]);
  const today = todayOf(clock);
  return rows.map((r) => {
    const own = milestones
      .filter((m) => m.pilot_id === r.id)
      .map((m): MilestoneView => ({ id: m.id, ord: m.ord, title: m.title, dueDate: m.due_date, doneAt: m.done_at, note: m.note, overdue: m.done_at === null && m.due_date < today }));
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      period: { start: r.period_start, end: r.period_end },
      status: r.status,
      statusLabel: PILOT_STATUS_LABELS[r.status],
      results: r.results,
      goals: (goals.get(r.id) ?? []).map((g) => {
        const found = city.byKey.get(goalKey(g));
        return { ...g, goalId: found?.goal.id ?? null, text: found?.goal.text ?? '' };
      }),
      units: units.filter((u) => u.pilot_id === r.id).map(toUnitView),
      milestones: own,
      progress: { done: own.filter((m) => m.doneAt !== null).length, total: own.length, overdue: own.filter((m) => m.overdue).length },
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      can: { manage: actor !== null && canManageRecords(actor) },
    };
  });
}

export async function listPilots(db: Kysely<Database>, actor: Actor, query: { status?: PilotStatus } = {}, clock: Clock = {}): Promise<PilotView[]> {
  return views(db, actor, await listPilotRows(db, query), clock);
}

export async function getPilot(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<PilotView> {
  const row = await findPilot(db, id);
  if (row === null) throw notFound(`试点项目 ${id} `);
  return (await views(db, actor, [row], clock))[0] as PilotView;
}

function checkMilestone(m: MilestoneInput): void {
  if (m.title.trim() === '') throw badRequest('节点名称不能为空');
  if (!isIsoDate(m.dueDate)) throw badRequest(`节点日期“${m.dueDate}”无效，应为 YYYY-MM-DD`);
  if (m.doneAt != null && !isIsoDate(m.doneAt)) throw badRequest(`完成日期“${m.doneAt}”无效，应为 YYYY-MM-DD`);
}

function checkPeriod(start: string, end: string): void {
  if (!isIsoDate(start) || !isIsoDate(end)) throw badRequest('试点期限的起止日期应为 YYYY-MM-DD');
  if (end < start) throw badRequest('试点结束日期不能早于开始日期');
}

export async function createPilot(db: Kysely<Database>, actor: Actor, input: PilotInput, clock: Clock = {}): Promise<PilotView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  const title = input.title.trim();
  if (title === '') throw badRequest('试点名称不能为空');
  checkPeriod(input.periodStart, input.periodEnd);
  if (input.goals.length === 0) throw badRequest('试点须围绕至少一项主要目标');
  if (input.units.length === 0) throw badRequest('须确定试点单位');
  for (const m of input.milestones ?? []) checkMilestone(m);
  const id = await inTransaction(db, async (trx) => {
    const goals = requireGoals(await loadCityPlans(trx), input.goals).map((g) => g.ref);
    const at = stampOf(clock);
    const row = await insertPilot(trx, {
      title,
      description: input.description?.trim() ?? '',
      period_start: input.periodStart,
      period_end: input.periodEnd,
      status: input.status ?? 'planned',
      results: input.results?.trim() ?? '',
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
      updated_at: at,
    });
    await setPilotGoals(trx, row.id, goals);
    await setPilotUnits(trx, row.id, await resolveUnitRows(trx, input.units));
    let ord = 0;
    for (const m of input.milestones ?? []) {
      await insertMilestone(trx, { pilot_id: row.id, ord: ++ord, title: m.title.trim(), due_date: m.dueDate, done_at: m.doneAt ?? null, note: m.note?.trim() || null });
    }
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'pilot', entity_id: row.id, action: 'pilot.create', note: null });
    return row.id;
  });
  return getPilot(db, actor, id, clock);
}

export async function updatePilot(db: Kysely<Database>, actor: Actor, id: number, changes: Partial<Omit<PilotInput, 'milestones'>>, clock: Clock = {}): Promise<PilotView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  await inTransaction(db, async (trx) => {
    const row = await findPilot(trx, id);
    if (row === null) throw notFound(`试点项目 ${id} `);
    const at = stampOf(clock);
    const set: Parameters<typeof updatePilotRow>[2] = { updated_at: at };
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('试点名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.description !== undefined) set.description = changes.description.trim();
    if (changes.periodStart !== undefined || changes.periodEnd !== undefined) {
      checkPeriod(changes.periodStart ?? row.period_start, changes.periodEnd ?? row.period_end);
      set.period_start = changes.periodStart ?? row.period_start;
      set.period_end = changes.periodEnd ?? row.period_end;
    }
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.results !== undefined) set.results = changes.results.trim();
    if (changes.goals !== undefined) {
      if (changes.goals.length === 0) throw badRequest('试点须围绕至少一项主要目标');
      await setPilotGoals(trx, id, requireGoals(await loadCityPlans(trx), changes.goals).map((g) => g.ref));
    }
    if (changes.units !== undefined) {
      if (changes.units.length === 0) throw badRequest('须确定试点单位');
      await setPilotUnits(trx, id, await resolveUnitRows(trx, changes.units));
    }
    await updatePilotRow(trx, id, set);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'pilot', entity_id: id, action: 'pilot.update', note: changes.status ? PILOT_STATUS_LABELS[changes.status] : null });
  });
  return getPilot(db, actor, id, clock);
}

export async function addMilestone(db: Kysely<Database>, actor: Actor, pilotId: number, input: MilestoneInput, clock: Clock = {}): Promise<PilotView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  checkMilestone(input);
  await inTransaction(db, async (trx) => {
    if ((await findPilot(trx, pilotId)) === null) throw notFound(`试点项目 ${pilotId} `);
    const existing = await milestonesOf(trx, [pilotId]);
    await insertMilestone(trx, { pilot_id: pilotId, ord: existing.length + 1, title: input.title.trim(), due_date: input.dueDate, done_at: input.doneAt ?? null, note: input.note?.trim() || null });
  });
  return getPilot(db, actor, pilotId, clock);
}

/** Marks a milestone done (doneAt, default today) or not done (done: false), or changes its date or note. */
export async function updateMilestone(
  db: Kysely<Database>,
  actor: Actor,
  milestoneId: number,
  changes: { done?: boolean; doneAt?: string | null; title?: string; dueDate?: string; note?: string | null },
  clock: Clock = {},
): Promise<PilotView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  const pilotId = await inTransaction(db, async (trx) => {
    const m = await findMilestone(trx, milestoneId);
    if (m === null) throw notFound(`试点节点 ${milestoneId} `);
    const set: Parameters<typeof updateMilestoneRow>[2] = {};
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('节点名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.dueDate !== undefined) {
      if (!isIsoDate(changes.dueDate)) throw badRequest(`节点日期“${changes.dueDate}”无效，应为 YYYY-MM-DD`);
      set.due_date = changes.dueDate;
    }
    if (changes.note !== undefined) set.note = changes.note?.trim() || null;
    if (changes.done === false) set.done_at = null;
    else if (changes.done === true || changes.doneAt != null) {
      const doneAt = changes.doneAt ?? todayOf(clock);
      if (!isIsoDate(doneAt)) throw badRequest(`完成日期“${doneAt}”无效，应为 YYYY-MM-DD`);
      set.done_at = doneAt;
    }
    if (Object.keys(set).length > 0) await updateMilestoneRow(trx, m.id, set);
    await recordEvent(trx, { at: stampOf(clock), user_id: actor.userId, user_name: actor.displayName, entity: 'pilot', entity_id: m.pilot_id, action: 'pilot.milestone', note: m.title });
    return m.pilot_id;
  });
  return getPilot(db, actor, pilotId, clock);
}
