import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { cleanUnitName, findDepartment } from '../../core/department/department-registry.ts';
import type { GoalRef } from '../../core/responsibility/responsibility.types.ts';
import { FILING_STATUS_LABELS, TASK_STATUS_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import { findDepartmentId } from '../../storage/repositories/department.repository.ts';
import { goalsOfImplementationPlans, listImplementationPlanRows } from '../../storage/repositories/implementation-plan.repository.ts';
import { PLAN_KIND_ORDER } from '../../storage/repositories/row-mappers.ts';
import { listTaskRows } from '../../storage/repositories/task.repository.ts';
import { OPEN_WARNING_STATUSES, WARNING_LEVEL_LABELS, WARNING_STATUS_LABELS } from '../evaluation/warning.labels.ts';
import { goalKey, loadCityPlans } from './city-plans.ts';
import type { CityGoal, CityPlans } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { forbidden, notFound } from './responsibility.errors.ts';
import { canReadResponsibilityList } from '../../core/responsibility/responsibility-access.ts';
import { toTaskViews } from './task.service.ts';
import type { ReportedPlan, ResponsibilityGoal, ResponsibilityMeasure, ResponsibilityWarning, ResponsibilityList, ResponsibilitySummary, GoalResponsibility } from './responsibility.contract.ts';
export type { ReportedPlan, ResponsibilityGoal, ResponsibilityMeasure, ResponsibilityWarning, ResponsibilityList, ResponsibilitySummary, GoalUnitReport, GoalResponsibility } from './responsibility.contract.ts';

export const MEASURES_NOTE =
  '规划的策略措施未列明牵头或责任单位：列入“本单位名称出现在措施原文中”的措施（关联方式：点名），以及本单位牵头或参与目标所在领域的策略措施（关联方式：同领域，仅供参考，并非规划明确的分工）。';

function namesOf(units: { name: string }[]): string[] {
  return units.map((u) => u.name);
}

function goalEntry(g: CityGoal, role: 'lead' | 'responsible', plans: ReportedPlan[]): ResponsibilityGoal {
  return {
    ...g.ref,
    goalId: g.goal.id,
    planCode: g.plan.code,
    planTitle: g.plan.title,
    domainTitle: g.domain.title,
    text: g.goal.text,
    role,
    leadUnits: namesOf(g.goal.leadUnits),
    responsibleUnits: namesOf(g.goal.responsibleUnits),
    unitGroups: g.goal.unitGroups,
    targets: g.goal.targets.map((t) => ({ indicator: t.indicator, indicatorCode: t.indicatorCode, text: t.text })),
    implementationPlans: plans,
  };
}

/** A department by id, name or alias (e.g. 市卫健委); 404 when unknown. */
export async function requireDepartmentId(db: Kysely<Database>, key: number | string): Promise<number> {
  const id = await findDepartmentId(db, typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key);
  if (id === null) throw notFound(`单位“${key}”`);
  return id;
}

async function openWarnings(db: Kysely<Database>, departmentId: number): Promise<ResponsibilityWarning[]> {
  const rows = await db
    .selectFrom('warnings as w')
    .leftJoin('indicators as i', 'i.code', 'w.indicator_code')
    .leftJoin('regions as r', 'r.code', 'w.region_code')
    .select(['w.id', 'w.year', 'w.indicator_code', 'i.name as indicator_name', 'w.region_code', 'r.name as region_name', 'w.level', 'w.status', 'w.reason'])
    .where('w.department_id', '=', departmentId)
    .where('w.status', 'in', [...OPEN_WARNING_STATUSES])
    .orderBy('w.year', 'desc')
    .orderBy('w.indicator_code')
    .execute();
  const steps =
    rows.length === 0
      ? []
      : await db
          .selectFrom('rectification_steps')
          .select(['warning_id', 'due_date'])
          .where('warning_id', 'in', rows.map((r) => r.id))
          .where('status', '=', 'pending')
          .execute();
  return rows.map((r) => {
    const pending = steps.filter((s) => s.warning_id === r.id).map((s) => s.due_date).sort();
    return {
      id: r.id,
      year: r.year,
      indicatorCode: r.indicator_code,
      indicatorName: r.indicator_name ?? r.indicator_code,
      regionCode: r.region_code,
      regionName: r.region_name ?? r.region_code,
      level: r.level,
      levelLabel: WARNING_LEVEL_LABELS[r.level],
      status: r.status,
      statusLabel: WARNING_STATUS_LABELS[r.status],
      reason: r.reason,
      pendingSteps: pending.length,
      nextStepDue: pending[0] ?? null,
    };
  });
}

/** Indicators the department reports for the city: the reporting assignment where one is set, else the catalogue's. */
async function reportedIndicators(db: Kysely<Database>, departmentId: number) {
  const rows = await db
    .selectFrom('indicators as i')
    .leftJoin('indicator_reporters as r', 'r.indicator_code', 'i.code')
    .select(['i.code', 'i.name', 'i.unit', 'i.plan_kind', 'i.domain_ord', 'i.department_id', 'r.department_id as assigned'])
    .execute();
  return rows
    .filter((r) => (r.assigned ?? r.department_id) === departmentId)
    .sort((a, b) => PLAN_KIND_ORDER[a.plan_kind] - PLAN_KIND_ORDER[b.plan_kind] || a.domain_ord - b.domain_ord || (a.code < b.code ? -1 : 1))
    .map((r) => ({ code: r.code, name: r.name, unit: r.unit, plan: r.plan_kind, domain: r.domain_ord }));
}

export async function buildResponsibilityList(db: Kysely<Database>, actor: Actor | null, key: number | string, clock: Clock = {}, city?: CityPlans): Promise<ResponsibilityList> {
  const departmentId = await requireDepartmentId(db, key);
  if (actor !== null && !canReadResponsibilityList(actor, departmentId)) throw forbidden('无权查看其他单位的责任清单：部门用户只能查看本单位的责任清单');
  const department = await db.selectFrom('departments').select(['id', 'name']).where('id', '=', departmentId).executeTakeFirstOrThrow();
  const aliases = (await db.selectFrom('department_aliases').select('alias').where('department_id', '=', departmentId).orderBy('alias').execute()).map((r) => r.alias);
  const plans = city ?? (await loadCityPlans(db, CITY_REGION_CODE));

  const planRows = await listImplementationPlanRows(db, { departmentId });
  const planGoals = await goalsOfImplementationPlans(db, planRows.map((p) => p.id));
  const reported = (id: number): ReportedPlan => {
    const p = planRows.find((r) => r.id === id);
    if (p === undefined) throw new Error(`implementation plan ${id} missing`);
    return { id: p.id, title: p.title, status: p.status, statusLabel: FILING_STATUS_LABELS[p.status], filedAt: p.filed_at };
  };
  const plansFor = (ref: GoalRef): ReportedPlan[] =>
    planRows.filter((p) => (planGoals.get(p.id) ?? []).some((g) => goalKey(g) === goalKey(ref))).map((p) => reported(p.id));

  const lead: ResponsibilityGoal[] = [];
  const responsible: ResponsibilityGoal[] = [];
  for (const g of plans.goals) {
    if (g.goal.leadUnits.some((u) => u.id === departmentId)) lead.push(goalEntry(g, 'lead', plansFor(g.ref)));
    if (g.goal.responsibleUnits.some((u) => u.id === departmentId)) responsible.push(goalEntry(g, 'responsible', plansFor(g.ref)));
  }

  const spellings = [department.name, ...aliases, ...(findDepartment(department.name)?.aliases ?? [])].map(cleanUnitName);
  const roleInDomain = new Map<string, 'lead' | 'responsible'>();
  for (const g of responsible) roleInDomain.set(`${g.plan}/${g.domain}`, 'responsible');
  for (const g of lead) roleInDomain.set(`${g.plan}/${g.domain}`, 'lead');
  const measures: ResponsibilityMeasure[] = [];
  for (const plan of plans.plans) {
    for (const domain of plan.domains) {
      const via = roleInDomain.get(`${plan.kind}/${domain.ord}`) ?? null;
      for (const m of domain.measures) {
        const text = cleanUnitName(m.text);
        const named = spellings.some((s) => s !== '' && text.includes(s));
        if (!named && via === null) continue;
        measures.push({ plan: plan.kind, domain: domain.ord, measure: m.ord, measureId: m.id, title: m.title, relation: named ? 'named' : 'domain', via });
      }
    }
  }

  const [indicators, warnings, taskRows] = await Promise.all([
    reportedIndicators(db, departmentId),
    openWarnings(db, departmentId),
    listTaskRows(db, { ownerDepartmentId: departmentId }),
  ]);
  const taskViews = await toTaskViews(db, taskRows, actor, clock);
  const open = taskViews.filter((t) => t.status === 'open');
  const today = todayOf(clock);
  return {
    department: department.name,
    departmentId,
    aliases,
    generatedAt: stampOf(clock),
    lead,
    responsible,
    measures,
    measuresNote: MEASURES_NOTE,
    indicators,
    warnings,
    implementationPlans: planRows.map((p) => ({ ...reported(p.id), goals: planGoals.get(p.id) ?? [] })),
    tasks: open,
    annualReports: taskViews
      .filter((t) => t.kind === 'annual_report')
      .map((t) => ({ taskId: t.id, year: t.year, dueDate: t.dueDate, status: t.status, statusLabel: TASK_STATUS_LABELS[t.status], completedAt: t.completedAt })),
    counts: {
      lead: lead.length,
      responsible: responsible.length,
      measures: measures.length,
      indicators: indicators.length,
      openWarnings: warnings.length,
      openTasks: open.length,
      overdueTasks: open.filter((t) => t.dueDate < today).length,
    },
  };
}

/** Every department the city plans name, with the size of its list (the index page of 责任清单). */
export async function listResponsibilities(db: Kysely<Database>, clock: Clock = {}): Promise<ResponsibilitySummary[]> {
  const city = await loadCityPlans(db);
  const counts = new Map<number, { name: string; lead: number; responsible: number }>();
  for (const g of city.goals) {
    for (const [units, role] of [
      [g.goal.leadUnits, 'lead'],
      [g.goal.responsibleUnits, 'responsible'],
    ] as const) {
      for (const u of units) {
        const entry = counts.get(u.id) ?? { name: u.name, lead: 0, responsible: 0 };
        entry[role]++;
        counts.set(u.id, entry);
      }
    }
  }
  const ids = [...counts.keys()];
  const today = todayOf(clock);
  const [indicators, tasks, warnings, plans] = await Promise.all([
    db.selectFrom('indicators as i').leftJoin('indicator_reporters as r', 'r.indicator_code', 'i.code').select(['i.department_id', 'r.department_id as assigned']).execute(),
    listTaskRows(db, { status: ['open'] }),
    db.selectFrom('warnings').select(['department_id']).where('status', 'in', [...OPEN_WARNING_STATUSES]).execute(),
    listImplementationPlanRows(db),
  ]);
  return ids.map((id) => {
    const c = counts.get(id) as { name: string; lead: number; responsible: number };
    const own = tasks.filter((t) => t.owner_department_id === id);
    const ownPlans = plans.filter((p) => p.department_id === id);
    return {
      departmentId: id,
      department: c.name,
      lead: c.lead,
      responsible: c.responsible,
      indicators: indicators.filter((i) => (i.assigned ?? i.department_id) === id).length,
      openTasks: own.length,
      overdueTasks: own.filter((t) => t.due_date < today).length,
      openWarnings: warnings.filter((w) => w.department_id === id).length,
      implementationPlans: { filed: ownPlans.filter((p) => p.status === 'filed' || p.status === 'reviewed').length, draft: ownPlans.filter((p) => p.status === 'draft' || p.status === 'returned').length },
    };
  });
}

/** For one goal: who leads, who shares, and what each has reported (implementation plans, annual reports). */
export async function goalResponsibility(db: Kysely<Database>, ref: GoalRef | { goalId: number }): Promise<GoalResponsibility> {
  const city = await loadCityPlans(db);
  const found = 'goalId' in ref ? city.goals.find((g) => g.goal.id === ref.goalId) : city.byKey.get(goalKey(ref));
  if (found === undefined) throw notFound('该主要目标（市级规划）');
  const units = [
    ...found.goal.leadUnits.map((u) => ({ ...u, role: 'lead' as const })),
    ...found.goal.responsibleUnits.map((u) => ({ ...u, role: 'responsible' as const })),
  ];
  const ids = units.map((u) => u.id);
  const planRows = (await listImplementationPlanRows(db)).filter((p) => ids.includes(p.department_id));
  const planGoals = await goalsOfImplementationPlans(db, planRows.map((p) => p.id));
  const tasks = (await listTaskRows(db)).filter((t) => t.owner_department_id !== null && ids.includes(t.owner_department_id));
  return {
    goal: {
      ...found.ref,
      goalId: found.goal.id,
      planTitle: found.plan.title,
      domainTitle: found.domain.title,
      text: found.goal.text,
      targets: found.goal.targets.map((t) => ({ indicator: t.indicator, text: t.text })),
    },
    units: units.map((u) => ({
      departmentId: u.id,
      department: u.name,
      role: u.role,
      implementationPlans: planRows
        .filter((p) => p.department_id === u.id && (planGoals.get(p.id) ?? []).some((g) => goalKey(g) === found.key))
        .map((p) => ({ id: p.id, title: p.title, status: p.status, statusLabel: FILING_STATUS_LABELS[p.status], filedAt: p.filed_at })),
      annualReports: tasks
        .filter((t) => t.owner_department_id === u.id && t.kind === 'annual_report')
        .map((t) => ({ taskId: t.id, year: t.year, status: t.status, statusLabel: TASK_STATUS_LABELS[t.status], completedAt: t.completed_at })),
      openTasks: tasks.filter((t) => t.owner_department_id === u.id && t.status === 'open').length,
    })),
    unitGroups: found.goal.unitGroups,
  };
}
