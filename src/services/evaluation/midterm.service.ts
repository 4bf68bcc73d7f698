import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../../storage/schema.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import { addStatus, emptyCounts, type StatusCounts } from './dashboard.service.ts';
import { forEachIndicatorEvaluation, unlinkedOwnRecords, type EvaluationRecord } from './evaluate-year.service.ts';

/**
 * The mid-term (2023) and final (2025) evaluation view: per plan, per domain and per lead department, how
 * many targets are achieved, and the rates the plans' evaluation reports quote:
 * 达标率 achievedRate = achieved ÷ assessed, 预计达标率 expectedRate = (achieved + on track) ÷ assessed, where
 * assessed = achieved + on track + at risk + off track (targets without data or without a number, and those not
 * assessed in a county (不作评估), are listed, not counted in the rates — as the national 纲要 monitoring reports do).
 * A county's counts include the targets it added to its own filed plan.
 */

export type EvaluationStage = 'midterm' | 'final' | 'annual';

export const STAGE_LABELS: Readonly<Record<EvaluationStage, string>> = { midterm: '中期评估', final: '终期评估', annual: '年度评估' };

export interface AchievementRow {
  key: string;
  label: string;
  counts: StatusCounts;
  assessed: number;
  achievedRate: number | null;
  expectedRate: number | null;
}

export interface PlanAchievement {
  planCode: string;
  planKind: PlanKind;
  title: string;
  overall: AchievementRow;
  domains: AchievementRow[];
}

export interface MidtermEvaluation {
  year: number;
  stage: EvaluationStage;
  stageLabel: string;
  regionCode: string;
  regionName: string;
  demo: boolean;
  computedAt: string;
  plans: PlanAchievement[];
  departments: AchievementRow[];
}

function finish(key: string, label: string, counts: StatusCounts): AchievementRow {
  const assessed = counts.achieved + counts.on_track + counts.at_risk + counts.off_track;
  return {
    key,
    label,
    counts,
    assessed,
    achievedRate: assessed === 0 ? null : counts.achieved / assessed,
    expectedRate: assessed === 0 ? null : (counts.achieved + counts.on_track) / assessed,
  };
}

export function stageOf(year: number): EvaluationStage {
  return year === 2023 ? 'midterm' : year === 2025 ? 'final' : 'annual';
}

export async function midtermEvaluation(
  db: Kysely<Database>,
  query: { year: number; regionCode?: string; planKind?: PlanKind },
): Promise<MidtermEvaluation> {
  const regionCode = query.regionCode ?? CITY_REGION_CODE;
  const plans = new Map<string, { planKind: PlanKind; title: string; counts: StatusCounts; domains: Map<number, { title: string; counts: StatusCounts }> }>();
  const departments = new Map<string, { label: string; counts: StatusCounts }>();
  const count = (r: EvaluationRecord) => {
    let plan = plans.get(r.planCode);
    if (plan === undefined) plans.set(r.planCode, (plan = { planKind: r.planKind, title: r.planCode, counts: emptyCounts(), domains: new Map() }));
    addStatus(plan.counts, r);
    let domain = plan.domains.get(r.domainOrd);
    if (domain === undefined) plan.domains.set(r.domainOrd, (domain = { title: r.domainTitle, counts: emptyCounts() }));
    addStatus(domain.counts, r);
    const dKey = r.departmentId === null ? 'none' : String(r.departmentId);
    let dep = departments.get(dKey);
    if (dep === undefined) departments.set(dKey, (dep = { label: r.departmentName ?? '未指定牵头部门', counts: emptyCounts() }));
    addStatus(dep.counts, r);
  };
  const ctx = await forEachIndicatorEvaluation(
    db,
    { year: query.year, regionCode, details: false, ...(query.planKind === undefined ? {} : { planKind: query.planKind }) },
    (e) => e.records.forEach(count),
  );
  // A county's added targets that no indicator could be tied to: listed (数据不足), outside the rates.
  unlinkedOwnRecords(ctx).forEach(count);
  const planRows: PlanAchievement[] = [];
  for (const d of ctx.domains.values()) {
    const plan = plans.get(d.planCode);
    if (plan === undefined) continue;
    plan.title = d.planTitle;
  }
  for (const [code, p] of plans) {
    planRows.push({
      planCode: code,
      planKind: p.planKind,
      title: p.title,
      overall: finish(code, p.title, p.counts),
      domains: [...p.domains.entries()].sort((a, b) => a[0] - b[0]).map(([ord, d]) => finish(`${code}|${ord}`, d.title, d.counts)),
    });
  }
  const stage = stageOf(query.year);
  const region = ctx.regions[0];
  return {
    year: query.year,
    stage,
    stageLabel: STAGE_LABELS[stage],
    regionCode,
    regionName: region?.name ?? regionCode,
    demo: await isDemoDatabase(db),
    computedAt: new Date().toISOString(),
    plans: planRows,
    departments: [...departments.entries()]
      .map(([key, d]) => finish(key, d.label, d.counts))
      .sort((a, b) => (b.achievedRate ?? -1) - (a.achievedRate ?? -1) || a.label.localeCompare(b.label, 'zh')),
  };
}
