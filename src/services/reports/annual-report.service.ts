import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { composeAnnualReport, type AnnualReportInput, type TargetFacts, type WarningFacts } from '../../core/reports/annual-report.compose.ts';
import type { AnnualReport, ReportPlanScope } from '../../core/reports/report.types.ts';
import { forEachIndicatorEvaluation } from '../evaluation/evaluate-year.service.ts';
import { listWarnings } from '../evaluation/warning.service.ts';
import { CLI_SYSTEM_ACTOR } from '../exchange/system-actor.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';

export interface AnnualReportQuery {
  year: number;
  plan: ReportPlanScope;
  /** The city (default) or one county or zone. */
  regionCode?: string;
}

/**
 * The annual statistical monitoring report of a year, plan and region, computed now from the approved values
 * and the evaluation of that year (every target of the plans in the region), with the year's warnings.
 */
export async function buildAnnualReport(db: Kysely<Database>, query: AnnualReportQuery): Promise<AnnualReport> {
  const regionCode = query.regionCode ?? CITY_REGION_CODE;
  const planKind: PlanKind | undefined = query.plan === 'all' ? undefined : query.plan;
  const targets: TargetFacts[] = [];
  const ctx = await forEachIndicatorEvaluation(db, { year: query.year, regionCode, details: false, ...(planKind ? { planKind } : {}) }, (e) => {
    const series = e.series.get(regionCode)?.points ?? [];
    for (const r of e.records) {
      if (r.regionCode !== regionCode) continue;
      targets.push({
        planKind: r.planKind,
        domainOrd: r.domainOrd,
        indicatorCode: r.indicatorCode,
        indicatorName: r.indicatorName,
        unit: r.unit,
        polarity: e.indicator.polarity,
        series: series.map((p) => ({ year: p.year, value: p.value })),
        targetText: r.targetText,
        targetValue: r.targetValue,
        status: r.status,
        trend: r.trend,
        departmentName: r.departmentName,
      });
    }
  });
  const region = ctx.regions[0]!;

  const plans = new Map<string, AnnualReportInput['plans'][number]>();
  for (const d of ctx.domains.values()) {
    if (planKind !== undefined && d.planKind !== planKind) continue;
    let plan = plans.get(d.planCode);
    if (plan === undefined) plans.set(d.planCode, (plan = { kind: d.planKind, title: d.planTitle, domains: [] }));
    plan.domains.push({ ord: d.ord, title: d.title });
  }
  // Women's plan first, then children's, whatever the import order.
  const orderedPlans = [...plans.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'women' ? -1 : 1));

  // The report is a public document once published: it lists every warning of the year in its scope.
  const indicatorCodes = new Set(ctx.targetsByIndicator.keys());
  const warnings: WarningFacts[] = (await listWarnings(db, CLI_SYSTEM_ACTOR, { year: query.year, ...(region.level === 'county' ? { regionCode } : {}) }))
    .filter((w) => w.status !== 'withdrawn' && indicatorCodes.has(w.indicatorCode))
    .map((w) => ({
      level: w.level,
      indicatorCode: w.indicatorCode,
      indicatorName: w.indicatorName,
      regionName: w.regionName,
      levelLabel: w.levelLabel,
      kindLabel: w.kindLabel,
      statusLabel: w.evaluationStatusLabel,
      reason: w.reason,
    }));

  return composeAnnualReport({
    year: query.year,
    plan: query.plan,
    region: { code: region.code, name: region.name, level: region.level },
    demo: await isDemoDatabase(db),
    generatedAt: new Date().toISOString(),
    plans: orderedPlans,
    targets,
    warnings,
  });
}
