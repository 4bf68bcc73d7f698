import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import {
  defaultEvaluationConfig,
  statusCategory,
  statusCategoryLabels,
  type EvaluationConfigOverrides,
  type EvaluationResult,
  type EvaluationStatus,
  type RegionSpread,
  type SexGap,
  type StatusCategory,
  type TargetBasis,
  type UrbanRuralGap,
} from '../../core/evaluation/index.ts';
import type { StoredTarget } from '../../api/contract.ts';
import type { Aggregation, Disaggregation, Polarity } from '../../core/indicator/indicator.types.ts';
import { cellLabel, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../../storage/schema.ts';
import { approvedCellsOfYear, approvedYears } from '../../storage/repositories/evaluation.repository.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { TargetWithSource } from '../../storage/repositories/target.repository.ts';
import { evaluateIndicator, loadEvaluationContext, type CountyOwnTarget, type EvaluationContext } from './evaluate-year.service.ts';
import { missing } from './evaluation.errors.ts';
import { cellsOfYear, type PointSource, type RegionRef } from './region-series.ts';
import { listWarnings } from './warning.service.ts';
import type { WarningSummary } from './warning-view.ts';

/** Everything an indicator page with charts needs, for one region and year. */

export interface SeriesPointView {
  year: number;
  value: number;
  source: PointSource;
}

export interface TargetEvaluationView {
  /**
   * The target the status is judged against, as its plan writes it: the city's (id: the city target's), or for a
   * county judged by its own filed plan, the county's (id: the county plan target's — see `basis`).
   */
  target: StoredTarget;
  /** The city plan's target (null for a target the county added to its own plan). */
  cityTarget: TargetWithSource | null;
  basis: TargetBasis;
  /** The county plan's target (basis county or county_added), else null. */
  countyTargetId: number | null;
  /** result.statusLabel, with 不作评估 apart (result.notAssessed). */
  result: EvaluationResult;
  /** The projection line from the latest value to the target year (empty when nothing is projected). */
  projection: { year: number; value: number }[];
}

export interface CountyComparison {
  code: string;
  name: string;
  functional: boolean;
  /** The county's value of the evaluated year (null when it has none). */
  value: number | null;
  /** Latest value at or before the year, with its year. */
  latest: { year: number; value: number } | null;
  /** Worst status among the indicator's targets in that county (its own added targets included). */
  status: EvaluationStatus;
  /** True when none of them is assessed in the county (不作评估); statusLabel then says so. */
  notAssessed: boolean;
  statusLabel: string;
  volatile: boolean;
  rank: number | null;
}

export interface BreakdownCell {
  cellKey: string;
  label: string;
  value: number;
  source: PointSource;
}

export interface IndicatorEvaluationView {
  indicator: {
    code: string;
    name: string;
    unit: string;
    polarity: Polarity;
    aggregation: Aggregation;
    disaggregations: Disaggregation[];
    planKind: PlanKind;
    domainOrd: number;
    definition: string;
    department: { id: number; name: string } | null;
  };
  year: number;
  /** Years with approved values of this indicator (any region), for a year picker. */
  years: number[];
  region: RegionRef;
  demo: boolean;
  series: SeriesPointView[];
  targets: TargetEvaluationView[];
  /** Worst status among the targets (the headline). */
  status: EvaluationStatus;
  /** True when no target of the indicator is assessed in the region (不作评估). */
  notAssessed: boolean;
  statusLabel: string;
  volatile: boolean;
  counties: CountyComparison[];
  spread: RegionSpread | null;
  breakdown: BreakdownCell[];
  gaps: { sex: SexGap | null; urbanRural: UrbanRuralGap | null };
  warnings: WarningSummary[];
}

// Worst first: the assessed statuses by assessedStatusRank, then those that say nothing about reaching a target.
const HEADLINE_ORDER: Record<StatusCategory, number> = { off_track: 0, at_risk: 1, on_track: 2, achieved: 3, insufficient_data: 4, no_target: 5, not_assessed: 6 };

/**
 * Worst assessed status; without one, insufficient data, then no target (无量化目标), then not assessed
 * (不作评估: only when no target of the indicator is assessed in the region).
 */
export function headlineStatus(results: readonly { status: EvaluationStatus; notAssessed: boolean }[]): { status: EvaluationStatus; notAssessed: boolean; statusLabel: string } {
  if (results.length === 0) return { status: 'insufficient_data', notAssessed: false, statusLabel: statusCategoryLabels.insufficient_data };
  const worst = [...results].map(statusCategory).sort((a, b) => HEADLINE_ORDER[a] - HEADLINE_ORDER[b])[0]!;
  return worst === 'not_assessed'
    ? { status: 'no_target', notAssessed: true, statusLabel: statusCategoryLabels.not_assessed }
    : { status: worst, notAssessed: false, statusLabel: statusCategoryLabels[worst] };
}

/** Points from the latest value to the projected target-year value, following the method's rate basis. */
export function projectionLine(result: EvaluationResult, unit: string): { year: number; value: number }[] {
  const { latest, projected, targetYear, rateBasis, rateOf } = result;
  if (latest === null || projected === null || targetYear <= latest.year) return [];
  const steps = targetYear - latest.year;
  const out = [{ year: latest.year, value: latest.value }];
  const bound = defaultEvaluationConfig.boundedRate.bounds[unit] ?? 100;
  for (let k = 1; k <= steps; k++) {
    const t = k / steps;
    let v: number;
    if (rateBasis === 'compound_growth' && rateOf === 'shortfall' && bound - latest.value > 0 && bound - projected > 0) {
      v = bound - (bound - latest.value) * ((bound - projected) / (bound - latest.value)) ** t;
    } else if (rateBasis === 'compound_growth' && latest.value > 0 && projected > 0) {
      v = latest.value * (projected / latest.value) ** t;
    } else {
      v = latest.value + (projected - latest.value) * t;
    }
    out.push({ year: latest.year + k, value: k === steps ? projected : v });
  }
  return out;
}

/** The target a record is judged against, as its plan writes it (see TargetEvaluationView.target). */
function judgedTarget(
  ctx: EvaluationContext,
  regionCode: string,
  rec: { targetBasis: TargetBasis; countyTargetId: number | null },
  cityTarget: TargetWithSource | null,
  own: readonly CountyOwnTarget[],
): StoredTarget {
  if (rec.targetBasis === 'county_added') {
    const added = own.find((o) => o.countyTargetId === rec.countyTargetId);
    if (added !== undefined) return { ...added.evaluated, id: added.countyTargetId };
  }
  if (rec.targetBasis === 'county' && cityTarget !== null) {
    const county = ctx.countyTargets.get(regionCode)?.get(cityTarget.id);
    if (county !== undefined) return { ...county.target, id: county.countyTargetId };
  }
  if (cityTarget === null) throw new Error(`evaluation record without its target (${rec.targetBasis} ${rec.countyTargetId})`);
  const { source: _source, ...plain } = cityTarget;
  return plain;
}

export async function indicatorEvaluation(
  db: Kysely<Database>,
  actor: Actor,
  query: { indicatorCode: string; regionCode?: string; year?: number; config?: EvaluationConfigOverrides },
): Promise<IndicatorEvaluationView> {
  const years = await approvedYears(db, query.indicatorCode);
  const year = query.year ?? years[years.length - 1] ?? new Date().getFullYear() - 1;
  const regionCode = query.regionCode ?? CITY_REGION_CODE;
  // Every region, so that the county comparison and ranking can be shown beside the region asked for.
  const ctx = await loadEvaluationContext(db, { year, indicatorCode: query.indicatorCode });
  const region = ctx.regions.find((r) => r.code === regionCode);
  if (region === undefined) throw missing(`${year}年的地区“${regionCode}”（应为淄博市或其区县、功能区）`);
  const definition = ctx.indicators.get(query.indicatorCode);
  if (definition === undefined) throw missing(`指标“${query.indicatorCode}”`);
  const evaluation = await evaluateIndicator(db, ctx, query.indicatorCode, { details: true, ...(query.config ? { config: query.config } : {}) });
  const departmentId = ctx.leadDepartments.get(definition.code) ?? null;

  const targets: TargetEvaluationView[] = [];
  const counties: CountyComparison[] = [];
  let series: SeriesPointView[] = [];
  let spread: RegionSpread | null = null;
  let gaps: IndicatorEvaluationView['gaps'] = { sex: null, urbanRural: null };
  if (evaluation !== null) {
    const s = evaluation.series.get(regionCode);
    series = (s?.points ?? []).filter((p) => p.year <= year).map((p) => ({ year: p.year, value: p.value, source: s?.sources.get(p.year) ?? 'direct' }));
    evaluation.records.forEach((rec, i) => {
      if (rec.regionCode !== regionCode) return;
      const result = evaluation.results[i]!;
      const cityTarget = rec.targetId === null ? null : (evaluation.targets.find((t) => t.id === rec.targetId) ?? null);
      targets.push({
        target: judgedTarget(ctx, rec.regionCode, rec, cityTarget, evaluation.own),
        cityTarget,
        basis: rec.targetBasis,
        countyTargetId: rec.countyTargetId,
        result,
        projection: projectionLine(result, definition.unit),
      });
    });
    for (const r of ctx.regions) {
      if (r.level !== 'county') continue;
      const own = evaluation.records.filter((rec) => rec.regionCode === r.code);
      const cs = evaluation.series.get(r.code);
      const latest = cs?.points.filter((p) => p.year <= year).at(-1) ?? null;
      const headline = headlineStatus(own);
      counties.push({
        code: r.code,
        name: r.name,
        functional: r.functional,
        value: cs?.points.find((p) => p.year === year)?.value ?? null,
        latest,
        ...headline,
        volatile: own.some((x) => x.volatile),
        rank: own[0]?.rank ?? null,
      });
    }
    spread = evaluation.spread?.spread ?? null;
    const g = evaluation.gaps.find((x) => x.regionCode === regionCode);
    if (g !== undefined) gaps = { sex: g.sex, urbanRural: g.urbanRural };
  }

  const cellRows = await approvedCellsOfYear(db, { indicatorCode: definition.code, year });
  const cells = cellsOfYear(definition, cellRows, year, ctx.tree).get(regionCode) ?? new Map();
  const breakdown: BreakdownCell[] = [...cells.entries()]
    .map(([cellKey, c]) => ({ cellKey, label: cellLabel(parseDisaggregationKey(cellKey)), value: c.value, source: c.source }))
    .sort((a, b) => (a.cellKey === '_T' ? -1 : b.cellKey === '_T' ? 1 : a.cellKey.localeCompare(b.cellKey)));

  const headline = headlineStatus(targets.map((t) => t.result));
  return {
    indicator: {
      code: definition.code,
      name: definition.name,
      unit: definition.unit,
      polarity: definition.polarity,
      aggregation: definition.aggregation,
      disaggregations: definition.disaggregations,
      planKind: definition.plan,
      domainOrd: definition.domain,
      definition: definition.definition,
      department: departmentId === null ? null : { id: departmentId, name: ctx.departmentNames.get(departmentId) ?? String(departmentId) },
    },
    year,
    years,
    region,
    demo: await isDemoDatabase(db),
    series,
    targets,
    ...headline,
    volatile: targets.some((t) => t.result.volatile),
    counties,
    spread,
    breakdown,
    gaps,
    warnings: await listWarnings(db, actor, { indicatorCode: definition.code, regionCode }),
  };
}
