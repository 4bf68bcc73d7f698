import type { FileChild } from 'docx';
import { chineseNumeral } from '../../core/reports/annual-report.compose.ts';
import { decimalsFor } from '../../core/reports/change-text.ts';
import { sectionParagraphs } from '../../core/reports/evaluation-report.compose.ts';
import { PENDING_SECTION_TEXT } from '../../core/reports/evaluation-report.types.ts';
import { chapterTrendChart, statusByDomainChart } from '../../core/reports/chart-options.ts';
import type { AnnualReport, ReportChapter, ReportIndicatorRow } from '../../core/reports/report.types.ts';
import type { RenderedChart } from './chart-render.ts';
import { STATUS_TEXT_COLORS, caption, coverAndOverview, currentValueText, figure, heading1, heading2, renderReportCharts, reportDocx, valueText } from './docx-blocks.ts';
import { body, dataTable, type TableColumn } from './docx-style.ts';

/** The cells of one row of an indicator table: 指标, 上年, 本年, 规划目标, 评估结果. */
export function indicatorCells(year: number, row: ReportIndicatorRow): string[] {
  const d = decimalsFor(row.value, row.previous);
  const current = currentValueText(row.unit, row.value, row.valueYear, year, d);
  return [row.indicatorName, valueText(row.unit, row.previous, d), current, row.targetText, row.statusLabel];
}

export function indicatorColumns(year: number): TableColumn[] {
  return [
    { title: '指标', width: 30 },
    { title: `${year - 1}年`, width: 13, align: 'center' },
    { title: `${year}年`, width: 15, align: 'center' },
    { title: '规划目标', width: 27 },
    { title: '评估结果', width: 15, align: 'center' },
  ];
}

/** The overview (targets of each domain by status) and, per domain with one, its main indicators' trend. */
function chartsOf(report: AnnualReport) {
  const overview = report.chapters.some((c) => c.tally.total > 0) ? statusByDomainChart('各领域目标评估结果', report.chapters.map((c) => ({ title: c.title, tally: c.tally }))) : null;
  const trends = report.chapters.flatMap((c) => {
    const trend = chapterTrendChart(c);
    return trend === null ? [] : [[c, trend] as const];
  });
  return renderReportCharts(overview, trends);
}

function chapterBlocks(report: AnnualReport, chapter: ReportChapter, counter: { table: number; figure: number }, trend: RenderedChart | undefined): FileChild[] {
  const blocks: FileChild[] = [heading2(chapter.heading)];
  blocks.push(...chapter.paragraphs.map(body));
  if (trend !== undefined) blocks.push(...figure(trend, `图${++counter.figure}　${chapter.title}领域主要指标变化`));
  if (chapter.rows.length > 0) {
    blocks.push(caption(`表${++counter.table}　${chapter.title}领域主要指标监测情况`));
    blocks.push(
      dataTable(
        indicatorColumns(report.year),
        chapter.rows.map((r) => indicatorCells(report.year, r)),
        (i, j) => (j === 4 ? STATUS_TEXT_COLORS[chapter.rows[i]!.status] : undefined),
      ),
    );
  }
  return blocks;
}

/** The texts the office may add to an annual report (keys of the stored `sections`), printed after the warnings. */
export const ANNUAL_REPORT_SECTIONS = [
  { key: 'problems', title: '存在的主要问题' },
  { key: 'recommendations', title: '对策建议' },
] as const;

/**
 * The annual statistical monitoring report as a Word document (.docx bytes); `sections` are the office's texts
 * (problems, recommendations), each a chapter after the warnings when written.
 */
export async function annualReportDocx(report: AnnualReport, sections: Readonly<Record<string, string>> = {}): Promise<Buffer> {
  const counter = { table: 0, figure: 0 };
  const charts = chartsOf(report);
  const children = coverAndOverview(report);
  let section = 1;
  const plans = [...new Set(report.chapters.map((c) => c.planTitle))];
  if (charts.overview !== null) children.push(...figure(charts.overview, `图${++counter.figure}　各领域目标评估结果`));
  for (const planTitle of plans) {
    children.push(heading1(`${chineseNumeral(++section)}、《${planTitle}》实施情况`));
    for (const chapter of report.chapters.filter((c) => c.planTitle === planTitle)) children.push(...chapterBlocks(report, chapter, counter, charts.byKey.get(chapter)));
  }
  children.push(heading1(`${chineseNumeral(++section)}、监测预警`));
  if (report.warnings.length === 0) {
    children.push(body(`${report.year}年未产生监测预警。`));
  } else {
    children.push(body(`对预计达标困难、波动较大的监测指标，${report.year}年发出预警如下，请责任单位认真分析原因，提出对策建议并抓好整改落实。`));
    children.push(caption(`表${++counter.table}　${report.year}年监测预警`));
    children.push(
      dataTable(
        [
          { title: '指标', width: 22 },
          { title: '地区', width: 12, align: 'center' },
          { title: '预警级别', width: 12, align: 'center' },
          { title: '预警类型', width: 14, align: 'center' },
          { title: '说明', width: 40 },
        ],
        report.warnings.map((w) => [w.indicatorName, w.regionName, w.levelLabel, w.kindLabel, w.reason]),
        (i, j) => (j === 2 ? (report.warnings[i]!.level === 'red' ? 'C00000' : 'AD6800') : undefined),
      ),
    );
  }
  for (const spec of ANNUAL_REPORT_SECTIONS) {
    const paragraphs = sectionParagraphs(sections[spec.key]).filter((p) => p !== PENDING_SECTION_TEXT);
    if (paragraphs.length === 0) continue;
    children.push(heading1(`${chineseNumeral(++section)}、${spec.title}`));
    children.push(...paragraphs.map(body));
  }

  return reportDocx(report, children);
}
