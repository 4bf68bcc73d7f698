import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { ResponsibilityGoal, ResponsibilityList, ResponsibilityMeasure, ResponsibilityWarning } from './responsibility-list.service.ts';

/** Fonts of Chinese official documents: body 仿宋_GB2312, headings 黑体 (named in the .docx styles). */
export const BODY_FONT = '仿宋_GB2312';
export const HEADING_FONT = '黑体';

const ROLE_LABELS = { lead: '牵头', responsible: '责任' } as const;

const goalNumber = (g: ResponsibilityGoal) => `${PLAN_KIND_LABELS[g.plan]}规划 领域${g.domain} 目标${g.goal}`;
const planSummary = (g: ResponsibilityGoal) =>
  g.implementationPlans.length === 0 ? '未报送实施方案' : g.implementationPlans.map((p) => `${p.title}（${p.statusLabel}${p.filedAt ? ` ${p.filedAt}` : ''}）`).join('；');
const unitSummary = (g: ResponsibilityGoal) =>
  [`牵头：${g.leadUnits.join('、') || '—'}`, `责任：${[...g.responsibleUnits, ...g.unitGroups].join('、') || '—'}`].join('\n');
const targetSummary = (g: ResponsibilityGoal) => g.targets.map((t) => t.text).join('；') || '—';

const dateOf = (iso: string) => iso.slice(0, 10);
const planLabel = (r: { plan: PlanKind }) => `${PLAN_KIND_LABELS[r.plan]}规划`;

type Indicator = ResponsibilityList['indicators'][number];
type Task = ResponsibilityList['tasks'][number];

/** A column of an exported table: its header, its width (Excel characters or Word per cent) and each row's cell. */
interface Column<R> {
  header: string;
  width: number;
  value: (row: R, index: number) => string | number;
}

/** An Excel column also has the key its rows are written by. */
interface SheetColumn<R> extends Column<R> {
  key: string;
}

const GOAL_SHEET: SheetColumn<ResponsibilityGoal>[] = [
  { header: '角色', key: 'role', width: 8, value: (g) => ROLE_LABELS[g.role] },
  { header: '规划', key: 'plan', width: 10, value: planLabel },
  { header: '领域', key: 'domain', width: 16, value: (g) => `（${g.domain}）${g.domainTitle}` },
  { header: '目标序号', key: 'number', width: 10, value: (g) => g.goal },
  { header: '主要目标', key: 'text', width: 60, value: (g) => g.text },
  { header: '量化目标', key: 'targets', width: 40, value: targetSummary },
  { header: '牵头、责任单位', key: 'units', width: 40, value: unitSummary },
  { header: '实施方案报送情况', key: 'reported', width: 30, value: planSummary },
];

const MEASURE_SHEET: SheetColumn<ResponsibilityMeasure>[] = [
  { header: '规划', key: 'plan', width: 10, value: planLabel },
  { header: '领域', key: 'domain', width: 8, value: (m) => m.domain },
  { header: '措施序号', key: 'measure', width: 10, value: (m) => m.measure },
  { header: '策略措施', key: 'title', width: 60, value: (m) => m.title },
  { header: '关联方式', key: 'relation', width: 24, value: (m) => (m.relation === 'named' ? '措施原文点名' : `同领域（本单位${m.via === 'lead' ? '牵头' : '参与'}该领域目标）`) },
];

const INDICATOR_SHEET: SheetColumn<Indicator>[] = [
  { header: '指标代码', key: 'code', width: 12, value: (i) => i.code },
  { header: '指标名称', key: 'name', width: 50, value: (i) => i.name },
  { header: '单位', key: 'unit', width: 12, value: (i) => i.unit },
  { header: '规划', key: 'plan', width: 10, value: planLabel },
  { header: '领域', key: 'domain', width: 8, value: (i) => i.domain },
];

const TASK_SHEET: SheetColumn<Task>[] = [
  { header: '任务', key: 'title', width: 50, value: (t) => t.title },
  { header: '类别', key: 'kind', width: 14, value: (t) => t.kindLabel },
  { header: '截止日期', key: 'due', width: 12, value: (t) => t.dueDate },
  { header: '状态', key: 'state', width: 12, value: (t) => t.dueStateLabel },
];

const WARNING_SHEET: SheetColumn<ResponsibilityWarning>[] = [
  { header: '年度', key: 'year', width: 8, value: (w) => w.year },
  { header: '指标', key: 'indicator', width: 40, value: (w) => w.indicatorName },
  { header: '地区', key: 'region', width: 12, value: (w) => w.regionName },
  { header: '级别', key: 'level', width: 10, value: (w) => w.levelLabel },
  { header: '状态', key: 'status', width: 16, value: (w) => w.statusLabel },
  { header: '原因', key: 'reason', width: 60, value: (w) => w.reason },
  { header: '未完成整改措施', key: 'pending', width: 14, value: (w) => w.pendingSteps },
];

/**
 * A sheet with a frozen bold header row and a row per item, then `after` (rows by column key); the cells below the
 * header wrap unless `wrap` is false.
 */
function addSheet<R>(wb: ExcelJS.Workbook, name: string, columns: readonly SheetColumn<R>[], rows: readonly R[], options: { wrap?: boolean; after?: Record<string, string>[] } = {}): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  const header = ws.getRow(1);
  header.font = { bold: true, name: HEADING_FONT };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  rows.forEach((r, n) => ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r, n)]))));
  for (const extra of options.after ?? []) ws.addRow(extra);
  if (options.wrap === false) return;
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
}

/** The list as an Excel workbook: one sheet per part (goals, measures, indicators, tasks, warnings). */
export async function responsibilityXlsx(list: ResponsibilityList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fuer';
  wb.created = new Date(list.generatedAt);
  addSheet(wb, '主要目标', GOAL_SHEET, [...list.lead, ...list.responsible]);
  addSheet(wb, '策略措施', MEASURE_SHEET, list.measures, { after: [{}, { title: list.measuresNote }] });
  addSheet(wb, '报送指标', INDICATOR_SHEET, list.indicators, { wrap: false });
  addSheet(wb, '待办任务', TASK_SHEET, list.tasks);
  addSheet(wb, '预警', WARNING_SHEET, list.warnings);

  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 80 },
  ];
  about.addRows([
    { k: '单位', v: list.department },
    { k: '生成时间', v: list.generatedAt },
    { k: '牵头目标', v: list.counts.lead },
    { k: '参与目标', v: list.counts.responsible },
    { k: '报送指标', v: list.counts.indicators },
    { k: '未完成任务', v: list.counts.openTasks },
    { k: '逾期任务', v: list.counts.overdueTasks },
    { k: '未销号预警', v: list.counts.openWarnings },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GOAL_TABLE: Column<ResponsibilityGoal>[] = [
  { header: '序号', width: 5, value: (_, i) => i + 1 },
  { header: '目标', width: 12, value: goalNumber },
  { header: '主要目标', width: 33, value: (g) => g.text },
  { header: '量化目标', width: 20, value: targetSummary },
  { header: '牵头、责任单位', width: 18, value: unitSummary },
  { header: '实施方案', width: 12, value: planSummary },
];

const MEASURE_TABLE: Column<ResponsibilityMeasure>[] = [
  { header: '规划', width: 10, value: planLabel },
  { header: '领域', width: 8, value: (m) => m.domain },
  { header: '措施', width: 8, value: (m) => m.measure },
  { header: '策略措施', width: 54, value: (m) => m.title },
  { header: '关联方式', width: 20, value: (m) => (m.relation === 'named' ? '原文点名' : `同领域（${m.via === 'lead' ? '牵头' : '参与'}）`) },
];

const INDICATOR_TABLE: Column<Indicator>[] = [
  { header: '代码', width: 12, value: (i) => i.code },
  { header: '指标名称', width: 58, value: (i) => i.name },
  { header: '单位', width: 15, value: (i) => i.unit },
  { header: '规划', width: 15, value: planLabel },
];

const TASK_TABLE: Column<Task>[] = [
  { header: '任务', width: 50, value: (t) => t.title },
  { header: '类别', width: 18, value: (t) => t.kindLabel },
  { header: '截止日期', width: 16, value: (t) => t.dueDate },
  { header: '状态', width: 16, value: (t) => t.dueStateLabel },
];

const WARNING_TABLE: Column<ResponsibilityWarning>[] = [
  { header: '年度', width: 8, value: (w) => w.year },
  { header: '指标', width: 25, value: (w) => w.indicatorName },
  { header: '地区', width: 10, value: (w) => w.regionName },
  { header: '级别', width: 10, value: (w) => w.levelLabel },
  { header: '状态', width: 12, value: (w) => w.statusLabel },
  { header: '原因', width: 35, value: (w) => w.reason },
];

function cell(text: string | number, options: { bold?: boolean; width?: number } = {}): TableCell {
  const lines = String(text).split('\n');
  return new TableCell({
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.PERCENTAGE },
    children: lines.map((line) => new Paragraph({ style: 'TableText', children: [new TextRun({ text: line, bold: options.bold })] })),
  });
}

const heading = (text: string, level: 1 | 2 = 1) => new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
const body = (text: string) => new Paragraph({ text });

/** A full-width table with a header row and a row per item; `empty` in its place when there are none (null: nothing). */
function tableBlock<R>(columns: readonly Column<R>[], rows: readonly R[], empty: string | null = '无。'): (Paragraph | Table)[] {
  if (rows.length === 0) return empty === null ? [] : [body(empty)];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.header, { bold: true, width: c.width })) }),
      ...rows.map((r, n) => new TableRow({ children: columns.map((c) => cell(c.value(r, n), { width: c.width })) })),
    ],
  });
  return [table];
}

/** The list as a Word document (A4 landscape): headings in 黑体, text in 仿宋_GB2312, tables per part. */
export async function responsibilityDocx(list: ResponsibilityList): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: `${list.department}责任清单` }),
    new Paragraph({ alignment: AlignmentType.CENTER, text: '（淄博市“十四五”妇女发展规划、儿童发展规划）' }),
    body(
      `本单位牵头主要目标${list.counts.lead}项，参与（责任单位）主要目标${list.counts.responsible}项，负责报送监测指标${list.counts.indicators}个；` +
        `未完成任务${list.counts.openTasks}项（其中逾期${list.counts.overdueTasks}项），未销号预警${list.counts.openWarnings}项。生成时间：${dateOf(list.generatedAt)}。`,
    ),
    heading(`一、牵头的主要目标（${list.lead.length}项）`),
    ...tableBlock(GOAL_TABLE, list.lead),
    heading(`二、参与的主要目标（${list.responsible.length}项）`),
    ...tableBlock(GOAL_TABLE, list.responsible),
    heading(`三、相关策略措施（${list.measures.length}项）`),
    body(list.measuresNote),
    ...tableBlock(MEASURE_TABLE, list.measures, null),
    heading(`四、负责报送的监测指标（${list.indicators.length}个）`),
    ...tableBlock(INDICATOR_TABLE, list.indicators),
    heading(`五、待办任务与报告（${list.tasks.length}项）`),
    ...tableBlock(TASK_TABLE, list.tasks),
    heading(`六、未销号预警（${list.warnings.length}项）`),
    ...tableBlock(WARNING_TABLE, list.warnings),
  ];

  const bodyFont = { ascii: BODY_FONT, eastAsia: BODY_FONT, hAnsi: BODY_FONT, cs: BODY_FONT };
  const headingFont = { ascii: HEADING_FONT, eastAsia: HEADING_FONT, hAnsi: HEADING_FONT, cs: HEADING_FONT };
  const doc = new Document({
    creator: 'fuer',
    title: `${list.department}责任清单`,
    styles: {
      default: {
        document: { run: { font: bodyFont, size: 28 }, paragraph: { spacing: { line: 400 } } },
        title: { run: { font: headingFont, size: 40, bold: false, color: '000000' }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { font: headingFont, size: 32, bold: false, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: headingFont, size: 28, bold: false, color: '000000' } },
      },
      paragraphStyles: [{ id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: bodyFont, size: 21 }, paragraph: { spacing: { line: 280 } } }],
    },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}
