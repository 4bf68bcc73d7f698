import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import {
  composeEvaluationReport,
  type EvaluationTargetFacts,
  type GoalFacts,
  type SelfAssessmentFacts,
} from '../../core/reports/evaluation-report.compose.ts';
import type { EvaluationAppendixEntry, EvaluationReport, EvaluationReportKind } from '../../core/reports/evaluation-report.types.ts';
import type { ReportPlanScope } from '../../core/reports/report.types.ts';
import { getPlanTree, listPlans } from '../../storage/repositories/plan.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { forEachIndicatorEvaluation } from '../evaluation/evaluate-year.service.ts';
import { invalidInput } from '../evaluation/evaluation.errors.ts';
import { listSelfAssessments, type UnitReportSummary, type UnitSelfAssessment } from '../unit-reports/unit-report-evaluation.ts';
import { recordFacts, reportFrame } from './report-facts.ts';

export interface EvaluationReportQuery {
  kind: EvaluationReportKind;
  year: number;
  plan: ReportPlanScope;
  /** The city (default) or one county or zone. */
  regionCode?: string;
}

/** What the units' self-evaluation reports give the evaluation report (a subset of the unit-reports module's shape). */
export interface SelfAssessmentBundle {
  reports: Pick<UnitReportSummary, 'reportId' | 'unitKind' | 'unitCode' | 'unitName' | 'title' | 'status' | 'submittedAt' | 'overview'>[];
  assessments: Omit<UnitSelfAssessment, 'goalId'>[];
}

export type SelfAssessmentSource = (
  db: Kysely<Database>,
  query: { year: number; kind: 'annual' | 'midterm' | 'final'; approvedOnly?: boolean },
) => Promise<SelfAssessmentBundle>;

export const EVALUATION_REPORT_KINDS: readonly EvaluationReportKind[] = ['midterm', 'final'];

/**
 * The mid-term or final evaluation report of a year, plan and region, computed now: every target evaluated at
 * the year against the 2020 base and the target (the engine's status and working), the main goals without a
 * quantitative target with their indicators' trend and the units' own assessments from their approved
 * self-evaluation reports of the same kind, and the list of those reports.
 */
export async function buildEvaluationReport(
  db: Kysely<Database>,
  query: EvaluationReportQuery,
  selfAssessments: SelfAssessmentSource = listSelfAssessments,
): Promise<EvaluationReport> {
  if (!EVALUATION_REPORT_KINDS.includes(query.kind)) throw invalidInput(`评估报告类型“${query.kind}”无效：应为 midterm（中期评估）或 final（终期评估）`);
  const regionCode = query.regionCode ?? CITY_REGION_CODE;
  const planKind: PlanKind | undefined = query.plan === 'all' ? undefined : query.plan;
  const targets: EvaluationTargetFacts[] = [];
  const ctx = await forEachIndicatorEvaluation(db, { year: query.year, regionCode, details: false, ...(planKind ? { planKind } : {}) }, (e) => {
    const series = (e.series.get(regionCode)?.points ?? []).map((p) => ({ year: p.year, value: p.value }));
    const sources = new Map(e.targets.map((t) => [t.id, t.source] as const));
    // A county's added target stands under its goal of the county plan (a measure's target: no item number).
    const added = new Map(e.own.map((o) => [o.countyTargetId, o.goalOrd === null ? { type: 'measure' as const, ord: 0 } : { type: 'goal' as const, ord: o.goalOrd }] as const));
    for (const r of e.records) {
      if (r.regionCode !== regionCode) continue;
      const source = r.targetId === null ? added.get(r.countyTargetId ?? -1) : sources.get(r.targetId);
      targets.push({ ...recordFacts(r), source: { type: source?.type ?? 'goal', ord: source?.ord ?? 0 }, series, reason: r.reason });
    }
  });
  const region = ctx.regions[0]!;

  const goals: GoalFacts[] = [];
  for (const p of await listPlans(db)) {
    if (p.regionCode !== CITY_REGION_CODE || (planKind !== undefined && p.kind !== planKind)) continue;
    const tree = await getPlanTree(db, p.code, CITY_REGION_CODE);
    for (const d of tree?.domains ?? []) {
      for (const g of d.goals) {
        goals.push({
          planKind: p.kind,
          domainOrd: d.ord,
          ord: g.ord,
          text: g.text,
          leadUnits: g.leadUnits.map((u) => u.name),
          quantitative: g.targets.some((t) => t.kind !== 'trend'),
        });
      }
    }
  }

  // The city's report draws on the departments' reports; a county's on its own.
  const bundle = await selfAssessments(db, { year: query.year, kind: query.kind, approvedOnly: true });
  const ownUnit = (u: { unitKind: string; unitCode: string }) => (region.level === 'city' ? u.unitKind === 'department' : u.unitKind === 'county' && u.unitCode === region.code);
  const reportIds = new Set(bundle.reports.filter((r) => (r.status === 'approved' || r.status === 'published') && ownUnit(r)).map((r) => r.reportId));
  const assessments: SelfAssessmentFacts[] = bundle.assessments
    .filter((a) => reportIds.has(a.reportId) && (planKind === undefined || a.plan === planKind))
    .map((a) => ({
      planKind: a.plan,
      domainOrd: a.domain,
      goalOrd: a.goalNumber,
      unitKind: a.unitKind,
      unitName: a.unitName,
      role: a.role,
      progress: a.progress,
      done: a.done,
      problems: a.problems,
    }));
  const appendix: EvaluationAppendixEntry[] = bundle.reports
    .filter((r) => reportIds.has(r.reportId))
    .map((r) => ({ reportId: r.reportId, unitKind: r.unitKind, unitName: r.unitName, title: r.title, submittedAt: r.submittedAt, overview: r.overview }))
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.unitName.localeCompare(b.unitName, 'zh'));

  return composeEvaluationReport({
    kind: query.kind,
    ...(await reportFrame(db, query, region, ctx.domains.values())),
    targets,
    goals,
    assessments,
    appendix,
  });
}
