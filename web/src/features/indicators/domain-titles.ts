import { api, cachedPlanTree } from '../../api/endpoints.ts';
import type { PlanKind, PlanSummary } from '../../api/types.ts';

export interface PlanDomains {
  plan: PlanSummary;
  domains: { ord: number; title: string }[];
}

/** Both plans with their domain titles, to name the domain an indicator belongs to. */
export async function loadPlanDomains(signal?: AbortSignal): Promise<PlanDomains[]> {
  const plans = await api.plans(signal);
  const trees = await Promise.all(plans.map((p) => cachedPlanTree(p.code)));
  return plans.map((plan, i) => ({
    plan,
    domains: (trees[i]?.domains ?? []).map((d) => ({ ord: d.ord, title: d.title })),
  }));
}

export function domainTitle(planDomains: PlanDomains[], kind: PlanKind, ord: number): string | undefined {
  return planDomains.find((p) => p.plan.kind === kind)?.domains.find((d) => d.ord === ord)?.title;
}
