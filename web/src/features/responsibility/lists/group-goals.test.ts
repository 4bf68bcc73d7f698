import { describe, expect, it } from 'vitest';
import type { ResponsibilityGoal } from '../../../api/responsibility.endpoints.ts';
import { groupGoals } from './group-goals.ts';

const goal = (plan: 'women' | 'children', domain: number, n: number, role: 'lead' | 'responsible'): ResponsibilityGoal => ({
  plan, domain, goal: n, goalId: (plan === 'women' ? 0 : 1000) + domain * 100 + n, planCode: `${plan}-2021-2025`, planTitle: plan === 'women' ? '妇女规划' : '儿童规划',
  domainTitle: `领域${domain}`, text: `目标${n}`, role, leadUnits: [], responsibleUnits: [], unitGroups: [], targets: [], implementationPlans: [],
});

describe('groupGoals', () => {
  it('groups by plan (women first) and domain in order, and merges a goal led and shared into one row', () => {
    const plans = groupGoals({
      lead: [goal('children', 1, 2, 'lead'), goal('women', 2, 1, 'lead')],
      responsible: [goal('women', 1, 3, 'responsible'), goal('women', 2, 1, 'responsible'), goal('women', 1, 1, 'responsible')],
    });
    expect(plans.map((p) => p.kind)).toEqual(['women', 'children']);
    expect(plans[0]?.domains.map((d) => [d.ord, d.goals.map((g) => g.goal)])).toEqual([[1, [1, 3]], [2, [1]]]);
    expect(plans[0]?.domains[1]?.goals[0]?.roles).toEqual(['lead', 'responsible']);
    expect(plans[1]?.domains[0]?.goals[0]?.roles).toEqual(['lead']);
  });
});
