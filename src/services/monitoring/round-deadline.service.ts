import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canAdmin } from '../../core/access/policies.ts';
import { deadlineProblem, effectiveDue, reasonProblem } from '../../core/deadlines/round-deadline.ts';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import type { NewAuditRow } from '../../storage/repositories/audit.repository.ts';
import { deleteDeadlineExtensions, listDeadlineExtensions, saveDeadlineExtension } from '../../storage/repositories/deadline-extension.repository.ts';
import { findDepartmentId } from '../../storage/repositories/department.repository.ts';
import { findForms } from '../../storage/repositories/form.repository.ts';
import { findRound, setRoundDueDate } from '../../storage/repositories/round.repository.ts';
import { listTaskRows } from '../../storage/repositories/task.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormRow } from '../../storage/schema/monitoring.schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { moveTaskDue } from '../deadlines/round-deadline.shared.ts';
import type { Clock } from '../responsibility/clock.ts';
import { stampOf, todayOf } from '../responsibility/clock.ts';
import type { FormSummary } from './form.service.ts';
import { summariseForms } from './form.service.ts';
import { accessDenied, badRequest, invalidState, notFound } from './monitoring.errors.ts';
import { actorRef } from './monitoring-context.ts';
import { ROUND_DEADLINE_ACTION } from './progress.service.ts';
import type { RoundSummary } from './round.service.ts';
import { getRound } from './round.service.ts';

/**
 * 调整截止日期 of a data collection round: the statistics bureau or an administrator (those who open rounds)
 * moves the whole round's date, or gives one unit (a department's form or a county's) a later one. The reason
 * is required; the change is audited on the round (entity 'round', action 'round.deadline'; a unit's change
 * carries its form's id, so the form's log shows it); the forms' data-reporting tasks move with it, so the
 * reminders and the progress board's overdue flags follow. Rules: src/core/deadlines/round-deadline.ts.
 */

/** A unit of the round: its name (市卫生健康委, 张店区; department aliases too), department id or region code. */
export type DataUnitRef = string | { departmentId: number } | { regionCode: string };

export interface DataDeadlineChangeInput {
  dueDate: string;
  reason: string;
  /** Only this unit's form (an extension); absent: the whole round. */
  unit?: DataUnitRef;
}

async function resolveForm(db: Kysely<Database>, forms: readonly FormRow[], summaries: readonly FormSummary[], ref: DataUnitRef): Promise<FormRow> {
  let found: FormRow | undefined;
  if (typeof ref !== 'string') {
    found = 'departmentId' in ref ? forms.find((f) => f.kind === 'department' && f.department_id === ref.departmentId) : forms.find((f) => f.kind === 'region' && f.region_code === ref.regionCode);
  } else {
    const text = ref.trim();
    const byName = summaries.find((s) => s.name === text);
    found = byName !== undefined ? forms.find((f) => f.id === byName.id) : forms.find((f) => (f.kind === 'department' ? String(f.department_id) === text : f.region_code === text));
    if (found === undefined && text !== '') {
      const departmentId = await findDepartmentId(db, text);
      if (departmentId !== null) found = forms.find((f) => f.kind === 'department' && f.department_id === departmentId);
    }
  }
  const label = typeof ref === 'string' ? ref : 'departmentId' in ref ? `部门${ref.departmentId}` : `区划${ref.regionCode}`;
  if (found === undefined) throw notFound(`本轮次中${label}的报表`);
  return found;
}

export async function changeRoundDeadline(db: Kysely<Database>, actor: Actor, roundId: number, input: DataDeadlineChangeInput, clock: Clock = {}): Promise<RoundSummary> {
  if (!canAdmin(actor)) throw accessDenied('无权调整截止日期：仅统计局或管理员可以调整填报轮次的截止日期');
  const reasonIssue = reasonProblem(input.reason);
  if (reasonIssue !== null) throw badRequest(reasonIssue);
  const reason = input.reason.trim();
  await inTransaction(db, async (trx) => {
    const round = await findRound(trx, roundId);
    if (round === null) throw notFound(`填报轮次${roundId}`);
    if (round.status !== 'open') throw invalidState(`${round.year}年度填报轮次已结束，不能调整截止日期；如需继续填报，请先重新开启轮次`);
    const at = stampOf(clock);
    const who = actorRef(actor);
    const author = { userId: who.id, displayName: who.name };
    const base = { proposed: input.dueDate, today: todayOf(clock), openedOn: todayOf({ now: new Date(round.opened_at) }), dataYear: round.year };
    const forms = await findForms(trx, { roundIds: [round.id] });
    const summaries = await summariseForms(trx, forms, [round]);
    const nameOf = (form: FormRow) => summaries.find((s) => s.id === form.id)?.name ?? form.scope_key;
    const extensions = await listDeadlineExtensions(trx, 'data', [round.id]);
    const tasks = (await listTaskRows(trx, { source: { type: 'round', id: round.id } })).filter((t) => t.status !== 'cancelled');
    const taskOf = (form: FormRow) =>
      tasks.filter((t) => (form.kind === 'department' ? t.owner_department_id === form.department_id : t.owner_department_id === null && t.owner_region_code === form.region_code));
    const audit = (formId: number | null, before: unknown, after: unknown): NewAuditRow => ({
      at, user_id: who.id, user_name: who.name, action: ROUND_DEADLINE_ACTION, entity: 'round', entity_key: String(round.id), form_id: formId,
      before_json: JSON.stringify(before), after_json: JSON.stringify(after), reason, origin: null,
    });

    if (input.unit !== undefined) {
      const form = await resolveForm(trx, forms, summaries, input.unit);
      const current = effectiveDue(round.due_date, extensions.find((e) => e.unit_key === form.scope_key)?.due_date);
      const problem = deadlineProblem({ ...base, current, roundDue: round.due_date });
      if (problem !== null) throw badRequest(problem);
      await saveDeadlineExtension(trx, {
        round_type: 'data', round_id: round.id, unit_key: form.scope_key, unit_name: nameOf(form), due_date: input.dueDate, reason,
        set_by: who.id, set_by_name: who.name, set_at: at,
      });
      for (const task of taskOf(form)) await moveTaskDue(trx, author, task, input.dueDate, reason, at);
      await appendAudit(trx, [audit(form.id, { dueDate: current }, { dueDate: input.dueDate, unitName: nameOf(form), unitKey: form.scope_key })]);
      return;
    }
    const problem = deadlineProblem({ ...base, current: round.due_date });
    if (problem !== null) throw badRequest(problem);
    await setRoundDueDate(trx, round.id, input.dueDate);
    // Extensions the new date reaches are absorbed: they no longer give more time.
    const absorbed = extensions.filter((e) => e.due_date <= input.dueDate);
    await deleteDeadlineExtensions(trx, absorbed.map((e) => e.id));
    const kept = extensions.filter((e) => !absorbed.includes(e));
    for (const form of forms) {
      const due = effectiveDue(input.dueDate, kept.find((e) => e.unit_key === form.scope_key)?.due_date);
      for (const task of taskOf(form)) await moveTaskDue(trx, author, task, due, reason, at);
    }
    await appendAudit(trx, [
      audit(null, { dueDate: round.due_date }, { dueDate: input.dueDate, extensionsKept: kept.map((e) => e.unit_name), extensionsAbsorbed: absorbed.map((e) => e.unit_name) }),
    ]);
  });
  return getRound(db, actor, roundId);
}
