import type { Kysely } from 'kysely';
import { syncWarningTasksAs } from '../responsibility/task-issue.service.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { WarningLevel, WarningRow, WarningStatus } from '../../storage/schema/warnings.schema.ts';
import {
  findCountermeasures,
  findSteps,
  findWarning,
  findWarnings,
  insertCountermeasure,
  insertSteps,
  updateStep,
  updateWarning,
  type WarningFilter,
} from '../../storage/repositories/warning.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { conflict, forbidden, invalidInput, missing } from './evaluation.errors.ts';
import { OPEN_WARNING_STATUSES } from './warning.labels.ts';
import { auditWarnings, warningHistory, type WarningOrigin } from './warning-audit.ts';
import { canAnswerWarning, canCloseWarning, canReadWarning, warningVisibility, type WarningScope } from './warning-policy.ts';
import {
  summarise,
  toCountermeasureView,
  toStepView,
  todayIso,
  type WarningDetail,
  type WarningSummary,
} from './warning-view.ts';

/**
 * Following a warning to closure: the department (or county) answers with countermeasures (对策建议) and a
 * rectification plan (整改措施: steps with due dates and owners); each step is reported done with a note and
 * evidence; the office closes the warning (销号) once every step is done, or escalates it (升级) with a reason.
 * Every change is written to the audit log; closed and withdrawn warnings no longer change.
 */

export interface WarningQuery {
  year?: number;
  /** 'open' = issued, responded or escalated. */
  status?: WarningStatus | 'open';
  level?: WarningLevel;
  regionCode?: string;
  departmentId?: number;
  indicatorCode?: string;
}

const scopeOf = (w: Pick<WarningRow, 'department_id' | 'region_code'>): WarningScope => ({ departmentId: w.department_id, regionCode: w.region_code });

/** The warnings the actor may see that match the query, latest year first, red before yellow. */
export async function listWarnings(db: Kysely<Database>, actor: Actor, query: WarningQuery = {}): Promise<WarningSummary[]> {
  const visibility = warningVisibility(actor);
  if (visibility.kind === 'none') return [];
  const filter: WarningFilter = {
    ...(query.year === undefined ? {} : { year: query.year }),
    ...(query.status === undefined ? {} : { statuses: query.status === 'open' ? OPEN_WARNING_STATUSES : [query.status] }),
    ...(query.level === undefined ? {} : { level: query.level }),
    ...(query.regionCode === undefined ? {} : { regionCode: query.regionCode }),
    ...(query.departmentId === undefined ? {} : { departmentId: query.departmentId }),
    ...(query.indicatorCode === undefined ? {} : { indicatorCode: query.indicatorCode }),
  };
  if (visibility.kind === 'department') {
    if (filter.departmentId !== undefined && filter.departmentId !== visibility.departmentId) return [];
    filter.departmentId = visibility.departmentId;
  } else if (visibility.kind === 'region') {
    if (filter.regionCode !== undefined && filter.regionCode !== visibility.regionCode) return [];
    filter.regionCode = visibility.regionCode;
  }
  return summarise(db, await findWarnings(db, filter));
}

async function loadWarning(db: Kysely<Database>, actor: Actor, id: number): Promise<WarningRow> {
  const row = Number.isInteger(id) ? await findWarning(db, id) : null;
  if (row === null) throw missing(`预警${id}`);
  if (!canReadWarning(actor, scopeOf(row))) throw forbidden('无权查看该预警：只能查看分配给本部门或本地区的预警');
  return row;
}

export async function getWarning(db: Kysely<Database>, actor: Actor, id: number): Promise<WarningDetail> {
  const row = await loadWarning(db, actor, id);
  const today = todayIso();
  const [summary] = await summarise(db, [row], today);
  const previousRow = row.previous_id === null ? null : await findWarning(db, row.previous_id);
  const previous = previousRow !== null && canReadWarning(actor, scopeOf(previousRow)) ? ((await summarise(db, [previousRow], today))[0] ?? null) : null;
  const scope = scopeOf(row);
  const open = row.status === 'issued' || row.status === 'responded' || row.status === 'escalated';
  return {
    ...(summary as WarningSummary),
    countermeasures: (await findCountermeasures(db, [row.id])).map(toCountermeasureView),
    steps: (await findSteps(db, [row.id])).map((s) => toStepView(s, today)),
    history: await warningHistory(db, row.id),
    previous,
    permissions: {
      answer: open && canAnswerWarning(actor, scope),
      completeStep: open && canAnswerWarning(actor, scope),
      close: open && canCloseWarning(actor),
      escalate: open && canCloseWarning(actor),
    },
  };
}

function requireOpen(row: WarningRow): void {
  if (row.status === 'closed') throw conflict('该预警已销号，不能再修改');
  if (row.status === 'withdrawn') throw conflict('该预警已撤销（复核时不再触发），不能再修改');
}

async function answerable(db: Kysely<Database>, actor: Actor, id: number): Promise<WarningRow> {
  const row = await loadWarning(db, actor, id);
  if (!canAnswerWarning(actor, scopeOf(row))) {
    throw forbidden('无权处理该预警：只有预警分配到的部门或区县的填报员、审核员，或管理员可以反馈和整改');
  }
  requireOpen(row);
  return row;
}

function cleanText(text: unknown, what: string, max = 4000): string {
  if (typeof text !== 'string' || text.trim() === '') throw invalidInput(`${what}不能为空`);
  const t = text.trim();
  if (t.length > max) throw invalidInput(`${what}过长（${t.length}字，最多${max}字）`);
  return t;
}

function optionalText(text: unknown, what: string, max = 4000): string | null {
  if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) return null;
  return cleanText(text, what, max);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(text: unknown, what: string): string {
  if (typeof text !== 'string' || !ISO_DATE.test(text)) throw invalidInput(`${what}应为 YYYY-MM-DD 格式的日期`);
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) throw invalidInput(`${what}“${text}”不是有效日期`);
  return text;
}

const byName = (actor: Actor): string => actor.displayName || actor.username;

export interface ActionOptions {
  origin?: WarningOrigin;
}

/** The department's (or county's) countermeasures: kept in full; the first answer moves the warning to 整改中. */
export async function addCountermeasure(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { text: string },
  options: ActionOptions = {},
): Promise<WarningDetail> {
  const text = cleanText(input.text, '对策建议');
  await inTransaction(db, async (trx) => {
    const row = await answerable(trx, actor, id);
    const now = new Date().toISOString();
    const measure = await insertCountermeasure(trx, {
      warning_id: row.id, text, author_id: actor.userId, author_name: byName(actor), department_id: actor.departmentId,
      region_code: actor.regionCode, created_at: now,
    });
    const status = row.status === 'issued' ? 'responded' : row.status;
    await updateWarning(trx, row.id, { status, updated_at: now });
    await auditWarnings(trx, actor, options.origin ?? 'api', [
      { warningId: row.id, action: 'warning.countermeasure', before: { status: row.status }, after: { status, countermeasureId: measure.id, text } },
    ], now);
  });
  return getWarning(db, actor, id);
}

export interface StepInput {
  description: string;
  dueDate: string;
  owner: string;
}

/** Adds steps to the rectification plan (numbered after the existing ones). */
export async function addSteps(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { steps: StepInput[] },
  options: ActionOptions = {},
): Promise<WarningDetail> {
  if (!Array.isArray(input.steps) || input.steps.length === 0) throw invalidInput('整改措施至少需要一项');
  if (input.steps.length > 50) throw invalidInput('一次最多提交50项整改措施');
  const steps = input.steps.map((s, i) => ({
    description: cleanText(s.description, `第${i + 1}项整改措施的内容`, 2000),
    dueDate: checkDate(s.dueDate, `第${i + 1}项整改措施的完成时限`),
    owner: cleanText(s.owner, `第${i + 1}项整改措施的责任人（单位）`, 200),
  }));
  await inTransaction(db, async (trx) => {
    const row = await answerable(trx, actor, id);
    const now = new Date().toISOString();
    const existing = await findSteps(trx, [row.id]);
    const start = existing.reduce((m, s) => Math.max(m, s.ord), 0);
    const inserted = await insertSteps(
      trx,
      steps.map((s, i) => ({
        warning_id: row.id, ord: start + i + 1, description: s.description, due_date: s.dueDate, owner: s.owner, status: 'pending',
        done_at: null, done_by: null, done_by_name: null, done_note: null, evidence: null, created_at: now, created_by: actor.userId,
        created_by_name: byName(actor),
      })),
    );
    const status = row.status === 'issued' ? 'responded' : row.status;
    await updateWarning(trx, row.id, { status, updated_at: now });
    await syncWarningTasksAs(trx, actor, { year: row.year }); // the rectification task is due on the earliest step
    await auditWarnings(trx, actor, options.origin ?? 'api', [
      { warningId: row.id, action: 'warning.steps', before: { status: row.status }, after: { status, steps: inserted.map((s) => ({ id: s.id, ord: s.ord, description: s.description, dueDate: s.due_date, owner: s.owner })) } },
    ], now);
  });
  return getWarning(db, actor, id);
}

/** Reports one step done, with a note (what was done) and optional evidence (a document number, a link …). */
export async function completeStep(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  stepId: number,
  input: { note: string; evidence?: string | null },
  options: ActionOptions = {},
): Promise<WarningDetail> {
  const note = cleanText(input.note, '完成情况说明', 2000);
  const evidence = optionalText(input.evidence, '佐证材料', 2000);
  await inTransaction(db, async (trx) => {
    const row = await answerable(trx, actor, id);
    const step = (await findSteps(trx, [row.id])).find((s) => s.id === stepId);
    if (step === undefined) throw missing(`该预警的整改措施${stepId}`);
    if (step.status === 'done') throw conflict(`第${step.ord}项整改措施已于${step.done_at?.slice(0, 10) ?? ''}标记完成`);
    const now = new Date().toISOString();
    await updateStep(trx, step.id, { status: 'done', done_at: now, done_by: actor.userId, done_by_name: byName(actor), done_note: note, evidence });
    await syncWarningTasksAs(trx, actor, { year: row.year });
    await updateWarning(trx, row.id, { updated_at: now });
    await auditWarnings(trx, actor, options.origin ?? 'api', [
      { warningId: row.id, action: 'warning.step_done', before: { stepId: step.id, ord: step.ord, status: 'pending' }, after: { stepId: step.id, ord: step.ord, status: 'done', note, evidence } },
    ], now);
  });
  return getWarning(db, actor, id);
}

/** 销号: the office closes a warning whose countermeasures are in and every rectification step is done. */
export async function closeWarning(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { note?: string | null } = {},
  options: ActionOptions = {},
): Promise<WarningDetail> {
  const note = optionalText(input.note, '销号意见', 2000);
  await inTransaction(db, async (trx) => {
    const row = await loadWarning(trx, actor, id);
    if (!canCloseWarning(actor)) throw forbidden('无权销号：仅妇儿工委办公室（管理员）可以销号');
    requireOpen(row);
    const measures = await findCountermeasures(trx, [row.id]);
    const steps = await findSteps(trx, [row.id]);
    if (measures.length === 0) throw conflict('该预警尚无对策建议，不能销号');
    if (steps.length === 0) throw conflict('该预警尚无整改措施，不能销号');
    const open = steps.filter((s) => s.status !== 'done');
    if (open.length > 0) {
      throw conflict(`尚有${open.length}项整改措施未完成（第${open.map((s) => s.ord).join('、')}项），不能销号`, { pendingSteps: open.map((s) => s.id) });
    }
    const now = new Date().toISOString();
    await updateWarning(trx, row.id, { status: 'closed', closed_at: now, closed_by: actor.userId, closed_by_name: byName(actor), close_note: note, updated_at: now });
    await syncWarningTasksAs(trx, actor, { year: row.year }); // 销号 completes the rectification task
    await auditWarnings(trx, actor, options.origin ?? 'api', [
      { warningId: row.id, action: 'warning.close', before: { status: row.status }, after: { status: 'closed', note }, reason: note },
    ], now);
  });
  return getWarning(db, actor, id);
}

/** 升级: the office raises a warning (no answer, steps overdue, no improvement) with a reason; it stays open. */
export async function escalateWarning(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { reason: string },
  options: ActionOptions = {},
): Promise<WarningDetail> {
  const reason = cleanText(input.reason, '升级原因', 2000);
  await inTransaction(db, async (trx) => {
    const row = await loadWarning(trx, actor, id);
    if (!canCloseWarning(actor)) throw forbidden('无权升级预警：仅妇儿工委办公室（管理员）可以升级');
    requireOpen(row);
    const now = new Date().toISOString();
    const after = await updateWarning(trx, row.id, {
      status: 'escalated', escalations: row.escalations + 1, escalated_at: now, escalation_reason: reason, updated_at: now,
    });
    await syncWarningTasksAs(trx, actor, { year: row.year }); // escalating after the report sends it back: the office's review is done
    await auditWarnings(trx, actor, options.origin ?? 'api', [
      { warningId: row.id, action: 'warning.escalate', before: { status: row.status, escalations: row.escalations }, after: { status: 'escalated', escalations: after.escalations }, reason },
    ], now);
  });
  return getWarning(db, actor, id);
}
