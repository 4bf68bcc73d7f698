import type { PlanRef } from '../../api/types.ts';
import type { Crumb } from '../../shared/PageHeader.tsx';
import { domainLabel } from '../../shared/format.ts';

/** 规划浏览 / plan / domain: the path above a goal or a measure. */
export function planCrumbs(plan: PlanRef, domain: { ord: number; title: string }): Crumb[] {
  const planPath = `/plans/${encodeURIComponent(plan.code)}`;
  return [
    { title: '规划浏览', to: '/plans' },
    { title: plan.title, to: planPath },
    { title: domainLabel(domain), to: `${planPath}?domain=${domain.ord}` },
  ];
}
