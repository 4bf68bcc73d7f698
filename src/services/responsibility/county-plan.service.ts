import type { Kysely } from 'kysely';
import type { StoredTarget } from '../../api/contract.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { filingDeadline } from '../../core/responsibility/filing-rule.ts';
import { canEditCountyPlan } from '../../core/responsibility/responsibility-access.ts';
import type { CountyItemStatus } from '../../core/responsibility/responsibility.types.ts';
import { COUNTY_ITEM_STATUS_LABELS, PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { TargetDirection, TargetKind, TargetOp } from '../../core/target/target.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { CountyPlanRow, CountyPlanTargetRow } from '../../storage/schema/responsibility.schema.ts';
import {
  deleteCountyPlanRow,
  findCountyGoal,
  findCountyPlan,
  findCountyPlanFor,
  findCountyTarget,
  insertCountyGoal,
  insertCountyPlan,
  insertCountyTarget,
  insertCountyTargets,
  listCountyGoals,
  listCountyPlanRows,
  listCountyTargets,
  setTargetsOfGoal,
  updateCountyGoalRow,
  updateCountyPlanRow,
  updateCountyTargetRow,
} from '../../storage/repositories/county-plan.repository.ts';
import type { NewCountyTargetRow } from '../../storage/repositories/county-plan.repository.ts';
import { deletePlan } from '../../storage/repositories/plan-store.repository.ts';
import { listRegions } from '../../storage/repositories/region.repository.ts';
import { targetColumns } from '../../storage/repositories/row-mappers.ts';
import { listTaskRows, recordEvent, unitNames, updateTaskRow } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { loadCityPlans } from './city-plans.ts';
import type { CityPlans } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import {
  buildCountyPlanView,
  cityKeyOfRow,
  cityTargetIndex,
  headerOf,
  sameTerms,
  targetView,
  termsOfRow,
  termsOfStored,
} from './county-plan.view.ts';
import type { CountyPlanView } from './county-plan.view.ts';
import { draftColumns, filingDateOf, markFiled, requireEditable, requireNeverFiled, reviewFiledPlan } from './plan-filing.ts';
import type { FiledPlanKind, ReviewDecision } from './plan-filing.ts';
import { badRequest, forbidden, invalidState, notFound } from './responsibility.errors.ts';
import { closeTaskRecord, createTaskRecord } from './task.service.ts';
import type { CountyPlanOverviewRow } from './responsibility.contract.ts';
export type { CountyPlanOverviewRow } from './responsibility.contract.ts';

/** County plans in the shared filing and review flow. */
export const COUNTY_PLAN_FILING: FiledPlanKind<CountyPlanRow> = {
  entity: 'county_plan',
  noun: '区县规划',
  subject: '该规划',
  short: '规划',
  reviewer: '市妇儿工委办公室',
  find: findCountyPlan,
  update: updateCountyPlanRow,
};

async function regionName(db: Kysely<Database>, code: string): Promise<string> {
  const names = await unitNames(db, [], [code]);
  return names.regions.get(code) ?? code;
}

/** A county or functional zone under the city (the committees that keep a county plan). */
async function requireCounty(db: Kysely<Database>, code: string, today: string): Promise<{ code: string; name: string }> {
  const counties = await listRegions(db, { parentCode: CITY_REGION_CODE, level: 'county', at: today });
  const found = counties.find((c) => c.code === code);
  if (found === undefined) throw badRequest(`区划“${code}”不是本市的区县或功能区，不能建立区县规划`);
  return { code: found.code, name: found.name };
}

export async function loadCountyPlanView(db: Kysely<Database>, actor: Actor | null, row: CountyPlanRow, clock: Clock = {}, city?: CityPlans): Promise<CountyPlanView> {
  const [goals, targets, name, cityPlans] = await Promise.all([
    listCountyGoals(db, [row.id]),
    listCountyTargets(db, [row.id]),
    regionName(db, row.region_code),
    city ?? loadCityPlans(db),
  ]);
  return buildCountyPlanView(db, actor, row, { goals, targets, city: cityPlans, regionName: name, today: todayOf(clock) });
}

export async function getCountyPlan(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<CountyPlanView> {
  const row = await findCountyPlan(db, id);
  if (row === null) throw notFound(`区县规划 ${id} `);
  return loadCountyPlanView(db, actor, row, clock);
}

async function loadEditable(db: Kysely<Database>, actor: Actor, id: number): Promise<CountyPlanRow> {
  const row = await findCountyPlan(db, id);
  if (row === null) throw notFound(`区县规划 ${id} `);
  if (!canEditCountyPlan(actor, row.region_code)) throw forbidden(`无权修改该区县规划：只有${await regionName(db, row.region_code)}妇儿工委（填报员）或市妇儿工委办公室可以修改`);
  return requireEditable(COUNTY_PLAN_FILING, row);
}

async function touch(db: Kysely<Database>, actor: Actor, row: CountyPlanRow, action: string, note: string | null, clock: Clock): Promise<CountyPlanRow> {
  const at = stampOf(clock);
  await recordEvent(db, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'county_plan', entity_id: row.id, action, note });
  return updateCountyPlanRow(db, row.id, { updated_at: at });
}

function cityTargetRow(planId: number, goalId: number | null, domainOrd: number, ord: number, t: StoredTarget, source: 'goal' | 'measure', itemOrd: number, targetOrd: number): NewCountyTargetRow {
  return {
    county_plan_id: planId,
    county_goal_id: goalId,
    domain_ord: domainOrd,
    ord,
    ...targetColumns(t),
    status: 'adopted',
    reason: null,
    city_source: source,
    city_domain_ord: domainOrd,
    city_item_ord: itemOrd,
    city_target_ord: targetOrd,
  };
}

/** Ensures the county's plan-filing task runs from the promulgation date (due one calendar month later). */
export async function syncFilingTask(db: Kysely<Database>, actor: Actor, row: CountyPlanRow, clock: Clock): Promise<void> {
  if (row.promulgated_at === null) return;
  const due = filingDeadline(row.promulgated_at);
  const tasks = await listTaskRows(db, { source: { type: 'county_plan', id: row.id }, kind: ['plan_filing'] });
  const open = tasks.find((t) => t.status === 'open');
  if (open !== undefined) {
    if (open.due_date !== due) await updateTaskRow(db, open.id, { due_date: due, updated_at: stampOf(clock) });
    return;
  }
  if (tasks.some((t) => t.status === 'done') || row.filed_at !== null) return;
  await createTaskRecord(
    db,
    actor,
    {
      title: `报送${row.title}`,
      kind: 'plan_filing',
      description: `规划颁布后1个月内报送市妇儿工委办公室（${row.promulgated_at}颁布）`,
      owner: { regionCode: row.region_code },
      dueDate: due,
      source: { type: 'county_plan', id: row.id },
    },
    clock,
  );
}

export interface DeriveCountyPlanInput {
  regionCode: string;
  planKind: PlanKind;
  title?: string;
  promulgatedAt?: string | null;
  documentNo?: string | null;
}

/**
 * Starts a county plan from the city plan: every goal and every target (of goals and of measures) copied as
 * “adopted”, to be adjusted, marked not applicable, or added to.
 */
export async function deriveCountyPlan(db: Kysely<Database>, actor: Actor, input: DeriveCountyPlanInput, clock: Clock = {}): Promise<CountyPlanView> {
  const today = todayOf(clock);
  if (!canEditCountyPlan(actor, input.regionCode)) throw forbidden('无权为该区县建立规划：区县只能建立本区县的规划');
  if (input.promulgatedAt != null) checkPromulgation(input.promulgatedAt, today);
  const row = await inTransaction(db, async (trx) => {
    const county = await requireCounty(trx, input.regionCode, today);
    const city = await loadCityPlans(trx);
    const cityPlan = city.planOf(input.planKind);
    if (cityPlan === undefined) throw badRequest(`市级${PLAN_KIND_LABELS[input.planKind]}发展规划尚未导入，无法派生区县规划`);
    const existing = await findCountyPlanFor(trx, county.code, input.planKind, cityPlan.period.start);
    if (existing !== null) throw invalidState(`${county.name}已有${cityPlan.period.start}—${cityPlan.period.end}年${PLAN_KIND_LABELS[input.planKind]}发展规划（编号 ${existing.id}）`);
    const cityArea = await trx.selectFrom('plans').select('area_name').where('region_code', '=', CITY_REGION_CODE).where('code', '=', cityPlan.code).executeTakeFirst();
    const area = cityArea?.area_name ?? '';
    const title = input.title?.trim() || (area !== '' && cityPlan.title.startsWith(area) ? county.name + cityPlan.title.slice(area.length) : `${county.name}${cityPlan.title}`);
    const at = stampOf(clock);
    const plan = await insertCountyPlan(trx, {
      region_code: county.code,
      plan_kind: input.planKind,
      period_start: cityPlan.period.start,
      period_end: cityPlan.period.end,
      title,
      origin: 'derived',
      imported_plan_id: null,
      source_file: null,
      promulgated_at: input.promulgatedAt ?? null,
      document_no: input.documentNo?.trim() || null,
      filed_recorded_at: null,
      ...draftColumns(actor, at),
    });
    const targets: NewCountyTargetRow[] = [];
    for (const domain of cityPlan.domains) {
      for (const goal of domain.goals) {
        const g = await insertCountyGoal(trx, {
          county_plan_id: plan.id,
          domain_ord: domain.ord,
          ord: goal.ord,
          text: goal.text,
          units_text: '',
          status: 'adopted',
          reason: null,
          city_domain_ord: domain.ord,
          city_goal_ord: goal.ord,
        });
        goal.targets.forEach((t, i) => targets.push(cityTargetRow(plan.id, g.id, domain.ord, i + 1, t, 'goal', goal.ord, i + 1)));
      }
      let ord = 0;
      for (const measure of domain.measures) {
        measure.targets.forEach((t, i) => targets.push(cityTargetRow(plan.id, null, domain.ord, ++ord, t, 'measure', measure.ord, i + 1)));
      }
    }
    await insertCountyTargets(trx, targets);
    await recordEvent(trx, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'county_plan', entity_id: plan.id, action: 'county_plan.derive', note: `依据${cityPlan.title}派生` });
    await syncFilingTask(trx, actor, plan, clock);
    return plan;
  });
  return loadCountyPlanView(db, actor, row, clock);
}

function checkPromulgation(date: string, today: string): void {
  if (!isIsoDate(date)) throw badRequest(`颁布日期“${date}”无效，应为 YYYY-MM-DD`);
  if (date > today) throw badRequest(`颁布日期${date}晚于今天（${today}），请核对`);
}

export interface CountyPlanChanges {
  title?: string;
  promulgatedAt?: string | null;
  documentNo?: string | null;
}

export async function updateCountyPlan(db: Kysely<Database>, actor: Actor, id: number, changes: CountyPlanChanges, clock: Clock = {}): Promise<CountyPlanView> {
  const today = todayOf(clock);
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    const set: Parameters<typeof updateCountyPlanRow>[2] = { updated_at: stampOf(clock) };
    if (changes.title !== undefined) {
      if (changes.title.trim() === '') throw badRequest('规划名称不能为空');
      set.title = changes.title.trim();
    }
    if (changes.promulgatedAt !== undefined) {
      if (changes.promulgatedAt !== null) checkPromulgation(changes.promulgatedAt, today);
      set.promulgated_at = changes.promulgatedAt;
    }
    if (changes.documentNo !== undefined) set.document_no = changes.documentNo?.trim() || null;
    const updated = await updateCountyPlanRow(trx, plan.id, set);
    await recordEvent(trx, { at: set.updated_at as string, user_id: actor.userId, user_name: actor.displayName, entity: 'county_plan', entity_id: id, action: 'county_plan.update', note: null });
    await syncFilingTask(trx, actor, updated, clock);
    return updated;
  });
  return loadCountyPlanView(db, actor, row, clock);
}

export interface CountyGoalChanges {
  status?: 'adopted' | 'adjusted' | 'not_applicable';
  text?: string;
  unitsText?: string;
  reason?: string | null;
}

/** Adjusts a county goal's text, or marks it not applicable (with a reason: its targets follow). */
export async function updateCountyGoal(db: Kysely<Database>, actor: Actor, planId: number, goalId: number, changes: CountyGoalChanges, clock: Clock = {}): Promise<CountyPlanView> {
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, planId);
    const goal = await findCountyGoal(trx, goalId);
    if (goal === null || goal.county_plan_id !== plan.id) throw notFound(`该规划的目标 ${goalId} `);
    const reason = changes.reason === undefined ? goal.reason : changes.reason?.trim() || null;
    const text = changes.text?.trim() ?? goal.text;
    if (text === '') throw badRequest('目标内容不能为空');
    let status: CountyItemStatus = goal.status;
    if (changes.status === 'not_applicable') {
      if (goal.status === 'added') throw badRequest('新增目标不能标为不适用；不需要时请删除');
      if (reason === null) throw badRequest('标为不适用须说明理由');
      status = 'not_applicable';
    } else if (goal.status !== 'added') {
      status = changes.status === 'adopted' ? 'adopted' : text !== goal.text || changes.status === 'adjusted' ? 'adjusted' : goal.status === 'not_applicable' ? 'adopted' : goal.status;
    }
    await updateCountyGoalRow(trx, goal.id, { text, units_text: changes.unitsText?.trim() ?? goal.units_text, status, reason });
    if (status === 'not_applicable') await setTargetsOfGoal(trx, goal.id, { status: 'not_applicable', reason });
    else if (goal.status === 'not_applicable') {
      // Back in force: the goal's targets return to adopted (or adjusted where they differ from the city's).
      const cityIndex = cityTargetIndex((await loadCityPlans(trx)).planOf(plan.plan_kind));
      for (const t of await listCountyTargets(trx, [plan.id])) {
        if (t.county_goal_id !== goal.id) continue;
        const key = cityKeyOfRow(t);
        const city = key === null ? undefined : cityIndex.get(key);
        const next: CountyItemStatus = city === undefined ? 'added' : sameTerms(termsOfStored(city.target), termsOfRow(t)) ? 'adopted' : 'adjusted';
        await updateCountyTargetRow(trx, t.id, { status: next, reason: null });
      }
    }
    return touch(trx, actor, plan, 'county_plan.goal', `${goal.domain_ord}.${goal.ord}：${COUNTY_ITEM_STATUS_LABELS[status]}`, clock);
  });
  return loadCountyPlanView(db, actor, row, clock);
}

export interface NewCountyGoalInput {
  domainOrd: number;
  text: string;
  unitsText?: string;
  reason?: string | null;
}

export async function addCountyGoal(db: Kysely<Database>, actor: Actor, planId: number, input: NewCountyGoalInput, clock: Clock = {}): Promise<CountyPlanView> {
  const text = input.text.trim();
  if (text === '') throw badRequest('目标内容不能为空');
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, planId);
    const cityPlan = (await loadCityPlans(trx)).planOf(plan.plan_kind);
    if (cityPlan !== undefined && !cityPlan.domains.some((d) => d.ord === input.domainOrd)) throw badRequest(`领域${input.domainOrd}不存在`);
    const goals = await listCountyGoals(trx, [plan.id]);
    const ord = Math.max(0, ...goals.filter((g) => g.domain_ord === input.domainOrd).map((g) => g.ord)) + 1;
    await insertCountyGoal(trx, {
      county_plan_id: plan.id,
      domain_ord: input.domainOrd,
      ord,
      text,
      units_text: input.unitsText?.trim() ?? '',
      status: 'added',
      reason: input.reason?.trim() || null,
      city_domain_ord: null,
      city_goal_ord: null,
    });
    return touch(trx, actor, plan, 'county_plan.goal_add', `领域${input.domainOrd}新增目标${ord}`, clock);
  });
  return loadCountyPlanView(db, actor, row, clock);
}

export interface CountyTargetChanges {
  status?: 'adopted' | 'adjusted' | 'not_applicable';
  op?: TargetOp | null;
  value?: number | null;
  text?: string;
  reason?: string | null;
}

/**
 * Adjusts a county target (its value or operator, its wording) or marks it not applicable. Status follows the
 * content: equal to the city target → adopted, different → adjusted; “adopted” resets it to the city target.
 */
export async function updateCountyTarget(db: Kysely<Database>, actor: Actor, planId: number, targetId: number, changes: CountyTargetChanges, clock: Clock = {}): Promise<CountyPlanView> {
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, planId);
    const target = await findCountyTarget(trx, targetId);
    if (target === null || target.county_plan_id !== plan.id) throw notFound(`该规划的量化目标 ${targetId} `);
    const cityIndex = cityTargetIndex((await loadCityPlans(trx)).planOf(plan.plan_kind));
    const key = cityKeyOfRow(target);
    const city = key === null ? undefined : cityIndex.get(key);
    const reason = changes.reason === undefined ? target.reason : changes.reason?.trim() || null;
    let next: Partial<CountyPlanTargetRow> = {
      op: changes.op === undefined ? target.op : changes.op,
      value: changes.value === undefined ? target.value : changes.value,
      text: changes.text?.trim() || target.text,
      reason,
    };
    if (next.value !== null && next.value !== undefined && !Number.isFinite(next.value)) throw badRequest('目标值须为数值');
    if (changes.status === 'adopted') {
      if (city === undefined) throw badRequest('该目标没有对应的市级目标，无法恢复为市目标');
      next = { op: city.target.op, value: city.target.value, text: city.target.text, reason: null };
    }
    let status: CountyItemStatus;
    if (changes.status === 'not_applicable') {
      if (reason === null) throw badRequest('标为不适用须说明理由');
      status = 'not_applicable';
    } else if (city === undefined) {
      status = 'added';
    } else {
      const terms = termsOfRow({ ...target, ...next } as CountyPlanTargetRow);
      status = sameTerms(termsOfStored(city.target), terms) && (next.text ?? target.text) === city.target.text ? 'adopted' : 'adjusted';
    }
    await updateCountyTargetRow(trx, target.id, { ...next, status });
    return touch(trx, actor, plan, 'county_plan.target', `${target.indicator_name}：${COUNTY_ITEM_STATUS_LABELS[status]}`, clock);
  });
  return loadCountyPlanView(db, actor, row, clock);
}

export interface NewCountyTargetInput {
  countyGoalId: number;
  indicatorName: string;
  indicatorCode?: string | null;
  kind: TargetKind;
  op?: TargetOp | null;
  value?: number | null;
  unit?: string | null;
  direction?: TargetDirection | null;
  text: string;
  targetYear?: number;
  reason?: string | null;
}

export async function addCountyTarget(db: Kysely<Database>, actor: Actor, planId: number, input: NewCountyTargetInput, clock: Clock = {}): Promise<CountyPlanView> {
  if (input.indicatorName.trim() === '' || input.text.trim() === '') throw badRequest('新增量化目标须有指标名称和原文');
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, planId);
    const goal = await findCountyGoal(trx, input.countyGoalId);
    if (goal === null || goal.county_plan_id !== plan.id) throw notFound(`该规划的目标 ${input.countyGoalId} `);
    const existing = (await listCountyTargets(trx, [plan.id])).filter((t) => t.county_goal_id === goal.id);
    await insertCountyTarget(trx, {
      county_plan_id: plan.id,
      county_goal_id: goal.id,
      domain_ord: goal.domain_ord,
      ord: Math.max(0, ...existing.map((t) => t.ord)) + 1,
      indicator_name: input.indicatorName.trim(),
      indicator_code: input.indicatorCode ?? null,
      kind: input.kind,
      op: input.op ?? null,
      value: input.value ?? null,
      unit: input.unit ?? null,
      base_year: null,
      target_year: input.targetYear ?? plan.period_end,
      text: input.text.trim(),
      direction: input.direction ?? null,
      ratio_left: null,
      ratio_right: null,
      scope: null,
      reference: null,
      status: 'added',
      reason: input.reason?.trim() || null,
      city_source: null,
      city_domain_ord: null,
      city_item_ord: null,
      city_target_ord: null,
    });
    return touch(trx, actor, plan, 'county_plan.target_add', input.indicatorName.trim(), clock);
  });
  return loadCountyPlanView(db, actor, row, clock);
}

/**
 * Files the plan with the city office. `filedAt` is the date of filing (default today): a county that filed
 * on paper records that date; it may not lie in the future or before promulgation. The recording time is kept
 * beside it, so the office sees both.
 */
export async function fileCountyPlan(db: Kysely<Database>, actor: Actor, id: number, input: { filedAt?: string | null } = {}, clock: Clock = {}): Promise<CountyPlanView> {
  const today = todayOf(clock);
  const row = await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    if (plan.promulgated_at === null) throw badRequest('报送前须登记规划的颁布日期');
    const filedAt = filingDateOf(input, today, { date: plan.promulgated_at, label: '颁布日期' });
    // A plan returned and filed again keeps its first filing date: that is what the one-month rule judges.
    let updated = await markFiled(trx, COUNTY_PLAN_FILING, actor, plan, filedAt, clock);
    // When the filing was recorded, beside the date it was made (they differ for a filing on paper).
    if (updated.filed_recorded_at === null) updated = await updateCountyPlanRow(trx, plan.id, { filed_recorded_at: updated.updated_at });
    for (const task of await listTaskRows(trx, { source: { type: 'county_plan', id }, status: ['open'] })) {
      await closeTaskRecord(trx, actor, task, `已于${updated.filed_at}报送`, clock);
    }
    return updated;
  });
  return loadCountyPlanView(db, actor, row, clock);
}

export async function reviewCountyPlan(db: Kysely<Database>, actor: Actor, id: number, input: { decision: ReviewDecision; note?: string | null }, clock: Clock = {}): Promise<CountyPlanView> {
  const row = await reviewFiledPlan(db, COUNTY_PLAN_FILING, actor, id, input, clock);
  return loadCountyPlanView(db, actor, row, clock);
}

export async function deleteCountyPlan(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const plan = await loadEditable(trx, actor, id);
    requireNeverFiled(plan);
    for (const task of await listTaskRows(trx, { source: { type: 'county_plan', id }, status: ['open'] })) {
      await updateTaskRow(trx, task.id, { status: 'cancelled', outcome_note: '区县规划草稿已删除', updated_at: stampOf() });
    }
    await deleteCountyPlanRow(trx, id);
    // An imported plan's text was stored as the county's plan (plans.region_code = the county): it goes too.
    if (plan.imported_plan_id !== null) await deletePlan(trx, plan.imported_plan_id);
  });
}

/**
 * The office's overview: for every county (and functional zone) and both plans, the county plan's status,
 * whether it was filed within one month of promulgation, and how many targets are weaker than the city's.
 */
export async function countyPlanOverview(db: Kysely<Database>, actor: Actor, query: { planKind?: PlanKind } = {}, clock: Clock = {}): Promise<CountyPlanOverviewRow[]> {
  void actor; // every logged-in user reads the overview
  const today = todayOf(clock);
  const [counties, city, rows] = await Promise.all([
    listRegions(db, { parentCode: CITY_REGION_CODE, level: 'county', at: today }),
    loadCityPlans(db),
    listCountyPlanRows(db, { kind: query.planKind }),
  ]);
  const ids = rows.map((r) => r.id);
  const [goals, targets] = await Promise.all([listCountyGoals(db, ids), listCountyTargets(db, ids)]);
  const kinds: PlanKind[] = query.planKind ? [query.planKind] : ['women', 'children'];
  const indexes = new Map(kinds.map((k) => [k, cityTargetIndex(city.planOf(k))]));
  const sorted = [...counties].sort((a, b) => Number(a.functional) - Number(b.functional) || (a.code < b.code ? -1 : 1));
  const out: CountyPlanOverviewRow[] = [];
  for (const county of sorted) {
    for (const kind of kinds) {
      const period = city.planOf(kind)?.period.start;
      const candidates = rows.filter((r) => r.region_code === county.code && r.plan_kind === kind);
      const row = candidates.find((r) => r.period_start === period) ?? candidates[candidates.length - 1];
      const index = indexes.get(kind) ?? cityTargetIndex(undefined);
      const header =
        row === undefined
          ? null
          : headerOf(
              row,
              county.name,
              goals.filter((g) => g.county_plan_id === row.id),
              targets.filter((t) => t.county_plan_id === row.id).map((t) => targetView(t, index)),
              index,
              today,
            );
      const flags: string[] = [];
      if (header === null) flags.push('尚未建立规划');
      else {
        if (header.filing.flagged) flags.push(header.filing.stateLabel);
        if (header.summary.weaker > 0) flags.push(`${header.summary.weaker}项目标低于市目标`);
      }
      out.push({
        region: { code: county.code, name: county.name, functional: county.functional },
        planKind: kind,
        kindLabel: `${PLAN_KIND_LABELS[kind]}发展规划`,
        plan: header,
        flagged: header !== null && (header.filing.flagged || header.summary.weaker > 0),
        flags,
      });
    }
  }
  return out;
}

export { type CountyPlanView, type CountyPlanHeader } from './county-plan.view.ts';
