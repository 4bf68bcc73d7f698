/**
 * `npm run bench`: import throughput of 1,000,000 generated data values (示例数据) into SQLite and into
 * PostgreSQL through the real import path, and the city roll-up time for all indicators over 11 counties and
 * zones × 10 years. PostgreSQL is skipped with a message when it is not installed.
 * BENCH_VALUES=… changes the number of values (default 1,000,000).
 * Part `bundle`: the gzipped size of the web front end's first load (web/scripts/bundle-figures.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { readCatalogueFile } from '../src/services/catalogue-import.service.ts';
import { POSTGRES_SKIP_MESSAGE } from '../test/global-setup.ts';
import { runEvaluationBench } from './evaluation.bench.ts';
import { runReportBench } from './report.bench.ts';
import { runBundleBench } from '../web/scripts/bundle-figures.ts';
import { BENCH_YEARS, benchImport, benchRegionOrder, benchRollUp, seedBenchDatabase } from './data-import.bench.ts';
import type { ImportFigures, RollUpFigures } from './data-import.bench.ts';
import { postgresDatabase, sqliteDatabase, startPostgres } from './databases.ts';
import type { BenchDatabase } from './databases.ts';
import { generateDataCsv } from './generate-data-csv.ts';

const VALUES = Number(process.env.BENCH_VALUES ?? 1_000_000);
const TARGET_PER_SECOND = 100_000;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Run {
  dialect: string;
  import: ImportFigures;
  rollUp: RollUpFigures;
}

async function runOn(dialect: string, open: () => Promise<BenchDatabase>, file: string): Promise<Run> {
  const bench = await open();
  try {
    const db = bench.opened.db;
    const t = performance.now();
    await seedBenchDatabase(db);
    say(`[${dialect}] 区划与指标目录已载入（${((performance.now() - t) / 1000).toFixed(1)} 秒）`);
    const figures = await benchImport(db, file);
    say(
      `[${dialect}] 导入 ${int(figures.values)} 个数值：${figures.seconds.toFixed(1)} 秒（读取校验 ${figures.parseSeconds.toFixed(1)} 秒，` +
        `写入 ${figures.writeSeconds.toFixed(1)} 秒；进程 CPU ${figures.cpuSeconds.toFixed(1)} 秒），${int(figures.perSecond)} 个/秒；data_values ${int(figures.rows)} 行，audit_log ${int(figures.auditRows)} 行`,
    );
    const rollUp = await benchRollUp(db);
    say(
      `[${dialect}] 市级汇总：${rollUp.indicators} 个指标 × ${rollUp.children} 个区县 × ${rollUp.years} 年，${int(rollUp.cells)} 个单元格` +
        `（${int(rollUp.complete)} 个完整汇总），用时 ${rollUp.seconds.toFixed(2)} 秒（每年 ${((rollUp.seconds / rollUp.years) * 1000).toFixed(0)} 毫秒）`,
    );
    return { dialect, import: figures, rollUp };
  } finally {
    await bench.drop();
  }
}

/** Generates the CSV into `file`, with the regions of a seeded (throwaway) database. */
async function generate(file: string): Promise<void> {
  const probe = await sqliteDatabase();
  try {
    await seedBenchDatabase(probe.opened.db);
    const t = performance.now();
    const result = await generateDataCsv(file, {
      indicators: readCatalogueFile(),
      regionCodes: await benchRegionOrder(probe.opened.db),
      years: BENCH_YEARS,
      values: VALUES,
    });
    say(
      `已生成 ${path.basename(file)}：${int(result.values)} 个数值，${result.regions.length} 个地区，` +
        `${(result.bytes / 1024 / 1024).toFixed(1)} MB（${((performance.now() - t) / 1000).toFixed(1)} 秒）`,
    );
  } finally {
    await probe.drop();
  }
}

async function main(): Promise<void> {
  say(`监测数据导入基准：${int(VALUES)} 个示例数值（合成数据，非真实统计数字），${BENCH_YEARS[0]}—${BENCH_YEARS[BENCH_YEARS.length - 1]}年`);
  say(`Node ${process.version}，${process.platform}/${process.arch}，堆上限 ${Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024)} MB`);
  const dir = mkdtempSync(path.join(tmpdir(), 'fuer-bench-'));
  const file = path.join(dir, `示例数据-监测数值-${VALUES}.csv`);
  const runs: Run[] = [];
  try {
    await generate(file);
    runs.push(await runOn('SQLite', sqliteDatabase, file));
    const cluster = await startPostgres();
    if (cluster === null) {
      say(`[PostgreSQL] ${POSTGRES_SKIP_MESSAGE.replace('存储测试', '基准')}`);
    } else {
      try {
        runs.push(await runOn('PostgreSQL', () => postgresDatabase(cluster), file));
      } finally {
        cluster.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  say('');
  say('| 数据库 | 数值 | 导入用时 | 其中读取校验 | 其中写入 | 个/秒 | 市级汇总（104个指标×11区县×10年） |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    say(
      `| ${r.dialect} | ${int(r.import.values)} | ${r.import.seconds.toFixed(1)} 秒 | ${r.import.parseSeconds.toFixed(1)} 秒 | ${r.import.writeSeconds.toFixed(1)} 秒 | ${int(r.import.perSecond)} | ${r.rollUp.seconds.toFixed(2)} 秒 |`,
    );
  }
  const sqlite = runs.find((r) => r.dialect === 'SQLite');
  if (sqlite !== undefined) {
    const met = sqlite.import.perSecond >= TARGET_PER_SECOND;
    say(`SQLite 目标 ≥${int(TARGET_PER_SECOND)} 个/秒：${met ? '达到' : '未达到'}（${int(sqlite.import.perSecond)} 个/秒，含每个数值修改前后的审计记录）`);
  }
}

// `npm run bench -- import` (or evaluation, report, bundle, several at once): only those parts; none named runs all.
const parts = new Set(process.argv.slice(2));
const wants = (part: 'import' | 'evaluation' | 'report' | 'bundle') => parts.size === 0 || parts.has(part);

if (wants('import')) await main();

// Evaluation and dashboard at province scale (150 indicators × 3,000 regions × 10 years).
if (wants('evaluation')) {
  say('');
  await runEvaluationBench();
}

// The annual report for both plans, for the city and every county.
if (wants('report')) {
  say('');
  await runReportBench();
}

// The web front end's first load: what index.html loads, gzipped (builds into a temporary folder first).
if (wants('bundle')) {
  say('');
  runBundleBench(say);
}
