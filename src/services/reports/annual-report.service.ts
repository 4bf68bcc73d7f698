import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { composeAnnualReport, type TargetFacts, type WarningFacts } from '../../core/reports/annual-report.compose.ts';
import type { AnnualReport, ReportPlanScope } from '../../core/reports/report.types.ts';
import { forEachIndicatorEvaluation } from '../evaluation/evaluate-year.service.ts';
import { listWarnings } from '../evaluation/warning.service.ts';
import { CLI_SYSTEM_ACTOR } from '../exchange/system-actor.ts';
import type { Database } from '../../storage/schema.ts';
import { recordFacts, reportFrame } from './report-facts.ts';

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
      targets.push({ ...recordFacts(r), polarity: e.indicator.polarity, series: series.map((p) => ({ year: p.year, value: p.value })) });
    }
  });
  const region = ctx.regions[0]!;

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

  return composeAnnualReport({ ...(await reportFrame(db, query, region, ctx.domains.values())), targets, warnings });
}
