import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { deadlineProblem, effectiveDue, reasonProblem } from '../../core/deadlines/round-deadline.ts';
import { canManageUnitReports } from '../../core/unit-reports/unit-report-access.ts';
import type { UnitReportKind } from '../../core/unit-reports/unit-report.types.ts';
import { UNIT_REPORT_KIND_LABELS } from '../../core/unit-reports/unit-report.types.ts';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import type { NewAuditRow } from '../../storage/repositories/audit.repository.ts';
import { deleteDeadlineExtensions, listDeadlineExtensions, saveDeadlineExtension } from '../../storage/repositories/deadline-extension.repository.ts';
import { findDepartmentId } from '../../storage/repositories/department.repository.ts';
import { findTask } from '../../storage/repositories/task.repository.ts';
import { findRound, findRoundOf, listUnitReportRows, setRoundDueDate } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportRoundRow, UnitReportRow } from '../../storage/schema/unit-reports.schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { moveTaskDue } from '../deadlines/round-deadline.shared.ts';
import type { Clock } from '../responsibility/clock.ts';
import { stampOf, todayOf } from '../responsibility/clock.ts';
import { badRequest, forbidden, notFound } from '../responsibility/responsibility.errors.ts';
import type { RoundOverview } from './unit-report.contract.ts';
import { ROUND_DEADLINE_ACTION, roundOverview } from './unit-report-round.service.ts';
import { dayOf } from './unit-report-views.ts';

/**
 * 调整截止日期 of a report round (department and county annual reports, mid-term / final self-evaluations): the
 * office moves the whole round's date, or gives one unit (a department or a county that asked) a later one.
 * The reason is required; the change is audited on the round and on each report it moves; the units' deadline
 * tasks move with it, so reminders and overdue flags follow. Lateness is judged against the deadline in force
 * (see src/core/deadlines/round-deadline.ts): after an extension a report submitted after the old date is on time.
 */

/** A unit of the round: its name (市水利局, 张店区; department aliases too), department id or region code. */
export type UnitRef = string | { departmentId: number } | { regionCode: string };

export interface DeadlineChangeInput {
  dueDate: string;
  reason: string;
  /** Only this unit (an extension); absent: the whole round. */
  unit?: UnitRef;
}

function unitLabel(ref: UnitRef): string {
  return typeof ref === 'string' ? ref : 'departmentId' in ref ? `部门${ref.departmentId}` : `区划${ref.regionCode}`;
}

/** The unit_key of the unit in the round; 404 when the round has no report of it. */
async function resolveUnit(db: Kysely<Database>, rows: readonly UnitReportRow[], ref: UnitRef): Promise<UnitReportRow> {
  let found: UnitReportRow | undefined;
  if (typeof ref !== 'string') {
    found = 'departmentId' in ref ? rows.find((r) => r.unit_kind === 'department' && r.department_id === ref.departmentId) : rows.find((r) => r.unit_kind === 'county' && r.region_code === ref.regionCode);
  } else {
    const text = ref.trim();
    found = rows.find((r) => r.unit_name === text || (r.unit_kind === 'department' ? String(r.department_id) === text : r.region_code === text));
    if (found === undefined && text !== '') {
      const departmentId = await findDepartmentId(db, text);
      if (departmentId !== null) found = rows.find((r) => r.unit_kind === 'department' && r.department_id === departmentId);
    }
  }
  if (found === undefined) throw notFound(`本轮次中${unitLabel(ref)}的报告`);
  return found;
}

function auditRow(actor: Actor, at: string, entity: 'unit_report_round' | 'unit_report', key: number, before: unknown, after: unknown, reason: string): NewAuditRow {
  return {
    at,
    user_id: actor.userId,
    user_name: actor.displayName,
    action: entity === 'unit_report_round' ? ROUND_DEADLINE_ACTION : 'unit_report.deadline',
    entity,
    entity_key: String(key),
    form_id: null,
    before_json: JSON.stringify(before),
    after_json: JSON.stringify(after),
    reason,
    origin: 'api',
  };
}

export async function changeUnitReportDeadline(db: Kysely<Database>, actor: Actor, ref: number | { year: number; kind: UnitReportKind }, input: DeadlineChangeInput, clock: Clock = {}): Promise<RoundOverview> {
  if (!canManageUnitReports(actor)) throw forbidden('无权调整截止日期：仅妇儿工委办公室（管理员）可以调整报告轮次的截止日期');
  const reasonIssue = reasonProblem(input.reason);
  if (reasonIssue !== null) throw badRequest(reasonIssue);
  const reason = input.reason.trim();
  const roundId = await inTransaction(db, async (trx) => {
    const round: UnitReportRoundRow | null = typeof ref === 'number' ? await findRound(trx, ref) : await findRoundOf(trx, ref.year, ref.kind);
    if (round === null) throw notFound(typeof ref === 'number' ? `报告轮次 ${ref} ` : `${ref.year}年度的“${UNIT_REPORT_KIND_LABELS[ref.kind]}”报告轮次`);
    const at = stampOf(clock);
    const base = { proposed: input.dueDate, today: todayOf(clock), openedOn: dayOf(round.created_at) };
    const rows = await listUnitReportRows(trx, { roundId: round.id });
    const extensions = await listDeadlineExtensions(trx, 'unit_report', [round.id]);
    const extensionOf = (unitKey: string) => extensions.find((e) => e.unit_key === unitKey);
    // The series of each unit, newest version first (rows come ordered by unit and version desc).
    const series = new Map<string, UnitReportRow[]>();
    for (const r of rows) series.set(r.unit_key, [...(series.get(r.unit_key) ?? []), r]);

    /** Moves the unit's deadline task(s) and notes the change in its newest report's history. */
    const moveUnit = async (versions: readonly UnitReportRow[], before: string, after: string, audit: NewAuditRow[]) => {
      const newest = versions[0] as UnitReportRow;
      for (const taskId of new Set(versions.flatMap((v) => (v.task_id === null ? [] : [v.task_id])))) {
        const task = await findTask(trx, taskId);
        if (task !== null) await moveTaskDue(trx, actor, task, after, reason, at);
      }
      audit.push(auditRow(actor, at, 'unit_report', newest.id, { dueDate: before }, { dueDate: after, unitName: newest.unit_name }, reason));
    };

    const audit: NewAuditRow[] = [];
    if (input.unit !== undefined) {
      const unit = await resolveUnit(trx, rows, input.unit);
      const current = effectiveDue(round.due_date, extensionOf(unit.unit_key)?.due_date);
      const problem = deadlineProblem({ ...base, current, roundDue: round.due_date });
      if (problem !== null) throw badRequest(problem);
      await saveDeadlineExtension(trx, {
        round_type: 'unit_report',
        round_id: round.id,
        unit_key: unit.unit_key,
        unit_name: unit.unit_name,
        due_date: input.dueDate,
        reason,
        set_by: actor.userId,
        set_by_name: actor.displayName,
        set_at: at,
      });
      await moveUnit(series.get(unit.unit_key) ?? [unit], current, input.dueDate, audit);
      audit.unshift(auditRow(actor, at, 'unit_report_round', round.id, { dueDate: current }, { dueDate: input.dueDate, unitName: unit.unit_name, unitKey: unit.unit_key }, reason));
    } else {
      const problem = deadlineProblem({ ...base, current: round.due_date });
      if (problem !== null) throw badRequest(problem);
      await setRoundDueDate(trx, round.id, input.dueDate);
      // Extensions the new date reaches are absorbed: they no longer give more time.
      const absorbed = extensions.filter((e) => e.due_date <= input.dueDate);
      await deleteDeadlineExtensions(trx, absorbed.map((e) => e.id));
      for (const [unitKey, versions] of series) {
        const kept = extensionOf(unitKey);
        const before = effectiveDue(round.due_date, kept?.due_date);
        const after = effectiveDue(input.dueDate, kept !== undefined && !absorbed.includes(kept) ? kept.due_date : null);
        if (before !== after) await moveUnit(versions, before, after, audit);
      }
      audit.unshift(
        auditRow(
          actor,
          at,
          'unit_report_round',
          round.id,
          { dueDate: round.due_date },
          { dueDate: input.dueDate, extensionsKept: extensions.filter((e) => !absorbed.includes(e)).map((e) => e.unit_name), extensionsAbsorbed: absorbed.map((e) => e.unit_name) },
          reason,
        ),
      );
    }
    await appendAudit(trx, audit);
    return round.id;
  });
  return roundOverview(db, actor, roundId, clock);
}
