/**
 * Stored evaluation results. Evaluating a province-scale dataset (150 indicators × 3,000 regions × 10 years)
 * takes tens of seconds; the dashboard and the year's evaluation read the stored results of each indicator
 * instead, and recompute only the indicators whose inputs changed since:
 *
 * - data values: triggers on data_values (migration 0008) raise a per indicator × year epoch whenever an approved
 *   value is written or removed, whatever the path (approval, unlock, import, demo data, SQL). A stored result
 *   keeps the sum of its indicator's epochs up to its year, read before the values were: when the sum has moved,
 *   the result is stale (a change made while it was being computed included);
 * - everything else the evaluation reads — the engine's own sources, the indicator, its targets and the targets
 *   of the counties' filed plans derived from them, the region tree, the configuration (thresholds) — is hashed
 *   into a signature compared on read (a county plan filed, changed or returned makes the indicator stale).
 *
 * Only evaluations of the whole city (every region) are stored; those of one county are computed, as before.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { statusCategory, type EvaluationConfigOverrides, type StatusCategory } from '../../core/evaluation/index.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { Database } from '../../storage/schema.ts';
import {
  dataStamps,
  findStoredEvaluation,
  findStoredStatuses,
  storeEvaluation,
  type StoredStatusRow,
} from '../../storage/repositories/evaluation-cache.repository.ts';
import type { ApprovedValueRow } from '../../storage/repositories/evaluation.repository.ts';
import type { TargetWithSource } from '../../storage/repositories/target.repository.ts';
import {
  countyTargetsOf,
  evaluateIndicator,
  forEachIndicatorEvaluation,
  loadEvaluationContext,
  loadTotals,
  ownRecordMaker,
  ownTargetsIn,
  recordMaker,
  type ComputedFields,
  type CountyOwnTarget,
  type EvaluateYearOptions,
  type EvaluationContext,
  type EvaluationRecord,
  type GapRecord,
  type IndicatorEvaluation,
  type SpreadRecord,
} from './evaluate-year.service.ts';
import type { RegionRef } from './region-series.ts';

/** An indicator's evaluation as the stored results give it back (no engine results, no series). */
export type StoredIndicatorEvaluation = Pick<IndicatorEvaluation, 'indicator' | 'targets' | 'own' | 'records' | 'gaps' | 'spread'>;

export type StoredEvaluationOptions = EvaluateYearOptions;

/**
 * The statuses of one indicator as the dashboard counts them (不作评估 apart: StatusCategory): `status(t, r)` of its
 * t-th target in the context's r-th region, then those of the targets counties added, each in its county.
 */
export interface IndicatorStatuses {
  indicator: IndicatorDefinition;
  targets: TargetWithSource[];
  regions: RegionRef[];
  status(targetIndex: number, regionIndex: number): StatusCategory;
  own: { target: CountyOwnTarget; regionIndex: number; status: StatusCategory }[];
}

// 2: records carry notAssessed, targetBasis and countyTargetId; the counties' added targets follow the matrix.
const FORMAT = 2;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

// Files whose code decides a stored result; a change of any of them (an upgrade) makes every stored result stale.
const ENGINE_SOURCES = [
  '../../core/evaluation',
  '../../core/monitoring',
  '../../core/region',
  '../../core/target',
  '../../core/indicator',
  './evaluate-year.service.ts',
  './region-series.ts',
  './evaluation-cache.service.ts',
  '../../storage/repositories/evaluation.repository.ts',
  '../../storage/repositories/county-evaluation.repository.ts',
];

let engine: string | null = null;

/** A hash of the evaluation engine's sources (the package version where they cannot be read, e.g. a bundle). */
export function engineFingerprint(): string {
  if (engine !== null) return engine;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1').update(`format ${FORMAT}\n`);
  try {
    const files: string[] = [];
    for (const entry of ENGINE_SOURCES) {
      const full = path.resolve(here, entry);
      if (statSync(full).isDirectory()) {
        for (const f of readdirSync(full, { recursive: true, encoding: 'utf8' })) {
          if (f.endsWith('.ts') && !f.endsWith('.test.ts')) files.push(path.join(full, f));
        }
      } else files.push(full);
    }
    for (const f of files.sort()) hash.update(`${path.relative(here, f)}\n`).update(readFileSync(f));
  } catch {
    hash.update(`unreadable ${process.env.npm_package_version ?? ''}`);
  }
  return (engine = hash.digest('hex'));
}

/** The key part for the plan filter and the configuration overrides. */
export function cacheScope(options: Pick<EvaluateYearOptions, 'planKind' | 'config'>): string {
  return sha1(JSON.stringify([options.planKind ?? null, options.config ?? null])).slice(0, 16);
}

/** Every input but the data values, per indicator; the part shared by all indicators is hashed once. */
function signer(ctx: EvaluationContext, config: EvaluationConfigOverrides | undefined): (indicatorCode: string) => string {
  const shared = sha1(JSON.stringify([engineFingerprint(), ctx.year, ctx.regions, ctx.tree.fingerprint(), config ?? null]));
  return (code) => sha1(JSON.stringify([shared, ctx.indicators.get(code) ?? null, ctx.targetsByIndicator.get(code) ?? [], countyTargetsOf(ctx, code)]));
}

// --- encoding -------------------------------------------------------------------------------------------------

// One letter per record, as the dashboard counts it: 'z' is 不作评估 (status no_target, notAssessed).
const STATUS_LETTER: Record<StatusCategory, string> = { achieved: 'a', on_track: 'o', at_risk: 'r', off_track: 'x', insufficient_data: 'i', no_target: 'n', not_assessed: 'z' };
const LETTER_STATUS = new Map(Object.entries(STATUS_LETTER).map(([status, letter]) => [letter, status as StatusCategory]));

// JSON has no NaN, ±Infinity or -0: numbers that are none of these are written as is, those as strings.
type Num = number | string | null;
const num = (v: number | null): Num => (v === null || (Number.isFinite(v) && !Object.is(v, -0)) ? v : String(v));
const unnum = (v: Num): number | null => (typeof v === 'string' ? Number(v) : v);
const replacer = (_key: string, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { $n: String(v) } : v);
const reviver = (_key: string, v: unknown) => (v !== null && typeof v === 'object' && '$n' in v ? Number((v as { $n: string }).$n) : v);

type Entry = [
  status: ComputedFields['status'], statusLabel: string, projected: Num, volatile: 0 | 1, reason: string, targetValue: Num, targetYear: number,
  latestYear: number | null, latestValue: Num, stale: 0 | 1, method: ComputedFields['method'], rateBasis: ComputedFields['rateBasis'],
  requiredRate: Num, actualRate: Num, progressRatio: Num, trend: ComputedFields['trend'], source: ComputedFields['source'], points: number, rank: number | null,
  notAssessed: 0 | 1, targetBasis: ComputedFields['targetBasis'], countyTargetId: number | null,
];

function encodeEntry(r: ComputedFields): Entry {
  return [
    r.status, r.statusLabel, num(r.projected), r.volatile ? 1 : 0, r.reason, num(r.targetValue), r.targetYear, r.latestYear, num(r.latestValue), r.stale ? 1 : 0,
    r.method, r.rateBasis, num(r.requiredRate), num(r.actualRate), num(r.progressRatio), r.trend, r.source, r.points, r.rank,
    r.notAssessed ? 1 : 0, r.targetBasis, r.countyTargetId,
  ];
}

function decodeEntry(e: Entry, details: boolean): ComputedFields {
  return {
    status: e[0], statusLabel: e[1], projected: unnum(e[2]), volatile: e[3] === 1, reason: e[4], targetValue: unnum(e[5]), targetYear: e[6],
    latestYear: e[7], latestValue: unnum(e[8]), stale: e[9] === 1, method: e[10], rateBasis: e[11], requiredRate: unnum(e[12]),
    actualRate: unnum(e[13]), progressRatio: unnum(e[14]), trend: e[15], source: e[16], points: e[17],
    // Ranks are part of the details (as in evaluateIndicator).
    rank: details ? e[18] : null,
    notAssessed: e[19] === 1, targetBasis: e[20], countyTargetId: e[21],
  };
}

interface Payload {
  entries: Entry[];
  /** JSON of { gaps, spread } with non-finite numbers kept (small). */
  details: string;
}

/**
 * Records are stored targets outer, regions inner, then the counties' added targets — the order evaluateIndicator
 * produces them in.
 */
function encode(e: IndicatorEvaluation): { statuses: string; payload: string } {
  return {
    statuses: e.records.map((r) => STATUS_LETTER[statusCategory(r)]).join(''),
    payload: JSON.stringify({ entries: e.records.map(encodeEntry), details: JSON.stringify({ gaps: e.gaps, spread: e.spread }, replacer) } satisfies Payload),
  };
}

function decode(ctx: EvaluationContext, indicatorCode: string, payload: string, details: boolean): StoredIndicatorEvaluation {
  const indicator = ctx.indicators.get(indicatorCode)!;
  const targets = ctx.targetsByIndicator.get(indicatorCode)!;
  const parsed = JSON.parse(payload) as Payload;
  const records: EvaluationRecord[] = [];
  let i = 0;
  for (const target of targets) {
    const recordOf = recordMaker(ctx, indicator, target);
    for (const region of ctx.regions) records.push(recordOf(region, decodeEntry(parsed.entries[i++]!, details)));
  }
  const added = ownTargetsIn(ctx, indicatorCode);
  for (const { own, regionIndex } of added) records.push(ownRecordMaker(ctx, indicator, own)(ctx.regions[regionIndex]!, decodeEntry(parsed.entries[i++]!, details)));
  if (i !== parsed.entries.length) throw new Error(`stored evaluation of ${indicatorCode} does not match its context`);
  const extra = details ? (JSON.parse(parsed.details, reviver) as { gaps: GapRecord[]; spread: SpreadRecord | null }) : { gaps: [], spread: null };
  return { indicator, targets, own: added.map((a) => a.own), records, gaps: extra.gaps, spread: extra.spread };
}

function withoutDetails(e: IndicatorEvaluation, details: boolean): StoredIndicatorEvaluation {
  if (details) return e;
  return { indicator: e.indicator, targets: e.targets, own: e.own, records: e.records.map((r) => (r.rank === null ? r : { ...r, rank: null })), gaps: [], spread: null };
}

const usesStore = (options: StoredEvaluationOptions) => options.cache !== false && options.regionCode === undefined;

interface Plan {
  ctx: EvaluationContext;
  scope: string;
  config: EvaluationConfigOverrides | undefined;
  /** Per indicator of the context, in catalogue order: its signature and data stamp now, and its stored statuses if current. */
  items: { code: string; signature: string; stamp: number; current: StoredStatusRow | null }[];
}

/** Which indicators' stored results are current (one query for all), before any value is read. */
async function planRead(db: Kysely<Database>, options: StoredEvaluationOptions): Promise<Plan> {
  const ctx = await loadEvaluationContext(db, options);
  // The stamps are read before any value is: a value approved meanwhile leaves the stored result stale, not wrong.
  const stamps = await dataStamps(db, ctx.year);
  const scope = cacheScope(options);
  const sign = signer(ctx, options.config);
  const stored = await findStoredStatuses(db, { year: ctx.year, scope });
  const n = ctx.regions.length;
  const items = [...ctx.targetsByIndicator].map(([code, targets]) => {
    const signature = sign(code);
    const stamp = stamps.get(code) ?? 0;
    const row = stored.get(code);
    const records = targets.length * n + ownTargetsIn(ctx, code).length;
    const current = row !== undefined && row.signature === signature && row.data_stamp === stamp && row.statuses.length === records ? row : null;
    return { code, signature, stamp, current };
  });
  return { ctx, scope, config: options.config, items };
}

/**
 * Evaluates the plan's stale indicators one after the other and stores each; the next one's values are read
 * while one is evaluated (as forEachIndicatorEvaluation does).
 */
function recomputer(db: Kysely<Database>, plan: Plan): (code: string) => Promise<IndicatorEvaluation | null> {
  const stale = plan.items.filter((i) => i.current === null);
  const pending = new Map<string, Promise<ApprovedValueRow[]>>();
  const prefetch = (index: number) => {
    const item = stale[index];
    if (item === undefined || pending.has(item.code)) return;
    const p = loadTotals(db, plan.ctx, item.code);
    p.catch(() => {});
    pending.set(item.code, p);
  };
  return async (code) => {
    const item = plan.items.find((i) => i.code === code)!;
    // An indicator found stale only when its stored row was read is not in the prefetch order: read it now.
    const index = stale.indexOf(item);
    if (index >= 0) prefetch(index);
    const totals = pending.get(code) ?? loadTotals(db, plan.ctx, code);
    pending.delete(code);
    if (index >= 0) prefetch(index + 1);
    const evaluation = await evaluateIndicator(db, plan.ctx, code, { details: true, totals, ...(plan.config ? { config: plan.config } : {}) });
    if (evaluation === null) return null;
    const { statuses, payload } = encode(evaluation);
    await storeEvaluation(db, {
      year: plan.ctx.year, indicator_code: code, scope: plan.scope, signature: item.signature, data_stamp: item.stamp, statuses, payload, computed_at: new Date().toISOString(),
    });
    return evaluation;
  };
}

export interface RefreshResult {
  year: number;
  /** Indicators of the scope. */
  indicators: number;
  /** Of which stale, evaluated now and stored. */
  recomputed: number;
}

/**
 * Brings the stored results of one scope (year × plan filter × configuration, whole city) up to date: evaluates
 * and stores only the stale indicators, reads nothing back (the background warm-up, `fuer evaluate --warm`).
 */
export async function refreshStoredEvaluations(db: Kysely<Database>, options: Pick<StoredEvaluationOptions, 'year' | 'planKind' | 'config'>): Promise<RefreshResult> {
  const plan = await planRead(db, { year: options.year, ...(options.planKind ? { planKind: options.planKind } : {}), ...(options.config ? { config: options.config } : {}) });
  const recompute = recomputer(db, plan);
  let recomputed = 0;
  for (const item of plan.items) {
    if (item.current !== null) continue;
    await recompute(item.code);
    recomputed++;
  }
  return { year: options.year, indicators: plan.items.length, recomputed };
}

/**
 * Like forEachIndicatorEvaluation (same records, gaps and spreads), from the stored results where they are
 * current; an indicator whose inputs changed is evaluated now and stored. One region asked for, or
 * `cache: false`: computed now, nothing stored.
 */
export async function forEachStoredEvaluation(
  db: Kysely<Database>,
  options: StoredEvaluationOptions,
  visit: (evaluation: StoredIndicatorEvaluation, ctx: EvaluationContext) => void | Promise<void>,
): Promise<EvaluationContext> {
  const details = options.details ?? true;
  if (!usesStore(options)) return forEachIndicatorEvaluation(db, options, visit);
  const plan = await planRead(db, options);
  const { ctx } = plan;
  const recompute = recomputer(db, plan);
  for (const item of plan.items) {
    if (item.current !== null) {
      const row = await findStoredEvaluation(db, { year: ctx.year, indicatorCode: item.code, scope: plan.scope });
      // Replaced meanwhile by a newer computation (another request): the newer one is as good.
      if (row !== undefined && row.signature === item.signature && Number(row.data_stamp) >= item.stamp) {
        await visit(decode(ctx, item.code, row.payload, details), ctx);
        continue;
      }
      item.current = null;
    }
    const evaluation = await recompute(item.code);
    if (evaluation !== null) await visit(withoutDetails(evaluation, details), ctx);
  }
  return ctx;
}

/**
 * The status of every target × region of each indicator (what the dashboard counts), from the stored results
 * (one query for all indicators) where current, else evaluated now and stored. One region asked for, or
 * `cache: false`: computed now.
 */
export async function forEachStoredStatuses(
  db: Kysely<Database>,
  options: StoredEvaluationOptions,
  visit: (statuses: IndicatorStatuses, ctx: EvaluationContext) => void | Promise<void>,
): Promise<EvaluationContext> {
  const fromRecords = (e: Pick<IndicatorEvaluation, 'indicator' | 'targets' | 'records'>, ctx: EvaluationContext): IndicatorStatuses => {
    const n = ctx.regions.length;
    const matrix = e.targets.length * n;
    const own = ownTargetsIn(ctx, e.indicator.code).map(({ own: target, regionIndex }, k) => ({ target, regionIndex, status: statusCategory(e.records[matrix + k]!) }));
    return { indicator: e.indicator, targets: e.targets, regions: ctx.regions, status: (t, r) => statusCategory(e.records[t * n + r]!), own };
  };
  if (!usesStore(options)) return forEachIndicatorEvaluation(db, { ...options, details: false }, (e, ctx) => visit(fromRecords(e, ctx), ctx));
  const plan = await planRead(db, options);
  const { ctx } = plan;
  const n = ctx.regions.length;
  const recompute = recomputer(db, plan);
  for (const item of plan.items) {
    if (item.current !== null) {
      const letters = item.current.statuses;
      const targets = ctx.targetsByIndicator.get(item.code)!;
      const matrix = targets.length * n;
      const own = ownTargetsIn(ctx, item.code).map(({ own: target, regionIndex }, k) => ({ target, regionIndex, status: LETTER_STATUS.get(letters[matrix + k]!)! }));
      await visit({ indicator: ctx.indicators.get(item.code)!, targets, regions: ctx.regions, status: (t, r) => LETTER_STATUS.get(letters[t * n + r]!)!, own }, ctx);
      continue;
    }
    const evaluation = await recompute(item.code);
    if (evaluation !== null) await visit(fromRecords(evaluation, ctx), ctx);
  }
  return ctx;
}
