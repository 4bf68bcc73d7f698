import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canEditImplementationPlan, canReviewPlans } from '../../core/responsibility/responsibility-access.ts';
import type { FilingStatus, GoalRef } from '../../core/responsibility/responsibility.types.ts';
import { FILING_STATUS_LABELS, goalRefLabel } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { ImplementationPlanRow } from '../../storage/schema/responsibility.schema.ts';
import {
  deleteImplementationPlanRow,
  findImplementationPlan,
  goalsOfImplementationPlans,
  insertImplementationPlan,
  listImplementationPlanRows,
  setImplementationPlanGoals,
  updateImplementationPlanRow,
} from '../../storage/repositories/implementation-plan.repository.ts';
import { listEvents, listTaskRows, recordEvent, unitNames } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { goalKey, loadCityPlans, requireGoals } from './city-plans.ts';
import type { CityPlans } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { draftColumns, filingDateOf, isEditableStatus, markFiled, requireEditable, requireNeverFiled, reviewFiledPlan } from './plan-filing.ts';
import type { FiledPlanKind, ReviewDecision } from './plan-filing.ts';
import { badRequest, forbidden, notFound } from './responsibility.errors.ts';
import { closeTaskRecord } from './task.service.ts';
import { resolveDepartment } from './units.ts';
import type { ImplementationPlanView } from './responsibility.contract.ts';
export type { ImplementationPlanView } from './responsibility.contract.ts';

export interface ImplementationPlanInput {
  /** The department (id, name or alias); a department's user may leave it out (their own). */
  department?: number | string | null;
  title: string;
  periodStart?: number;
  periodEnd?: number;
  content?: string;
  documentNo?: string | null;
  goals: GoalRef[];
}

/** Implementation plans in the shared filing and review flow. */
export const IMPLEMENTATION_PLAN_FILING: FiledPlanKind<ImplementationPlanRow> = {
  entity: 'implementation_plan',
  noun: '实施方案',
  subject: '该实施方案',
  short: '方案',
  reviewer: '妇儿工委办公室',
  find: findImplementationPlan,
  update: updateImplementationPlanRow,
};

function roleOf(city: CityPlans, ref: GoalRef, departmentId: number): 'lead' | 'responsible' | null {
  const goal = city.byKey.get(goalKey(ref))?.goal;
  if (goal === undefined) return null;
  if (goal.leadUnits.some((u) => u.id === departmentId)) return 'lead';
  if (goal.responsibleUnits.some((u) => u.id === departmentId)) return 'responsible';
  return null;
}

/** A plan is filed against goals the department leads or shares (牵头或责任); others are refused. */
function checkGoals(city: CityPlans, refs: readonly GoalRef[], departmentId: number, departmentName: string): GoalRef[] {
  if (refs.length === 0) throw badRequest('实施方案须对应至少一项主要目标');
  const goals = requireGoals(city, refs);
  for (const g of goals) {
    if (roleOf(city, g.ref, departmentId) === null) throw badRequest(`${goalRefLabel(g.ref)}未列${departmentName}为牵头或责任单位，不能纳入其实施方案`);
  }
  return goals.map((g) => g.ref);
}

export async function toImplementationPlanViews(db: Kysely<Database>, actor: Actor | null, rows: readonly ImplementationPlanRow[], city?: CityPlans, withEvents = false): Promise<ImplementationPlanView[]> {
  const [names, goals, cityPlans] = await Promise.all([
    unitNames(db, rows.map((r) => r.department_id), []),
    goalsOfImplementationPlans(db, rows.map((r) => r.id)),
    city ?? loadCityPlans(db),
  ]);
  const out: ImplementationPlanView[] = [];
  for (const r of rows) {
    const events = withEvents ? await listEvents(db, 'implementation_plan', r.id) : [];
    const editable = isEditableStatus(r.status);
    out.push({
      id: r.id,
      department: { id: r.department_id, name: names.departments.get(r.department_id) ?? '' },
      title: r.title,
      period: { start: r.period_start, end: r.period_end },
      content: r.content,
      documentNo: r.document_no,
      status: r.status,
      statusLabel: FILING_STATUS_LABELS[r.status],
      goals: (goals.get(r.id) ?? []).map((ref) => {
        const g = cityPlans.byKey.get(goalKey(ref));
        return { ...ref, goalId: g?.goal.id ?? null, text: g?.goal.text ?? '', role: roleOf(cityPlans, ref, r.department_id) };
      }),
      filedAt: r.filed_at,
      filedBy: r.filed_by_name,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by_name,
      reviewNote: r.review_note,
      version: r.version,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      events: events.map((e) => ({ at: e.at, user: e.user_name, action: e.action, note: e.note })),
      can: {
        edit: actor !== null && editable && canEditImplementationPlan(actor, r.department_id),
        file: actor !== null && editable && canEditImplementationPlan(actor, r.department_id),
        review: actor !== null && r.status === 'filed' && canReviewPlans(actor),
      },
    });
  }
  return out;
}

async function viewOf(db: Kysely<Database>, actor: Actor, row: ImplementationPlanRow): Promise<ImplementationPlanView> {
  return (await toImplementationPlanViews(db, actor, [row], undefined, true))[0] as ImplementationPlanView;
}

export async function listImplementationPlans(db: Kysely<Database>, actor: Actor, query: { department?: number | string; status?: FilingStatus[] } = {}): Promise<ImplementationPlanView[]> {
  const departmentId = query.department === undefined ? undefined : await resolveDepartment(db, query.department);
  return toImplementationPlanViews(db, actor, await listImplementationPlanRows(db, { departmentId, status: query.status }));
}

export async function getImplementationPlan(db: Kysely<Database>, actor: Actor, id: number): Promise<ImplementationPlanView> {
  const row = await findImplementationPlan(db, id);
  if (row === null) throw notFound(`实施方案 ${id} `);
  return viewOf(db, actor, row);
}

const denied = '无权修改该实施方案：部门只能编制和报送本部门的实施方案';

export async function createImplementationPlan(db: Kysely<Database>, actor: Actor, input: ImplementationPlanInput, clock: Clock = {}): Promise<ImplementationPlanView> {
  const key = input.department ?? actor.departmentId;
  if (key === null || key === undefined || key === '') throw badRequest('须指定编制实施方案的部门');
  const departmentId = await resolveDepartment(db, key);
  if (!canEditImplementationPlan(actor, departmentId)) throw forbidden(denied);
  const title = input.title.trim();
  if (title === '') throw badRequest('实施方案名称不能为空');
  const row = await inTransaction(db, async (trx) => {
    const city = await loadCityPlans(trx);
    const names = await unitNames(trx, [departmentId], []);
    const goals = checkGoals(city, input.goals, departmentId, names.departments.get(departmentId) ?? '');
    const period = city.plans[0]?.period ?? { start: 2021, end: 2025 };
    const periodStart = input.periodStart ?? period.start;
    const periodEnd = input.periodEnd ?? period.end;
    if (periodEnd < periodStart) throw badRequest('实施期限的结束年份不能早于开始年份');
    const at = stampOf(clock);
    const plan = await insertImplementationPlan(trx, {
      department_id: departmentId,
      title,
      period_start: periodStart,
      period_end: periodEnd,
      content: input.content?.trim() ?? '',
      document_no: input.documentNo?.trim() || null,
      ...draftColumns(actor, at),
    });
    await setImplementationPlanGoals(trx, plan.id, goals);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'implementation_plan', entity_id: plan.id, action: 'implementation_plan.create', note: null });
    return plan;
  });
  return viewOf(db, actor, row);
}

async function loadEditable(db: Kysely<Database>, actor: Actor, id: number): Promise<ImplementationPlanRow> {
  const row = await findImplementationPlan(db, id);
  if (row === null) throw notFound(`实施方案 ${id} `);
  if (!canEditImplementationPlan(actor, row.department_id)) throw forbidden(denied);
  return requireEditable(IMPLEMENTATION_PLAN_FILING, row);
}

export async function updateImplementationPlan(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  changes: Partial<Omit<ImplementationPlanInput, 'department'>>,
  clock: Clock = {},
): Promise<ImplementationPlanView> {
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    const at = stampOf(clock);
    const set: Parameters<typeof updateImplementationPlanRow>[2] = { updated_at: at };
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('实施方案名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.content !== undefined) set.content = changes.content.trim();
    if (changes.documentNo !== undefined) set.document_no = changes.documentNo?.trim() || null;
    if (changes.periodStart !== undefined) set.period_start = changes.periodStart;
    if (changes.periodEnd !== undefined) set.period_end = changes.periodEnd;
    if ((set.period_end ?? plan.period_end) < (set.period_start ?? plan.period_start)) throw badRequest('实施期限的结束年份不能早于开始年份');
    if (changes.goals !== undefined) {
      const names = await unitNames(trx, [plan.department_id], []);
      await setImplementationPlanGoals(trx, plan.id, checkGoals(await loadCityPlans(trx), changes.goals, plan.department_id, names.departments.get(plan.department_id) ?? ''));
    }
    const updated = await updateImplementationPlanRow(trx, plan.id, set);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'implementation_plan', entity_id: id, action: 'implementation_plan.update', note: null });
    return updated;
  });
  return viewOf(db, actor, row);
}

/** Files the plan with the committee office; the department's open implementation-plan tasks are done. */
export async function fileImplementationPlan(db: Kysely<Database>, actor: Actor, id: number, input: { filedAt?: string | null } = {}, clock: Clock = {}): Promise<ImplementationPlanView> {
  const today = todayOf(clock);
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    const updated = await markFiled(trx, IMPLEMENTATION_PLAN_FILING, actor, plan, filingDateOf(input, today), clock);
    const tasks = await listTaskRows(trx, { ownerDepartmentId: plan.department_id, kind: ['implementation_plan'], status: ['open'] });
    for (const task of tasks) if (task.owner_region_code === null || task.owner_region_code === '370300') await closeTaskRecord(trx, actor, task, `已报送实施方案“${plan.title}”`, clock);
    return updated;
  });
  return viewOf(db, actor, row);
}

export async function reviewImplementationPlan(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { decision: ReviewDecision; note?: string | null },
  clock: Clock = {},
): Promise<ImplementationPlanView> {
  return viewOf(db, actor, await reviewFiledPlan(db, IMPLEMENTATION_PLAN_FILING, actor, id, input, clock));
}

export async function deleteImplementationPlan(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    requireNeverFiled(plan);
    await deleteImplementationPlanRow(trx, id);
  });
}
