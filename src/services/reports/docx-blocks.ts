/**
 * Blocks shared by the platform's Word reports (annual monitoring report, evaluation reports): cover page, headings,
 * captions, figures, value texts, and the document around them. The look itself is docx-style.ts.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, TextRun, type FileChild } from 'docx';
import { formatNumber, withUnit } from '../../core/evaluation/format.ts';
import type { ChartOption } from '../../core/reports/chart-options.ts';
import { renderCharts, type RenderedChart } from './chart-render.ts';
import { FONTS, SIZES, body, reportSection, reportStyles } from './docx-style.ts';

/** What the cover, header and document properties say: the report's title, issuer, date and data label. */
export interface ReportMeta {
  title: string;
  issuer: string;
  /** ISO timestamp; the cover shows its year and month. */
  generatedAt: string;
  /** e.g. 示例数据: printed on the cover and in every page's header; null for real data. */
  dataLabel: string | null;
}

/** Text colours of the evaluation statuses in the tables. */
export const STATUS_TEXT_COLORS: Record<string, string> = { achieved: '237804', on_track: '0958D9', at_risk: 'AD6800', off_track: 'C00000' };

export function valueText(unit: string, value: number | null, decimals: number): string {
  return value === null ? '—' : withUnit(formatNumber(value, decimals), unit);
}

/** The value of the report's year, or of an earlier year said so (“（2023年）”) when the year has none. */
export function currentValueText(unit: string, value: number | null, valueYear: number | null, year: number, decimals: number): string {
  return value === null ? '—' : valueText(unit, value, decimals) + (valueYear !== null && valueYear !== year ? `（${valueYear}年）` : '');
}

export const heading1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });

export const heading2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });

/** The caption of a table or figure (表1　…, 图1　…). */
export function caption(text: string): Paragraph {
  return new Paragraph({ style: 'TableCaption', children: [new TextRun(text)] });
}

/**
 * A report's charts, rendered together before the document is built (fonts loaded once): an overview chart if
 * any, and one chart per key (a chapter).
 */
export function renderReportCharts<K>(overview: ChartOption | null, charts: readonly (readonly [K, ChartOption])[]): { overview: RenderedChart | null; byKey: Map<K, RenderedChart> } {
  const rendered = renderCharts([...(overview === null ? [] : [overview]), ...charts.map(([, option]) => option)], 640, 360);
  const offset = overview === null ? 0 : 1;
  return { overview: overview === null ? null : rendered[0]!, byKey: new Map(charts.map(([key], i) => [key, rendered[i + offset]!] as const)) };
}

/** A chart with its caption below. */
export function figure(chart: RenderedChart, title: string): FileChild[] {
  return [
    new Paragraph({ style: 'Figure', children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: 560, height: 315 }, altText: { name: title, title, description: title } })] }),
    caption(title),
  ];
}

/** The cover page (data label and its note, title, issuer, month), then the title again on the first page. */
export function cover(report: ReportMeta): FileChild[] {
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
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
  );
  return blocks;
}

/** The cover, then the first chapter, 一、总体情况, with the overview's paragraphs (the chapters after it are 二、三、…). */
export function coverAndOverview(report: ReportMeta & { overview: { paragraphs: readonly string[] } }): FileChild[] {
  return [...cover(report), heading1('一、总体情况'), ...report.overview.paragraphs.map(body)];
}

/**
 * The .docx bytes of a report: its blocks in the platform's style, with header, footer and document properties
 * (the issuer is the document's author).
 */
export function reportDocx(report: Pick<ReportMeta, 'title' | 'issuer' | 'dataLabel'>, children: FileChild[]): Promise<Buffer> {
  const doc = new Document({
    creator: report.issuer,
    title: report.title,
    description: report.dataLabel === null ? report.title : `${report.title}（${report.dataLabel}）`,
    styles: reportStyles,
    sections: [{ ...reportSection(report.title, report.dataLabel), children }],
  });
  return Packer.toBuffer(doc);
}
