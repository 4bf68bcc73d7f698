import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { loadCityPlans, goalKey } from '../responsibility/city-plans.ts';

/**
 * The departments' and counties' own assessments of their goals, for the mid-term and final evaluation reports
 * (“各部门自评”): for a round (year × kind), the latest version of every unit's report and its goal items.
 * Signature shared with the evaluation report (helper E1): keep it stable.
 */
export interface UnitSelfAssessment {
  reportId: number;
  unitKind: 'department' | 'county';
  unitCode: string;
  unitName: string;
  status: string;
  /** The goal's current row id in the city plan (0 when the plan no longer has that goal number). */
  goalId: number;
  plan: 'women' | 'children';
  domain: number;
  goalNumber: number;
  role: 'lead' | 'responsible' | 'county';
  progress: 'achieved' | 'mostly_achieved' | 'in_progress' | 'lagging' | null;
  done: string;
  problems: string;
}

export interface UnitReportSummary {
  reportId: number;
  unitKind: 'department' | 'county';
  unitCode: string;
  unitName: string;
  title: string;
  status: string;
  submittedAt: string | null;
  overview: string;
  problems: string;
  nextPlan: string;
}

/**
 * `approvedOnly`: only reports the office approved or published (else every unit's latest version, drafts too).
 * unitCode: the department's id as text for a department, the region code for a county.
 */
export async function listSelfAssessments(
  db: Kysely<Database>,
  query: { year: number; kind: 'annual' | 'midterm' | 'final'; approvedOnly?: boolean },
): Promise<{ reports: UnitReportSummary[]; assessments: UnitSelfAssessment[] }> {
  const round = await db.selectFrom('unit_report_rounds').select('id').where('year', '=', query.year).where('kind', '=', query.kind).executeTakeFirst();
  if (round === undefined) return { reports: [], assessments: [] };
  const rows = await db.selectFrom('unit_reports').selectAll().where('round_id', '=', round.id).orderBy('unit_kind').orderBy('unit_key').orderBy('version', 'desc').execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    if (query.approvedOnly && row.status !== 'approved' && row.status !== 'published') continue;
    if (!latest.has(row.unit_key)) latest.set(row.unit_key, row);
  }
  const chosen = [...latest.values()];
  const reports: UnitReportSummary[] = chosen.map((r) => ({
    reportId: r.id,
    unitKind: r.unit_kind,
    unitCode: r.unit_kind === 'department' ? String(r.department_id) : (r.region_code ?? ''),
    unitName: r.unit_name,
    title: r.title,
    status: r.status,
    submittedAt: r.submitted_at,
    overview: r.overview,
    problems: r.problems,
    nextPlan: r.next_plan,
  }));
  if (chosen.length === 0) return { reports, assessments: [] };
  const items = await db.selectFrom('unit_report_items').selectAll().where('report_id', 'in', chosen.map((r) => r.id)).orderBy('report_id').orderBy('ord').execute();
  const city = await loadCityPlans(db);
  const byId = new Map(reports.map((r) => [r.reportId, r]));
  const assessments: UnitSelfAssessment[] = items.map((i) => {
    const report = byId.get(i.report_id) as UnitReportSummary;
    return {
      reportId: i.report_id,
      unitKind: report.unitKind,
      unitCode: report.unitCode,
      unitName: report.unitName,
      status: report.status,
      goalId: city.byKey.get(goalKey({ plan: i.plan_kind, domain: i.domain_ord, goal: i.goal_ord }))?.goal.id ?? 0,
      plan: i.plan_kind,
      domain: i.domain_ord,
      goalNumber: i.goal_ord,
      role: i.role,
      progress: i.progress,
      done: i.done,
      problems: i.problems,
    };
  });
  return { reports, assessments };
}
