/** What the report services take alike from a year's evaluation: the plans covered and each target's facts. */
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { DomainRef } from '../../storage/repositories/evaluation.repository.ts';
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
    trend: r.trend,
    departmentName: r.departmentName,
  };
}
