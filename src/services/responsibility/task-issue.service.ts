import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { addDays, isIsoDate } from '../../core/responsibility/dates.ts';
import { canManageTask } from '../../core/responsibility/responsibility-access.ts';
import type { Database } from '../../storage/schema.ts';
import type { TaskRow } from '../../storage/schema/responsibility.schema.ts';
import { listImplementationPlanRows } from '../../storage/repositories/implementation-plan.repository.ts';
import { listRegions } from '../../storage/repositories/region.repository.ts';
import { listTaskRows, recordEvent, unitNames, updateTaskRow } from '../../storage/repositories/task.repository.ts';
import { effectiveDue } from '../../core/deadlines/round-deadline.ts';
import { listDeadlineExtensions } from '../../storage/repositories/deadline-extension.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { OPEN_WARNING_STATUSES } from '../evaluation/warning.labels.ts';
import { loadCityPlans } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { badRequest, forbidden, notFound } from './responsibility.errors.ts';
import { cancelReviewTask, closeReviewTask, openReviewTask } from './task-review.service.ts';
import { closeTaskRecord, createTaskRecord } from './task.service.ts';
import type { Author } from './task.service.ts';
import type { IssueResult } from './responsibility.contract.ts';
export type { IssueResult } from './responsibility.contract.ts';

const emptyResult = (): IssueResult => ({ created: 0, updated: 0, closed: 0, unchanged: 0 });

function checkDueDate(date: string): void {
  if (!isIsoDate(date)) throw badRequest(`截止日期“${date}”无效，应为 YYYY-MM-DD`);
}

/** Departments the city plans name as lead or responsible units. */
async function chargedDepartments(db: Kysely<Database>): Promise<number[]> {
  const city = await loadCityPlans(db);
  const ids = new Set<number>();
  for (const g of city.goals) for (const u of [...g.goal.leadUnits, ...g.goal.responsibleUnits]) ids.add(u.id);
  return [...ids];
}

/**
 * 年度报告: every responsible unit reports each year on its implementation and next year's plans to the
 * committee (责任单位每年向同级妇儿工委报告), and every county committee to the city (下级妇儿工委每年向上级报告).
 * One task per department and per county for the year.
 */
export async function issueAnnualReportTasks(db: Kysely<Database>, actor: Actor, input: { year: number; dueDate: string; includeCounties?: boolean }, clock: Clock = {}): Promise<IssueResult> {
  if (!canManageTask(actor, 'annual_report')) throw forbidden('无权布置年度报告任务：仅妇儿工委办公室（管理员）可以布置');
  checkDueDate(input.dueDate);
  return inTransaction(db, async (trx) => {
    const result = emptyResult();
    const existing = await listTaskRows(trx, { kind: ['annual_report'], year: input.year });
    const live = existing.filter((t) => t.status !== 'cancelled');
    for (const departmentId of await chargedDepartments(trx)) {
      if (live.some((t) => t.owner_department_id === departmentId)) {
        result.unchanged++;
        continue;
      }
      await createTaskRecord(
        trx,
        actor,
        {
          title: `报送${input.year}年度规划落实情况和${input.year + 1}年工作安排`,
          kind: 'annual_report',
          description: '责任单位每年向市妇儿工委报告规划落实情况和下一年工作安排（规划“四、组织实施”第五条）',
          owner: { departmentId },
          dueDate: input.dueDate,
          year: input.year,
        },
        clock,
      );
      result.created++;
    }
    if (input.includeCounties !== false) {
      for (const county of await listRegions(trx, { parentCode: CITY_REGION_CODE, level: 'county', at: todayOf(clock) })) {
        if (live.some((t) => t.owner_department_id === null && t.owner_region_code === county.code)) {
          result.unchanged++;
          continue;
        }
        await createTaskRecord(
          trx,
          actor,
          {
            title: `${county.name}报送${input.year}年度规划实施情况和${input.year + 1}年工作安排`,
            kind: 'annual_report',
            description: '下级妇儿工委每年向上级妇儿工委报告本地区规划实施情况和下一年工作安排',
            owner: { regionCode: county.code },
            dueDate: input.dueDate,
            year: input.year,
          },
          clock,
        );
        result.created++;
      }
    }
    return result;
  });
}

/** 实施方案: a task for every charged department that has not filed an implementation plan yet. */
export async function issueImplementationPlanTasks(db: Kysely<Database>, actor: Actor, input: { dueDate: string }, clock: Clock = {}): Promise<IssueResult> {
  if (!canManageTask(actor, 'implementation_plan')) throw forbidden('无权布置实施方案任务：仅妇儿工委办公室（管理员）可以布置');
  checkDueDate(input.dueDate);
  return inTransaction(db, async (trx) => {
    const result = emptyResult();
    const filed = new Set((await listImplementationPlanRows(trx, { status: ['filed', 'reviewed'] })).map((p) => p.department_id));
    const open = await listTaskRows(trx, { kind: ['implementation_plan'], status: ['open'] });
    for (const departmentId of await chargedDepartments(trx)) {
      if (filed.has(departmentId) || open.some((t) => t.owner_department_id === departmentId)) {
        result.unchanged++;
        continue;
      }
      await createTaskRecord(
        trx,
        actor,
        {
          title: '制定并报送规划实施方案',
          kind: 'implementation_plan',
          description: '承担规划目标任务的有关部门结合职责，按照任务分工，制定实施方案并报送市妇儿工委办公室（规划“四、组织实施”第四条）',
          owner: { departmentId },
          dueDate: input.dueDate,
        },
        clock,
      );
      result.created++;
    }
    return result;
  });
}

/**
 * 监测数据报送: one task per form of a collection round (a department's or a county's), due on the round's
 * date; done when the form is submitted or approved, reopened when it is returned.
 */
export async function syncRoundTasks(db: Kysely<Database>, actor: Actor, roundId: number, clock: Clock = {}): Promise<IssueResult> {
  if (!canManageTask(actor, 'data_round')) throw forbidden('无权同步监测数据报送任务：仅统计局或妇儿工委办公室可以操作');
  return syncRoundTasksAs(db, actor, roundId, clock);
}

/**
 * syncRoundTasks without the access check: called by the monitoring services themselves when a round is opened
 * or a form is submitted, returned or approved (the caller's own check already ran), in the caller's transaction.
 */
export async function syncRoundTasksAs(db: Kysely<Database>, author: Author, roundId: number, clock: Clock = {}): Promise<IssueResult> {
  const actor = author;
  return inTransaction(db, async (trx) => {
    const round = await trx.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
    if (round === undefined) throw notFound(`填报轮次 ${roundId} `);
    const forms = await trx.selectFrom('forms').select(['id', 'kind', 'department_id', 'region_code', 'status', 'scope_key']).where('round_id', '=', roundId).execute();
    // A unit given an extension (调整截止日期) is due on its own, later date.
    const extensions = await listDeadlineExtensions(trx, 'data', [roundId]);
    const dueOf = (scopeKey: string) => effectiveDue(round.due_date, extensions.find((e) => e.unit_key === scopeKey)?.due_date);
    const tasks = await listTaskRows(trx, { source: { type: 'round', id: roundId } });
    const names = await unitNames(trx, forms.flatMap((f) => (f.department_id === null ? [] : [f.department_id])), forms.map((f) => f.region_code));
    const result = emptyResult();
    for (const form of forms) {
      const owner = form.kind === 'department' ? { departmentId: form.department_id, regionCode: null } : { departmentId: null, regionCode: form.region_code };
      const task = tasks.find((t) => t.owner_department_id === owner.departmentId && (owner.departmentId !== null || t.owner_region_code === owner.regionCode));
      const done = form.status === 'submitted' || form.status === 'approved';
      if (task === undefined) {
        const who = form.kind === 'department' ? (names.departments.get(form.department_id ?? -1) ?? '') : (names.regions.get(form.region_code) ?? form.region_code);
        const created = await createTaskRecord(
          trx,
          actor,
          {
            title: `${who}报送${round.year}年监测数据`,
            kind: 'data_round',
            description: `${round.title}：填报并提交本${form.kind === 'department' ? '部门' : '地区'}的监测数据报表`,
            owner,
            dueDate: dueOf(form.scope_key),
            source: { type: 'round', id: roundId },
            year: round.year,
          },
          clock,
        );
        result.created++;
        if (done) {
          await closeTaskRecord(trx, actor, created, '报表已提交', clock);
          result.closed++;
        }
        continue;
      }
      if (task.status === 'open' && done) {
        await closeTaskRecord(trx, actor, task, '报表已提交', clock);
        result.closed++;
      } else if (task.status === 'done' && form.status === 'returned') {
        await reopen(trx, actor, task, '报表被退回，需重新提交', clock);
        result.updated++;
      } else if (task.status === 'open' && task.due_date !== dueOf(form.scope_key)) {
        await updateTaskRow(trx, task.id, { due_date: dueOf(form.scope_key), updated_at: stampOf(clock) });
        result.updated++;
      } else result.unchanged++;
    }
    return result;
  });
}

async function reopen(db: Kysely<Database>, actor: Author, task: TaskRow, note: string, clock: Clock): Promise<void> {
  const at = stampOf(clock);
  await updateTaskRow(db, task.id, { status: 'open', completed_at: null, completed_by: null, completed_by_name: null, outcome_note: null, updated_at: at });
  await recordEvent(db, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: task.id, action: 'task.reopen', note });
}

/** Days after a warning is issued by which the countermeasures are due, when it has no rectification step yet. */
export const WARNING_RESPONSE_DAYS = 30;

/**
 * 预警整改: one rectification task per open warning, owned by the warning's department (or its county when it
 * has none), due on the earliest pending rectification step — or WARNING_RESPONSE_DAYS after the warning was
 * issued while no step is set. Done when the warning is closed (销号), cancelled when it is withdrawn.
 *
 * Once the owner has answered (countermeasures) and reported every rectification step done, the warning waits for
 * the office: the office gets its review task (审核, syncWarningReview), done when it closes the warning (销号) or
 * escalates it (升级, sent back for more rectification), opened again when the owner reports further steps done.
 */
export async function syncWarningTasks(db: Kysely<Database>, actor: Actor, input: { year?: number } = {}, clock: Clock = {}): Promise<IssueResult> {
  if (!canManageTask(actor, 'rectification')) throw forbidden('无权同步预警整改任务：仅妇儿工委办公室（管理员）可以操作');
  return syncWarningTasksAs(db, actor, input, clock);
}

/**
 * syncWarningTasks without the access check: called by the evaluation services when warnings are generated,
 * closed or given rectification steps (their own check already ran), in the caller's transaction.
 */
export async function syncWarningTasksAs(db: Kysely<Database>, author: Author, input: { year?: number } = {}, clock: Clock = {}): Promise<IssueResult> {
  const actor = author;
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('warnings as w')
      .leftJoin('indicators as i', 'i.code', 'w.indicator_code')
      .leftJoin('regions as r', 'r.code', 'w.region_code')
      .select(['w.id', 'w.year', 'w.status', 'w.department_id', 'w.region_code', 'w.generated_at', 'w.level', 'i.name as indicator_name', 'r.name as region_name', 'w.indicator_code', 'w.escalated_at']);
    if (input.year !== undefined) q = q.where('w.year', '=', input.year);
    const warnings = await q.execute();
    const ids = warnings.map((w) => w.id);
    const steps = warnings.length === 0 ? [] : await trx.selectFrom('rectification_steps').select(['warning_id', 'due_date', 'status', 'done_at']).where('warning_id', 'in', ids).execute();
    const answered = new Set(warnings.length === 0 ? [] : (await trx.selectFrom('countermeasures').select('warning_id').distinct().where('warning_id', 'in', ids).execute()).map((c) => c.warning_id));
    const tasks = await listTaskRows(trx, { source: { type: 'warning' } });
    const result = emptyResult();
    const reviews = await listTaskRows(trx, { source: { type: 'warning_review' } });
    for (const w of warnings) {
      const own = steps.filter((s) => s.warning_id === w.id);
      const review = reviews.filter((t) => t.source_id === w.id).reduce<TaskRow | null>((m, t) => (m === null || t.id > m.id ? t : m), null);
      await syncWarningReview(trx, actor, w, { steps: own, answered: answered.has(w.id), review }, clock);
      const task = tasks.find((t) => t.source_id === w.id && t.status !== 'cancelled');
      const open = (OPEN_WARNING_STATUSES as readonly string[]).includes(w.status);
      const pending = steps.filter((s) => s.warning_id === w.id && s.status === 'pending').map((s) => s.due_date).sort();
      const due = pending[0] ?? addDays(w.generated_at.slice(0, 10), WARNING_RESPONSE_DAYS);
      if (task === undefined) {
        if (!open) continue;
        const owner = w.department_id !== null ? { departmentId: w.department_id, regionCode: w.region_code === CITY_REGION_CODE ? null : w.region_code } : { regionCode: w.region_code };
        await createTaskRecord(
          trx,
          actor,
          {
            title: `预警整改：${w.region_name ?? w.region_code}${w.indicator_name ?? w.indicator_code}（${w.year}年）`,
            kind: 'rectification',
            description: '提出对策建议，制定并落实整改措施，直至销号',
            owner,
            dueDate: due,
            source: { type: 'warning', id: w.id },
            year: w.year,
          },
          clock,
        );
        result.created++;
      } else if (task.status === 'open' && w.status === 'closed') {
        await closeTaskRecord(trx, actor, task, '预警已销号', clock);
        result.closed++;
      } else if (task.status === 'open' && w.status === 'withdrawn') {
        await updateTaskRow(trx, task.id, { status: 'cancelled', outcome_note: '预警已撤销', updated_at: stampOf(clock) });
        result.closed++;
      } else if (task.status === 'open' && task.due_date !== due) {
        await updateTaskRow(trx, task.id, { due_date: due, updated_at: stampOf(clock) });
        result.updated++;
      } else if (task.status === 'done' && open) {
        await reopen(trx, actor, task, '预警重新下发', clock);
        result.updated++;
      } else result.unchanged++;
    }
    return result;
  });
}

/**
 * The office's review of a warning's rectification (审核): open while the owner has given countermeasures and reported
 * every step done since the last escalation; done when the warning is closed (销号) or escalated after the report,
 * cancelled when a new pending step is added or the warning is withdrawn; reopened by the next report. Due
 * REVIEW_DUE_DAYS after the day the last step was reported done.
 */
async function syncWarningReview(
  db: Kysely<Database>,
  actor: Author,
  w: { id: number; year: number; status: string; escalated_at: string | null; region_code: string; region_name: string | null; indicator_code: string; indicator_name: string | null },
  facts: { steps: { status: string; done_at: string | null }[]; answered: boolean; review: TaskRow | null },
  clock: Clock,
): Promise<void> {
  const source = { type: 'warning_review', id: w.id } as const;
  const lastDone = facts.steps.reduce<string | null>((m, s) => (s.done_at !== null && (m === null || s.done_at > m) ? s.done_at : m), null);
  const allDone = facts.steps.length > 0 && facts.steps.every((s) => s.status === 'done');
  const open = (OPEN_WARNING_STATUSES as readonly string[]).includes(w.status);
  const sentBack = w.escalated_at !== null && lastDone !== null && w.escalated_at > lastDone;
  const review = facts.review;
  // A review closed after the last report (by the office, by hand or by escalating) is not opened again until the owner reports anew.
  const newReport = review === null || review.status === 'open' || review.completed_at === null || (lastDone !== null && lastDone >= review.completed_at);
  if (open && facts.answered && allDone && lastDone !== null && !sentBack) {
    if (!newReport) return;
    const reportedOn = todayOf({ now: new Date(lastDone) });
    await openReviewTask(
      db,
      actor,
      {
        source,
        kind: 'rectification',
        title: `审核：预警整改完成情况（${w.region_name ?? w.region_code}${w.indicator_name ?? w.indicator_code}，${w.year}年）`,
        description: `责任单位已提出对策建议并报告全部${facts.steps.length}项整改措施完成（最后一项于${reportedOn}完成），请审核：销号，或升级要求继续整改`,
        year: w.year,
        // Due counted from the report, not from the day this sync runs.
        submittedOn: reportedOn,
      },
      clock,
    );
    return;
  }
  if (review === null || review.status !== 'open') return;
  if (w.status === 'closed') await closeReviewTask(db, actor, source, '预警已销号', clock);
  else if (w.status === 'withdrawn') await cancelReviewTask(db, actor, source, '预警已撤销', clock);
  else if (sentBack) await closeReviewTask(db, actor, source, '预警已升级，要求继续整改', clock);
  else await cancelReviewTask(db, actor, source, '责任单位新增整改措施，待全部完成后再审核', clock);
}
