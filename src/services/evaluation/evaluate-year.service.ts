import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import {
  COUNTY_TARGET_LABEL,
  countyApplicability,
  evaluateCountyOwnTarget,
  evaluateNotApplicable,
  evaluateTarget,
  evaluateUnlinkedCountyTarget,
  resolveCountyOwnTarget,
  type CountyOwnLink,
  regionSpread,
  sexGap,
  urbanRuralGap,
  type EvaluationConfigOverrides,
  type EvaluationMethod,
  type EvaluationResult,
  type EvaluationStatus,
  type RateBasis,
  type RegionSpread,
  type SexGap,
  type TargetBasis,
  type TrendDirection,
  type UrbanRuralGap,
} from '../../core/evaluation/index.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Target, TargetKind } from '../../core/target/target.types.ts';
import type { Database } from '../../storage/schema.ts';
import {
  approvedCellsOfYear,
  approvedTotals,
  domainsOf,
  type DomainRef,
  evaluationTargets,
  indicatorLeadDepartments,
  type ApprovedValueRow,
} from '../../storage/repositories/evaluation.repository.ts';
import {
  filedCountyOwnTargets,
  filedCountyTargets,
  type CountyEvaluationTarget,
  type CountyOwnEvaluationTarget,
} from '../../storage/repositories/county-evaluation.repository.ts';
import { listIndicatorDefinitions } from '../../storage/repositories/indicator.repository.ts';
import { departmentNames } from '../../storage/repositories/round.repository.ts';
import type { TargetWithSource } from '../../storage/repositories/target.repository.ts';
import { forEachStoredEvaluation } from './evaluation-cache.service.ts';
import { invalidInput, missing } from './evaluation.errors.ts';
import { CityTree, buildRegionSeries, cellsOfYear, type PointSource, type RegionRef, type RegionSeries } from './region-series.ts';

export interface EvaluateYearOptions {
  year: number;
  /** Only this region (the city or one county or zone). */
  regionCode?: string;
  planKind?: PlanKind;
  indicatorCode?: string;
  config?: EvaluationConfigOverrides;
  /** Sex and urban–rural gaps, county spreads and ranks; default true. */
  details?: boolean;
  /** false: compute everything now instead of reading the stored results (evaluation-cache.service.ts); default true. */
  cache?: boolean;
}

/** One target of one indicator in one region and year: the status with its working. */
export interface EvaluationRecord {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  regionLevel: 'city' | 'county';
  year: number;
  status: EvaluationStatus;
  /** 已达标 …; 不作评估 when `notAssessed`. */
  statusLabel: string;
  /**
   * Not assessed (不作评估): a target the county's filed plan marks 不适用, or a city-wide total in a county. The
   * status is then `no_target`; this tells it apart from a direction-only target (无量化目标).
   */
  notAssessed: boolean;
  /** What the region is judged against: the city plan's target, the county plan's target derived from it, or a target the county added. */
  targetBasis: TargetBasis;
  /** Value projected to the target year (null when not applicable). */
  projected: number | null;
  volatile: boolean;
  /** The working, in Chinese, with the numbers used. */
  reason: string;
  /** The city plan's target (null for a target a county added to its own plan). */
  targetId: number | null;
  /** The county plan's target judged (targetBasis county or county_added), else null. */
  countyTargetId: number | null;
  /** The text of the target judged: the county's own where targetBasis is county_added, else the city's. */
  targetText: string;
  targetKind: TargetKind;
  targetValue: number | null;
  targetYear: number;
  planKind: PlanKind;
  /** The city plan (for a county's added target: the city plan its county plan follows; '' if none is stored). */
  planCode: string;
  domainOrd: number;
  domainTitle: string;
  departmentId: number | null;
  departmentName: string | null;
  latestYear: number | null;
  latestValue: number | null;
  stale: boolean;
  method: EvaluationMethod;
  rateBasis: RateBasis | null;
  requiredRate: number | null;
  actualRate: number | null;
  progressRatio: number | null;
  trend: TrendDirection | null;
  /** Where the series' values came from: the region's own reports, the counties' roll-up, both, or nothing. */
  source: PointSource | 'mixed' | 'none';
  /** Data points used (years with a value at or before the evaluated year). */
  points: number;
  /** A county's rank among the counties on the year's value (1 = best); null for the city or without a value. */
  rank: number | null;
}

export interface GapRecord {
  indicatorCode: string;
  regionCode: string;
  year: number;
  sex: SexGap | null;
  urbanRural: UrbanRuralGap | null;
}

export interface SpreadRecord {
  indicatorCode: string;
  year: number;
  spread: RegionSpread;
}

export interface YearEvaluation {
  year: number;
  /** When this answer was put together (stored results are used only while they match the approved values). */
  computedAt: string;
  regions: RegionRef[];
  results: EvaluationRecord[];
  gaps: GapRecord[];
  spreads: SpreadRecord[];
}

/** Everything one indicator's evaluation in one year produced (the unit of streaming over a large dataset). */
export interface IndicatorEvaluation {
  indicator: IndicatorDefinition;
  targets: TargetWithSource[];
  /** Targets the counties added to their plans for this indicator (their records follow the city targets'). */
  own: CountyOwnTarget[];
  records: EvaluationRecord[];
  /** The full engine results, parallel to `records`. */
  results: EvaluationResult[];
  series: Map<string, RegionSeries>;
  gaps: GapRecord[];
  spread: SpreadRecord | null;
}

export interface EvaluationContext {
  year: number;
  tree: CityTree;
  regions: RegionRef[];
  indicators: Map<string, IndicatorDefinition>;
  /** Targets grouped by indicator, in catalogue order. */
  targetsByIndicator: Map<string, TargetWithSource[]>;
  /** Domains of the city's plans, keyed `${planCode}|${ord}`. */
  domains: Map<string, DomainRef>;
  leadDepartments: Map<string, number | null>;
  departmentNames: Map<number, string>;
  /** Targets of the counties' filed plans: by county code, then by the id of the city target they derive from. */
  countyTargets: Map<string, Map<number, CountyEvaluationTarget>>;
  /** Targets the counties (of `regions`) added to their filed plans, tied to an indicator: by indicator code. */
  ownTargets: Map<string, CountyOwnTarget[]>;
  /** Added targets no indicator could be tied to: listed as 数据不足 (unlinkedOwnRecords), never dropped. */
  unlinkedOwnTargets: CountyOwnTarget[];
}

/** A target a county added to its filed plan, tied to the indicator catalogue (core resolveCountyOwnTarget). */
export interface CountyOwnTarget extends CountyOwnEvaluationTarget {
  /** The target as evaluated: its indicator code set where it could be tied (numbers read from its text if none were stored). */
  evaluated: Target;
  link: CountyOwnLink;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw invalidInput(`评估年度“${year}”无效，应为1990—2100之间的整数`);
}

/** Loads what every evaluation of a year needs: regions, targets, indicators, domains, departments. */
export async function loadEvaluationContext(
  db: Kysely<Database>,
  options: Pick<EvaluateYearOptions, 'year' | 'regionCode' | 'planKind' | 'indicatorCode'>,
): Promise<EvaluationContext> {
  checkYear(options.year);
  const tree = await CityTree.load(db);
  let regions = tree.regionsIn(options.year);
  if (options.regionCode !== undefined) {
    regions = regions.filter((r) => r.code === options.regionCode);
    if (regions.length === 0) throw missing(`${options.year}年的地区“${options.regionCode}”（应为淄博市或其区县、功能区）`);
  }
  const definitions = await listIndicatorDefinitions(db);
  const indicators = new Map(definitions.map((d) => [d.code, d] as const));
  if (options.indicatorCode !== undefined && !indicators.has(options.indicatorCode)) throw missing(`指标“${options.indicatorCode}”`);
  const targets = await evaluationTargets(db, {
    regionCode: CITY_REGION_CODE,
    ...(options.planKind === undefined ? {} : { planKind: options.planKind }),
    ...(options.indicatorCode === undefined ? {} : { indicatorCode: options.indicatorCode }),
  });
  const countyCodes = regions.filter((r) => r.level === 'county').map((r) => r.code);
  const ownTargets = new Map<string, CountyOwnTarget[]>();
  const unlinkedOwnTargets: CountyOwnTarget[] = [];
  if (countyCodes.length > 0) {
    const own = await filedCountyOwnTargets(db, { cityRegionCode: CITY_REGION_CODE, regionCodes: countyCodes, ...(options.planKind === undefined ? {} : { planKind: options.planKind }) });
    for (const o of own) {
      // Deadlines are tasks (任务与期限), not indicators: as the city's, they are not evaluated.
      if (o.target.kind === 'deadline') continue;
      const { target, link } = resolveCountyOwnTarget(definitions, o.target, { plan: o.planKind, domain: o.domainOrd });
      const resolved: CountyOwnTarget = { ...o, evaluated: target, link };
      if (link.indicatorCode === null) {
        if (options.indicatorCode === undefined) unlinkedOwnTargets.push(resolved);
        continue;
      }
      if (options.indicatorCode !== undefined && link.indicatorCode !== options.indicatorCode) continue;
      const list = ownTargets.get(link.indicatorCode);
      if (list === undefined) ownTargets.set(link.indicatorCode, [resolved]);
      else list.push(resolved);
    }
  }
  const targetsByIndicator = new Map<string, TargetWithSource[]>();
  for (const d of definitions) {
    const own = targets.filter((t) => t.indicatorCode === d.code);
    // An indicator only a county's added target names is evaluated too (its city targets: none).
    if (own.length > 0 || ownTargets.has(d.code)) targetsByIndicator.set(d.code, own);
  }
  const leadDepartments = await indicatorLeadDepartments(db);
  const countyTargets = countyCodes.length > 0 ? await filedCountyTargets(db, targets.map((t) => t.id)) : new Map<string, Map<number, CountyEvaluationTarget>>();
  return {
    year: options.year,
    tree,
    regions,
    indicators,
    targetsByIndicator,
    domains: await domainsOf(db, CITY_REGION_CODE),
    leadDepartments,
    departmentNames: await departmentNames(db),
    countyTargets,
    ownTargets,
    unlinkedOwnTargets,
  };
}

/**
 * The county-plan targets that decide an indicator's county results (part of the stored results' signature): those
 * derived from its city targets, then those the counties added (as tied to the indicator, with their domains' names).
 */
export function countyTargetsOf(ctx: EvaluationContext, indicatorCode: string): unknown[] {
  const out: unknown[] = [];
  const targets = ctx.targetsByIndicator.get(indicatorCode) ?? [];
  for (const region of ctx.regions) {
    const own = ctx.countyTargets.get(region.code);
    if (own === undefined) continue;
    for (const t of targets) {
      const c = own.get(t.id);
      if (c !== undefined) out.push([region.code, t.id, c]);
    }
  }
  for (const o of ctx.ownTargets.get(indicatorCode) ?? []) out.push(['added', o, ownDomainTitle(ctx, o)]);
  return out;
}

/**
 * What a county is judged against (docs/evaluation-method.md, “区县的评估目标”): the target of its own filed plan
 * derived from the city target (不适用 there: not evaluated); without one, the city target where it applies to a
 * county (rates, ratios, shares …), not a city-wide total.
 */
type CountyRule =
  | { use: 'city' }
  | { use: 'county'; target: CountyEvaluationTarget }
  | { use: 'none'; why: string; basis: TargetBasis; countyTargetId: number | null };

function countyRule(ctx: EvaluationContext, indicator: IndicatorDefinition, target: TargetWithSource, region: RegionRef): CountyRule {
  if (region.level !== 'county') return { use: 'city' };
  const own = ctx.countyTargets.get(region.code)?.get(target.id);
  if (own !== undefined && (own.target.indicatorCode === null || own.target.indicatorCode === indicator.code)) {
    if (own.status === 'not_applicable') {
      return { use: 'none', why: `${region.name}规划将“${target.text}”标注为不适用${own.reason ? `（${own.reason}）` : ''}，不作评估`, basis: 'county', countyTargetId: own.countyTargetId };
    }
    return { use: 'county', target: own };
  }
  const applies = countyApplicability(target, indicator);
  return applies.applies ? { use: 'city' } : { use: 'none', why: applies.reason, basis: 'city', countyTargetId: null };
}

export { COUNTY_TARGET_LABEL };

/** The fields of a record that the evaluation computes (the rest is named from the context): what is stored. */
export type ComputedFields = Pick<
  EvaluationRecord,
  | 'status' | 'statusLabel' | 'projected' | 'volatile' | 'reason' | 'targetValue' | 'targetYear' | 'latestYear' | 'latestValue' | 'stale'
  | 'method' | 'rateBasis' | 'requiredRate' | 'actualRate' | 'progressRatio' | 'trend' | 'source' | 'points' | 'rank'
  | 'notAssessed' | 'targetBasis' | 'countyTargetId'
>;

/** Records of one target: the computed fields of a region with the names of the context (looked up once). */
export function recordMaker(ctx: EvaluationContext, indicator: IndicatorDefinition, target: TargetWithSource): (region: RegionRef, computed: ComputedFields) => EvaluationRecord {
  const departmentId = ctx.leadDepartments.get(indicator.code) ?? null;
  const departmentName = departmentId === null ? null : (ctx.departmentNames.get(departmentId) ?? null);
  const domainTitle = ctx.domains.get(`${target.source.plan.code}|${target.source.domainOrd}`)?.title ?? '';
  return (region, computed) => ({
    indicatorCode: indicator.code,
    indicatorName: indicator.name,
    unit: indicator.unit,
    regionCode: region.code,
    regionName: region.name,
    regionLevel: region.level,
    year: ctx.year,
    targetId: target.id,
    targetText: target.text,
    targetKind: target.kind,
    planKind: target.source.plan.kind,
    planCode: target.source.plan.code,
    domainOrd: target.source.domainOrd,
    domainTitle,
    departmentId,
    departmentName,
    ...computed,
  });
}

/** The added targets of an indicator in the context's regions, with the region's index, in record order. */
export function ownTargetsIn(ctx: EvaluationContext, indicatorCode: string): { own: CountyOwnTarget; regionIndex: number }[] {
  const out: { own: CountyOwnTarget; regionIndex: number }[] = [];
  for (const own of ctx.ownTargets.get(indicatorCode) ?? []) {
    const regionIndex = ctx.regions.findIndex((r) => r.code === own.regionCode);
    if (regionIndex >= 0) out.push({ own, regionIndex });
  }
  return out;
}

/** The title of the city domain a county's added target stands in (its county plan follows the city plan's domains). */
function ownDomainTitle(ctx: EvaluationContext, own: CountyOwnTarget): string {
  return own.cityPlanCode === null ? '' : (ctx.domains.get(`${own.cityPlanCode}|${own.domainOrd}`)?.title ?? '');
}

/** Records of a target a county added: in its county, named from its county plan (indicator null: not tied to one). */
export function ownRecordMaker(ctx: EvaluationContext, indicator: IndicatorDefinition | null, own: CountyOwnTarget): (region: RegionRef, computed: ComputedFields) => EvaluationRecord {
  const departmentId = indicator === null ? null : (ctx.leadDepartments.get(indicator.code) ?? null);
  const departmentName = departmentId === null ? null : (ctx.departmentNames.get(departmentId) ?? null);
  const domainTitle = ownDomainTitle(ctx, own);
  return (region, computed) => ({
    indicatorCode: indicator?.code ?? '',
    indicatorName: indicator?.name ?? own.target.indicator,
    unit: indicator?.unit ?? own.target.unit ?? '',
    regionCode: region.code,
    regionName: region.name,
    regionLevel: region.level,
    year: ctx.year,
    targetId: null,
    targetText: own.target.text,
    targetKind: own.evaluated.kind,
    planKind: own.planKind,
    planCode: own.cityPlanCode ?? '',
    domainOrd: own.domainOrd,
    domainTitle,
    departmentId,
    departmentName,
    ...computed,
  });
}

function computedOf(
  result: EvaluationResult,
  extra: Pick<ComputedFields, 'source' | 'rank' | 'targetBasis' | 'countyTargetId'>,
  series: RegionSeries | undefined,
  year: number,
): ComputedFields {
  return {
    status: result.status,
    statusLabel: result.statusLabel,
    notAssessed: result.notAssessed,
    projected: result.projected,
    volatile: result.volatile,
    reason: result.reason,
    targetValue: result.targetValue,
    targetYear: result.targetYear,
    latestYear: result.latest?.year ?? null,
    latestValue: result.latest?.value ?? null,
    stale: result.stale,
    method: result.method,
    rateBasis: result.rateBasis,
    requiredRate: result.requiredRate,
    actualRate: result.actualRate,
    progressRatio: result.progressRatio,
    trend: result.trend,
    points: result.window?.points ?? (series?.points.filter((p) => p.year <= year).length ?? 0),
    ...extra,
  };
}

/**
 * The records of the counties' added targets that no indicator could be tied to (数据不足, with the reason), in
 * the regions of the context: computed from the county plans alone (no values to read), so never stored.
 */
export function unlinkedOwnRecords(ctx: EvaluationContext, config?: EvaluationConfigOverrides): EvaluationRecord[] {
  const out: EvaluationRecord[] = [];
  for (const own of ctx.unlinkedOwnTargets) {
    const region = ctx.regions.find((r) => r.code === own.regionCode);
    if (region === undefined || own.link.indicatorCode !== null) continue;
    const result = evaluateUnlinkedCountyTarget({ target: own.evaluated, year: ctx.year, ...(config ? { config } : {}) }, own.link.why);
    out.push(ownRecordMaker(ctx, null, own)(region, computedOf(result, { source: 'none', rank: null, targetBasis: 'county_added', countyTargetId: own.countyTargetId }, undefined, ctx.year)));
  }
  return out;
}

function sourceOf(series: RegionSeries | undefined, year: number): EvaluationRecord['source'] {
  if (series === undefined) return 'none';
  const kinds = new Set<PointSource>();
  for (const p of series.points) if (p.year <= year) kinds.add(series.sources.get(p.year) ?? 'direct');
  if (kinds.size === 0) return 'none';
  return kinds.size > 1 ? 'mixed' : [...kinds][0]!;
}

/** Evaluates every target of one indicator in every region of the context. */
function onlyCountyOf(ctx: EvaluationContext): string | null {
  return ctx.regions.length === 1 && ctx.regions[0]!.level === 'county' ? ctx.regions[0]!.code : null;
}

/** The approved total values an indicator's evaluation in the context reads. */
export function loadTotals(db: Kysely<Database>, ctx: EvaluationContext, indicatorCode: string): Promise<ApprovedValueRow[]> {
  const county = onlyCountyOf(ctx);
  return approvedTotals(db, { indicatorCode, toYear: ctx.year, ...(county !== null ? { regionCodes: [county] } : {}) });
}

export async function evaluateIndicator(
  db: Kysely<Database>,
  ctx: EvaluationContext,
  indicatorCode: string,
  options: { config?: EvaluationConfigOverrides; details?: boolean; totals?: Promise<ApprovedValueRow[]> } = {},
): Promise<IndicatorEvaluation | null> {
  const indicator = ctx.indicators.get(indicatorCode);
  const targets = ctx.targetsByIndicator.get(indicatorCode);
  if (indicator === undefined || targets === undefined) return null;
  const { year } = ctx;
  const onlyCounty = onlyCountyOf(ctx) !== null;
  const rows = await (options.totals ?? loadTotals(db, ctx, indicatorCode));
  const series = buildRegionSeries(indicator, rows, ctx.tree);
  const details = options.details ?? true;

  // County ranks on the year's own value (not a stale one), best first.
  let spread: SpreadRecord | null = null;
  const ranks = new Map<string, number>();
  const counties = ctx.tree.childrenIn(year);
  if (details && !onlyCounty) {
    const values = counties
      .map((code) => ({ regionCode: code, value: series.get(code)?.points.find((p) => p.year === year)?.value }))
      .filter((v): v is { regionCode: string; value: number } => v.value !== undefined);
    if (values.length > 0) {
      const bandTarget = indicator.polarity === 'band' ? (targets.find((t) => t.kind === 'approx' && t.value !== null)?.value ?? null) : null;
      const s = regionSpread(values, indicator.polarity, { target: bandTarget });
      spread = { indicatorCode, year, spread: s };
      for (const r of s.ranking) ranks.set(r.regionCode, r.rank);
    }
  }

  const records: EvaluationRecord[] = [];
  const results: EvaluationResult[] = [];
  for (const target of targets) {
    const recordOf = recordMaker(ctx, indicator, target);
    for (const region of ctx.regions) {
      const s = series.get(region.code);
      const rule = countyRule(ctx, indicator, target, region);
      const input = { target, indicator, series: s?.points ?? [], year, ...(options.config ? { config: options.config } : {}) };
      const result =
        rule.use === 'city'
          ? evaluateTarget(input)
          : rule.use === 'county'
            ? evaluateTarget({ ...input, target: rule.target.target, targetLabel: COUNTY_TARGET_LABEL })
            : evaluateNotApplicable(input, rule.why);
      results.push(result);
      const computed = computedOf(
        result,
        {
          source: sourceOf(s, year),
          rank: region.level === 'county' ? (ranks.get(region.code) ?? null) : null,
          targetBasis: rule.use === 'none' ? rule.basis : rule.use,
          countyTargetId: rule.use === 'county' ? rule.target.countyTargetId : rule.use === 'none' ? rule.countyTargetId : null,
        },
        s,
        year,
      );
      records.push(recordOf(region, computed));
    }
  }
  // The targets the counties added for this indicator, each in its own county (docs/evaluation-method.md §4.9).
  const added = ownTargetsIn(ctx, indicatorCode);
  for (const { own: o, regionIndex } of added) {
    const region = ctx.regions[regionIndex]!;
    const s = series.get(region.code);
    const result = evaluateCountyOwnTarget({ target: o.evaluated, indicator, series: s?.points ?? [], year, ...(options.config ? { config: options.config } : {}) });
    results.push(result);
    const extra = { source: sourceOf(s, year), rank: ranks.get(region.code) ?? null, targetBasis: 'county_added' as const, countyTargetId: o.countyTargetId };
    records.push(ownRecordMaker(ctx, indicator, o)(region, computedOf(result, extra, s, year)));
  }

  const gaps: GapRecord[] = [];
  const bySex = indicator.disaggregations.includes('sex');
  const byArea = indicator.disaggregations.includes('area');
  if (details && (bySex || byArea)) {
    const cellRows = await approvedCellsOfYear(db, { indicatorCode, year, ...(onlyCounty ? { regionCodes: [ctx.regions[0]!.code] } : {}) });
    const cells = cellsOfYear(indicator, cellRows, year, ctx.tree);
    const bandTarget = targets.find((t) => t.kind === 'approx')?.value ?? null;
    const gapOptions = { polarity: indicator.polarity, unit: indicator.unit, target: bandTarget };
    for (const region of ctx.regions) {
      const own = cells.get(region.code);
      if (own === undefined) continue;
      const f = own.get('sex=女')?.value;
      const m = own.get('sex=男')?.value;
      const u = own.get('area=城镇')?.value;
      const r = own.get('area=农村')?.value;
      const sex = bySex && f !== undefined && m !== undefined ? sexGap(f, m, gapOptions) : null;
      const urbanRural = byArea && u !== undefined && r !== undefined ? urbanRuralGap(u, r, gapOptions) : null;
      if (sex !== null || urbanRural !== null) gaps.push({ indicatorCode, regionCode: region.code, year, sex, urbanRural });
    }
  }
  return { indicator, targets, own: added.map((a) => a.own), records, results, series, gaps, spread };
}

/**
 * Streams the evaluation of a year indicator by indicator (memory stays bounded on a province-scale dataset):
 * every target of the city's plans that names an indicator, in the city and each county or zone valid that
 * year (or the one region asked for), against the region's approved total series.
 */
export async function forEachIndicatorEvaluation(
  db: Kysely<Database>,
  options: EvaluateYearOptions,
  visit: (evaluation: IndicatorEvaluation, ctx: EvaluationContext) => void | Promise<void>,
): Promise<EvaluationContext> {
  const ctx = await loadEvaluationContext(db, options);
  const evalOptions = { ...(options.config ? { config: options.config } : {}), details: options.details ?? true };
  const codes = [...ctx.targetsByIndicator.keys()];
  // The next indicator's values are read while this one is evaluated (PostgreSQL answers in its own process).
  // A failed read is reported where it is awaited; the no-op handler keeps it from counting as unhandled if the
  // loop stops before it gets there.
  const prefetch = (code: string): Promise<ApprovedValueRow[]> => {
    const p = loadTotals(db, ctx, code);
    p.catch(() => {});
    return p;
  };
  let next = codes.length > 0 ? prefetch(codes[0]!) : null;
  for (let i = 0; i < codes.length; i++) {
    const totals = next as Promise<ApprovedValueRow[]>;
    next = i + 1 < codes.length ? prefetch(codes[i + 1]!) : null;
    const evaluation = await evaluateIndicator(db, ctx, codes[i]!, { ...evalOptions, totals });
    if (evaluation !== null) await visit(evaluation, ctx);
  }
  return ctx;
}

/**
 * The status of every target × region in a year, with its working (see docs/evaluation-method.md), plus the
 * female–male and urban–rural gaps of disaggregated indicators and the spread and ranking of the counties.
 * Read from the stored results where they are current (evaluation-cache.service.ts).
 */
export async function evaluateYear(db: Kysely<Database>, options: EvaluateYearOptions): Promise<YearEvaluation> {
  const results: EvaluationRecord[] = [];
  const gaps: GapRecord[] = [];
  const spreads: SpreadRecord[] = [];
  const ctx = await forEachStoredEvaluation(db, options, (e) => {
    results.push(...e.records);
    gaps.push(...e.gaps);
    if (e.spread !== null) spreads.push(e.spread);
  });
  results.push(...unlinkedOwnRecords(ctx, options.config));
  return { year: options.year, computedAt: new Date().toISOString(), regions: ctx.regions, results, gaps, spreads };
}
