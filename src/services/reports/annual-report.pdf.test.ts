import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annualReportDocx } from './annual-report.docx.ts';
import { buildAnnualReport } from './annual-report.service.ts';
import { convertDocxToPdf, keepScreenshots, missingPdfTools, renderPdfPages, useDemoReportFixture } from './docx-pdf.test-support.ts';

const missing = missingPdfTools('Word 报告');

describe.skipIf(missing !== null)('the annual report opens in LibreOffice', () => {
  const fixture = useDemoReportFixture('fuer-report-pdf-');

  it('converts the .docx to PDF and renders its pages to PNG', async () => {
    const report = await buildAnnualReport(fixture.db(), { year: 2024, plan: 'women' });
    const dir = fixture.dir();
    const docx = path.join(dir, 'annual-2024-women.docx');
    writeFileSync(docx, await annualReportDocx(report));
    const { pages, pdf, text } = convertDocxToPdf(docx, dir);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(text).toContain('示例数据');
    expect(text).toContain('总体情况');
    expect(text).toContain('预计难以达标');

    const pngs = renderPdfPages(pdf, dir, 5);
    expect(pngs.length).toBe(5);
    keepScreenshots(pngs, (page) => `r0${page}-annual-report-page${page}.png`);
  }, 240_000);
});
