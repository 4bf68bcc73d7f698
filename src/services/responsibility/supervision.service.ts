import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { canManageRecords, canReportRectification } from '../../core/responsibility/responsibility-access.ts';
import type { GoalRef } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { SupervisionRow } from '../../storage/schema/responsibility.schema.ts';
import {
  findFinding,
  findSupervision,
  findingsOf,
  insertFinding,
  insertSupervision,
  listSupervisionRows,
  RECTIFICATION_REPORT_ACTION,
  rectificationReportsOf,
  setSupervisionUnits,
  unitsOfSupervisions,
  updateFindingRow,
  updateSupervisionRow,
} from '../../storage/repositories/supervision.repository.ts';
import { findTask, listTaskRows, recordEvent } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { goalKey, loadCityPlans, requireGoals } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { FOLLOW_UP_LABELS, followUpState } from './follow-up.ts';
import { badRequest, forbidden, invalidState, notFound } from './responsibility.errors.ts';
import { closeReviewTask, openReviewTask } from './task-review.service.ts';
import { closeTaskRecord, createTaskRecord, toTaskViews } from './task.service.ts';
import { resolveUnitRows, resolveUnits, toUnitView } from './units.ts';
import type { OwnerInput, UnitInput } from './units.ts';
import type { FindingView, RectificationReport, SupervisionView } from './responsibility.contract.ts';
export type { FindingView, SupervisionView } from './responsibility.contract.ts';

export interface FindingInput {
  text: string;
  unit?: UnitInput | null;
  goal?: GoalRef | null;
}

export interface SupervisionInput {
  title: string;
  visitDate: string;
  inspectors?: string;
  summary?: string;
  units: UnitInput[];
  findings?: FindingInput[];
}

const manageOnly = '无权管理督查记录：仅妇儿工委办公室（管理员）可以登记督查、发现问题和布置整改';

async function views(db: Kysely<Database>, actor: Actor | null, rows: readonly SupervisionRow[], clock: Clock): Promise<SupervisionView[]> {
  const ids = rows.map((r) => r.id);
  const [units, findings, city] = await Promise.all([unitsOfSupervisions(db, ids), findingsOf(db, ids), loadCityPlans(db)]);
  const taskIds = findings.flatMap((f) => (f.task_id === null ? [] : [f.task_id]));
  const taskRows = taskIds.length === 0 ? [] : (await listTaskRows(db, { source: { type: 'supervision_finding' } })).filter((t) => taskIds.includes(t.id));
  const taskViews = new Map((await toTaskViews(db, taskRows, actor, clock)).map((t) => [t.id, t]));
  const taskStatus = new Map(taskRows.map((t) => [t.id, t]));
  const reports = new Map<number, RectificationReport[]>();
  for (const e of await rectificationReportsOf(db, taskRows.map((t) => t.id))) {
    reports.set(e.entity_id, [...(reports.get(e.entity_id) ?? []), { at: e.at, by: e.user_name, note: e.note ?? '' }]);
  }
  const manage = actor !== null && canManageRecords(actor);
  return rows.map((r) => {
    const own = findings.filter((f) => f.supervision_id === r.id);
    const findingViews = own.map((f): FindingView => {
      const task = f.task_id === null ? null : (taskStatus.get(f.task_id) ?? null);
      const taskReports = task === null ? [] : (reports.get(task.id) ?? []);
      const base = followUpState(task);
      const state = base === 'in_progress' && taskReports.length > 0 ? 'reported' : base;
      const open = task !== null && task.status === 'open';
      const goal = f.plan_kind !== null && f.domain_ord !== null && f.goal_ord !== null ? { plan: f.plan_kind, domain: f.domain_ord, goal: f.goal_ord } : null;
      return {
        id: f.id,
        ord: f.ord,
        text: f.text,
        unit: f.department_id === null && f.region_code === null ? null : { departmentId: f.department_id, regionCode: f.region_code, name: '' },
        goal: goal === null ? null : { ...goal, goalId: city.byKey.get(goalKey(goal))?.goal.id ?? null, text: city.byKey.get(goalKey(goal))?.goal.text ?? '' },
        task: f.task_id === null ? null : (taskViews.get(f.task_id) ?? null),
        state,
        stateLabel: FOLLOW_UP_LABELS[state],
        reports: taskReports,
        can: {
          assign: manage && (task === null || task.status === 'cancelled'),
          report: open && actor !== null && canReportRectification(actor, { departmentId: task.owner_department_id, regionCode: task.owner_region_code }),
          close: open && manage,
        },
      };
    });
    return {
      id: r.id,
      title: r.title,
      visitDate: r.visit_date,
      inspectors: r.inspectors,
      summary: r.summary,
      units: units.filter((u) => u.supervision_id === r.id).map(toUnitView),
      findings: findingViews,
      openFindings: findingViews.filter((f) => f.state === 'unassigned' || f.state === 'in_progress' || f.state === 'reported').length,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      can: { manage },
    };
  });
}

/** Names of the units a finding concerns (resolved once for the view). */
async function withUnitNames(db: Kysely<Database>, list: SupervisionView[]): Promise<SupervisionView[]> {
  const refs = list.flatMap((s) => s.findings.flatMap((f) => (f.unit === null ? [] : [f.unit])));
  if (refs.length === 0) return list;
  const resolved = await resolveUnits(db, refs.map((u) => ({ departmentId: u.departmentId, regionCode: u.regionCode })));
  refs.forEach((u, i) => (u.name = resolved[i]?.name ?? ''));
  return list;
}

export async function listSupervisions(db: Kysely<Database>, actor: Actor, query: { from?: string; to?: string } = {}, clock: Clock = {}): Promise<SupervisionView[]> {
  return withUnitNames(db, await views(db, actor, await listSupervisionRows(db, query), clock));
}

export async function getSupervision(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<SupervisionView> {
  const row = await findSupervision(db, id);
  if (row === null) throw notFound(`督查记录 ${id} `);
  return (await withUnitNames(db, await views(db, actor, [row], clock)))[0] as SupervisionView;
}

async function findingValues(db: Kysely<Database>, input: FindingInput) {
  const text = input.text.trim();
  if (text === '') throw badRequest('发现的问题不能为空');
  const [unit] = input.unit ? await resolveUnits(db, [input.unit]) : [];
  if (input.goal) requireGoals(await loadCityPlans(db), [input.goal]);
  return {
    text,
    department_id: unit?.departmentId ?? null,
    region_code: unit?.regionCode ?? null,
    plan_kind: input.goal?.plan ?? null,
    domain_ord: input.goal?.domain ?? null,
    goal_ord: input.goal?.goal ?? null,
  };
}

export async function createSupervision(db: Kysely<Database>, actor: Actor, input: SupervisionInput, clock: Clock = {}): Promise<SupervisionView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  const title = input.title.trim();
  if (title === '') throw badRequest('督查名称不能为空');
  if (!isIsoDate(input.visitDate)) throw badRequest(`督查日期“${input.visitDate}”无效，应为 YYYY-MM-DD`);
  if (input.units.length === 0) throw badRequest('须列出被督查的单位');
  const id = await inTransaction(db, async (trx) => {
    const at = stampOf(clock);
    const row = await insertSupervision(trx, {
      title,
      visit_date: input.visitDate,
      inspectors: input.inspectors?.trim() ?? '',
      summary: input.summary?.trim() ?? '',
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
      updated_at: at,
    });
    await setSupervisionUnits(trx, row.id, await resolveUnitRows(trx, input.units));
    let ord = 0;
    for (const f of input.findings ?? []) await insertFinding(trx, { ...(await findingValues(trx, f)), supervision_id: row.id, ord: ++ord, task_id: null, created_at: at });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: row.id, action: 'supervision.create', note: null });
    return row.id;
  });
  return getSupervision(db, actor, id, clock);
}

export async function updateSupervision(db: Kysely<Database>, actor: Actor, id: number, changes: Partial<Omit<SupervisionInput, 'findings'>>, clock: Clock = {}): Promise<SupervisionView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  await inTransaction(db, async (trx) => {
    const row = await findSupervision(trx, id);
    if (row === null) throw notFound(`督查记录 ${id} `);
    const at = stampOf(clock);
    const set: Parameters<typeof updateSupervisionRow>[2] = { updated_at: at };
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('督查名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.visitDate !== undefined) {
      if (!isIsoDate(changes.visitDate)) throw badRequest(`督查日期“${changes.visitDate}”无效，应为 YYYY-MM-DD`);
      set.visit_date = changes.visitDate;
    }
    if (changes.inspectors !== undefined) set.inspectors = changes.inspectors.trim();
    if (changes.summary !== undefined) set.summary = changes.summary.trim();
    if (changes.units !== undefined) {
      if (changes.units.length === 0) throw badRequest('须列出被督查的单位');
      await setSupervisionUnits(trx, id, await resolveUnitRows(trx, changes.units));
    }
    await updateSupervisionRow(trx, id, set);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: id, action: 'supervision.update', note: null });
  });
  return getSupervision(db, actor, id, clock);
}

export async function addFinding(db: Kysely<Database>, actor: Actor, supervisionId: number, input: FindingInput, clock: Clock = {}): Promise<SupervisionView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  await inTransaction(db, async (trx) => {
    if ((await findSupervision(trx, supervisionId)) === null) throw notFound(`督查记录 ${supervisionId} `);
    const existing = await findingsOf(trx, [supervisionId]);
    const at = stampOf(clock);
    await insertFinding(trx, { ...(await findingValues(trx, input)), supervision_id: supervisionId, ord: existing.length + 1, task_id: null, created_at: at });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: supervisionId, action: 'supervision.finding', note: input.text.trim() });
  });
  return getSupervision(db, actor, supervisionId, clock);
}

export interface FollowUpTaskInput {
  title?: string;
  description?: string;
  dueDate: string;
  /** Default: the unit the finding (or decision) concerns. */
  owner?: OwnerInput | null;
  reminderDays?: number[];
}

/** Turns a finding into a follow-up (rectification) task for the unit concerned; the finding closes with it. */
export async function createFindingTask(db: Kysely<Database>, actor: Actor, findingId: number, input: FollowUpTaskInput, clock: Clock = {}): Promise<SupervisionView> {
  if (!canManageRecords(actor)) throw forbidden(manageOnly);
  const supervisionId = await inTransaction(db, async (trx) => {
    const finding = await findFinding(trx, findingId);
    if (finding === null) throw notFound(`督查发现的问题 ${findingId} `);
    if (finding.task_id !== null) {
      const existing = await findTask(trx, finding.task_id);
      if (existing !== null && existing.status !== 'cancelled') throw invalidState(`该问题已布置整改任务（任务 ${existing.id}）`);
    }
    const supervision = (await findSupervision(trx, finding.supervision_id)) as SupervisionRow;
    const owner = input.owner ?? (finding.department_id !== null || finding.region_code !== null ? { departmentId: finding.department_id, regionCode: finding.region_code } : null);
    if (owner === null) throw badRequest('该问题未指明责任单位：请指定整改任务的责任单位');
    const task = await createTaskRecord(
      trx,
      actor,
      {
        title: input.title?.trim() || `督查整改：${finding.text.length > 40 ? `${finding.text.slice(0, 40)}…` : finding.text}`,
        kind: 'supervision_followup',
        description: input.description?.trim() || `${supervision.visit_date}“${supervision.title}”发现的问题：${finding.text}`,
        owner,
        dueDate: input.dueDate,
        reminderDays: input.reminderDays,
        source: { type: 'supervision_finding', id: finding.id },
      },
      clock,
    );
    await updateFindingRow(trx, finding.id, { task_id: task.id });
    await recordEvent(trx, { at: stampOf(clock), user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: supervision.id, action: 'supervision.follow_up', note: `问题${finding.ord} → 任务${task.id}` });
    return supervision.id;
  });
  return getSupervision(db, actor, supervisionId, clock);
}

async function findingTask(db: Kysely<Database>, findingId: number) {
  const finding = await findFinding(db, findingId);
  if (finding === null) throw notFound(`督查发现的问题 ${findingId} `);
  const task = finding.task_id === null ? null : await findTask(db, finding.task_id);
  if (task === null || task.status === 'cancelled') throw invalidState('该问题尚未布置整改任务');
  return { finding, task };
}

/**
 * The owner of a finding's rectification task reports what was done (整改情况); the finding then waits for
 * the office to close it. Reporting again adds a newer report (e.g. after the office asked for more).
 */
export async function reportRectification(db: Kysely<Database>, actor: Actor, findingId: number, input: { note: string }, clock: Clock = {}): Promise<SupervisionView> {
  const note = input.note.trim();
  if (note === '') throw badRequest('请填写整改情况');
  const supervisionId = await inTransaction(db, async (trx) => {
    const { finding, task } = await findingTask(trx, findingId);
    if (!canReportRectification(actor, { departmentId: task.owner_department_id, regionCode: task.owner_region_code })) {
      throw forbidden('无权报告整改情况：该整改任务不属于您的单位');
    }
    if (task.status !== 'open') throw invalidState('该问题已销号，不能再报告整改情况');
    const at = stampOf(clock);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: task.id, action: RECTIFICATION_REPORT_ACTION, note });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: finding.supervision_id, action: 'supervision.report', note: `问题${finding.ord}` });
    // The office reviews the report and closes the finding (销号) — its own task, reopened when the unit reports again.
    const supervision = (await findSupervision(trx, finding.supervision_id)) as SupervisionRow;
    const [unit] = await resolveUnits(trx, [{ departmentId: task.owner_department_id, regionCode: task.owner_region_code }]);
    const short = finding.text.length > 30 ? `${finding.text.slice(0, 30)}…` : finding.text;
    await openReviewTask(
      trx,
      actor,
      {
        source: { type: 'supervision_report_review', id: finding.id },
        kind: 'supervision_followup',
        title: `审核：${unit?.name ?? ''}督查整改情况（${short}）`,
        description: `${supervision.visit_date}“${supervision.title}”发现的问题${finding.ord}：${finding.text}。${unit?.name ?? '责任单位'}已报告整改情况（${todayOf(clock)}）：${note.replace(/[。.；;]+$/, '')}。请核实后销号，或要求继续整改。`,
      },
      clock,
    );
    return finding.supervision_id;
  });
  return getSupervision(db, actor, supervisionId, clock);
}

/** The office closes a finding (销号): its rectification task is done. */
export async function closeFinding(db: Kysely<Database>, actor: Actor, findingId: number, input: { note?: string }, clock: Clock = {}): Promise<SupervisionView> {
  if (!canManageRecords(actor)) throw forbidden('无权销号：仅妇儿工委办公室（管理员）可以对督查发现的问题销号');
  const supervisionId = await inTransaction(db, async (trx) => {
    const { finding, task } = await findingTask(trx, findingId);
    if (task.status !== 'open') throw invalidState('该问题已销号');
    await closeTaskRecord(trx, actor, task, input.note?.trim() || '整改完成，予以销号', clock);
    await closeReviewTask(trx, actor, { type: 'supervision_report_review', id: finding.id }, '已销号', clock);
    await recordEvent(trx, { at: stampOf(clock), user_id: actor.userId, user_name: actor.displayName, entity: 'supervision', entity_id: finding.supervision_id, action: 'supervision.close', note: `问题${finding.ord}` });
    return finding.supervision_id;
  });
  return getSupervision(db, actor, supervisionId, clock);
}
