/**
 * Evaluation benchmark: a generated province-scale dataset (示例数据, not real figures) — 150 indicators ×
 * 3,000 regions × 10 years (2015–2024) ≈ 4.5 million approved values — evaluated for 2024 with evaluateYear,
 * and the dashboard API's latency on it (app.inject, logged in as an administrator), on SQLite and, when the
 * machine has PostgreSQL (Debian's binaries), on a throwaway PostgreSQL cluster.
 *
 * The 3,000 regions are the city's 11 counties and zones plus synthetic county-level regions under 370300, so
 * the city's figure of each year is the live roll-up of 3,000 regions (the city reports nothing itself); the 150
 * indicators are the 104 of the catalogue plus 46 synthetic rate indicators, each with a target.
 *
 * Figures: evaluateYear computing everything (cache: false, as before results were stored), the whole dashboard
 * with nothing stored (it evaluates and stores every indicator), the same from the stored results, evaluateYear
 * from them, and the dashboard again after one approved value changed (one indicator evaluated again).
 *
 * Sizes: FUER_BENCH_EVAL_REGIONS (3000), FUER_BENCH_EVAL_INDICATORS (150), FUER_BENCH_EVAL_DIALECTS
 * (sqlite,postgres), FUER_BENCH_EVAL_REPEAT (requests of the whole dashboard, 1; the others are timed 3 times).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../src/api/app.ts';
import { CITY_REGION_CODE } from '../src/core/access/actor.types.ts';
import type { IndicatorDefinition } from '../src/core/indicator/indicator.types.ts';
import { createUser } from '../src/services/accounts/user.service.ts';
import { bootstrap } from '../src/services/bootstrap.service.ts';
import { evaluateYear } from '../src/services/evaluation/evaluate-year.service.ts';
import { clearStoredEvaluations } from '../src/storage/repositories/evaluation-cache.repository.ts';
import { createDatabase, type DialectName } from '../src/storage/database.ts';
import { listIndicatorDefinitions } from '../src/storage/repositories/indicator.repository.ts';
import type { Database } from '../src/storage/schema.ts';

const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const EVAL_YEAR = 2024;
const PASSWORD = 'Bench-admin-2025';

export interface EvaluationBenchFigures {
  dialect: DialectName;
  indicators: number;
  regions: number;
  values: number;
  loadSeconds: number;
  /** evaluateYear computing everything (cache: false): the time before results were stored. */
  evaluateSeconds: number;
  /** evaluateYear reading the stored results. */
  warmEvaluateSeconds: number;
  results: number;
  heapMiB: number;
  /** The whole dashboard with nothing stored (evaluates and stores every indicator). */
  coldDashboardMs: number[];
  /** The whole dashboard from the stored results. */
  dashboardMs: number[];
  /** The whole dashboard after one approved value changed. */
  afterChangeMs: number[];
  countyDashboardMs: number[];
  indicatorPageMs: number[];
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmtInt = (n: number): string => n.toLocaleString('en-US');

/** Synthetic indicators (rates with a ≥ target) on a goal of their own, and synthetic regions under the city. */
async function extendCatalogue(db: Kysely<Database>, indicatorCount: number, regionCount: number): Promise<{ indicators: IndicatorDefinition[]; regions: string[] }> {
  const real = await listIndicatorDefinitions(db);
  const extra = Math.max(0, indicatorCount - real.length);
  const department = await db.selectFrom('departments').select('id').where('name', '=', '市卫生健康委').executeTakeFirstOrThrow();
  const domain = await db
    .selectFrom('domains as d')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select('d.id')
    .where('p.kind', '=', 'women')
    .where('p.region_code', '=', CITY_REGION_CODE)
    .orderBy('d.ord', 'desc')
    .executeTakeFirstOrThrow();
  if (extra > 0) {
    const goal = await db.insertInto('goals').values({ domain_id: domain.id, ord: 900, text: '基准测试用合成目标（示例数据）', units_text: '', line: 0 }).returning('id').executeTakeFirstOrThrow();
    for (let i = 1; i <= extra; i++) {
      const code = `B9.${String(i).padStart(2, '0')}`;
      await db
        .insertInto('indicators')
        .values({
          code, name: `基准合成指标${i}`, unit: '%', scale: 100, polarity: 'higher_better', aggregation: 'ratio', disaggregations: '[]', age_groups: null,
          department_id: department.id, plan_kind: 'women', domain_ord: 8, definition: '基准测试用合成指标（示例数据）', aliases: '[]', scopes: null,
        })
        .execute();
      await db
        .insertInto('targets')
        .values({
          goal_id: goal.id, measure_id: null, ord: i, indicator_name: `基准合成指标${i}`, indicator_code: code, kind: 'threshold', op: '>=', value: 80, unit: '%',
          base_year: null, target_year: 2025, text: `基准合成指标${i}达到80%以上`, direction: null, ratio_left: null, ratio_right: null, scope: null, reference: null,
        })
        .execute();
    }
  }
  const counties = (await db.selectFrom('regions').select('code').where('parent_code', '=', CITY_REGION_CODE).orderBy('code').execute()).map((r) => r.code);
  const synthetic: string[] = [];
  for (let i = 1; counties.length + synthetic.length < regionCount; i++) synthetic.push(`370300-b${String(i).padStart(4, '0')}`);
  for (let i = 0; i < synthetic.length; i += 500) {
    await db
      .insertInto('regions')
      .values(synthetic.slice(i, i + 500).map((code, j) => ({ code, name: `基准区县${i + j + 1}`, level: 'county' as const, parent_code: CITY_REGION_CODE, functional: 1, valid_from: '2000-01-01', valid_to: null })))
      .execute();
  }
  return { indicators: (await listIndicatorDefinitions(db)).slice(0, indicatorCount), regions: [...counties, ...synthetic] };
}

interface Row {
  indicator: string;
  region: string;
  year: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** Every value, one indicator × region at a time: a level, a trend and noise (most reach their targets). */
function* generateRows(indicators: readonly IndicatorDefinition[], regions: readonly string[]): Generator<Row> {
  const rnd = random(20_250_612);
  for (const ind of indicators) {
    const scale = ind.scale ?? 1;
    for (const region of regions) {
      const base = ind.unit === '%' ? 60 + rnd() * 30 : ind.aggregation === 'sum' ? 10 + Math.floor(rnd() * 100) : 1 + rnd() * 20;
      const slope = (rnd() - 0.3) * (ind.unit === '%' ? 1.5 : base * 0.03);
      const den = 1000 + Math.floor(rnd() * 20_000);
      for (const year of YEARS) {
        let value = base + slope * (year - 2015) + (rnd() - 0.5) * Math.abs(slope) * 0.5;
        if (ind.unit === '%') value = Math.min(99.9, Math.max(0.1, value));
        if (ind.aggregation === 'sum') value = Math.max(0, Math.round(value));
        if (ind.aggregation === 'ratio') {
          const numerator = Math.round((value / scale) * den * 100) / 100;
          yield { indicator: ind.code, region, year, value: (numerator / den) * scale, numerator, denominator: den };
        } else {
          yield { indicator: ind.code, region, year, value, numerator: null, denominator: null };
        }
      }
    }
  }
}

async function loadSqlite(file: string, rows: Iterable<Row>): Promise<number> {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const insert = raw.prepare(
    `insert into data_values (indicator_code, region_code, year, sex, age_group, area, value, numerator, denominator, source, note, status, version, backfilled, form_id, created_at, updated_at, updated_by, updated_by_name)
     values (?, ?, ?, '', '', '', ?, ?, ?, '示例数据（基准）', null, 'approved', 1, 0, null, ?, ?, null, '基准')`,
  );
  let n = 0;
  let batch: Row[] = [];
  const flush = raw.transaction((part: Row[]) => {
    for (const r of part) insert.run(r.indicator, r.region, r.year, r.value, r.numerator, r.denominator, now, now);
  });
  for (const r of rows) {
    batch.push(r);
    if (batch.length === 50_000) {
      flush(batch);
      n += batch.length;
      batch = [];
    }
  }
  flush(batch);
  n += batch.length;
  raw.exec('analyze');
  raw.close();
  return n;
}

async function loadPostgres(url: string, rows: Iterable<Row>): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date().toISOString();
  let n = 0;
  try {
    let cols: [string[], string[], number[], number[], (number | null)[], (number | null)[]] = [[], [], [], [], [], []];
    const flush = async () => {
      if (cols[0].length === 0) return;
      await client.query(
        `insert into data_values (indicator_code, region_code, year, sex, age_group, area, value, numerator, denominator, source, note, status, version, backfilled, form_id, created_at, updated_at, updated_by, updated_by_name)
         select i, r, y, '', '', '', v, nu, de, '示例数据（基准）', null, 'approved', 1, 0, null, $7, $7, null, '基准'
         from unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[]) as t(i, r, y, v, nu, de)`,
        [...cols, now],
      );
      n += cols[0].length;
      cols = [[], [], [], [], [], []];
    };
    for (const r of rows) {
      cols[0].push(r.indicator);
      cols[1].push(r.region);
      cols[2].push(r.year);
      cols[3].push(r.value);
      cols[4].push(r.numerator);
      cols[5].push(r.denominator);
      if (cols[0].length === 20_000) await flush();
    }
    await flush();
    await client.query('analyze data_values');
  } finally {
    await client.end();
  }
  return n;
}

async function timeRequests(app: Awaited<ReturnType<typeof buildApp>>, cookie: string, url: string, repeat: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    out.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  return out;
}

async function benchOne(dialect: DialectName, url: string, sqliteFile: string | null): Promise<EvaluationBenchFigures> {
  const indicatorCount = envInt('FUER_BENCH_EVAL_INDICATORS', 150);
  const regionCount = envInt('FUER_BENCH_EVAL_REGIONS', 3000);
  const repeat = envInt('FUER_BENCH_EVAL_REPEAT', 1);
  const opened = createDatabase(url);
  const db = opened.db;
  try {
    await bootstrap(db, { regionDepth: 'county' });
    const { indicators, regions } = await extendCatalogue(db, indicatorCount, regionCount);
    let t = performance.now();
    const rows = generateRows(indicators, regions);
    const values = sqliteFile !== null ? await loadSqlite(sqliteFile, rows) : await loadPostgres(url, rows);
    const loadSeconds = (performance.now() - t) / 1000;
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    console.log(`评估基准（${label}）：${indicators.length}个指标 × ${regions.length}个地区 × ${YEARS.length}年 = ${fmtInt(values)}个已审核数值；生成并写入 ${loadSeconds.toFixed(1)} s`);

    // Before: everything computed on read (cache: false), as the evaluation ran before results were stored.
    t = performance.now();
    let evaluation: Awaited<ReturnType<typeof evaluateYear>> | null = await evaluateYear(db, { year: EVAL_YEAR, cache: false });
    const evaluateSeconds = (performance.now() - t) / 1000;
    const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
    const results = evaluation.results.length;
    const byStatus = new Map<string, number>();
    for (const r of evaluation.results) byStatus.set(r.statusLabel, (byStatus.get(r.statusLabel) ?? 0) + 1);
    console.log(
      `  evaluateYear(${EVAL_YEAR}, 不用已存结果)：${fmtInt(results)}项结果（${evaluation.regions.length}个地区，含市级实时汇总；另含性别、城乡差距和区县排名），用时 ${evaluateSeconds.toFixed(1)} s，` +
        `约 ${((evaluateSeconds * 1e6) / results).toFixed(0)} µs/项；结果全部留在内存时堆内存 ${heapMiB.toFixed(0)} MiB`,
    );
    console.log(`    状态分布：${[...byStatus].map(([k, v]) => `${k}${fmtInt(v)}`).join('，')}`);
    evaluation = null; // the dashboard below streams; do not let these results weigh on its garbage collection

    await createUser(db, { username: 'bench-admin', roles: ['admin'], regionCode: CITY_REGION_CODE, password: PASSWORD });
    const app = await buildApp({ db });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench-admin', password: PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'fuer_session');
      if (login.statusCode !== 200 || cookie === undefined) throw new Error(`登录失败：${login.statusCode} ${login.body}`);
      const auth = `fuer_session=${cookie.value}`;
      const show = (xs: number[]) => `中位 ${(median(xs) / 1000).toFixed(2)} s（${xs.map((x) => (x / 1000).toFixed(2)).join(' / ')} s）`;
      const dashboardUrl = `/api/dashboard?year=${EVAL_YEAR}`;
      // Cold: nothing stored yet — the dashboard evaluates every indicator and stores the results.
      await clearStoredEvaluations(db);
      const coldDashboardMs = await timeRequests(app, auth, dashboardUrl, 1);
      console.log(`  GET ${dashboardUrl}（全市及全部${regions.length}个地区，尚无已存结果：计算并存储）：${show(coldDashboardMs)}`);
      const dashboardMs = await timeRequests(app, auth, dashboardUrl, Math.max(3, repeat));
      console.log(`  GET ${dashboardUrl}（全市及全部${regions.length}个地区，读已存结果）：${show(dashboardMs)}`);
      t = performance.now();
      const warm = await evaluateYear(db, { year: EVAL_YEAR });
      const warmSeconds = (performance.now() - t) / 1000;
      console.log(`  evaluateYear(${EVAL_YEAR}, 读已存结果)：${fmtInt(warm.results.length)}项结果，用时 ${warmSeconds.toFixed(1)} s`);
      // One approved value changes (as an approval or an unlock would): only that indicator is evaluated again.
      const county = regions[0]!;
      const changed = await db
        .updateTable('data_values')
        .set((eb) => ({ value: eb('value', '+', 0.5) }))
        .where('indicator_code', '=', 'W1.03')
        .where('region_code', '=', county)
        .where('year', '=', EVAL_YEAR)
        .executeTakeFirst();
      const afterChangeMs = await timeRequests(app, auth, dashboardUrl, 1);
      console.log(`  GET ${dashboardUrl}（${Number(changed.numUpdatedRows)}个已审核数值改动后，重算该指标）：${show(afterChangeMs)}`);
      const countyDashboardMs = await timeRequests(app, auth, `/api/dashboard?year=${EVAL_YEAR}&region=${encodeURIComponent(county)}`, 3);
      const indicatorPageMs = await timeRequests(app, auth, `/api/evaluation/indicators/W1.03?year=${EVAL_YEAR}`, 3);
      console.log(`  GET /api/dashboard?year=${EVAL_YEAR}&region=${county}（一个区县，即时计算）：${show(countyDashboardMs)}`);
      console.log(`  GET /api/evaluation/indicators/W1.03（指标页：序列、区县比较、分组）：${show(indicatorPageMs)}`);
      return {
        dialect, indicators: indicators.length, regions: regions.length, values, loadSeconds, evaluateSeconds, warmEvaluateSeconds: warmSeconds, results, heapMiB,
        coldDashboardMs, dashboardMs, afterChangeMs, countyDashboardMs, indicatorPageMs,
      };
    } finally {
      await app.close();
    }
  } finally {
    await opened.close();
  }
}

/** A throwaway PostgreSQL cluster from test/global-setup.ts (Debian's binaries), or null when there is none. */
async function startPostgres(): Promise<{ url: string; stop: () => void } | null> {
  const setup = await import('../test/global-setup.ts');
  if (setup.findPostgresBin() === null && !process.env.FUER_TEST_POSTGRES_URL) return null;
  let provided: string | null = null;
  const project = { provide: (_key: string, value: string | null) => (provided = value) } as unknown as TestProject;
  const teardown = await setup.default(project);
  if (provided === null) {
    teardown();
    return null;
  }
  const admin = new pg.Client({ connectionString: provided });
  await admin.connect();
  const name = `fuer_bench_eval_${process.pid}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(provided);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () => {
      teardown();
    },
  };
}

/** Runs the benchmark on SQLite and (when available) PostgreSQL, prints the figures, returns them. */
export async function runEvaluationBench(): Promise<EvaluationBenchFigures[]> {
  const dialects = (process.env.FUER_BENCH_EVAL_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  const figures: EvaluationBenchFigures[] = [];
  console.log('== 评估与看板基准（生成的示例数据，非真实数据） ==');
  if (dialects.includes('sqlite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fuer-bench-eval-'));
    const file = path.join(dir, 'bench.db');
    try {
      figures.push(await benchOne('sqlite', `sqlite:${file}`, file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (dialects.includes('postgres')) {
    const cluster = await startPostgres();
    if (cluster === null) {
      console.log('评估基准（PostgreSQL）：未安装 PostgreSQL，跳过');
    } else {
      try {
        figures.push(await benchOne('postgres', cluster.url, null));
      } finally {
        cluster.stop();
      }
    }
  }
  return figures;
}
