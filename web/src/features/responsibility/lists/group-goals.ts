import type { ResponsibilityGoal, ResponsibilityList } from '../../../api/responsibility.endpoints.ts';

/** A goal of the list once, with every role the department has in it (lead, responsible or both). */
export type GoalRow = Omit<ResponsibilityGoal, 'role'> & { roles: ('lead' | 'responsible')[] };

export interface GoalPlanGroup {
  code: string;
  kind: string;
  title: string;
  domains: { ord: number; title: string; goals: GoalRow[] }[];
}

const PLAN_ORDER: Record<string, number> = { women: 0, children: 1 };

/** Lead and responsible goals merged and grouped by plan and domain, in plan order (for the 责任清单 screen). */
export function groupGoals(list: Pick<ResponsibilityList, 'lead' | 'responsible'>): GoalPlanGroup[] {
  const rows = new Map<string, GoalRow>();
  for (const g of [...list.lead, ...list.responsible]) {
    const key = `${g.plan}/${g.domain}/${g.goal}`;
    const found = rows.get(key);
    if (found) {
      if (!found.roles.includes(g.role)) found.roles.push(g.role);
      continue;
    }
    const { role, ...rest } = g;
    rows.set(key, { ...rest, roles: [role] });
  }
  const sorted = [...rows.values()].sort((a, b) => (PLAN_ORDER[a.plan] ?? 9) - (PLAN_ORDER[b.plan] ?? 9) || a.domain - b.domain || a.goal - b.goal);
  const plans: GoalPlanGroup[] = [];
  for (const g of sorted) {
    let plan = plans.find((p) => p.code === g.planCode);
    if (!plan) plans.push((plan = { code: g.planCode, kind: g.plan, title: g.planTitle, domains: [] }));
    let domain = plan.domains.find((d) => d.ord === g.domain);
    if (!domain) plan.domains.push((domain = { ord: g.domain, title: g.domainTitle, goals: [] }));
    domain.goals.push(g);
  }
  return plans;
}
