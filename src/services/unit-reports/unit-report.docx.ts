import { AlignmentType, HeadingLevel, Paragraph, TextRun, type FileChild } from 'docx';
import { caption, heading1, heading2, reportDocx } from '../reports/docx-blocks.ts';
import { body, dataTable, FONTS, SIZES } from '../reports/docx-style.ts';
import type { UnitReportDetail, UnitReportItemView } from './unit-report.contract.ts';

/**
 * A department's or county's report (年度落实情况和下一年工作安排, 中期/终期自评) as a Word document in the
 * government-document style of the statistical reports: title, unit, year, status and version, then
 * 一、总体情况 二、目标任务落实情况 三、存在的问题 四、下一年工作安排, and the attachments by name.
 */

export interface UnitReportDocxOptions {
  /** Domain titles keyed `${plan}|${domainOrd}` (e.g. `women|1` → 妇女与健康); the domain number alone where missing. */
  domainTitles?: ReadonlyMap<string, string>;
  /** e.g. 示例数据: printed under the title and in every page's header; null for real data. */
  dataLabel: string | null;
}

const NOT_FILLED = '（未填写）';
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 20 → 二十 (enough for the goals of one domain). */
export function cnOrdinal(n: number): string {
  if (n <= 10) return CN_NUMERALS[n - 1] ?? String(n);
  if (n < 20) return `十${CN_NUMERALS[n - 11] ?? ''}`;
  if (n < 100) return `${CN_NUMERALS[Math.floor(n / 10) - 1] ?? ''}十${n % 10 === 0 ? '' : (CN_NUMERALS[(n % 10) - 1] ?? '')}`;
  return String(n);
}

const centered = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size: SIZES.body })] });
const labelled = (label: string, text: string) => new Paragraph({ style: 'BodyText', children: [new TextRun({ text: `${label}：`, bold: true }), new TextRun(text)] });

/** A free text as body paragraphs, one per line; 「（未填写）」 when empty. */
export function textParagraphs(text: string): Paragraph[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return (lines.length === 0 ? [NOT_FILLED] : lines).map(body);
}

const oneLine = (text: string) => text.trim().replace(/\s*\r?\n\s*/g, ' ') || NOT_FILLED;

export function domainLabel(item: Pick<UnitReportItemView, 'plan' | 'planLabel' | 'domain'>, titles?: ReadonlyMap<string, string>): string {
  const title = titles?.get(`${item.plan}|${item.domain}`);
  return `${item.planLabel}规划·${title ?? `第${item.domain}领域`}`;
}

/** The status line: 状态、版本、发布日期. */
export function statusLine(r: Pick<UnitReportDetail, 'statusLabel' | 'version' | 'publishedAt' | 'approvedAt'>): string {
  const parts = [`状态：${r.statusLabel}`, `第${r.version}版`];
  if (r.publishedAt !== null) parts.push(`发布日期：${r.publishedAt.slice(0, 10)}`);
  else if (r.approvedAt !== null) parts.push(`审定日期：${r.approvedAt.slice(0, 10)}`);
  return parts.join('　　');
}

export function nextPlanHeading(r: Pick<UnitReportDetail, 'kind' | 'year'>): string {
  return r.kind === 'annual' ? `四、${r.year + 1}年工作安排` : '四、下一步工作安排';
}

function goalBlocks(items: readonly UnitReportItemView[], titles: ReadonlyMap<string, string> | undefined): FileChild[] {
  if (items.length === 0) return [body('本单位在本报告中没有牵头或参与的目标。')];
  const blocks: FileChild[] = [
    caption('表1　目标任务落实情况一览'),
    dataTable(
      [
        { title: '序号', width: 7, align: 'center' },
        { title: '规划领域', width: 21 },
        { title: '主要目标', width: 46 },
        { title: '职责', width: 10, align: 'center' },
        { title: '进展', width: 16, align: 'center' },
      ],
      items.map((i, n) => [String(n + 1), domainLabel(i, titles), `${i.goal}. ${i.goalText}`, i.roleLabel, i.progressLabel ?? '未评估']),
    ),
  ];
  items.forEach((i, n) => {
    blocks.push(heading2(`（${cnOrdinal(n + 1)}）${domainLabel(i, titles)}目标${i.goal}`));
    blocks.push(labelled('主要目标', i.goalText));
    blocks.push(labelled('职责', i.roleLabel));
    blocks.push(labelled('进展', i.progressLabel ?? '未评估'));
    blocks.push(labelled('工作落实情况', oneLine(i.done)));
    if (i.problems.trim() !== '') blocks.push(labelled('存在问题', oneLine(i.problems)));
    if (i.nextPlan.trim() !== '') blocks.push(labelled('下一步安排', oneLine(i.nextPlan)));
  });
  return blocks;
}

/** The blocks of the document, in order (exported for tests and for whoever embeds a unit report elsewhere). */
export function unitReportBlocks(r: UnitReportDetail, options: UnitReportDocxOptions): FileChild[] {
  const blocks: FileChild[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.title)] })];
  if (options.dataLabel !== null) {
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `【${options.dataLabel}】`, font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.heading1 }, size: SIZES.heading, color: 'C00000', bold: true })],
      }),
    );
  }
  blocks.push(centered(`报告单位：${r.unitName}　　报告年度：${r.year}年`));
  blocks.push(centered(statusLine(r)));
  if (r.correctionNote !== null) blocks.push(labelled('更正说明', `本报告为第${r.version}版，${r.correctionNote.trim()}`));
  if (options.dataLabel !== null) blocks.push(body('本报告所在平台使用示例数据，内容仅供演示和测试使用。'));

  blocks.push(heading1('一、总体情况'), ...textParagraphs(r.overview));
  blocks.push(heading1('二、目标任务落实情况'), ...goalBlocks(r.items, options.domainTitles));
  blocks.push(heading1('三、存在的问题'), ...textParagraphs(r.problems));
  blocks.push(heading1(nextPlanHeading(r)), ...textParagraphs(r.nextPlan));
  if (r.attachments.length > 0) {
    blocks.push(new Paragraph({ style: 'BodyText', keepNext: true, spacing: { before: 280 }, children: [new TextRun('附件：')] }));
    r.attachments.forEach((a, n) => blocks.push(body(`${n + 1}. ${a.fileName}`)));
  }
  return blocks;
}

/** The .docx bytes of a unit's report. */
export function unitReportDocx(r: UnitReportDetail, options: UnitReportDocxOptions): Promise<Buffer> {
  return reportDocx({ title: r.title, issuer: r.unitName, dataLabel: options.dataLabel }, unitReportBlocks(r, options));
}

/** The file name of the export: 标题（第N版）.docx. */
export function unitReportFileName(r: Pick<UnitReportDetail, 'title' | 'version'>): string {
  return `${r.title.replace(/[\\/:*?"<>|]/g, '_')}${r.version > 1 ? `（第${r.version}版）` : ''}.docx`;
}
