/**
 * Report generation on a database filled with generated 示例数据 (fuer demo), on SQLite: the annual statistical
 * monitoring report for both plans (plan 'all'), as Word, for the city and every county and zone; the city's
 * mid-term evaluation report (2023, both plans) as Word; one department's annual report (落实情况) as Word.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CITY_REGION_CODE } from '../src/core/access/actor.types.ts';
import { fillDemoDatabase } from '../src/services/evaluation/demo.service.ts';
import { annualReportDocx } from '../src/services/reports/annual-report.docx.ts';
import { buildAnnualReport } from '../src/services/reports/annual-report.service.ts';
import { evaluationReportDocx } from '../src/services/reports/evaluation-report.docx.ts';
import { buildEvaluationReport } from '../src/services/reports/evaluation-report.service.ts';
import { CLI_SYSTEM_ACTOR } from '../src/services/exchange/system-actor.ts';
import { exportUnitReportDocx } from '../src/services/unit-reports/unit-report-export.service.ts';
import { openRound } from '../src/services/unit-reports/unit-report-round.service.ts';
import { listItems, updateItem, updateUnitReportRow } from '../src/storage/repositories/unit-report.repository.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../src/storage/schema.ts';
import { createDatabase } from '../src/storage/database.ts';
import { listRegions } from '../src/storage/repositories/region.repository.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(2)} 秒`;

/** The city's mid-term evaluation report (2023, both plans): compiling it, then writing the Word file with its charts. */
async function benchMidterm(db: Kysely<Database>): Promise<void> {
  const t0 = performance.now();
  const report = await buildEvaluationReport(db, { kind: 'midterm', year: 2023, plan: 'all' });
  const t1 = performance.now();
  const docx = await evaluationReportDocx(report);
  const t2 = performance.now();
  say(`中期评估报告（2023年，两部规划，淄博市）：汇编数据与评估 ${seconds(t0, t1)}，生成 Word（含图表）${seconds(t1, t2)}，${Math.round(docx.length / 1024)} KB`);
}

/** One department's annual report (the one with most goals, every text filled in) as Word, through the export path. */
async function benchUnitReport(db: Kysely<Database>, year: number): Promise<void> {
  const overview = await openRound(db, CLI_SYSTEM_ACTOR, { year, kind: 'annual', dueDate: `${year + 1}-03-31`, includeCounties: false });
  const departments = overview.units.filter((u) => u.unitKind === 'department').sort((a, b) => b.itemCount - a.itemCount);
  const unit = departments[0];
  if (unit === undefined) {
    say('部门年度报告：没有责任部门，跳过');
    return;
  }
  const paragraph = '围绕规划目标，制定年度工作要点，完善部门协作机制，加强督导检查，各项工作有序推进。'.repeat(4);
  await updateUnitReportRow(db, unit.id, ['draft'], { overview: `${paragraph}\n${paragraph}`, problems: paragraph, next_plan: `${paragraph}\n${paragraph}` });
  for (const item of await listItems(db, [unit.id])) await updateItem(db, item.id, { progress: 'in_progress', done: paragraph, problems: paragraph.slice(0, 40), next_plan: paragraph.slice(0, 60) });
  const t0 = performance.now();
  const exported = await exportUnitReportDocx(db, CLI_SYSTEM_ACTOR, unit.id);
  const t1 = performance.now();
  say(`部门年度报告 Word（${unit.unitName}，${exported.report.items.length} 个目标，全部填写）：${seconds(t0, t1)}，${Math.round(exported.bytes.length / 1024)} KB`);
}

export async function runReportBench(year = 2024): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fuer-report-bench-'));
  const opened = createDatabase(`sqlite:${path.join(dir, 'demo.db')}`);
  try {
    say(`年度统计监测报告生成基准：${year}年，两部规划，示例数据（fuer demo 生成，非真实统计数字），SQLite`);
    await fillDemoDatabase(opened.db, { warnings: true });
    const counties = await listRegions(opened.db, { parentCode: CITY_REGION_CODE, at: `${year}-12-31` });
    const regions = [CITY_REGION_CODE, ...counties.map((r) => r.code)];
    const started = performance.now();
    const rows: string[] = [];
    for (const regionCode of regions) {
      const t0 = performance.now();
      const report = await buildAnnualReport(opened.db, { year, plan: 'all', regionCode });
      const t1 = performance.now();
      const docx = await annualReportDocx(report);
      const t2 = performance.now();
      const name = regionCode === CITY_REGION_CODE ? '淄博市' : (counties.find((c) => c.code === regionCode)?.name ?? regionCode);
      rows.push(`| ${name} | ${((t1 - t0) / 1000).toFixed(2)} 秒 | ${((t2 - t1) / 1000).toFixed(2)} 秒 | ${Math.round(docx.length / 1024)} KB |`);
    }
    const total = (performance.now() - started) / 1000;
    say('| 地区 | 汇编数据与评估 | 生成 Word（含图表） | 文件大小 |');
    say('| --- | ---: | ---: | ---: |');
    for (const row of rows) say(row);
    say(`合计 ${regions.length} 份报告：${total.toFixed(1)} 秒（平均每份 ${(total / regions.length).toFixed(1)} 秒）`);
    await benchMidterm(opened.db);
    await benchUnitReport(opened.db, year);
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
