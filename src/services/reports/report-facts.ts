/** What the report services take alike from a year's evaluation: the plans covered and each target's facts. */
import type { Kysely } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { ReportPlanScope } from '../../core/reports/report.types.ts';
import type { DomainRef } from '../../storage/repositories/evaluation.repository.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { EvaluationRecord } from '../evaluation/evaluate-year.service.ts';

export interface ReportPlan {
  kind: PlanKind;
  title: string;
  domains: { ord: number; title: string }[];
}

/** The plans a report covers (one kind, or both), each with its domains: the women's plan first, whatever the import order. */
export function reportPlans(domains: Iterable<DomainRef>, planKind: PlanKind | undefined): ReportPlan[] {
  const plans = new Map<string, ReportPlan>();
  for (const d of domains) {
    if (planKind !== undefined && d.planKind !== planKind) continue;
    let plan = plans.get(d.planCode);
    if (plan === undefined) plans.set(d.planCode, (plan = { kind: d.planKind, title: d.planTitle, domains: [] }));
    plan.domains.push({ ord: d.ord, title: d.title });
  }
  return [...plans.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'women' ? -1 : 1));
}

/**
 * What every report states of itself: its year, plan scope and region, whether the database holds demo data, when
 * it was made (now), and the plans it covers.
 */
export async function reportFrame(
  db: Kysely<Database>,
  query: { year: number; plan: ReportPlanScope },
  region: { code: string; name: string; level: 'city' | 'county' },
  domains: Iterable<DomainRef>,
): Promise<{ year: number; plan: ReportPlanScope; region: { code: string; name: string; level: 'city' | 'county' }; demo: boolean; generatedAt: string; plans: ReportPlan[] }> {
  return {
    year: query.year,
    plan: query.plan,
    region: { code: region.code, name: region.name, level: region.level },
    demo: await isDemoDatabase(db),
    generatedAt: new Date().toISOString(),
    plans: reportPlans(domains, query.plan === 'all' ? undefined : query.plan),
  };
}

/** The facts of one evaluated target (of the report's region) that every report kind takes as they are. */
export function recordFacts(r: EvaluationRecord) {
  return {
    planKind: r.planKind,
    domainOrd: r.domainOrd,
    indicatorCode: r.indicatorCode,
    indicatorName: r.indicatorName,
    unit: r.unit,
    targetText: r.targetText,
    targetValue: r.targetValue,
    status: r.status,
    notAssessed: r.notAssessed,
    trend: r.trend,
    departmentName: r.departmentName,
  };
}
