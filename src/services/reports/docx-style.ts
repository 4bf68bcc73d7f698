import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IStylesOptions,
  type ISectionOptions,
} from 'docx';

/**
 * The look of the platform's Word reports, after the national standard for official documents (GB/T 9704):
 * title in 方正小标宋简体 二号, first-level headings 黑体 三号, second-level 楷体_GB2312 三号, body 仿宋_GB2312 三号
 * at a fixed 28-point line spacing, tables 仿宋 小四; A4 with margins 37/35/28/26 mm; page numbers “— n —”.
 * Every font is named for East Asian text (eastAsia) as well as for Latin text, so Word picks the Chinese face.
 */
export const FONTS = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points. */
export const SIZES = { title: 44, heading: 32, body: 32, table: 24, small: 21 } as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

const MM = 56.7; // twips per millimetre
const LINE = 560; // 28 pt fixed
const INDENT = 640; // two characters of 16 pt

export const reportStyles: IStylesOptions = {
  default: {
    document: { run: { font: font(FONTS.body), size: SIZES.body }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } },
    title: { run: { font: font(FONTS.title), size: SIZES.title, bold: false }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 720, lineRule: LineRuleType.AT_LEAST } } },
    heading1: { run: { font: font(FONTS.heading1), size: SIZES.heading, bold: false, color: '000000' }, paragraph: { indent: { firstLine: INDENT }, spacing: { before: 120, after: 0, line: LINE, lineRule: LineRuleType.EXACT }, keepNext: true } },
    heading2: { run: { font: font(FONTS.heading2), size: SIZES.heading, bold: false, color: '000000' }, paragraph: { indent: { firstLine: INDENT }, spacing: { before: 0, after: 0, line: LINE, lineRule: LineRuleType.EXACT }, keepNext: true } },
  },
  paragraphStyles: [
    { id: 'BodyText', name: 'Body Text', basedOn: 'Normal', quickFormat: true, run: { font: font(FONTS.body), size: SIZES.body }, paragraph: { indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED, spacing: { line: LINE, lineRule: LineRuleType.EXACT } } },
    { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: font(FONTS.body), size: SIZES.table }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AT_LEAST, before: 40, after: 40 } } },
    { id: 'TableCaption', name: 'Table Caption', basedOn: 'Normal', run: { font: font(FONTS.heading1), size: SIZES.table }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60, line: 360, lineRule: LineRuleType.AT_LEAST }, keepNext: true } },
    { id: 'Figure', name: 'Figure', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, after: 120, line: 240, lineRule: LineRuleType.AUTO } } },
  ],
};

/** Header (title, and 示例数据 on every page of a demo report) and footer (“— n —”) of every page. */
export function reportSection(title: string, dataLabel: string | null): Omit<ISectionOptions, 'children'> {
  const headerRuns = [new TextRun({ text: title, font: font(FONTS.body), size: SIZES.small })];
  if (dataLabel !== null) headerRuns.push(new TextRun({ text: `　【${dataLabel}】`, font: font(FONTS.heading1), size: SIZES.small, color: 'C00000', bold: true }));
  return {
    properties: {
      page: {
        size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
        margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), header: Math.round(15 * MM), footer: Math.round(18 * MM) },
        pageNumbers: { start: 1 },
      },
    },
    headers: {
      default: new Header({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } }, children: headerRuns })],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.latin), size: 28 })],
          }),
        ],
      }),
    },
  };
}

export function body(text: string): Paragraph {
  return new Paragraph({ style: 'BodyText', children: [new TextRun(text)] });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER };

function cell(text: string, options: { header?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; width?: number; color?: string } = {}): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    ...(options.width === undefined ? {} : { width: { size: options.width, type: WidthType.PERCENTAGE } }),
    ...(options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } } : {}),
    margins: { left: 80, right: 80 },
    children: [
      new Paragraph({
        style: 'TableText',
        alignment: options.align ?? (options.header ? AlignmentType.CENTER : AlignmentType.LEFT),
        children: [new TextRun({ text, bold: options.header === true, ...(options.header ? { font: font(FONTS.heading1) } : {}), ...(options.color ? { color: options.color } : {}) })],
      }),
    ],
  });
}

export interface TableColumn {
  title: string;
  /** Percent of the table width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A bordered full-width table whose header row repeats on every page; `colors` colours one cell of a row. */
export function dataTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], colors?: (row: number, col: number) => string | undefined): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, height: { value: 400, rule: HeightRule.ATLEAST }, children: columns.map((c) => cell(c.title, { header: true, width: c.width })) }),
      ...rows.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, j) => {
              const color = colors?.(i, j);
              return cell(r[j] ?? '', { width: c.width, align: ALIGN[c.align ?? 'left'], ...(color ? { color } : {}) });
            }),
          }),
      ),
    ],
  });
}
