import { useEffect, useState } from 'react';
import { api, cachedPlanTree } from '../../../api/endpoints.ts';
import type { GoalRef } from '../../../api/supervision.endpoints.ts';
import type { PlanKind } from '../../../api/types.ts';

/** Options of a cascader plan → domain → goal, valued by the goal's numbers (women / 1 / 2). */
export interface GoalOption {
  value: string | number;
  label: string;
  children?: GoalOption[];
}

let cache: Promise<GoalOption[]> | null = null;

const short = (text: string, n = 36) => (text.length > n ? `${text.slice(0, n)}…` : text);

function load(): Promise<GoalOption[]> {
  if (cache === null) {
    cache = api.plans().then(async (plans) => {
      const city = plans.filter((p) => p.regionCode === '370300');
      const trees = await Promise.all(city.map((p) => cachedPlanTree(p.code)));
      return trees.map((t) => ({
        value: t.kind,
        label: t.kind === 'women' ? '妇女发展规划' : '儿童发展规划',
        children: t.domains.map((d) => ({
          value: d.ord,
          label: `领域${d.ord} ${d.title}`,
          children: d.goals.map((g) => ({ value: g.ord, label: `目标${g.ord} ${short(g.text)}` })),
        })),
      }));
    });
    cache.catch(() => (cache = null));
  }
  return cache;
}

export function useGoalOptions(): { options: GoalOption[]; loading: boolean } {
  const [state, setState] = useState<{ options: GoalOption[]; loading: boolean }>({ options: [], loading: true });
  useEffect(() => {
    let live = true;
    load().then(
      (options) => live && setState({ options, loading: false }),
      () => live && setState({ options: [], loading: false }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function goalFromPath(path: readonly (string | number)[] | null | undefined): GoalRef | null {
  if (!path || path.length !== 3) return null;
  return { plan: path[0] as PlanKind, domain: Number(path[1]), goal: Number(path[2]) };
}

/** 妇女规划 领域1 目标2 */
export function goalRefText(g: GoalRef): string {
  return `${g.plan === 'women' ? '妇女' : '儿童'}规划 领域${g.domain} 目标${g.goal}`;
}

/** women-1-2, for URLs. */
export const goalKey = (g: GoalRef): string => `${g.plan}-${g.domain}-${g.goal}`;
