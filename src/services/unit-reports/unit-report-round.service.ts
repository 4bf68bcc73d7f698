import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { isIsoDate } from '../../core/responsibility/dates.ts';
import { canManageUnitReports, readsAllUnitReports } from '../../core/unit-reports/unit-report-access.ts';
import type { UnitItemRole, UnitReportKind } from '../../core/unit-reports/unit-report.types.ts';
import { UNIT_REPORT_KIND_LABELS, UNIT_REPORT_KINDS, unitReportTitle } from '../../core/unit-reports/unit-report.types.ts';
import { listRegions } from '../../storage/repositories/region.repository.ts';
import { listTaskRows } from '../../storage/repositories/task.repository.ts';
import { findRound, findRoundOf, insertItems, insertRound, insertUnitReport, listItems, listRoundRows, listUnitReportRows } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportRoundRow } from '../../storage/schema/unit-reports.schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { CityGoal, CityPlans } from '../responsibility/city-plans.ts';
import { goalKey, loadCityPlans } from '../responsibility/city-plans.ts';
import type { Clock } from '../responsibility/clock.ts';
import { stampOf, todayOf } from '../responsibility/clock.ts';
import { badRequest, forbidden, invalidState, notFound } from '../responsibility/responsibility.errors.ts';
import { createTaskRecord } from '../responsibility/task.service.ts';
import { auditUnitReport } from './unit-report-audit.ts';
import type { RoundOverview, UnitReportRoundView } from './unit-report.contract.ts';
import { loadExtensions, seriesFacts, toReportView, toRoundView } from './unit-report-views.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { toChangeViews, toExtensionView } from '../deadlines/round-deadline.shared.ts';

/**
 * Reporting rounds: the office opens one for a year and a kind with a deadline; every department the city plans
 * charge with a goal (牵头或责任单位) and every county committee gets its report, pre-filled with one item per goal,
 * and a deadline task (the annual report tasks of the task model: an existing one for the unit and year is reused).
 */

export interface OpenRoundInput {
  year: number;
  kind: UnitReportKind;
  dueDate: string;
  note?: string;
  /** false: departments only. */
  includeCounties?: boolean;
}

interface PlannedItem {
  goal: CityGoal;
  role: UnitItemRole;
}

/** Per department: the goals it leads (role lead) or shares (responsible), lead first where both. */
function departmentGoals(city: CityPlans): Map<number, { name: string; items: PlannedItem[] }> {
  const out = new Map<number, { name: string; items: PlannedItem[] }>();
  for (const goal of city.goals) {
    const seen = new Set<number>();
    for (const [units, role] of [
      [goal.goal.leadUnits, 'lead'],
      [goal.goal.responsibleUnits, 'responsible'],
    ] as const) {
      for (const u of units) {
        if (seen.has(u.id)) continue;
        seen.add(u.id);
        const entry = out.get(u.id) ?? { name: u.name, items: [] };
        entry.items.push({ goal, role });
        out.set(u.id, entry);
      }
    }
  }
  return out;
}

/** City goals a county's filed plan marks not applicable (不适用), as goal keys. */
async function notApplicableGoals(db: Kysely<Database>, regionCode: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('county_plan_goals as g')
    .innerJoin('county_plans as p', 'p.id', 'g.county_plan_id')
    .select(['p.plan_kind', 'g.city_domain_ord', 'g.city_goal_ord'])
    .where('p.region_code', '=', regionCode)
    .where('p.status', 'in', ['filed', 'reviewed'])
    .where('g.status', '=', 'not_applicable')
    .execute();
  return new Set(rows.flatMap((r) => (r.city_domain_ord === null || r.city_goal_ord === null ? [] : [goalKey({ plan: r.plan_kind, domain: r.city_domain_ord, goal: r.city_goal_ord })])));
}

export async function openRound(db: Kysely<Database>, actor: Actor, input: OpenRoundInput, clock: Clock = {}): Promise<RoundOverview> {
  if (!canManageUnitReports(actor)) throw forbidden('无权布置报告：仅妇儿工委办公室（管理员）可以发起报告轮次');
  if (!UNIT_REPORT_KINDS.includes(input.kind)) throw badRequest(`报告类型“${input.kind}”无效：应为 annual、midterm 或 final`);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badRequest(`年度“${input.year}”无效`);
  if (!isIsoDate(input.dueDate)) throw badRequest(`截止日期“${input.dueDate}”无效，应为 YYYY-MM-DD`);
  const roundId = await inTransaction(db, async (trx) => {
    const existing = await findRoundOf(trx, input.year, input.kind);
    if (existing !== null) throw invalidState(`${input.year}年度的“${UNIT_REPORT_KIND_LABELS[input.kind]}”报告轮次已发起（截止${existing.due_date}），不能重复发起`);
    const city = await loadCityPlans(trx);
    if (city.goals.length === 0) throw invalidState('尚未导入市级规划，无法按目标生成报告：请先导入规划');
    const at = stampOf(clock);
    const round = await insertRound(trx, {
      year: input.year,
      kind: input.kind,
      title: input.kind === 'annual' ? `${input.year}年度规划落实情况和${input.year + 1}年工作安排` : `${input.year}年${UNIT_REPORT_KIND_LABELS[input.kind]}`,
      due_date: input.dueDate,
      note: input.note?.trim() ?? '',
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: at,
    });
    // Annual report tasks the office may have issued already (task model) are reused, one per unit and year.
    const liveTasks = input.kind === 'annual' ? (await listTaskRows(trx, { kind: ['annual_report'], year: input.year })).filter((t) => t.status !== 'cancelled') : [];
    const units: { kind: 'department' | 'county'; departmentId: number | null; regionCode: string | null; name: string; items: PlannedItem[] }[] = [];
    for (const [departmentId, d] of [...departmentGoals(city).entries()].sort((a, b) => a[0] - b[0])) {
      units.push({ kind: 'department', departmentId, regionCode: null, name: d.name, items: d.items });
    }
    if (input.includeCounties !== false) {
      for (const county of await listRegions(trx, { parentCode: CITY_REGION_CODE, level: 'county', at: todayOf(clock) })) {
        const skip = await notApplicableGoals(trx, county.code);
        units.push({ kind: 'county', departmentId: null, regionCode: county.code, name: county.name, items: city.goals.filter((g) => !skip.has(g.key)).map((goal) => ({ goal, role: 'county' as const })) });
      }
    }
    for (const unit of units) {
      const title = unitReportTitle(unit.name, input.year, input.kind);
      let task = liveTasks.find((t) => (unit.kind === 'department' ? t.owner_department_id === unit.departmentId : t.owner_department_id === null && t.owner_region_code === unit.regionCode));
      task ??= await createTaskRecord(
        trx,
        actor,
        {
          title: `报送${title}`,
          kind: input.kind === 'annual' ? 'annual_report' : 'other',
          description:
            input.kind === 'annual'
              ? unit.kind === 'department'
                ? '责任单位每年向市妇儿工委报告规划落实情况和下一年工作安排（规划“四、组织实施”）'
                : '下级妇儿工委每年向上级妇儿工委报告本地区规划实施情况和下一年工作安排'
              : `规划${input.kind === 'midterm' ? '中期' : '终期'}评估：各有关部门和区县对目标任务完成情况进行自评并报送市妇儿工委办公室`,
          owner: unit.kind === 'department' ? { departmentId: unit.departmentId } : { regionCode: unit.regionCode },
          dueDate: input.dueDate,
          year: input.year,
        },
        clock,
      );
      const report = await insertUnitReport(trx, {
        round_id: round.id,
        unit_key: unit.kind === 'department' ? `department:${unit.departmentId}` : `county:${unit.regionCode}`,
        version: 1,
        unit_kind: unit.kind,
        department_id: unit.departmentId,
        region_code: unit.regionCode,
        unit_name: unit.name,
        title,
        status: 'draft',
        overview: '',
        problems: '',
        next_plan: '',
        correction_note: null,
        task_id: task.id,
        created_at: at,
        updated_at: at,
        submitted_at: null,
        last_submitted_at: null,
        submitted_by_name: null,
        approved_at: null,
        approved_by_name: null,
        published_at: null,
        published_by_name: null,
      });
      await insertItems(
        trx,
        unit.items.map((item, i) => ({
          report_id: report.id,
          ord: i + 1,
          plan_kind: item.goal.ref.plan,
          domain_ord: item.goal.ref.domain,
          goal_ord: item.goal.ref.goal,
          goal_text: item.goal.goal.text,
          role: item.role,
          progress: null,
          done: '',
          problems: '',
          next_plan: '',
        })),
      );
      await auditUnitReport(trx, actor, at, report.id, 'unit_report.create', { after: { round: round.id, unit: unit.name, items: unit.items.length, dueDate: input.dueDate } });
    }
    return round.id;
  });
  return roundOverview(db, actor, roundId, clock);
}

export async function listRounds(db: Kysely<Database>, _actor: Actor, filter: { year?: number } = {}): Promise<UnitReportRoundView[]> {
  return (await listRoundRows(db, filter)).map(toRoundView);
}

async function loadRound(db: Kysely<Database>, ref: number | { year: number; kind: UnitReportKind }): Promise<UnitReportRoundRow> {
  const round = typeof ref === 'number' ? await findRound(db, ref) : await findRoundOf(db, ref.year, ref.kind);
  if (round === null) throw notFound(typeof ref === 'number' ? `报告轮次 ${ref} ` : `${ref.year}年度的“${UNIT_REPORT_KIND_LABELS[ref.kind]}”报告轮次`);
  return round;
}

/**
 * The office's view of a round: each unit's latest report with its status, first submission and lateness
 * (submitted after the deadline, or overdue and not submitted). Others see only their own unit's row.
 */
export async function roundOverview(db: Kysely<Database>, actor: Actor, ref: number | { year: number; kind: UnitReportKind }, clock: Clock = {}): Promise<RoundOverview> {
  const round = await loadRound(db, ref);
  const rows = await listUnitReportRows(db, { roundId: round.id, scope: scopeOf(actor) });
  const facts = seriesFacts(rows);
  const latest = rows.filter((r) => facts.get(`${r.round_id}|${r.unit_key}`)?.latestVersion === r.version);
  const items = await listItems(db, latest.map((r) => r.id));
  const extensions = await loadExtensions(db, [round.id]);
  const units = latest
    .map((r) => toReportView(r, round, facts.get(`${r.round_id}|${r.unit_key}`), items, clock, extensions))
    .sort((a, b) => (a.unitKind === b.unitKind ? 0 : a.unitKind === 'department' ? -1 : 1) || (a.unitKind === 'department' ? (a.departmentId ?? 0) - (b.departmentId ?? 0) : a.unitCode.localeCompare(b.unitCode)));
  const count = (p: (u: (typeof units)[number]) => boolean) => units.filter(p).length;
  return {
    round: toRoundView(round),
    units,
    counts: {
      total: units.length,
      submitted: count((u) => u.submittedAt !== null),
      notSubmitted: count((u) => u.submittedAt === null),
      overdue: count((u) => u.lateness === 'overdue'),
      late: count((u) => u.lateness === 'late'),
      approved: count((u) => u.status === 'approved'),
      published: count((u) => u.status === 'published'),
      returned: count((u) => u.status === 'returned'),
    },
    // A unit's user sees its own extension only; the office, bureau and viewers every one.
    extensions: [...extensions.values()].filter((e) => latest.some((r) => r.unit_key === e.unit_key)).map(toExtensionView),
    // Whole-round changes to everyone; a unit's extension to those who may read its report.
    deadlineChanges: toChangeViews(await findAudit(db, { entity: 'unit_report_round', entityKey: String(round.id), actions: [ROUND_DEADLINE_ACTION] })).filter(
      (c) => c.unitKey === null || latest.some((r) => r.unit_key === c.unitKey),
    ),
    canChangeDeadline: canManageUnitReports(actor),
  };
}

/** The audit action of a deadline change, on the round (entity 'unit_report_round') and on each report it moves. */
export const ROUND_DEADLINE_ACTION = 'unit_report_round.deadline';

/** The reports an actor may list: all (office, statistics bureau, viewers, city staff), else its own unit's. */
export function scopeOf(actor: Actor): { departmentId: number } | { regionCode: string } | null {
  if (readsAllUnitReports(actor)) return null;
  if (actor.departmentId !== null) return { departmentId: actor.departmentId };
  // A county's user; anyone else matches nothing (an impossible region).
  return { regionCode: actor.regionCode ?? '' };
}
