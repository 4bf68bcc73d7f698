import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../../storage/database.ts';
import type { Database } from '../../storage/schema.ts';
import { insertDataValues, type NewDataValueRow } from '../../storage/repositories/data-value.repository.ts';
import { listIndicatorDefinitions } from '../../storage/repositories/indicator.repository.ts';
import { IS_DEMO_KEY, isDemoDatabase, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import { evaluationTargets } from '../../storage/repositories/evaluation.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { bootstrap } from '../bootstrap.service.ts';
import { demoPath, hash, pickScenario, prng, type DemoScenario } from './demo-series.ts';
import { EvaluationError } from './evaluation.errors.ts';
import { CityTree } from './region-series.ts';
import { generateWarnings } from './warning-generate.service.ts';
import { addCountermeasure, addSteps, closeWarning, completeStep, listWarnings } from './warning.service.ts';

/**
 * `fuer demo`: fills a separate database with generated series (示例数据) for every indicator and region, so
 * that people can try the platform. The database is flagged `is_demo = 1` in the metadata table and every
 * screen and report labels it. Never run against the default database, nor one holding real data values.
 */

export const DEFAULT_DEMO_DATABASE_URL = 'sqlite:./data/fuer-demo.db';
export const DEMO_SOURCE = '示例数据（fuer demo 生成）';
export const DEMO_SEED = 20_250_101;

/** The one who generates, answers and closes demo warnings. */
export const DEMO_ACTOR: Readonly<Actor> = Object.freeze<Actor>({
  userId: 0,
  username: 'demo',
  displayName: '示例数据生成',
  roles: ['admin'],
  departmentId: null,
  regionCode: CITY_REGION_CODE,
});

export class DemoRefusedError extends EvaluationError {
  constructor(message: string) {
    super(409, 'demo_refused', message);
    this.name = 'DemoRefusedError';
  }
}

function sameTarget(a: string, b: string): boolean {
  const x = parseDatabaseUrl(a);
  const y = parseDatabaseUrl(b);
  if (x.dialect === 'sqlite' && y.dialect === 'sqlite') return path.resolve(x.file) === path.resolve(y.file);
  if (x.dialect === 'postgres' && y.dialect === 'postgres') {
    const u = new URL(x.url);
    const v = new URL(y.url);
    return u.hostname === v.hostname && (u.port || '5432') === (v.port || '5432') && u.pathname === v.pathname;
  }
  return false;
}

/** Refuses the default database (./data/fuer.db): demo data always go to a database of their own. */
export function checkDemoTarget(url: string): void {
  if (sameTarget(url, DEFAULT_DATABASE_URL)) {
    throw new DemoRefusedError(`不能向默认数据库（${DEFAULT_DATABASE_URL}）写入示例数据：示例数据必须写入单独的数据库，如 ${DEFAULT_DEMO_DATABASE_URL}`);
  }
}

/** Refuses a database that holds real (non-demo) data values. */
export async function checkNoRealData(db: Kysely<Database>): Promise<void> {
  if (await isDemoDatabase(db)) return;
  const row = await db.selectFrom('data_values').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n > 0) throw new DemoRefusedError(`该数据库已有${n}条真实监测数据（不是示例数据库），拒绝写入示例数据；请指定一个新的数据库，如 --database ${DEFAULT_DEMO_DATABASE_URL}`);
}

export interface DemoOptions {
  seed?: number;
  fromYear?: number;
  toYear?: number;
  /** Generate the warnings of the last two years and walk a few through to closure (default true). */
  warnings?: boolean;
}

export interface DemoResult {
  seed: number;
  years: [number, number];
  indicators: number;
  regions: number;
  values: number;
  scenarios: Record<DemoScenario, number>;
  warnings: { year: number; total: number; red: number; yellow: number }[];
  closed: number;
}

interface Cell {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Values of one region's cells for one year: the total and the sex and urban–rural parts. Rates carry
 * numerators and denominators whose parts add up (so that the city's roll-up is exact); counts are split.
 */
function cellsFor(indicator: IndicatorDefinition, value: number, size: number, rnd: () => number): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const scale = indicator.scale ?? 1;
  const parts: [string, string, string, number][] = [];
  if (indicator.disaggregations.includes('sex')) parts.push(['sex', '女', '男', 0.49]);
  if (indicator.disaggregations.includes('area')) parts.push(['area', '城镇', '农村', 0.6]);
  if (indicator.aggregation === 'ratio') {
    const den = Math.round(size * (scale >= 1000 ? 20_000 : 5_000));
    const num = round4((value / scale) * den);
    cells.set('_T', { value: (num / den) * scale, numerator: num, denominator: den });
    for (const [dim, a, b, share] of parts) {
      const denA = Math.round(den * share);
      const tilt = 1 + (rnd() * 2 - 1) * 0.06;
      let numA = round4(Math.min(num, (num / den) * denA * tilt));
      // A share (%) cannot pass 100 in either part.
      if (scale === 100 && numA > denA) numA = denA;
      if (scale === 100 && num - numA > den - denA) numA = round4(num - (den - denA));
      const numB = round4(num - numA);
      cells.set(`${dim}=${a}`, { value: (numA / denA) * scale, numerator: numA, denominator: denA });
      cells.set(`${dim}=${b}`, { value: (numB / (den - denA)) * scale, numerator: numB, denominator: den - denA });
    }
  } else if (indicator.aggregation === 'sum') {
    cells.set('_T', { value, numerator: null, denominator: null });
    for (const [dim, a, b, share] of parts) {
      const va = Math.round(value * share);
      cells.set(`${dim}=${a}`, { value: va, numerator: null, denominator: null });
      cells.set(`${dim}=${b}`, { value: value - va, numerator: null, denominator: null });
    }
  } else {
    cells.set('_T', { value, numerator: null, denominator: null });
    for (const [dim, a, b] of parts) {
      const g = (rnd() * 2 - 1) * 0.03;
      cells.set(`${dim}=${a}`, { value: Math.round(value * (1 + g) * 100) / 100, numerator: null, denominator: null });
      cells.set(`${dim}=${b}`, { value: Math.round(value * (1 - g) * 100) / 100, numerator: null, denominator: null });
    }
  }
  return cells;
}

function columnsOf(key: string): { sex: string; area: string } {
  if (key.startsWith('sex=')) return { sex: key.slice(4), area: '' };
  if (key.startsWith('area=')) return { sex: '', area: key.slice(5) };
  return { sex: '', area: '' };
}

/** Fills the (migrated or empty) database with demo data; see the module comment. */
export async function fillDemoDatabase(db: Kysely<Database>, options: DemoOptions = {}): Promise<DemoResult> {
  const seed = options.seed ?? DEMO_SEED;
  const fromYear = options.fromYear ?? 2015;
  const toYear = options.toYear ?? 2024;
  if (!Number.isInteger(seed)) throw new EvaluationError(400, 'bad_request', `随机种子“${seed}”应为整数`);
  if (!(fromYear <= toYear - 4 && fromYear >= 1990 && toYear <= 2100)) throw new EvaluationError(400, 'bad_request', `年份范围 ${fromYear}—${toYear} 无效（至少5年）`);
  await bootstrap(db, { regionDepth: 'county' });
  await checkNoRealData(db);

  const indicators = await listIndicatorDefinitions(db);
  const targets = await evaluationTargets(db, { regionCode: CITY_REGION_CODE });
  const tree = await CityTree.load(db);
  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  const counties = tree.childrenIn(toYear);
  const sizes = new Map(counties.map((c) => [c, 0.5 + prng(hash(`${seed}|size|${c}`))() * 1.5] as const));
  const scenarios: Record<DemoScenario, number> = { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, worsening: 0, volatile: 0, sparse: 0 };
  const now = new Date().toISOString();
  const rows: NewDataValueRow[] = [];
  const push = (indicator: IndicatorDefinition, region: string, year: number, key: string, cell: Cell) => {
    rows.push({
      indicator_code: indicator.code, region_code: region, year, ...columnsOf(key), age_group: '', value: cell.value,
      numerator: cell.numerator, denominator: cell.denominator, source: DEMO_SOURCE, note: '示例数据', status: 'approved', version: 1,
      backfilled: 0, form_id: null, created_at: now, updated_at: now, updated_by: null, updated_by_name: DEMO_ACTOR.displayName,
    });
  };

  for (const indicator of indicators) {
    const target = targets.find((t) => t.indicatorCode === indicator.code && t.value !== null && t.kind !== 'trend' && t.kind !== 'deadline') ??
      targets.find((t) => t.indicatorCode === indicator.code) ?? null;
    const rnd = prng(hash(`${seed}|${indicator.code}`));
    const cityScenario = pickScenario(rnd);
    const regional = indicator.aggregation !== 'none';
    const regions = regional ? counties : [CITY_REGION_CODE, ...counties];
    // year → key → summed cell of the counties (for the city's figures of a summed or ratio indicator).
    const cityCells = new Map<number, Map<string, Cell>>();
    for (const region of regions) {
      const r = prng(hash(`${seed}|${indicator.code}|${region}`));
      // Most counties follow the city's scenario; the others their own, but a jump only where the city jumps
      // (one county's jump shows in the city's roll-up too, and would make nearly every indicator volatile).
      const own = pickScenario(r);
      const scenario = region === CITY_REGION_CODE || r() < 0.6 ? cityScenario : own === 'volatile' ? 'on_track' : own;
      scenarios[scenario]++;
      const path = demoPath({ indicator, target, scenario, years, rnd: r, ...(indicator.aggregation === 'sum' ? { targetShare: 1 / counties.length } : {}) });
      for (const year of years) {
        const value = path.get(year);
        if (value === undefined) continue;
        const cells = cellsFor(indicator, value, sizes.get(region) ?? 1, r);
        for (const [key, cell] of cells) {
          push(indicator, region, year, key, cell);
          if (!regional) continue;
          let byKey = cityCells.get(year);
          if (byKey === undefined) cityCells.set(year, (byKey = new Map()));
          const sum = byKey.get(key) ?? { value: 0, numerator: 0, denominator: 0 };
          byKey.set(key, {
            value: sum.value + cell.value,
            numerator: (sum.numerator ?? 0) + (cell.numerator ?? 0),
            denominator: (sum.denominator ?? 0) + (cell.denominator ?? 0),
          });
        }
      }
    }
    // The city reports what its counties add up to (Σ, or Σnumerators ÷ Σdenominators): consistent with the roll-up.
    for (const [year, byKey] of cityCells) {
      for (const [key, sum] of byKey) {
        const cell: Cell =
          indicator.aggregation === 'ratio'
            ? { value: ((sum.numerator ?? 0) / (sum.denominator || 1)) * (indicator.scale ?? 1), numerator: round4(sum.numerator ?? 0), denominator: sum.denominator }
            : { value: sum.value, numerator: null, denominator: null };
        push(indicator, CITY_REGION_CODE, year, key, cell);
      }
    }
  }

  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('rectification_steps').execute();
    await trx.deleteFrom('countermeasures').execute();
    await trx.deleteFrom('warnings').execute();
    await trx.deleteFrom('data_values').execute();
    await insertDataValues(trx, rows);
    await setMetadata(trx, IS_DEMO_KEY, '1', now);
    await setMetadata(trx, 'demo_seed', String(seed), now);
    await setMetadata(trx, 'demo_generated_at', now, now);
    await setMetadata(trx, 'demo_years', `${fromYear}-${toYear}`, now);
  });

  const result: DemoResult = {
    seed, years: [fromYear, toYear], indicators: indicators.length, regions: counties.length + 1, values: rows.length, scenarios, warnings: [], closed: 0,
  };
  if (options.warnings !== false) {
    for (const year of [toYear - 1, toYear]) {
      const w = await generateWarnings(db, DEMO_ACTOR, { year, origin: 'demo' });
      result.warnings.push({ year, total: w.total, red: w.red, yellow: w.yellow });
    }
    // A few of last year's warnings walked through the whole cycle, so that the screens show one.
    const earlier = (await listWarnings(db, DEMO_ACTOR, { year: toYear - 1 })).slice(0, 3);
    for (const w of earlier) {
      await addCountermeasure(db, DEMO_ACTOR, w.id, { text: `（示例）针对${w.indicatorName}${w.kindLabel}，加强督导，按季度调度进展。` }, { origin: 'demo' });
      const detail = await addSteps(db, DEMO_ACTOR, w.id, { steps: [{ description: '（示例）开展专项调研，查找薄弱环节', dueDate: `${toYear}-06-30`, owner: w.department?.name ?? '责任单位' }] }, { origin: 'demo' });
      for (const step of detail.steps) await completeStep(db, DEMO_ACTOR, w.id, step.id, { note: '（示例）已完成调研并形成报告', evidence: '示例文件' }, { origin: 'demo' });
      await closeWarning(db, DEMO_ACTOR, w.id, { note: '（示例）整改到位，予以销号' }, { origin: 'demo' });
      result.closed++;
    }
  }
  return result;
}
