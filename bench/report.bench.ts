/**
 * Annual report generation: the annual statistical monitoring report for both plans (plan 'all'), as Word, for the
 * city and every county and zone, on a database filled with generated 示例数据 (fuer demo), on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CITY_REGION_CODE } from '../src/core/access/actor.types.ts';
import { fillDemoDatabase } from '../src/services/evaluation/demo.service.ts';
import { annualReportDocx } from '../src/services/reports/annual-report.docx.ts';
import { buildAnnualReport } from '../src/services/reports/annual-report.service.ts';
import { createDatabase } from '../src/storage/database.ts';
import { listRegions } from '../src/storage/repositories/region.repository.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

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
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
