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
import { PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { ResponsibilityGoal, ResponsibilityList } from './responsibility-list.service.ts';

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

/** The list as an Excel workbook: one sheet per part (goals, measures, indicators, tasks, warnings). */
export async function responsibilityXlsx(list: ResponsibilityList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fuer';
  wb.created = new Date(list.generatedAt);
  const sheet = (name: string, columns: { header: string; key: string; width: number }[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns;
    const header = ws.getRow(1);
    header.font = { bold: true, name: HEADING_FONT };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    return ws;
  };
  const wrap = (ws: ExcelJS.Worksheet) => {
    ws.eachRow((row, n) => {
      if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
    });
  };

  const goals = sheet('主要目标', [
    { header: '角色', key: 'role', width: 8 },
    { header: '规划', key: 'plan', width: 10 },
    { header: '领域', key: 'domain', width: 16 },
    { header: '目标序号', key: 'number', width: 10 },
    { header: '主要目标', key: 'text', width: 60 },
    { header: '量化目标', key: 'targets', width: 40 },
    { header: '牵头、责任单位', key: 'units', width: 40 },
    { header: '实施方案报送情况', key: 'reported', width: 30 },
  ]);
  for (const g of [...list.lead, ...list.responsible]) {
    goals.addRow({
      role: ROLE_LABELS[g.role],
      plan: `${PLAN_KIND_LABELS[g.plan]}规划`,
      domain: `（${g.domain}）${g.domainTitle}`,
      number: g.goal,
      text: g.text,
      targets: targetSummary(g),
      units: unitSummary(g),
      reported: planSummary(g),
    });
  }
  wrap(goals);

  const measures = sheet('策略措施', [
    { header: '规划', key: 'plan', width: 10 },
    { header: '领域', key: 'domain', width: 8 },
    { header: '措施序号', key: 'measure', width: 10 },
    { header: '策略措施', key: 'title', width: 60 },
    { header: '关联方式', key: 'relation', width: 24 },
  ]);
  for (const m of list.measures) {
    measures.addRow({
      plan: `${PLAN_KIND_LABELS[m.plan]}规划`,
      domain: m.domain,
      measure: m.measure,
      title: m.title,
      relation: m.relation === 'named' ? '措施原文点名' : `同领域（本单位${m.via === 'lead' ? '牵头' : '参与'}该领域目标）`,
    });
  }
  measures.addRow({});
  measures.addRow({ title: list.measuresNote });
  wrap(measures);

  const indicators = sheet('报送指标', [
    { header: '指标代码', key: 'code', width: 12 },
    { header: '指标名称', key: 'name', width: 50 },
    { header: '单位', key: 'unit', width: 12 },
    { header: '规划', key: 'plan', width: 10 },
    { header: '领域', key: 'domain', width: 8 },
  ]);
  for (const i of list.indicators) indicators.addRow({ ...i, plan: `${PLAN_KIND_LABELS[i.plan]}规划` });

  const tasks = sheet('待办任务', [
    { header: '任务', key: 'title', width: 50 },
    { header: '类别', key: 'kind', width: 14 },
    { header: '截止日期', key: 'due', width: 12 },
    { header: '状态', key: 'state', width: 12 },
  ]);
  for (const t of list.tasks) tasks.addRow({ title: t.title, kind: t.kindLabel, due: t.dueDate, state: t.dueStateLabel });
  wrap(tasks);

  const warnings = sheet('预警', [
    { header: '年度', key: 'year', width: 8 },
    { header: '指标', key: 'indicator', width: 40 },
    { header: '地区', key: 'region', width: 12 },
    { header: '级别', key: 'level', width: 10 },
    { header: '状态', key: 'status', width: 16 },
    { header: '原因', key: 'reason', width: 60 },
    { header: '未完成整改措施', key: 'pending', width: 14 },
  ]);
  for (const w of list.warnings) {
    warnings.addRow({ year: w.year, indicator: w.indicatorName, region: w.regionName, level: w.levelLabel, status: w.statusLabel, reason: w.reason, pending: w.pendingSteps });
  }
  wrap(warnings);

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

function cell(text: string | number, options: { bold?: boolean; width?: number } = {}): TableCell {
  const lines = String(text).split('\n');
  return new TableCell({
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.PERCENTAGE },
    children: lines.map((line) => new Paragraph({ style: 'TableText', children: [new TextRun({ text: line, bold: options.bold })] })),
  });
}

function table(headers: { text: string; width: number }[], rows: (string | number)[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h.text, { bold: true, width: h.width })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { width: headers[i]?.width })) })),
    ],
  });
}

const heading = (text: string, level: 1 | 2 = 1) => new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
const body = (text: string) => new Paragraph({ text });

function goalTable(goals: ResponsibilityGoal[]): Table | Paragraph {
  if (goals.length === 0) return body('无。');
  return table(
    [
      { text: '序号', width: 5 },
      { text: '目标', width: 12 },
      { text: '主要目标', width: 33 },
      { text: '量化目标', width: 20 },
      { text: '牵头、责任单位', width: 18 },
      { text: '实施方案', width: 12 },
    ],
    goals.map((g, i) => [i + 1, goalNumber(g), g.text, targetSummary(g), unitSummary(g), planSummary(g)]),
  );
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
    goalTable(list.lead),
    heading(`二、参与的主要目标（${list.responsible.length}项）`),
    goalTable(list.responsible),
    heading(`三、相关策略措施（${list.measures.length}项）`),
    body(list.measuresNote),
  ];
  if (list.measures.length > 0) {
    children.push(
      table(
        [
          { text: '规划', width: 10 },
          { text: '领域', width: 8 },
          { text: '措施', width: 8 },
          { text: '策略措施', width: 54 },
          { text: '关联方式', width: 20 },
        ],
        list.measures.map((m) => [`${PLAN_KIND_LABELS[m.plan]}规划`, m.domain, m.measure, m.title, m.relation === 'named' ? '原文点名' : `同领域（${m.via === 'lead' ? '牵头' : '参与'}）`]),
      ),
    );
  }
  children.push(heading(`四、负责报送的监测指标（${list.indicators.length}个）`));
  children.push(
    list.indicators.length === 0
      ? body('无。')
      : table(
          [
            { text: '代码', width: 12 },
            { text: '指标名称', width: 58 },
            { text: '单位', width: 15 },
            { text: '规划', width: 15 },
          ],
          list.indicators.map((i) => [i.code, i.name, i.unit, `${PLAN_KIND_LABELS[i.plan]}规划`]),
        ),
  );
  children.push(heading(`五、待办任务与报告（${list.tasks.length}项）`));
  children.push(
    list.tasks.length === 0
      ? body('无。')
      : table(
          [
            { text: '任务', width: 50 },
            { text: '类别', width: 18 },
            { text: '截止日期', width: 16 },
            { text: '状态', width: 16 },
          ],
          list.tasks.map((t) => [t.title, t.kindLabel, t.dueDate, t.dueStateLabel]),
        ),
  );
  children.push(heading(`六、未销号预警（${list.warnings.length}项）`));
  children.push(
    list.warnings.length === 0
      ? body('无。')
      : table(
          [
            { text: '年度', width: 8 },
            { text: '指标', width: 25 },
            { text: '地区', width: 10 },
            { text: '级别', width: 10 },
            { text: '状态', width: 12 },
            { text: '原因', width: 35 },
          ],
          list.warnings.map((w) => [w.year, w.indicatorName, w.regionName, w.levelLabel, w.statusLabel, w.reason]),
        ),
  );

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
