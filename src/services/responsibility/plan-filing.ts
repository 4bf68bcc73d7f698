import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { canReviewPlans } from '../../core/responsibility/responsibility-access.ts';
import type { FilingStatus } from '../../core/responsibility/responsibility.types.ts';
import { FILING_STATUS_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { ImplementationPlanRow } from '../../storage/schema/responsibility.schema.ts';
import { recordEvent, unitNames } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { badRequest, forbidden, invalidState, notFound } from './responsibility.errors.ts';
import { closeReviewTask, openReviewTask } from './task-review.service.ts';
import type { ReviewSubject } from './task-review.service.ts';

/**
 * The filing and review flow that county plans (区县规划) and departments' implementation plans (实施方案) share:
 * draft → filed (报送) → reviewed (审阅) | returned (退回) → filed again. Only a draft or a returned plan is
 * edited; a plan returned and filed again keeps its first filing date (the date the deadline rules judge).
 * Each filing opens the office's review task (task-review.service.ts); the office's decision closes it.
 */

/** The columns of the flow, as both tables (county_plans, implementation_plans) name them. */
export type FilingColumns = Pick<
  ImplementationPlanRow,
  | 'status'
  | 'filed_at'
  | 'filed_by'
  | 'filed_by_name'
  | 'reviewed_at'
  | 'reviewed_by'
  | 'reviewed_by_name'
  | 'review_note'
  | 'version'
  | 'created_by'
  | 'created_by_name'
  | 'created_at'
  | 'updated_at'
>;

export type ReviewDecision = 'reviewed' | 'returned';

/** What differs between the kinds of plan that go through the flow. */
export interface FiledPlanKind<Row extends FilingColumns & { id: number }> {
  /** Entity name in the event log. */
  entity: 'county_plan' | 'implementation_plan';
  /** 区县规划, 实施方案 (in “无权审阅区县规划”, “区县规划 3 不存在”). */
  noun: string;
  /** 该规划, 该实施方案 (in “该规划已报送，不能修改”). */
  subject: string;
  /** 规划, 方案 (in “只有已报送的规划可以审阅”). */
  short: string;
  /** Who reviews: 市妇儿工委办公室, 妇儿工委办公室. */
  reviewer: string;
  find(db: Kysely<Database>, id: number): Promise<Row | null>;
  update(db: Kysely<Database>, id: number, changes: Partial<FilingColumns>): Promise<Row>;
}

export const isEditableStatus = (status: FilingStatus): boolean => status === 'draft' || status === 'returned';

/** The flow's columns of a new plan: a draft by the actor, version 1. */
export function draftColumns(actor: Actor, at: string): FilingColumns {
  return {
    status: 'draft',
    filed_at: null,
    filed_by: null,
    filed_by_name: null,
    reviewed_at: null,
    reviewed_by: null,
    reviewed_by_name: null,
    review_note: null,
    version: 1,
    created_by: actor.userId,
    created_by_name: actor.displayName,
    created_at: at,
    updated_at: at,
  };
}

/** Refuses a change to a plan that is filed or reviewed (it must be returned first). */
export function requireEditable<Row extends FilingColumns & { id: number }>(kind: FiledPlanKind<Row>, row: Row): Row {
  if (!isEditableStatus(row.status)) {
    throw invalidState(`${kind.subject}${FILING_STATUS_LABELS[row.status]}，不能修改；需${kind.reviewer}退回后才能修改`);
  }
  return row;
}

/** Only a draft that was never filed may be deleted. */
export function requireNeverFiled(row: FilingColumns): void {
  if (row.status !== 'draft' || row.filed_at !== null) throw invalidState('只有从未报送的草稿可以删除');
}

/**
 * The filing date: the one given (a filing on paper) or today; never in the future, never before `notBefore`
 * (a county plan's promulgation).
 */
export function filingDateOf(input: { filedAt?: string | null }, today: string, notBefore?: { date: string; label: string }): string {
  const filedAt = input.filedAt ?? today;
  if (!isIsoDate(filedAt)) throw badRequest(`报送日期“${filedAt}”无效，应为 YYYY-MM-DD`);
  if (filedAt > today) throw badRequest(`报送日期${filedAt}晚于今天（${today}）`);
  if (notBefore !== undefined && filedAt < notBefore.date) throw badRequest(`报送日期${filedAt}早于${notBefore.label}${notBefore.date}`);
  return filedAt;
}

/** The office's review task of a filed plan: 审核：张店区“十四五”妇女发展规划（区县规划报送）, 审核：市卫生健康委实施方案“…”. */
async function reviewSubjectOf<Row extends FilingColumns & { id: number }>(db: Kysely<Database>, kind: FiledPlanKind<Row>, plan: Row, clock: Clock): Promise<ReviewSubject> {
  const row = plan as Row & { title?: string; department_id?: number; region_code?: string };
  const title = row.title ?? '';
  // A plan filed before and returned has its review date set; it keeps its first filing date.
  const filed = plan.reviewed_at !== null ? `${plan.filed_at ?? ''}首次报送，退回后于${todayOf(clock)}重新报送` : `${plan.filed_at ?? ''}报送`;
  if (kind.entity === 'county_plan') {
    const region = row.region_code === undefined ? '' : ((await unitNames(db, [], [row.region_code])).regions.get(row.region_code) ?? row.region_code);
    return {
      source: { type: 'county_plan_review', id: plan.id },
      kind: 'plan_filing',
      title: `审核：${title}（区县规划报送）`,
      description: `${region}妇儿工委${filed}，请审阅（对照市级目标）或退回`,
    };
  }
  const department = row.department_id === undefined ? '' : ((await unitNames(db, [row.department_id], [])).departments.get(row.department_id) ?? '');
  return {
    source: { type: 'implementation_plan_review', id: plan.id },
    kind: 'implementation_plan',
    title: `审核：${department}实施方案“${title}”`,
    description: `${department}${filed}，请审阅或退回`,
  };
}

/** Marks an editable plan filed on `filedAt` (inside the caller's transaction) and logs it. */
export async function markFiled<Row extends FilingColumns & { id: number }>(
  trx: Kysely<Database>,
  kind: FiledPlanKind<Row>,
  actor: Actor,
  plan: Row,
  filedAt: string,
  clock: Clock = {},
): Promise<Row> {
  requireEditable(kind, plan);
  const at = stampOf(clock);
  const updated = await kind.update(trx, plan.id, {
    status: 'filed',
    filed_at: plan.filed_at ?? filedAt,
    filed_by: actor.userId,
    filed_by_name: actor.displayName,
    version: plan.version + 1,
    updated_at: at,
  });
  await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: kind.entity, entity_id: plan.id, action: `${kind.entity}.file`, note: `报送日期 ${updated.filed_at}` });
  await openReviewTask(trx, actor, await reviewSubjectOf(trx, kind, updated, clock), clock);
  return updated;
}

/** The office accepts (审阅) or returns (退回, with a reason) a filed plan. */
export async function reviewFiledPlan<Row extends FilingColumns & { id: number }>(
  db: Kysely<Database>,
  kind: FiledPlanKind<Row>,
  actor: Actor,
  id: number,
  input: { decision: ReviewDecision; note?: string | null },
  clock: Clock = {},
): Promise<Row> {
  if (!canReviewPlans(actor)) throw forbidden(`无权审阅${kind.noun}：仅${kind.reviewer}（管理员）可以审阅或退回`);
  const note = input.note?.trim() || null;
  if (input.decision === 'returned' && note === null) throw badRequest('退回须说明理由');
  return inTransaction(db, async (trx) => {
    const plan = await kind.find(trx, id);
    if (plan === null) throw notFound(`${kind.noun} ${id} `);
    if (plan.status !== 'filed') throw invalidState(`${kind.subject}${FILING_STATUS_LABELS[plan.status]}，只有已报送的${kind.short}可以审阅或退回`);
    const at = stampOf(clock);
    const updated = await kind.update(trx, id, {
      status: input.decision,
      reviewed_at: at,
      reviewed_by: actor.userId,
      reviewed_by_name: actor.displayName,
      review_note: note,
      version: plan.version + 1,
      updated_at: at,
    });
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: kind.entity, entity_id: id, action: `${kind.entity}.${input.decision}`, note });
    const source = { type: kind.entity === 'county_plan' ? 'county_plan_review' : 'implementation_plan_review', id } as const;
    await closeReviewTask(trx, actor, source, input.decision === 'reviewed' ? `已审阅${note === null ? '' : `：${note}`}` : `已退回：${note ?? ''}`, clock);
    return updated;
  });
}
