import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { AnnualReport, ReportIndicatorRow } from '../../core/reports/report.types.ts';
import { IS_DEMO_KEY, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import { evaluateYear } from '../evaluation/evaluate-year.service.ts';
import { BOSHAN, ZIBO } from '../evaluation/evaluation.test-support.ts';
import { annualReportDocx } from './annual-report.docx.ts';
import { buildAnnualReport } from './annual-report.service.ts';
import { docxParagraphs, expectReportFrame, readDocx, seedReportYear } from './report.test-support.ts';

const rowOf = (report: AnnualReport, code: string): ReportIndicatorRow => {
  const rows = report.chapters.flatMap((c) => c.rows).filter((r) => r.indicatorCode === code);
  expect(rows.length, code).toBeGreaterThan(0);
  return rows[0]!;
};

forEachDialect('annual statistical monitoring report', (getDb) => {
  let women: AnnualReport;

  beforeAll(async () => {
    await seedReportYear(getDb());
    women = await buildAnnualReport(getDb(), { year: 2024, plan: 'women' });
  });

  it('writes each indicator from the approved values and the evaluation', async () => {
    expect(women.title).toBe('淄博市2024年妇女发展规划统计监测报告');
    expect(women.demo).toBe(false);
    const w103 = rowOf(women, 'W1.03');
    expect(w103).toMatchObject({ value: 9.1, previous: 9.3, valueYear: 2024, status: 'off_track', statusLabel: '预计难以达标' });
    expect(w103.sentence).toBe('2024年，全市孕产妇死亡率为9.1/10万，比上年下降0.2个十万分点，与规划目标差距较大，按现有进度预计难以如期实现。');
    expect(rowOf(women, 'W1.04').sentence).toBe('2024年，全市妇女常见病筛查率为86%，比上年提高1.5个百分点，优于规划目标。');
    // 70.73% is the counties' roll-up (no city value reported): it is the city's value in the report.
    expect(rowOf(women, 'W1.17').value).toBeCloseTo(70.727, 2);
    expect(rowOf(women, 'W1.17').status).toBe('achieved');
  });

  it('counts the same statuses as the evaluation, overall and per domain', async () => {
    const evaluation = (await evaluateYear(getDb(), { year: 2024, regionCode: ZIBO, planKind: 'women', details: false })).results;
    expect(women.overview.tally.total).toBe(evaluation.length);
    for (const status of ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'] as const) {
      expect(women.overview.tally[status], status).toBe(evaluation.filter((r) => r.status === status).length);
    }
    const health = women.chapters.find((c) => c.domainOrd === 1)!;
    expect(health.tally.total).toBe(evaluation.filter((r) => r.domainOrd === 1).length);
    expect(women.chapters.every((c) => c.planKind === 'women')).toBe(true);
    expect(women.overview.paragraphs[1]).toContain(`纳入监测评估的${evaluation.length}项目标中，已达标${women.overview.tally.achieved}项`);
  });

  it("lists the year's warnings of the plan", () => {
    const w = women.warnings.find((x) => x.indicatorCode === 'W1.03');
    expect(w).toBeDefined();
    expect(women.warnings.some((x) => x.indicatorCode.startsWith('C'))).toBe(false);
    expect(women.overview.paragraphs.at(-1)).toContain(`共发出监测预警${women.warnings.length}项`);
  });

  it('covers both plans, and one county', async () => {
    const all = await buildAnnualReport(getDb(), { year: 2024, plan: 'all' });
    expect(all.title).toBe('淄博市2024年妇女儿童发展规划统计监测报告');
    expect(new Set(all.chapters.map((c) => c.planKind))).toEqual(new Set(['women', 'children']));
    expect(all.chapters[0]!.planKind).toBe('women');
    expect(rowOf(all, 'C1.11')).toMatchObject({ value: 25, previous: 32, status: 'achieved' });
    expect(rowOf(all, 'C1.11').sentence).toContain('比上年下降7个百分点');
    const boshan = await buildAnnualReport(getDb(), { year: 2024, plan: 'women', regionCode: BOSHAN });
    expect(boshan.regionName).toBe('博山区');
    expect(rowOf(boshan, 'W1.17')).toMatchObject({ value: 58, previous: 56, status: 'off_track' });
    expect(rowOf(boshan, 'W1.17').sentence).toMatch(/^2024年，博山区.+为58%，比上年提高2个百分点，与规划目标差距较大/);
    expect(boshan.warnings.every((w) => w.regionName === '博山区')).toBe(true);
  });

  it('writes the Word document: headings, tables, charts, fonts, page numbers', async () => {
    const { parts, media } = await readDocx(await annualReportDocx(women));
    const doc = parts.get('word/document.xml')!;
    const text = docxParagraphs(doc);
    expect(text).toContain('一、总体情况');
    expect(women.chapters[0]!.planTitle).toBe('淄博市“十四五”妇女发展规划');
    expect(text).toContain('二、《淄博市“十四五”妇女发展规划》实施情况');
    expect(text.some((t) => /^（一）/.test(t))).toBe(true);
    expect(text).toContain(rowOf(women, 'W1.03').sentence);
    expect(text).toContain('三、监测预警');
    // The table row of W1.03: name, last year, this year, target, status.
    const i = text.indexOf('孕产妇死亡率');
    expect(text.slice(i, i + 5)).toEqual(['孕产妇死亡率', '9.3/10万', '9.1/10万', rowOf(women, 'W1.03').targetText, '预计难以达标']);
    expect(doc).toContain('w:tblHeader');
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(media.length).toBeGreaterThanOrEqual(2);
    expectReportFrame(parts, false);
    expect(doc).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
  });

  it('says 示例数据 on the cover and every page of a demo database', async () => {
    await setMetadata(getDb(), IS_DEMO_KEY, '1');
    const demo = await buildAnnualReport(getDb(), { year: 2024, plan: 'children' });
    expect(demo.dataLabel).toBe('示例数据');
    const { parts } = await readDocx(await annualReportDocx(demo));
    expect(docxParagraphs(parts.get('word/document.xml')!)[0]).toBe('【示例数据】');
    expectReportFrame(parts, true);
    await setMetadata(getDb(), IS_DEMO_KEY, '0');
  });
});
