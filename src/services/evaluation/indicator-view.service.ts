import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import {
  assessedStatusRank,
  defaultEvaluationConfig,
  evaluationStatusLabels,
  type EvaluationConfigOverrides,
  type EvaluationResult,
  type EvaluationStatus,
  type RegionSpread,
  type SexGap,
  type UrbanRuralGap,
} from '../../core/evaluation/index.ts';
import type { Aggregation, Disaggregation, Polarity } from '../../core/indicator/indicator.types.ts';
import { cellLabel, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../../storage/schema.ts';
import { approvedCellsOfYear, approvedYears } from '../../storage/repositories/evaluation.repository.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { TargetWithSource } from '../../storage/repositories/target.repository.ts';
import { evaluateIndicator, loadEvaluationContext } from './evaluate-year.service.ts';
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
  target: TargetWithSource;
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
  /** Worst status among the indicator's targets in that county. */
  status: EvaluationStatus;
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
  statusLabel: string;
  volatile: boolean;
  counties: CountyComparison[];
  spread: RegionSpread | null;
  breakdown: BreakdownCell[];
  gaps: { sex: SexGap | null; urbanRural: UrbanRuralGap | null };
  warnings: WarningSummary[];
}

const worstRank = (s: EvaluationStatus): number => assessedStatusRank[s] ?? 99;

/** Worst assessed status; without one, insufficient data before no target. */
export function headlineStatus(statuses: readonly EvaluationStatus[]): EvaluationStatus {
  if (statuses.length === 0) return 'insufficient_data';
  return [...statuses].sort((a, b) => worstRank(a) - worstRank(b) || (a === 'insufficient_data' ? -1 : b === 'insufficient_data' ? 1 : 0))[0]!;
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
      const target = evaluation.targets.find((t) => t.id === rec.targetId)!;
      targets.push({ target, result, projection: projectionLine(result, definition.unit) });
    });
    for (const r of ctx.regions) {
      if (r.level !== 'county') continue;
      const own = evaluation.records.filter((rec) => rec.regionCode === r.code);
      const cs = evaluation.series.get(r.code);
      const latest = cs?.points.filter((p) => p.year <= year).at(-1) ?? null;
      const status = headlineStatus(own.map((x) => x.status));
      counties.push({
        code: r.code,
        name: r.name,
        functional: r.functional,
        value: cs?.points.find((p) => p.year === year)?.value ?? null,
        latest,
        status,
        statusLabel: evaluationStatusLabels[status],
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

  const status = headlineStatus(targets.map((t) => t.result.status));
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
    status,
    statusLabel: evaluationStatusLabels[status],
    volatile: targets.some((t) => t.result.volatile),
    counties,
    spread,
    breakdown,
    gaps,
    warnings: await listWarnings(db, actor, { indicatorCode: definition.code, regionCode }),
  };
}
