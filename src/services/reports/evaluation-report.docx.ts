import { PageBreak, Paragraph, TextRun, type FileChild } from 'docx';
import { chineseNumeral } from '../../core/reports/annual-report.compose.ts';
import { decimalsFor } from '../../core/reports/change-text.ts';
import { statusByDomainChart } from '../../core/reports/chart-options.ts';
import { sectionParagraphs } from '../../core/reports/evaluation-report.compose.ts';
import type { AchievementRate, EvaluationChapter, EvaluationReport, EvaluationTargetRow } from '../../core/reports/evaluation-report.types.ts';
import type { RenderedChart } from './chart-render.ts';
import { STATUS_TEXT_COLORS, caption, coverAndOverview, currentValueText, figure, heading1, heading2, renderReportCharts, reportDocx, valueText } from './docx-blocks.ts';
import { body, dataTable, type TableColumn } from './docx-style.ts';

/** The cells of one row of a chapter's target table: 指标, 出处, 基期值, 评估年值, 规划目标, 评估结果. */
export function targetCells(year: number, row: EvaluationTargetRow): string[] {
  const d = decimalsFor(row.value, row.baseline);
  const current = currentValueText(row.unit, row.value, row.valueYear, year, d);
  return [row.indicatorName, row.sourceLabel, valueText(row.unit, row.baseline, d), current, row.targetText, row.statusLabel];
}

export function targetColumns(report: Pick<EvaluationReport, 'year' | 'baselineYear'>): TableColumn[] {
  return [
    { title: '指标', width: 26 },
    { title: '出处', width: 10, align: 'center' },
    { title: `${report.baselineYear}年`, width: 12, align: 'center' },
    { title: `${report.year}年`, width: 14, align: 'center' },
    { title: '规划目标', width: 24 },
    { title: '评估结果', width: 14, align: 'center' },
  ];
}

const RATE_COLUMNS = (first: string): TableColumn[] => [
  { title: first, width: 24 },
  { title: '目标数', width: 9, align: 'center' },
  { title: '已达标', width: 9, align: 'center' },
  { title: '预计可达标', width: 10, align: 'center' },
  { title: '达标有风险', width: 10, align: 'center' },
  { title: '预计难以达标', width: 10, align: 'center' },
  { title: '数据不足', width: 9, align: 'center' },
  { title: '达标率', width: 9, align: 'center' },
  { title: '预计达标率', width: 10, align: 'center' },
];

export function rateCells(r: AchievementRate): string[] {
  const t = r.tally;
  return [r.label, String(t.total), String(t.achieved), String(t.on_track), String(t.at_risk), String(t.off_track), String(t.insufficient_data), r.achievedRateText, r.expectedRateText];
}

/** A third-level heading (“1. …”): body font, bold, as GB/T 9704 writes it. */
function subheading(text: string): Paragraph {
  return new Paragraph({ style: 'BodyText', keepNext: true, children: [new TextRun({ text, bold: true })] });
}

/** The overview (targets of each domain by status) and, per domain, its targets by lead department and status. */
function chartsOf(report: EvaluationReport) {
  const overview = report.chapters.some((c) => c.rate.tally.total > 0) ? statusByDomainChart('各领域目标实现情况', report.chapters.map((c) => ({ title: c.title, tally: c.rate.tally }))) : null;
  const perChapter = report.chapters
    .filter((c) => c.rate.tally.total > 0)
    .map((c) => [c, statusByDomainChart(`${c.title}领域各牵头部门目标实现情况`, c.departments.map((d) => ({ title: d.label, tally: d.tally })))] as const);
  return renderReportCharts(overview, perChapter);
}

function chapterBlocks(report: EvaluationReport, chapter: EvaluationChapter, counter: { table: number; figure: number }, chart: RenderedChart | undefined): FileChild[] {
  const blocks: FileChild[] = [heading2(chapter.heading)];
  blocks.push(...chapter.paragraphs.map(body));
  if (chart !== undefined) blocks.push(...figure(chart, `图${++counter.figure}　${chapter.title}领域各牵头部门目标实现情况`));
  let sub = 0;
  if (chapter.rows.length > 0) {
    blocks.push(subheading(`${++sub}. 主要指标目标实现情况`));
    blocks.push(caption(`表${++counter.table}　${chapter.title}领域主要指标目标实现情况`));
    blocks.push(
      dataTable(
        targetColumns(report),
        chapter.rows.map((r) => targetCells(report.year, r)),
        (i, j) => (j === 5 ? STATUS_TEXT_COLORS[chapter.rows[i]!.status] : undefined),
      ),
    );
    blocks.push(body('评估依据：'));
    chapter.rows.forEach((r, i) => blocks.push(body(`（${i + 1}）${r.indicatorName}（${r.sourceLabel}）：${r.reason}。`)));
  }
  if (chapter.directionGoals.length > 0) {
    blocks.push(subheading(`${++sub}. 无量化目标的主要目标进展`));
    blocks.push(caption(`表${++counter.table}　${chapter.title}领域无量化目标的主要目标进展`));
    blocks.push(
      dataTable(
        [
          { title: '主要目标', width: 36 },
          { title: '牵头单位', width: 14 },
          { title: '指标变化趋势', width: 27 },
          { title: '成员单位自评', width: 23 },
        ],
        chapter.directionGoals.map((g) => [`${g.goalOrd}. ${g.goalText}`, g.leadUnits.join('、') || '—', g.trendText, g.assessmentText]),
      ),
    );
    const done = chapter.directionGoals.flatMap((g) => g.assessments.filter((a) => a.done.trim() !== '').map((a) => `目标${g.goalOrd}，${a.unitName}（${a.progressLabel}）：${a.done.trim()}`));
    for (const text of done) blocks.push(body(text));
  }
  return blocks;
}

/**
 * The mid-term or final evaluation report as a Word document (.docx bytes); `sections` are the texts the office
 * wrote (problems, recommendations, outlook), 「（待撰写）」 where not yet written.
 */
export async function evaluationReportDocx(report: EvaluationReport, sections: Readonly<Record<string, string>> = {}): Promise<Buffer> {
  const counter = { table: 0, figure: 0 };
  const charts = chartsOf(report);
  const children = coverAndOverview(report);
  let section = 1;
  if (charts.overview !== null) children.push(...figure(charts.overview, `图${++counter.figure}　各领域目标实现情况`));
  children.push(caption(`表${++counter.table}　各领域目标实现情况`));
  const domainRows = report.domainRates.map(rateCells);
  if (report.overview.plans.length > 1) for (const p of report.overview.plans) domainRows.push(rateCells({ ...p, label: `${p.label}小计` }));
  domainRows.push(rateCells(report.overview.rate));
  children.push(dataTable(RATE_COLUMNS('领域'), domainRows));
  if (report.departmentRates.length > 0) {
    children.push(caption(`表${++counter.table}　各牵头部门目标实现情况`));
    children.push(dataTable(RATE_COLUMNS('牵头部门'), report.departmentRates.map(rateCells)));
  }

  for (const planTitle of [...new Set(report.chapters.map((c) => c.planTitle))]) {
    children.push(heading1(`${chineseNumeral(++section)}、《${planTitle}》各领域目标实现情况`));
    for (const chapter of report.chapters.filter((c) => c.planTitle === planTitle)) children.push(...chapterBlocks(report, chapter, counter, charts.byKey.get(chapter)));
  }

  for (const spec of report.sections) {
    children.push(heading1(`${chineseNumeral(++section)}、${spec.title}`));
    children.push(...sectionParagraphs(sections[spec.key]).map(body));
  }

  children.push(new Paragraph({ children: [new PageBreak()] }));
  const unitWord = report.regionLevel === 'city' ? '成员单位' : '区县';
  children.push(heading1(`附件：${unitWord}${report.stageLabel}自评报告目录`));
  if (report.appendix.length === 0) {
    children.push(body(`暂无审核通过的${unitWord}${report.stageLabel}自评报告。`));
  } else {
    children.push(
      dataTable(
        [
          { title: '序号', width: 8, align: 'center' },
          { title: '报送单位', width: 24 },
          { title: '报告名称', width: 48 },
          { title: '报送日期', width: 20, align: 'center' },
        ],
        report.appendix.map((a, i) => [String(i + 1), a.unitName, a.title, a.submittedAt?.slice(0, 10) ?? '—']),
      ),
    );
    // The full reports stay with the units' own report records; here, what each says in brief.
    const summaries = report.appendix.filter((a) => a.overview.trim() !== '');
    if (summaries.length > 0) {
      children.push(subheading('自评报告摘要'));
      for (const a of summaries) children.push(body(`${report.appendix.indexOf(a) + 1}. ${a.unitName}：${a.overview.trim().replace(/\s*\n\s*/g, '')}`));
    }
  }

  return reportDocx(report, children);
}
