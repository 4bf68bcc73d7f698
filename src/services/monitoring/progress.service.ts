import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { canAdmin, canRead } from '../../core/access/policies.ts';
import { STATUS_LABELS } from '../../core/monitoring/approval-order.ts';
import { disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { rulesFor } from '../../core/monitoring/validation-rules.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormStatus, RoundRow } from '../../storage/schema/monitoring.schema.ts';
import { findDataValues, loadValidationRules } from '../../storage/repositories/data-value.repository.ts';
import { findForms, findReviewComments } from '../../storage/repositories/form.repository.ts';
import { findRound, loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import type { FormSummary } from './form.service.ts';
import { summariseForms } from './form.service.ts';
import type { DeadlineChangeView, DeadlineExtensionView } from '../../core/deadlines/round-deadline.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { listDeadlineExtensions } from '../../storage/repositories/deadline-extension.repository.ts';
import { toChangeViews, toExtensionView } from '../deadlines/round-deadline.shared.ts';
import { accessDenied, notFound } from './monitoring.errors.ts';
import { formIndicators, formResource, requiredCellKeys, todayIso } from './monitoring-context.ts';

/** The audit action of a data round's deadline change (entity 'round', key the round's id). */
export const ROUND_DEADLINE_ACTION = 'round.deadline';

export interface FormProgress {
  form: FormSummary;
  /** Cells that must hold a value (by the indicators' rules) and those that do. */
  required: number;
  filled: number;
  /** filled / required in %, one decimal (100 when nothing is required). */
  completeness: number;
  /** The form's deadline in force (form.dueDate): the round's, or the unit's extension when later. */
  dueDate: string;
  /** The unit has an extension beyond the round's date. */
  extended: boolean;
  /** Its deadline passed and not yet submitted (draft or returned). */
  overdue: boolean;
  daysOverdue: number;
  openComments: number;
}

export interface Reminder {
  formId: number;
  name: string;
  status: FormStatus;
  daysOverdue: number;
  /** Chinese, for the in-app reminder list. */
  message: string;
}

export interface ProgressBoard {
  round: { id: number; year: number; title: string; dueDate: string; status: RoundRow['status'] };
  today: string;
  totals: Record<FormStatus, number> & { forms: number; overdue: number; completeness: number };
  forms: FormProgress[];
  reminders: Reminder[];
  /** Units given a later deadline than the round's. */
  extensions: DeadlineExtensionView[];
  /** Every change of the round's deadline, oldest first. */
  deadlineChanges: DeadlineChangeView[];
  /** Whether the actor may change the deadline (statistics bureau, administrators) — the round must be open. */
  canChangeDeadline: boolean;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The progress of a round: each form (those the actor may read) with its status, completeness of required
 * cells, whether it is overdue, and reminders for the overdue. `today` (ISO date) defaults to the server's date.
 */
export async function getProgress(db: Kysely<Database>, actor: Actor, roundId: number, options: { today?: string } = {}): Promise<ProgressBoard> {
  if (actor.roles.length === 0) throw accessDenied('无权查看填报进度：账号没有任何角色');
  const round = await findRound(db, roundId);
  if (round === null) throw notFound(`填报轮次${roundId}`);
  const today = options.today ?? todayIso();
  const forms = (await findForms(db, { roundIds: [round.id] })).filter((f) => canRead(actor, formResource(f)));
  const summaries = await summariseForms(db, forms, [round]);
  const catalogue = await loadReportingCatalogue(db);
  const rules = await loadValidationRules(db);
  const values = await findDataValues(db, {
    years: [round.year],
    regionCodes: [...new Set([CITY_REGION_CODE, ...forms.map((f) => f.region_code)])],
  });
  const filledKeys = new Set(
    values.filter((v) => v.value !== null).map((v) => `${v.regionCode}|${v.indicatorCode}|${disaggregationKey(v.disaggregation)}`),
  );

  const rows: FormProgress[] = [];
  for (const [i, form] of forms.entries()) {
    let required = 0;
    let filled = 0;
    for (const { definition } of formIndicators(form, catalogue)) {
      for (const key of requiredCellKeys(definition, rulesFor(definition, rules))) {
        required++;
        if (filledKeys.has(`${form.region_code}|${definition.code}|${key}`)) filled++;
      }
    }
    const summary = summaries[i] as FormSummary;
    const due = summary.dueDate;
    const late = today > due && (form.status === 'draft' || form.status === 'returned');
    rows.push({
      form: summary,
      required,
      filled,
      completeness: required === 0 ? 100 : round1((filled / required) * 100),
      dueDate: due,
      extended: due !== round.due_date,
      overdue: late,
      daysOverdue: late ? daysBetween(due, today) : 0,
      openComments: (await findReviewComments(db, form.id, { openOnly: true })).length,
    });
  }

  const count = (status: FormStatus) => rows.filter((r) => r.form.status === status).length;
  const totalRequired = rows.reduce((s, r) => s + r.required, 0);
  const totalFilled = rows.reduce((s, r) => s + r.filled, 0);
  const reminders = rows
    .filter((r) => r.overdue)
    .sort((a, b) => a.completeness - b.completeness)
    .map((r) => ({
      formId: r.form.id,
      name: r.form.name,
      status: r.form.status,
      daysOverdue: r.daysOverdue,
      message:
        `${r.form.name}：${round.year}年度数据填报截止日期${r.dueDate}${r.extended ? '（已延期）' : ''}已过${r.daysOverdue}天，` +
        `报表${r.form.status === 'returned' ? '已退回待修改' : `仍为“${STATUS_LABELS[r.form.status]}”`}，已完成${r.completeness}%，请尽快填报并提交`,
    }));
  return {
    round: { id: round.id, year: round.year, title: round.title, dueDate: round.due_date, status: round.status },
    today,
    totals: {
      forms: rows.length,
      draft: count('draft'),
      submitted: count('submitted'),
      returned: count('returned'),
      approved: count('approved'),
      overdue: rows.filter((r) => r.overdue).length,
      completeness: totalRequired === 0 ? 100 : round1((totalFilled / totalRequired) * 100),
    },
    forms: rows,
    reminders,
    extensions: (await listDeadlineExtensions(db, 'data', [round.id])).filter((e) => forms.some((f) => f.scope_key === e.unit_key)).map(toExtensionView),
    // Whole-round changes to everyone; a unit's extension to those who may read its form.
    deadlineChanges: toChangeViews((await findAudit(db, { entity: 'round', entityKey: String(round.id), actions: [ROUND_DEADLINE_ACTION] })).filter((a) => a.form_id === null || forms.some((f) => f.id === a.form_id))),
    canChangeDeadline: canAdmin(actor) && round.status === 'open',
  };
}
