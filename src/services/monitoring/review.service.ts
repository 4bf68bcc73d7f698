import type { Kysely } from 'kysely';
import { scheduleEvaluationWarmup } from '../evaluation/evaluation-warmup.service.ts';
import { syncRoundTasksAs } from '../responsibility/task-issue.service.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { canApprove, canReturn, canSubmit, canUnlock, denialMessage, isOperator } from '../../core/access/policies.ts';
import { STATUS_LABELS, canApproveParent } from '../../core/monitoring/approval-order.ts';
import { cellLabel, disaggregationKey, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { hasBlockingIssues } from '../../core/monitoring/validate-form.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormRow, FormStatus, RoundRow } from '../../storage/schema/monitoring.schema.ts';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import type { NewAuditRow } from '../../storage/repositories/audit.repository.ts';
import { findDataValueByKey, findDataValues, keyOfValue, setFormValuesStatus, setValueStatus } from '../../storage/repositories/data-value.repository.ts';
import type { StoredDataValue } from '../../storage/repositories/data-value.repository.ts';
import { findForm, findForms, insertReviewComments, resolveReviewComments, transitionForm } from '../../storage/repositories/form.repository.ts';
import type { FormTransition } from '../../storage/repositories/form.repository.ts';
import { findRound, loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { FormSummary } from './form.service.ts';
import { loadFormValues, loadReadableForm, submissionIssues, summariseForms } from './form.service.ts';
import { MonitoringError, accessDenied, badRequest, invalidState, notFound } from './monitoring.errors.ts';
import { actorRef, cityChildrenIn, formIndicators, formResource, nowIso } from './monitoring-context.ts';

/** A value by its natural key; cellKey as disaggregationKey gives it ('_T' for the total). */
export interface ValueRef {
  indicatorCode: string;
  regionCode: string;
  year: number;
  cellKey: string;
}

export interface TransitionResult {
  form: FormSummary;
  /** Values whose status changed with the form. */
  values: number;
}

function formAudit(
  actor: Actor,
  form: FormRow,
  action: string,
  before: FormStatus,
  after: FormStatus,
  at: string,
  extra: { reason?: string | null; details?: Record<string, unknown> } = {},
): NewAuditRow {
  const who = actorRef(actor);
  return {
    at, user_id: who.id, user_name: who.name, action, entity: 'form', entity_key: String(form.id), form_id: form.id,
    before_json: JSON.stringify({ status: before, version: form.version }),
    after_json: JSON.stringify({ status: after, version: form.version + 1, ...extra.details }),
    reason: extra.reason ?? null, origin: null,
  };
}

async function transition(db: Kysely<Database>, form: FormRow, to: FormStatus, fields: FormTransition, at: string): Promise<void> {
  const ok = await transitionForm(db, form.id, form.version, to, fields, at);
  if (!ok) throw new MonitoringError(409, 'conflict', '报表状态已被其他用户改变，请刷新后重试');
}

async function result(db: Kysely<Database>, formId: number, values: number): Promise<TransitionResult> {
  const form = (await findForm(db, formId)) as FormRow;
  const [summary] = await summariseForms(db, [form]);
  return { form: summary as FormSummary, values };
}

function requireRoundOpen(actor: Actor, round: RoundRow): void {
  if (round.status === 'closed' && !isOperator(actor)) throw invalidState(`${round.year}年度填报已结束，不能再提交；如需修改，请联系统计局`);
}

/**
 * Submits a draft or returned form (a resubmission after a return): every error blocks — values out of range,
 * a year-on-year change beyond the usual range without a note, missing required cells. The form's values
 * become submitted.
 */
export async function submitForm(db: Kysely<Database>, actor: Actor, formId: number): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    const { form, round } = await loadReadableForm(trx, actor, formId);
    if (!canSubmit(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'submit', '该报表'));
    requireRoundOpen(actor, round);
    if (form.status !== 'draft' && form.status !== 'returned') {
      throw invalidState(`报表当前为“${STATUS_LABELS[form.status]}”，不能提交`);
    }
    const values = await loadFormValues(trx, form, round);
    const issues = submissionIssues(form, values).filter((i) => i.blocking);
    if (hasBlockingIssues(issues)) {
      throw new MonitoringError(400, 'validation_failed', `报表未提交：有${issues.length}处需要修改或说明，请逐项处理后再提交`, { issues });
    }
    const now = nowIso();
    const who = actorRef(actor);
    const changed = await setFormValuesStatus(trx, form.id, ['draft', 'returned'], 'submitted');
    await transition(trx, form, 'submitted', { submitted_at: now, submitted_by: who.id, submitted_by_name: who.name }, now);
    await appendAudit(trx, [
      formAudit(actor, form, form.status === 'returned' ? 'form.resubmit' : 'form.submit', form.status, 'submitted', now, { details: { values: changed } }),
    ]);
    await syncRoundTasksAs(trx, actor, form.round_id); // submitted: task done; returned: reopened
    return result(trx, form.id, changed);
  });
}

export interface ReturnInput {
  /** The reviewer's comment on the whole form. */
  comment?: string | null;
  /** Comments on single values of the form (year defaults to the round's). */
  values?: { indicatorCode: string; cellKey: string; year?: number; comment: string }[];
}

/** Returns a submitted form to its reporter with the reviewer's comments, on the form and/or on values. */
export async function returnForm(db: Kysely<Database>, actor: Actor, formId: number, input: ReturnInput): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    const { form, round } = await loadReadableForm(trx, actor, formId);
    if (!canReturn(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'return', '该报表'));
    if (form.status !== 'submitted') throw invalidState(`报表当前为“${STATUS_LABELS[form.status]}”，只有已提交的报表可以退回`);
    const formComment = input.comment?.trim() ?? '';
    const valueComments = (input.values ?? []).map((v) => ({ ...v, comment: v.comment.trim(), year: v.year ?? round.year }));
    if (formComment === '' && valueComments.length === 0) throw badRequest('退回时请填写退回意见（针对整张报表或具体数据）');
    const blank = valueComments.find((v) => v.comment === '');
    if (blank !== undefined) throw badRequest(`请填写对“${blank.indicatorCode}”的退回意见`);

    const attached = await findDataValues(trx, { formId: form.id });
    const byKey = new Map(attached.map((v) => [keyOfValue(v), v] as const));
    const targets: { value: StoredDataValue; comment: string }[] = [];
    for (const v of valueComments) {
      let key: string;
      try {
        key = keyOfValue({ indicatorCode: v.indicatorCode, regionCode: form.region_code, year: v.year, disaggregation: parseDisaggregationKey(v.cellKey) });
      } catch {
        throw badRequest(`分组键“${v.cellKey}”无效`);
      }
      const value = byKey.get(key);
      if (value === undefined) throw badRequest(`报表中没有“${v.indicatorCode}”${v.year}年“${v.cellKey}”的数据，无法针对它退回`);
      targets.push({ value, comment: v.comment });
    }

    const now = nowIso();
    const who = actorRef(actor);
    await insertReviewComments(trx, [
      ...(formComment === ''
        ? []
        : [{ form_id: form.id, indicator_code: null, region_code: null, year: null, cell_key: null, author_id: who.id, author_name: who.name, text: formComment, at: now, resolved: 0, resolved_at: null }]),
      ...targets.map(({ value, comment }) => ({
        form_id: form.id, indicator_code: value.indicatorCode, region_code: value.regionCode, year: value.year,
        cell_key: disaggregationKey(value.disaggregation), author_id: who.id, author_name: who.name, text: comment, at: now, resolved: 0, resolved_at: null,
      })),
    ]);
    await setValueStatus(trx, targets.map((t) => t.value.id), 'returned');
    await transition(trx, form, 'returned', { returned_at: now, returned_by: who.id, returned_by_name: who.name }, now);
    await appendAudit(trx, [
      formAudit(actor, form, 'form.return', form.status, 'returned', now, {
        reason: formComment === '' ? null : formComment,
        details: { returnedValues: targets.map((t) => keyOfValue(t.value)) },
      }),
      ...targets.map(({ value, comment }) => ({
        at: now, user_id: who.id, user_name: who.name, action: 'value.return', entity: 'data_value' as const, entity_key: keyOfValue(value),
        form_id: form.id,
        before_json: JSON.stringify({ status: value.status, version: value.version }),
        after_json: JSON.stringify({ status: 'returned', version: value.version }),
        reason: comment, origin: null,
      })),
    ]);
    await syncRoundTasksAs(trx, actor, form.round_id); // submitted: task done; returned: reopened
    return result(trx, form.id, targets.length);
  });
}

/**
 * Approves a submitted form and locks its values. A department's form holds the city's figures: when any of
 * its indicators rolls up from the counties, it is approved only after every county form of the round is.
 */
export async function approveForm(db: Kysely<Database>, actor: Actor, formId: number): Promise<TransitionResult> {
  let year: number | null = null;
  const approved = await inTransaction(db, async (trx) => {
    const { form, round } = await loadReadableForm(trx, actor, formId);
    year = round.year;
    if (!canApprove(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'approve', '该报表'));
    if (form.status !== 'submitted') throw invalidState(`报表当前为“${STATUS_LABELS[form.status]}”，只有已提交的报表可以审核通过`);
    if (form.kind === 'department') {
      const indicators = formIndicators(form, await loadReportingCatalogue(trx));
      if (indicators.some((i) => i.definition.aggregation !== 'none')) {
        const children = await cityChildrenIn(trx, round.year);
        const countyForms = await findForms(trx, { roundIds: [round.id], kind: 'region' });
        const check = canApproveParent(
          countyForms.map((f) => ({ regionCode: f.region_code, regionName: children.names.get(f.region_code) ?? f.region_code, status: f.status })),
          children.codes,
        );
        if (!check.allowed) {
          const waiting = check.waitingFor.map((w) => ({ ...w, regionName: w.regionName ?? children.names.get(w.regionCode) ?? w.regionCode }));
          const list = waiting.map((w) => `${w.regionName}（${w.status === 'missing' ? '无报表' : STATUS_LABELS[w.status]}）`).join('、');
          throw new MonitoringError(409, 'waiting_for_counties', `市级报表须在各区县报表全部审核通过后才能审核通过，尚未通过：${list}`, { waitingFor: waiting });
        }
      }
    }
    const now = nowIso();
    const who = actorRef(actor);
    const changed = await setFormValuesStatus(trx, form.id, ['draft', 'submitted', 'returned'], 'approved');
    await resolveReviewComments(trx, form.id, now);
    await transition(trx, form, 'approved', { approved_at: now, approved_by: who.id, approved_by_name: who.name }, now);
    await appendAudit(trx, [formAudit(actor, form, 'form.approve', form.status, 'approved', now, { details: { values: changed } })]);
    await syncRoundTasksAs(trx, actor, form.round_id); // submitted: task done; returned: reopened
    return result(trx, form.id, changed);
  });
  // Committed: the year's stored evaluation is recomputed in the background (when the server enabled it).
  if (year !== null) scheduleEvaluationWarmup(db, year);
  return approved;
}

export interface UnlockResult {
  /** Values unlocked (now returned to their reporters). */
  values: number;
  /** Forms reopened (approved or submitted → returned). */
  forms: FormSummary[];
}

/**
 * Unlocks approved values so they can be changed (statistics bureau, administrator; a reason is required).
 * The values become returned and their forms go back to their reporters (returned) with the reason as a
 * review comment; the roll-up stops counting them until they are approved again.
 */
export async function unlockValues(db: Kysely<Database>, actor: Actor, refs: readonly ValueRef[], reason: string): Promise<UnlockResult> {
  if (!canUnlock(actor)) throw accessDenied(denialMessage(actor, 'unlock', '已审核通过的数据'));
  const why = reason.trim();
  if (why === '') throw badRequest('解锁须填写原因');
  if (refs.length === 0) throw badRequest('请指明要解锁的数据');
  return inTransaction(db, async (trx) => {
    const values: StoredDataValue[] = [];
    for (const ref of refs) {
      let cell;
      try {
        cell = parseDisaggregationKey(ref.cellKey);
      } catch {
        throw badRequest(`分组键“${ref.cellKey}”无效`);
      }
      const value = await findDataValueByKey(trx, { indicatorCode: ref.indicatorCode, regionCode: ref.regionCode, year: ref.year, disaggregation: cell });
      const where = `“${ref.indicatorCode}”（${ref.regionCode}，${ref.year}年，${cellLabel(cell)}）`;
      if (value === null) throw notFound(`数据${where}`);
      if (value.status !== 'approved') throw invalidState(`数据${where}不是已审核通过的数据（当前为“${STATUS_LABELS[value.status]}”），无需解锁`);
      values.push(value);
    }
    const now = nowIso();
    const who = actorRef(actor);
    await setValueStatus(trx, values.map((v) => v.id), 'returned');
    const audit: NewAuditRow[] = values.map((v) => ({
      at: now, user_id: who.id, user_name: who.name, action: 'value.unlock', entity: 'data_value', entity_key: keyOfValue(v), form_id: v.formId,
      before_json: JSON.stringify({ status: v.status, version: v.version }),
      after_json: JSON.stringify({ status: 'returned', version: v.version }),
      reason: why, origin: null,
    }));
    const formIds = [...new Set(values.map((v) => v.formId).filter((id): id is number => id !== null))];
    const reopened: FormRow[] = [];
    for (const id of formIds) {
      const form = (await findForm(trx, id)) as FormRow;
      const own = values.filter((v) => v.formId === id);
      await insertReviewComments(
        trx,
        own.map((v) => ({
          form_id: id, indicator_code: v.indicatorCode, region_code: v.regionCode, year: v.year, cell_key: disaggregationKey(v.disaggregation),
          author_id: who.id, author_name: who.name, text: `解锁：${why}`, at: now, resolved: 0, resolved_at: null,
        })),
      );
      if (form.status === 'approved' || form.status === 'submitted') {
        await transition(trx, form, 'returned', { returned_at: now, returned_by: who.id, returned_by_name: who.name }, now);
        audit.push(formAudit(actor, form, 'form.unlock', form.status, 'returned', now, { reason: why, details: { unlockedValues: own.map(keyOfValue) } }));
        reopened.push(form);
      }
    }
    await appendAudit(trx, audit);
    for (const roundId of new Set(reopened.map((f) => f.round_id))) await syncRoundTasksAs(trx, actor, roundId); // unlocked: task reopened
    const forms = await summariseForms(trx, (await Promise.all(reopened.map((f) => findForm(trx, f.id)))) as FormRow[]);
    return { values: values.length, forms };
  });
}

/** Unlocks values of one form: those listed (year defaults to the round's), or every approved value of it. */
export async function unlockForm(
  db: Kysely<Database>,
  actor: Actor,
  formId: number,
  input: { reason: string; values?: { indicatorCode: string; cellKey: string; year?: number }[] },
): Promise<UnlockResult> {
  const form = await findForm(db, formId);
  if (form === null) throw notFound(`报表${formId}`);
  if (!canUnlock(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'unlock', '该报表'));
  if (input.reason.trim() === '') throw badRequest('解锁须填写原因');
  const round = (await findRound(db, form.round_id)) as RoundRow;
  const refs: ValueRef[] =
    input.values !== undefined && input.values.length > 0
      ? input.values.map((v) => ({ indicatorCode: v.indicatorCode, regionCode: form.region_code, year: v.year ?? round.year, cellKey: v.cellKey }))
      : (await findDataValues(db, { formId, statuses: ['approved'] })).map((v) => ({
          indicatorCode: v.indicatorCode, regionCode: v.regionCode, year: v.year, cellKey: disaggregationKey(v.disaggregation),
        }));
  if (refs.length === 0) throw invalidState('该报表没有已审核通过的数据，无需解锁');
  return unlockValues(db, actor, refs, input.reason);
}

/** Returns a submitted form for the listed values only, each with the reviewer's comment. */
export function returnValues(
  db: Kysely<Database>,
  actor: Actor,
  formId: number,
  values: NonNullable<ReturnInput['values']>,
): Promise<TransitionResult> {
  return returnForm(db, actor, formId, { values });
}
