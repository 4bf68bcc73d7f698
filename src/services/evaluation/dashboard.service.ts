import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { STATUS_CATEGORIES, statusCategory, type EvaluationStatus, type StatusCategory } from '../../core/evaluation/index.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../../storage/schema.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import { unlinkedOwnRecords, type EvaluationContext } from './evaluate-year.service.ts';
import { forEachStoredStatuses } from './evaluation-cache.service.ts';
import { listWarnings } from './warning.service.ts';
import type { WarningSummary } from './warning-view.ts';

export const EVALUATION_STATUSES: readonly EvaluationStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'];

/** What the dashboard counts: the six statuses, with 不作评估 apart (see STATUS_CATEGORIES). */
export { STATUS_CATEGORIES };

/**
 * Targets by status; `no_target` counts only 无量化目标 (direction-only targets …), `not_assessed` the results not
 * assessed (不作评估: a county target marked 不适用, a city-wide total in a county). total = the sum of all seven.
 */
export type StatusCounts = Record<StatusCategory, number> & { total: number };

export function emptyCounts(): StatusCounts {
  return { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, insufficient_data: 0, no_target: 0, not_assessed: 0, total: 0 };
}

/** Counts one result: a status, or a record / result (its notAssessed decides between no_target and not_assessed). */
export function addStatus(counts: StatusCounts, result: StatusCategory | { status: EvaluationStatus; notAssessed: boolean }): void {
  counts[typeof result === 'string' ? result : statusCategory(result)]++;
  counts.total++;
}

export interface WarningCounts {
  total: number;
  red: number;
  yellow: number;
}

export interface DashboardDomain {
  ord: number;
  title: string;
  counts: StatusCounts;
}

export interface DashboardPlan {
  planCode: string;
  planKind: PlanKind;
  title: string;
  counts: StatusCounts;
  domains: DashboardDomain[];
}

export interface DashboardRegion {
  code: string;
  name: string;
  level: 'city' | 'county';
  functional: boolean;
  /** Every target of the plans shown (with those a county added to its own plan), by status. */
  counts: StatusCounts;
  plans: DashboardPlan[];
  openWarnings: WarningCounts;
}

export interface Dashboard {
  year: number;
  computedAt: string;
  /** The database holds generated demo data: label every figure 示例数据. */
  demo: boolean;
  regions: DashboardRegion[];
  /** Open warnings (issued, responded, escalated; any year) the user may see, red first. */
  openWarnings: WarningCounts & { items: WarningSummary[] };
}

export interface DashboardQuery {
  year: number;
  regionCode?: string;
  planKind?: PlanKind;
  /** Most open warnings listed in `openWarnings.items` (all are counted); default 200. */
  warningLimit?: number;
}

function planSkeleton(ctx: EvaluationContext, planKind: PlanKind | undefined): DashboardPlan[] {
  const plans = new Map<string, DashboardPlan>();
  for (const d of ctx.domains.values()) {
    if (planKind !== undefined && d.planKind !== planKind) continue;
    let plan = plans.get(d.planCode);
    if (plan === undefined) plans.set(d.planCode, (plan = { planCode: d.planCode, planKind: d.planKind, title: d.planTitle, counts: emptyCounts(), domains: [] }));
    plan.domains.push({ ord: d.ord, title: d.title, counts: emptyCounts() });
  }
  return [...plans.values()];
}

function count(region: DashboardRegion, p: number, d: number, status: StatusCategory): void {
  addStatus(region.counts, status);
  const plan = region.plans[p];
  if (plan === undefined) return;
  addStatus(plan.counts, status);
  const domain = plan.domains[d];
  if (domain !== undefined) addStatus(domain.counts, status);
}

function countOwn(region: DashboardRegion, planCode: string | null, domainOrd: number, status: StatusCategory): void {
  const p = region.plans.findIndex((x) => x.planCode === planCode);
  count(region, p, p < 0 ? -1 : region.plans[p]!.domains.findIndex((x) => x.ord === domainOrd), status);
}

/**
 * Per plan and domain, how many targets are achieved / on track / at risk / off track / not assessable, for
 * the city and each county or zone (or the one region asked for), from the stored results where current (else
 * computed now from the approved values); with the open warnings the user may see.
 */
export async function getDashboard(db: Kysely<Database>, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const regions = new Map<string, DashboardRegion>();
  const ctx = await forEachStoredStatuses(
    db,
    { year: query.year, details: false, ...(query.regionCode === undefined ? {} : { regionCode: query.regionCode }), ...(query.planKind === undefined ? {} : { planKind: query.planKind }) },
    (e, c) => {
      if (regions.size === 0) {
        for (const r of c.regions) {
          regions.set(r.code, { ...r, counts: emptyCounts(), plans: planSkeleton(c, query.planKind), openWarnings: { total: 0, red: 0, yellow: 0 } });
        }
      }
      const byRegion = e.regions.map((r) => regions.get(r.code));
      e.targets.forEach((target, t) => {
        // Every region has the same plan skeleton: find the plan and domain positions once per target.
        const template = byRegion.find((r) => r !== undefined);
        const p = template?.plans.findIndex((x) => x.planCode === target.source.plan.code) ?? -1;
        const d = p < 0 ? -1 : template!.plans[p]!.domains.findIndex((x) => x.ord === target.source.domainOrd);
        for (let r = 0; r < byRegion.length; r++) {
          const region = byRegion[r];
          if (region === undefined) continue;
          count(region, p, d, e.status(t, r));
        }
      });
      // Targets the counties added to their own plans count in their county, plan and domain.
      for (const own of e.own) {
        const region = byRegion[own.regionIndex];
        if (region !== undefined) countOwn(region, own.target.cityPlanCode, own.target.domainOrd, own.status);
      }
    },
  );
  if (regions.size === 0) {
    for (const r of ctx.regions) {
      regions.set(r.code, { ...r, counts: emptyCounts(), plans: planSkeleton(ctx, query.planKind), openWarnings: { total: 0, red: 0, yellow: 0 } });
    }
  }
  // Added targets no indicator could be tied to: 数据不足 (with the reason, in the evaluation's records).
  for (const r of unlinkedOwnRecords(ctx)) {
    const region = regions.get(r.regionCode);
    if (region !== undefined) countOwn(region, r.planCode, r.domainOrd, statusCategory(r));
  }

  let open = await listWarnings(db, actor, { status: 'open', ...(query.regionCode === undefined ? {} : { regionCode: query.regionCode }) });
  if (query.planKind !== undefined) {
    const codes = new Set([...ctx.targetsByIndicator.keys()]);
    open = open.filter((w) => codes.has(w.indicatorCode));
  }
  const red = open.filter((w) => w.level === 'red').length;
  for (const w of open) {
    const region = regions.get(w.regionCode);
    if (region === undefined) continue;
    region.openWarnings.total++;
    region.openWarnings[w.level]++;
  }
  const sorted = [...open].sort((a, b) => (a.level === b.level ? b.year - a.year : a.level === 'red' ? -1 : 1));
  return {
    year: query.year,
    computedAt: new Date().toISOString(),
    demo: await isDemoDatabase(db),
    regions: [...regions.values()],
    openWarnings: { total: open.length, red, yellow: open.length - red, items: sorted.slice(0, query.warningLimit ?? 200) },
  };
}
