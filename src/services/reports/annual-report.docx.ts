import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, TextRun, type FileChild } from 'docx';
import { formatNumber, withUnit } from '../../core/evaluation/format.ts';
import { chineseNumeral } from '../../core/reports/annual-report.compose.ts';
import { decimalsFor } from '../../core/reports/change-text.ts';
import { sectionParagraphs } from '../../core/reports/evaluation-report.compose.ts';
import { PENDING_SECTION_TEXT } from '../../core/reports/evaluation-report.types.ts';
import { chapterTrendChart, statusByDomainChart, type ChartOption } from '../../core/reports/chart-options.ts';
import type { AnnualReport, ReportChapter, ReportIndicatorRow } from '../../core/reports/report.types.ts';
import { renderCharts, type RenderedChart } from './chart-render.ts';
import { FONTS, SIZES, body, dataTable, reportSection, reportStyles, type TableColumn } from './docx-style.ts';

const STATUS_TEXT_COLORS: Record<string, string> = { achieved: '237804', on_track: '0958D9', at_risk: 'AD6800', off_track: 'C00000' };

function valueText(row: Pick<ReportIndicatorRow, 'unit'>, value: number | null, decimals: number): string {
  return value === null ? '—' : withUnit(formatNumber(value, decimals), row.unit);
}

/** The cells of one row of an indicator table: 指标, 上年, 本年, 规划目标, 评估结果. */
export function indicatorCells(year: number, row: ReportIndicatorRow): string[] {
  const d = decimalsFor(row.value, row.previous);
  const current = row.value === null ? '—' : valueText(row, row.value, d) + (row.valueYear !== null && row.valueYear !== year ? `（${row.valueYear}年）` : '');
  return [row.indicatorName, valueText(row, row.previous, d), current, row.targetText, row.statusLabel];
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

/** The report's charts, rendered together (fonts loaded once) before the document is built. */
interface ReportCharts {
  overview: RenderedChart | null;
  trends: Map<ReportChapter, RenderedChart>;
}

function renderReportCharts(report: AnnualReport): ReportCharts {
  const options: ChartOption[] = [];
  const hasOverview = report.chapters.some((c) => c.tally.total > 0);
  if (hasOverview) options.push(statusByDomainChart('各领域目标评估结果', report.chapters.map((c) => ({ title: c.title, tally: c.tally }))));
  const withTrend: ReportChapter[] = [];
  for (const c of report.chapters) {
    const trend = chapterTrendChart(c);
    if (trend !== null) {
      options.push(trend);
      withTrend.push(c);
    }
  }
  const rendered = renderCharts(options, 640, 360);
  const offset = hasOverview ? 1 : 0;
  return { overview: hasOverview ? rendered[0]! : null, trends: new Map(withTrend.map((c, i) => [c, rendered[i + offset]!] as const)) };
}

function figure(chart: RenderedChart, caption: string): FileChild[] {
  return [
    new Paragraph({ style: 'Figure', children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: 560, height: 315 }, altText: { name: caption, title: caption, description: caption } })] }),
    new Paragraph({ style: 'TableCaption', children: [new TextRun(caption)] }),
  ];
}

function chapterBlocks(report: AnnualReport, chapter: ReportChapter, counter: { table: number; figure: number }, trend: RenderedChart | undefined): FileChild[] {
  const blocks: FileChild[] = [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(chapter.heading)] })];
  blocks.push(...chapter.paragraphs.map(body));
  if (trend !== undefined) blocks.push(...figure(trend, `图${++counter.figure}　${chapter.title}领域主要指标变化`));
  if (chapter.rows.length > 0) {
    blocks.push(new Paragraph({ style: 'TableCaption', children: [new TextRun(`表${++counter.table}　${chapter.title}领域主要指标监测情况`)] }));
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

function cover(report: AnnualReport): FileChild[] {
  const blocks: FileChild[] = [new Paragraph({ spacing: { before: 2400 }, children: [] })];
  if (report.dataLabel !== null) {
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 480 },
        children: [new TextRun({ text: `【${report.dataLabel}】`, font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.heading1 }, size: 48, color: 'C00000', bold: true })],
      }),
    );
    blocks.push(body('本报告由平台示例数据生成，数字不代表真实统计结果，仅供演示和测试使用。'));
  }
  blocks.push(new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 1200 }, children: [new TextRun(report.title)] }));
  blocks.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2400 }, children: [new TextRun({ text: report.issuer, size: SIZES.body })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${report.generatedAt.slice(0, 4)}年${Number(report.generatedAt.slice(5, 7))}月`, size: SIZES.body })] }),
    new Paragraph({ children: [new PageBreak()] }),
  );
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
  const charts = renderReportCharts(report);
  const children: FileChild[] = [...cover(report)];
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }));
  let section = 0;
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${chineseNumeral(++section)}、总体情况`)] }));
  children.push(...report.overview.paragraphs.map(body));
  const plans = [...new Set(report.chapters.map((c) => c.planTitle))];
  if (charts.overview !== null) children.push(...figure(charts.overview, `图${++counter.figure}　各领域目标评估结果`));
  for (const planTitle of plans) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${chineseNumeral(++section)}、《${planTitle}》实施情况`)] }));
    for (const chapter of report.chapters.filter((c) => c.planTitle === planTitle)) children.push(...chapterBlocks(report, chapter, counter, charts.trends.get(chapter)));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${chineseNumeral(++section)}、监测预警`)] }));
  if (report.warnings.length === 0) {
    children.push(body(`${report.year}年未产生监测预警。`));
  } else {
    children.push(body(`对预计达标困难、波动较大的监测指标，${report.year}年发出预警如下，请责任单位认真分析原因，提出对策建议并抓好整改落实。`));
    children.push(new Paragraph({ style: 'TableCaption', children: [new TextRun(`表${++counter.table}　${report.year}年监测预警`)] }));
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
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${chineseNumeral(++section)}、${spec.title}`)] }));
    children.push(...paragraphs.map(body));
  }

  const doc = new Document({
    creator: report.issuer,
    title: report.title,
    description: report.dataLabel === null ? report.title : `${report.title}（${report.dataLabel}）`,
    styles: reportStyles,
    sections: [{ ...reportSection(report.title, report.dataLabel), children }],
  });
  return Packer.toBuffer(doc);
}
