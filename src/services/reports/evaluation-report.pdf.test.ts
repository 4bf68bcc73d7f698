import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationReportDocx } from './evaluation-report.docx.ts';
import { buildEvaluationReport } from './evaluation-report.service.ts';
import { convertDocxToPdf, keepScreenshots, missingPdfTools, renderPdfPages, useDemoReportFixture } from './docx-pdf.test-support.ts';

const missing = missingPdfTools('评估报告');

describe.skipIf(missing !== null)('the mid-term evaluation report opens in LibreOffice', () => {
  const fixture = useDemoReportFixture('fuer-evaluation-pdf-');

  it('converts the .docx to PDF and renders its pages to PNG', async () => {
    const report = await buildEvaluationReport(fixture.db(), { kind: 'midterm', year: 2023, plan: 'women' });
    const dir = fixture.dir();
    const docx = path.join(dir, 'midterm-2023-women.docx');
    writeFileSync(docx, await evaluationReportDocx(report, { problems: '一是部分指标监测数据不全，数据不足的目标较多。\n二是孕产妇死亡率下降速度低于规划要求。' }));
    const { pages, pdf, text } = convertDocxToPdf(docx, dir);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(text).toContain('示例数据');
    expect(text).toContain('中期评估报告');
    expect(text).toContain('总体情况');
    expect(text).toContain('达标有风险');
    expect(text).toContain('无量化目标的主要目标进展');
    expect(text).toContain('孕产妇死亡率下降速度低于规划要求');
    expect(text).toContain('（待撰写）');

    const pngs = renderPdfPages(pdf, dir, 5);
    expect(pngs.length).toBe(5);
    keepScreenshots(pngs, (page) => `r1${page}-midterm-report-page${page}.png`);
  }, 300_000);
});
